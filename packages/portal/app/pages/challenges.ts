import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { Challenges, Complaint, complaintStepsOpen, Objection, Suspension } from '../../../complaints';
import { challengeRules } from '../../../legal-rules';
import { api, Session } from '../api';
import { beijing, instantOfLocal, localOfInstant } from '../format';
import { Card, RefusalBox, SelectField, TextField, useAction, useLoad } from '../ui';

/** What the API answers: the challenges, complainants withheld where they must be, and whether the tender waits. */
type ChallengesView = Omit<Challenges, 'version'> & {
  hold?: { article: string; reason: string };
  noticeObjections?: { until: string; article: string };
};

/** The objection's name under the tender's law: 异议 (招标投标法), 质疑 (政府采购法). */
const objectionName = (law: Challenges['law']) => (law === '政府采购法' ? '质疑' : '异议');

/** An objection to a single-source notice (74号令39), which its review concludes (74号令40). */
const NOTICE_OBJECTION = 'single-source-objection';

/** An objection's name: the law's, or that of an objection to a single-source notice. */
const nameOf = (item: Objection, law: Challenges['law']) =>
  item.rule === NOTICE_OBJECTION ? '单一来源公示异议' : objectionName(law);

/** The review's conclusion on an objection to a single-source notice (74号令40). */
const conclusionNames: Record<NonNullable<Objection['conclusion']>, string> = {
  dismissed: '异议不成立，继续单一来源采购',
  upheld: '异议成立，改用其他采购方式',
};

const subjectNames: Record<Objection['subject'], string> = {
  documents: '招标（采购）文件',
  opening: '开标',
  result: '评标（评审）结果',
  other: '其他事项',
};

const statusNames: Record<Complaint['status'], string> = {
  submitted: '已提交，待受理',
  accepted: '已受理',
  refused: '不予受理',
  'under-investigation': '调查中',
  upheld: '投诉成立',
  dismissed: '驳回投诉',
  withdrawn: '已撤回',
};

/** The article a challenge was raised under, from the rule table the API applies. */
const articleOf = (rule: string) => challengeRules[rule as keyof typeof challengeRules]?.article ?? rule;

/** Where the challenge that must come before a complaint was raised (条例60, 法55). */
const priorNames: Record<NonNullable<Complaint['prior']>['where'], string> = {
  challenges: '异议（质疑）',
  opening: '开标异议',
  publicity: '中标候选人公示异议',
};

/** Each step the regulator or the complainant takes, with what it needs typed. */
const stepNames: Record<string, { label: string; text?: 'reason' | 'decision' }> = {
  accept: { label: '受理' },
  refuse: { label: '不予受理', text: 'reason' },
  investigate: { label: '开始调查' },
  'stop-clock': { label: '暂停计时（检验、检测、鉴定或专家评审）' },
  'restart-clock': { label: '恢复计时' },
  uphold: { label: '投诉成立', text: 'decision' },
  dismiss: { label: '驳回投诉', text: 'decision' },
  suspend: { label: '暂停招标投标（采购）活动', text: 'reason' },
  lift: { label: '解除暂停' },
  withdraw: { label: '撤回投诉' },
};

/**
 * The objection (异议/质疑) and its answer; staff answer for the tenderer while it is open, and
 * conclude the review of an objection to a single-source notice (74号令40).
 */
const ObjectionItem = ({
  tenderId,
  item,
  law,
  session,
  onChange,
}: {
  tenderId: string;
  item: Objection;
  law: Challenges['law'];
  session: Session;
  onChange: () => void;
}) => {
  const [answer, setAnswer] = useState('');
  const [conclusion, setConclusion] = useState<NonNullable<Objection['conclusion']>>('dismissed');
  const review = item.rule === NOTICE_OBJECTION;
  const send = useAction(async (key) => {
    await api('POST', `/tenders/${tenderId}/challenges/${item.number}/steps`, {
      key,
      body: { step: 'answer', answer, ...(review ? { conclusion } : {}) },
    });
    onChange();
  });
  return html`<li>
    <p>
      <strong>${nameOf(item, law)} 第 ${item.number} 号</strong
      >（${review ? '单一来源采购公示' : subjectNames[item.subject]}，${articleOf(item.rule)}）
      ${item.bidderOrg && html` · 提出人 ${item.bidderOrg}`} · 提出于 ${beijing(item.raisedAt)}
    </p>
    <blockquote>${item.text}</blockquote>
    ${
      item.answer
        ? html`<p class="verified">
            答复（${beijing(item.answeredAt)}）：${item.conclusion && html`<strong>${conclusionNames[item.conclusion]}</strong>。`}${item.answer}
          </p>`
        : html`<p>答复期限：${beijing(item.answerDueAt)}</p>`
    }
    ${
      !item.answer &&
      session.role === 'staff' &&
      html`<form onSubmit=${(e: Event) => (e.preventDefault(), void send.run())}>
        <${TextField}
          label=${review ? `第 ${item.number} 号异议的补充论证意见` : `答复第 ${item.number} 号${nameOf(item, law)}`}
          name=${`answer-${item.number}`}
          value=${answer}
          onInput=${setAnswer}
          required
        />
        ${
          review &&
          html`<${SelectField}
            label="论证结论（74号令40，公示期满后 5 个工作日内）"
            name=${`conclusion-${item.number}`}
            value=${conclusion}
            options=${conclusionNames}
            onChange=${setConclusion}
          />`
        }
        <button type="submit" disabled=${send.busy}>提交答复</button>
        <${RefusalBox} error=${send.error} />
      </form>`
    }
  </li>`;
};

