import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { BID_OUTCOME_GROUNDS, procedureOf, type ProcedureCode } from '../../../procedures';
import type { Termination } from '../../../tenders';
import { api } from '../api';
import { beijing } from '../format';
import { Card, RefusalBox, SelectField, TextField, useAction, useLoad } from '../ui';

type Ground = Termination['ground'];

const groundNames: Record<Ground, string> = {
  cancelled: '项目取消，终止招标（采购）',
  'objection-upheld': '公示异议成立，改用其他采购方式',
  'no-longer-applicable': '情况变化，不再符合该采购方式的适用情形',
  'unlawful-conduct': '出现影响采购公正的违法、违规行为',
  'too-few-suppliers': '符合要求或报价未超过预算的供应商不足3家',
  'over-budget': '投标报价均超过采购预算，采购人不能支付',
};

/** A ground as its article words it: 政府采购法36 counts the suppliers qualified or responding in substance. */
const groundName = (ground: Ground, article: string) =>
  ground === 'too-few-suppliers' && article === '政府采购法36'
    ? '符合专业条件或对招标文件作实质响应的供应商不足3家'
    : groundNames[ground];

/** 终止: what everyone reads of a terminated tender, as its notice says it. */
export const TerminationFacts = ({ termination }: { termination: Omit<Termination, 'by'> }) =>
  html`<p class="refusal" role="status">
    本标段已于 ${beijing(termination.at)}
    终止（${termination.article}）：${groundName(termination.ground, termination.article)}。
    原因：${termination.reason}
  </p>`;

/**
 * Staff end a published tender before its result, on a ground its procedure gives: the grounds
 * offered are the procedure table's own, the same the API checks.
 */
export const TerminationForm = ({
  tender,
  onChange,
}: {
  tender: { id: string; procedure?: ProcedureCode };
  onChange: () => void;
}) => {
  const procedure = procedureOf(tender.procedure);
  // Too few suppliers or every price over the budget is known only once the responses are opened.
  const opening = useLoad(
    () =>
      procedure.sealedBids
        ? api<{ status: string }>('GET', `/tenders/${tender.id}/opening`).then(
            (o) => o.status,
            () => undefined,
          )
        : Promise.resolve(undefined),
    [tender.id],
  );
  const grounds = (Object.keys(procedure.termination.grounds) as Ground[]).filter(
    (g) => !BID_OUTCOME_GROUNDS.has(g) || opening.data === 'opened',
  );
  const [chosen, setGround] = useState<Ground>();
  const [reason, setReason] = useState('');
  const ground = chosen ?? grounds[0];
  const send = useAction(async (key) => {
    await api('POST', `/tenders/${tender.id}/termination`, { key, body: { ground, reason } });
    onChange();
    return true;
  });
  const { termination } = procedure;
  const row = ground ? termination.grounds[ground] : undefined;
  const notice = row?.notice ?? { title: '终止公告', article: termination.article };
  const stillSealed = procedure.sealedBids && opening.data !== 'opened';
  return html`<${Card} title="终止本标段">
    <form onSubmit=${(e: Event) => (e.preventDefault(), void send.run())}>
      <p>
        终止后发布${notice.title}（${notice.article}），已报名的供应商收到书面通知，已交的保证金按期退还${stillSealed ? '，投标文件不予开启' : ''}。
      </p>
      <${SelectField}
        label="终止依据"
        name="terminationGround"
        value=${ground}
        options=${Object.fromEntries(
          grounds.map((g) => [
            g,
            `${groundName(g, termination.grounds[g]!.article)}（${termination.grounds[g]!.article}）`,
          ]),
        )}
        onChange=${setGround}
      />
      <${TextField}
        label="终止原因（公告中公开）"
        name="terminationReason"
        value=${reason}
        onInput=${setReason}
        required
      />
      <button type="submit" disabled=${send.busy}>终止并发布${notice.title}</button>
      <${RefusalBox} error=${send.error} />
    </form>
  <//>`;
};
