import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import type { CaseView } from '../../../supervision';
import { api } from '../api';
import { beijing } from '../format';
import { Card, Field, RefusalBox, SelectField, TextField, useAction, useLoad } from '../ui';

type Status = CaseView['status'];
type Step = CaseView['history'][number]['step'];

const statusNames: Record<Status, string> = {
  draft: '草稿（仅监管可见）',
  active: '检查中',
  addressed: '发现问题，待整改',
  declined: '未发现问题',
  completed: '已办结',
};
const stepNames: Record<Step, string> = {
  open: '立案',
  activate: '启动检查',
  answer: '答复',
  conclude: '检查结论',
  complete: '办结',
};

/** A regulator opens a case (监督检查) on a tender, naming the red flags it looks into, if any. */
export const OpenCaseForm = ({ onOpened }: { onOpened: () => void }) => {
  const [tenderId, setTenderId] = useState('');
  const [flags, setFlags] = useState('');
  const [concern, setConcern] = useState('');
  const open = useAction(async (key) => {
    const named = flags.split(/[,，\s]+/).filter(Boolean);
    await api('POST', '/supervision/cases', { key, body: { tenderId, flags: named, concern } });
    setConcern('');
    onOpened();
    return true;
  });
  return html`<${Card} title="开立监督检查">
    <form onSubmit=${(e: Event) => (e.preventDefault(), void open.run())}>
      <${Field} label="标段编号" name="caseTender" value=${tenderId} onInput=${setTenderId} />
      <${Field}
        label="风险线索规则（可空，逗号分隔）"
        name="caseFlags"
        value=${flags}
        onInput=${setFlags}
        hint="如 identical-bid-files；须为该标段当前的风险线索"
      />
      <${TextField} label="检查事项" name="caseConcern" value=${concern} onInput=${setConcern} required />
      <button type="submit" disabled=${open.busy}>立案（草稿）</button>
      <${RefusalBox} error=${open.error} />
    </form>
  <//>`;
};

/** The step the caller may take on a case now, as a small form; nothing when it is not theirs to take. */
const NextStep = ({ one, role, onDone }: { one: CaseView; role: string; onDone: () => void }) => {
  const [text, setText] = useState('');
  const [finding, setFinding] = useState<'violation' | 'no-violation'>('no-violation');
  const [article, setArticle] = useState('');
  const step = useAction(async (key, body: Record<string, string>) => {
    await api('POST', `/supervision/cases/${one.id}/steps`, { key, body });
    setText('');
    onDone();
    return true;
  });
  const form = (label: string, body: () => Record<string, string>, fields: unknown = null) =>
    html`<form onSubmit=${(e: Event) => (e.preventDefault(), void step.run(body()))}>
      ${fields}
      <button type="submit" disabled=${step.busy}>${label}</button>
      <${RefusalBox} error=${step.error} />
    </form>`;
  const words = (label: string) =>
    html`<${TextField}
      label=${label}
      name=${`case-${one.id}-text`}
      value=${text}
      onInput=${setText}
      required
    />`;
  if (role === 'regulator' && one.status === 'draft') return form('启动检查', () => ({ step: 'activate' }));
  if (role === 'staff' && (one.status === 'active' || one.status === 'addressed')) {
    const label = one.status === 'active' ? '情况说明' : '整改报告';
    return form(`提交${label}`, () => ({ step: 'answer', text }), words(label));
  }
  if (role === 'regulator' && one.status === 'active') {
    const body = () => ({ step: 'conclude', finding, text, ...(finding === 'violation' ? { article } : {}) });
    return form(
      '作出结论',
      body,
      html`<${SelectField}
          label="结论"
          name=${`case-${one.id}-finding`}
          value=${finding}
          options=${{ 'no-violation': '未发现问题', violation: '发现违法违规' }}
          onChange=${setFinding}
        />
        ${
          finding === 'violation' &&
          html`<${Field}
            label="违反条款"
            name=${`case-${one.id}-article`}
            value=${article}
            onInput=${setArticle}
          />`
        }
        ${words('结论说明')}`,
    );
  }
  if (role === 'regulator' && (one.status === 'addressed' || one.status === 'declined')) {
    return form('办结', () => ({ step: 'complete', text }), words('办结意见'));
  }
  return null;
};

/**
 * Monitoring cases (监督检查) as the caller may see them, each with its steps and the one step the
 * caller may take next: regulators start, conclude and complete; staff answer.
 */
export const CasesCard = ({ role, reloadKey = 0 }: { role: 'staff' | 'regulator'; reloadKey?: number }) => {
  const cases = useLoad(
    () => api<{ cases: CaseView[] }>('GET', '/supervision/cases').then((c) => c.cases),
    [reloadKey],
  );
  return html`<${Card} title="监督检查">
    <${RefusalBox} error=${cases.error} />
    ${cases.data?.length === 0 && html`<p>没有监督检查事项。</p>`}
    ${cases.data?.map(
      (one) =>
        html`<section class="case" aria-label=${`监督检查 ${one.id}`}>
          <h3>
            <code>${one.id}</code> · 标段
            <a href=${`#/tenders/${one.tenderId}`}><code>${one.tenderId}</code></a> ·
            <strong>${statusNames[one.status]}</strong>
          </h3>
          ${
            one.flags.length > 0 &&
            html`<p>
              风险线索：${one.flags.map((f) => html`<code>${f.rule}</code>（<span class="rule">${f.article}</span>） `)}
            </p>`
          }
          <ol>
            ${one.history.map(
              (e) =>
                html`<li>
                  ${beijing(e.at)} ${stepNames[e.step]}（${e.role === 'regulator' ? '监管' : '中心'} ${e.by}）
                  ${e.article && html`<span class="rule">${e.article}</span>`} ${e.text}
                </li>`,
            )}
          </ol>
          <${NextStep} one=${one} role=${role} onDone=${cases.reload} />
        </section>`,
    )}
  <//>`;
};