/** A complaint as the panel shows it, with the suspension in force, if any, and how to reload. */
interface ComplaintProps {
  tenderId: string;
  item: Complaint;
  session: Session;
  inForce?: Suspension;
  onChange: () => void;
}

/** The steps open to the signed-in user on a complaint: the regulator's, or the complainant's withdrawal. */
const ComplaintSteps = ({ tenderId, item, session, inForce, onChange }: ComplaintProps) => {
  const [text, setText] = useState('');
  const [stopReason, setStopReason] = useState<'inspection' | 'expert-review'>('expert-review');
  const mine = session.role === 'bidder' && item.bidderOrg === session.org;
  const clockStopped = item.clockStops.some((stop) => !stop.to);
  const open = complaintStepsOpen(session.role, item.status).filter(
    (step) =>
      (session.role !== 'bidder' || mine) &&
      // Suspend while none is in force; lift only the suspension this complaint asked for.
      (step !== 'suspend' || !inForce) &&
      // Stop the clock while it runs, restart it while it is stopped.
      (step !== 'stop-clock' || !clockStopped) &&
      (step !== 'restart-clock' || clockStopped) &&
      (step !== 'lift' || inForce?.complaint === item.number),
  );
  const take = useAction(async (key, step: string) => {
    const needs = stepNames[step]?.text;
    if (needs && !text.trim()) throw new Error(`请先填写${needs === 'reason' ? '理由' : '处理决定'}。`);
    const body =
      step === 'stop-clock' ? { step, reason: stopReason } : needs ? { step, [needs]: text } : { step };
    await api('POST', `/tenders/${tenderId}/challenges/${item.number}/steps`, { key, body });
    setText('');
    onChange();
  });
  if (open.length === 0) return null;
  return html`<div class="complaint-steps">
    ${
      open.some((step) => stepNames[step]?.text) &&
      html`<${TextField}
        label=${`理由或处理决定（第 ${item.number} 号投诉）`}
        name=${`complaint-text-${item.number}`}
        value=${text}
        onInput=${setText}
      />`
    }
    ${
      open.includes('stop-clock') &&
      html`<${SelectField}
        label="暂停计时的原因（条例61）"
        name=${`stop-reason-${item.number}`}
        value=${stopReason}
        options=${{ 'expert-review': '专家评审', inspection: '检验、检测、鉴定' }}
        onChange=${setStopReason}
      />`
    }
    ${open.map(
      (step) =>
        html`<button
          type="button"
          class=${step === 'withdraw' || step === 'refuse' || step === 'dismiss' ? 'secondary' : ''}
          disabled=${take.busy}
          onClick=${() => take.run(step)}
        >
          ${stepNames[step]?.label ?? step}
        </button>`,
    )}
    <${RefusalBox} error=${take.error} />
  </div>`;
};

const ComplaintItem = (props: ComplaintProps) => {
  const { item } = props;
  return html`<li>
    <p>
      <strong>投诉 第 ${item.number} 号</strong>（${subjectNames[item.subject]}，${articleOf(item.rule)}）
      ${item.bidderOrg && html` · 投诉人 ${item.bidderOrg}`} · 提交于 ${beijing(item.submittedAt)} ·
      知道或应当知道之日 ${beijing(item.knownAt)}
      ${item.prior && html` · 先行${priorNames[item.prior.where]}第 ${item.prior.number} 号`}
    </p>
    <blockquote>${item.text}</blockquote>
    <p>
      状态：<strong>${statusNames[item.status]}</strong>
      ${item.acceptDueAt && item.status === 'submitted' && html` · 受理期限 ${beijing(item.acceptDueAt)}`}
      ${item.decideDueAt && html` · 决定期限 ${beijing(item.decideDueAt)}`}
      ${item.clockStops.some((s) => !s.to) && html` · 计时已暂停`}
    </p>
    ${item.outcome && html`<p class="verified">${beijing(item.outcome.at)}：${item.outcome.text}</p>`}
    <${ComplaintSteps} ...${props} />
  </li>`;
};

