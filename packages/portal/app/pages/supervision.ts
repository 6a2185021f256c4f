import { html } from 'htm/preact';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, saveFile } from '../api';
import { beijing, dayOf } from '../format';
import type { Procedure } from '../../../procedures';
import { Card, Field, RefusalBox, useAction, useLoad } from '../ui';
import { CasesCard, OpenCaseForm } from './cases';

interface Alert {
  tenderId: string;
  rule: string;
  article: string;
  message: string;
  dueAt: string;
}

interface RedFlag {
  tenderId: string;
  rule: string;
  level: string;
  article: string;
  rationale: string;
  evidence: Record<string, unknown>;
}

const levelNames: Record<string, string> = { alarm: '告警', warning: '警示', notice: '提示' };

interface StepKpi {
  article: string;
  due: number;
  onTime: number;
  late: number;
  onTimeRate: number | null;
}

interface KpiReport {
  agencies: { org: string; steps: Record<string, StepKpi> }[];
  staff: { user: string; steps: Record<string, StepKpi> }[];
}

const stepNames: Record<string, string> = {
  'publicity-start': '开始中标候选人公示',
  'publicity-objection-answer': '答复公示期异议',
  'contract-signing': '签订合同',
};

/** One row per agency or staff member and step: how many were due, met and missed. */
const kpiRows = (report: KpiReport) =>
  [
    ...report.agencies.map((a) => ({ who: `机构 ${a.org}`, steps: a.steps })),
    ...report.staff.map((s) => ({ who: `经办人 ${s.user}`, steps: s.steps })),
  ].flatMap(({ who, steps }) => Object.entries(steps).map(([rule, kpi]) => ({ who, rule, ...kpi })));

/** The Beijing year under way, as the period the KPIs are counted over. */
const thisYear = () => {
  const year = dayOf(Date.now()).slice(0, 4);
  return `from=${year}-01-01T00:00:00%2B08:00&to=${Number(year) + 1}-01-01T00:00:00%2B08:00`;
};

const TenderLink = ({ id }: { id: string }) => html`<a href=${`#/tenders/${id}`}><code>${id}</code></a>`;