/** A bidder raises an objection (异议/质疑) or files a complaint (投诉) with the day it knew. */
const RaiseForm = ({
  tenderId,
  law,
  notice,
  onChange,
}: {
  tenderId: string;
  law: Challenges['law'];
  /** Until when anyone may object to a single-source notice (74号令39). */
  notice?: { until: string; article: string };
  onChange: () => void;
}) => {
  const [kind, setKind] = useState<'objection' | 'complaint'>('objection');
  const [subject, setSubject] = useState<Objection['subject']>('documents');
  const [text, setText] = useState('');
  const [knownAt, setKnownAt] = useState(localOfInstant(new Date().toISOString()));
  const raise = useAction(async (key) => {
    const known = instantOfLocal(knownAt);
    if (kind === 'complaint' && !known) throw new Error('请填写知道或应当知道之日（北京时间）。');
    await api('POST', `/tenders/${tenderId}/challenges`, {
      key,
      body: { kind, subject, text, ...(known ? { knownAt: known } : {}) },
    });
    setText('');
    onChange();
  });
  return html`<form class="raise-challenge" onSubmit=${(e: Event) => (e.preventDefault(), void raise.run())}>
    <${SelectField}
      label="类别"
      name="challengeKind"
      value=${kind}
      options=${{ objection: `${objectionName(law)}（向招标人、采购人提出）`, complaint: '投诉（向监管部门提出）' }}
      onChange=${setKind}
    />
    <${SelectField}
      label="事项"
      name="challengeSubject"
      value=${subject}
      options=${subjectNames}
      onChange=${setSubject}
    />
    <${TextField}
      label="内容与理由"
      name="challengeText"
      value=${text}
      onInput=${setText}
      rows=${4}
      required
    />
    <div class="field">
      <label for="challengeKnownAt">知道或应当知道之日（北京时间）</label>
      <input
        id="challengeKnownAt"
        type="datetime-local"
        value=${knownAt}
        onInput=${(e: Event) => setKnownAt((e.target as HTMLInputElement).value)}
      />
      <small>期限自此起算（${law === '政府采购法' ? '法52：7 个工作日' : '条例60：10 日'}）。</small>
    </div>
    ${
      notice &&
      html`<p>
        <small
          >单一来源采购公示期内（至
          ${beijing(notice.until)}），任何供应商均可就「${subjectNames.documents}」对公示提出异议，
          无须报名（${notice.article}）。</small
        >
      </p>`
    }
    <button type="submit" disabled=${raise.busy}>提交</button>
    <${RefusalBox} error=${raise.error} />
  </form>`;
};

/**
 * A tender's objections (异议/质疑) and complaints (投诉) with their clocks: bidders raise them,
 * staff answer objections for the tenderer, the regulator takes each complaint's steps. Before the
 * result a bidder sees who raised only its own (法22).
 */
export const ChallengesPanel = ({ tenderId, session }: { tenderId: string; session: Session }) => {
  const challenges = useLoad(() => api<ChallengesView>('GET', `/tenders/${tenderId}/challenges`), [tenderId]);
  const view = challenges.data;
  const inForce = view?.suspensions.find((s) => !s.liftedAt);
  return html`<${Card} title="异议、质疑与投诉">
    <${RefusalBox} error=${challenges.error} />
    ${
      view &&
      html`${
          view.hold &&
          html`<p class="refusal" role="status">项目正在等待：${view.hold.reason}（${view.hold.article}）</p>`
        }
        ${view.items.length === 0 && html`<p>尚无${objectionName(view.law)}或投诉。</p>`}
        <ol class="challenges">
          ${view.items.map((item) =>
            item.kind === 'objection'
              ? html`<${ObjectionItem}
                  key=${item.number}
                  tenderId=${tenderId}
                  item=${item}
                  law=${view.law}
                  session=${session}
                  onChange=${challenges.reload}
                />`
              : html`<${ComplaintItem}
                  key=${item.number}
                  tenderId=${tenderId}
                  item=${item}
                  session=${session}
                  inForce=${inForce}
                  onChange=${challenges.reload}
                />`,
          )}
        </ol>
        ${
          session.role === 'bidder' &&
          html`<h3>提出${objectionName(view.law)}或投诉</h3>
            <${RaiseForm}
              tenderId=${tenderId}
              law=${view.law}
              notice=${view.noticeObjections}
              onChange=${challenges.reload}
            />`
        }`
    }
  <//>`;
};