/** One list a regulator reads: loaded from the API, as a table with a heading per column, or a line when empty. */
const ListCard = <T>({
  title,
  load,
  empty,
  columns,
  row,
}: {
  title: string;
  load: () => Promise<T[]>;
  empty: string;
  columns: string[];
  row: (item: T) => ComponentChildren[];
}) => {
  const items = useLoad(load, []);
  return html`<${Card} title=${title}>
    <${RefusalBox} error=${items.error} />
    ${items.data?.length === 0 && html`<p>${empty}</p>`}
    ${
      (items.data?.length ?? 0) > 0 &&
      html`<table aria-label=${title}>
        <thead>
          <tr>
            ${columns.map((name) => html`<th>${name}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${items.data!.map(
            (item) =>
              html`<tr>
                ${row(item).map((cell) => html`<td>${cell}</td>`)}
              </tr>`,
          )}
        </tbody>
      </table>`
    }
  <//>`;
};

/** 绩效评估: the month's report, downloaded as the CSV the API gives. */
const MonthlyReportCard = () => {
  const [month, setMonth] = useState(dayOf(Date.now()).slice(0, 7));
  const download = useAction(async () => {
    const file = await api<string>('GET', `/supervision/reports/${month}`);
    const name = `supervision-report-${month}.csv`;
    saveFile(name, file, 'text/csv');
    return { name, rows: file.trim().split('\n').length - 1 };
  });
  return html`<${Card} title="月度报告">
    <${Field} label="月份" name="reportMonth" type="month" value=${month} onInput=${setMonth} />
    <button type="button" disabled=${download.busy} onClick=${() => download.run()}>
      下载月度报告（CSV）
    </button>
    ${
      download.result &&
      html`<p class="verified" role="status">
        ✔ 已下载 <code>${download.result.name}</code>：${download.result.rows}
        行（时限办结、超时事项、监督检查）。
      </p>`
    }
    <${RefusalBox} error=${download.error} />
  <//>`;
};

/**
 * 电子监察: the time limits that passed and the red flags, for regulators, each row linking to its
 * tender; and the monitoring cases opened on them.
 */
export const SupervisionHome = () => {
  const [opened, setOpened] = useState(0);
  return html`<div>
    <${ListCard}
      title="超时预警"
      load=${() => api<{ alerts: Alert[] }>('GET', '/supervision/alerts').then((a) => a.alerts)}
      empty="没有超过时限的事项。"
      columns=${['标段', '依据', '事项', '应于']}
      row=${(a: Alert) => [
        html`<${TenderLink} id=${a.tenderId} />`,
        html`<span class="rule">${a.article}</span>`,
        a.message,
        beijing(a.dueAt),
      ]}
    />
    <${ListCard}
      title="风险线索"
      load=${() => api<{ flags: RedFlag[] }>('GET', '/supervision/red-flags').then((f) => f.flags)}
      empty="没有风险线索。"
      columns=${['级别', '标段', '依据', '理由', '证据']}
      row=${(f: RedFlag) => [
        levelNames[f.level] ?? f.level,
        html`<${TenderLink} id=${f.tenderId} />`,
        html`<span class="rule">${f.article}</span>`,
        f.rationale,
        html`<small><code>${f.rule}</code> ${JSON.stringify(f.evidence)}</small>`,
      ]}
    />
    <${ListCard}
      title="限时办结（本年度）"
      load=${() => api<KpiReport>('GET', `/supervision/kpis?${thisYear()}`).then(kpiRows)}
      empty="本年度尚无到期的时限。"
      columns=${['机构或经办人', '事项', '依据', '到期', '按时', '超时', '按时率']}
      row=${(k: ReturnType<typeof kpiRows>[number]) => [
        k.who,
        stepNames[k.rule] ?? k.rule,
        html`<span class="rule">${k.article}</span>`,
        k.due,
        k.onTime,
        k.late,
        k.onTimeRate === null ? '—' : `${(k.onTimeRate * 100).toFixed(1)}%`,
      ]}
    />
    <${OpenCaseForm} onOpened=${() => setOpened((n) => n + 1)} />
    <${CasesCard} role="regulator" reloadKey=${opened} />
    <${MonthlyReportCard} />
  </div>`;
};

interface LifecycleView {
  stage: 'draft' | 'bidding' | 'running' | 'waiting' | 'failed-tender' | 'terminated' | 'closed' | 'stopped';
  bidDeadline?: string;
  waiting?: { step: string; since: string; dueAt: string };
  overdue: { step: string; article: string; since: string; dueAt: string; raisedAt: string }[];
  failure?: { error: string; cause: string; at: string };
  closedAt?: string;
}

/**
 * The lifecycle's path for the tender's procedure, in the order the state machine runs it: only the
 * steps the procedure takes (单一来源 opens nothing and draws no experts; government procurement
 * has no candidate publicity); `answers` and a tenderer's `result` are taken only when needed.
 */
const pathOf = (procedure: Procedure): [step: string, name: string][] => {
  const { award } = procedure;
  const publicity = award.by === 'candidate-publicity';
  const steps: [step: string, name: string, taken: boolean][] = [
    ['bidding', procedure.sealedBids ? '接受投标' : procedure.announcement, true],
    ['shares', '开标（保管人提交分片）', procedure.sealedBids],
    ['draw', '专家抽取', procedure.expertDraw],
    ['negotiation', '谈判（磋商）与最后报价', procedure.finalQuotes !== undefined],
    [
      'report',
      award.by === 'negotiation-record' ? '协商情况记录' : procedure.publicOpening ? '评标报告' : '评审报告',
      true,
    ],
    ['publicity', '中标候选人公示', publicity],
    ['answers', '答复公示异议（如有）', publicity],
    [
      'result',
      award.by === 'purchaser-confirmation'
        ? `采购人确认${award.term}供应商`
        : '确定中标人（非国有资金项目）',
      award.by !== 'negotiation-record',
    ],
    ['contract', '签订合同', true],
  ];
  return steps.filter(([, , taken]) => taken).map(([step, name]) => [step, name]);
};

const stageNames: Record<LifecycleView['stage'], string> = {
  draft: '草稿，尚未发布',
  bidding: '接受投标中',
  running: '平台正在执行步骤',
  waiting: '等待办理',
  'failed-tender': '流标',
  terminated: '已终止',
  closed: '已结束',
  stopped: '已停止',
};

/** Where a tender's lifecycle stands on its path: what it waits for, since and until when, and what ran late. */
export const LifecyclePanel = ({ tenderId, procedure }: { tenderId: string; procedure: Procedure }) => {
  const path = pathOf(procedure);
  const lifecycle = useLoad(() => api<LifecycleView>('GET', `/tenders/${tenderId}/lifecycle`), [tenderId]);
  const view = lifecycle.data;
  const current =
    view?.stage === 'bidding' ? 'bidding' : view?.stage === 'waiting' ? view.waiting?.step : undefined;
  const at = current
    ? path.findIndex(([step]) => step === current)
    : view?.stage === 'closed'
      ? path.length
      : -1;
  return html`<${Card} title="流程">
    <${RefusalBox} error=${lifecycle.error} />
    ${
      view &&
      html`<p>
          当前：<strong>${stageNames[view.stage]}</strong>
          ${view.closedAt && ` · 结束于 ${beijing(view.closedAt)}`}
        </p>
        <ol class="lifecycle" aria-label="流程路径">
          ${path.map(([step, name], i) => {
            const late = view.overdue.find((o) => o.step === step);
            // Between waits (the platform running its own steps) the page does not guess the position.
            const state = at < 0 ? '' : i < at ? ' · 已过' : i === at ? ' · 当前' : ' · 未到';
            return html`<li class=${i === at ? 'current' : i < at ? 'passed' : ''}>
              <strong>${name}</strong>${state}
              ${step === 'bidding' && view.bidDeadline && html` · 截止 ${beijing(view.bidDeadline)}`}
              ${
                i === at &&
                view.waiting &&
                html` · 自 ${beijing(view.waiting.since)} 起等待，时限 ${beijing(view.waiting.dueAt)}`
              }
              ${late && html` · <span class="rule">${late.article}</span> 已超时（应于 ${beijing(late.dueAt)}）`}
            </li>`;
          })}
        </ol>
        ${view.failure && html`<p class="refusal">执行失败：${view.failure.error}（${beijing(view.failure.at)}）</p>`}`
    }
  <//>`;
};
