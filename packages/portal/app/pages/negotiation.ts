import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { usePlatformClock } from '../clock';
import { procedureOf } from '../../../procedures';
import { absentAs, api, Session } from '../api';
import { amountHint, beijing, fenOf, instantOfLocal, localOfInstant, yuan } from '../format';
import { Card, RefusalBox, TextField, useAction, Table, useLoad, ValueForm } from '../ui';
import type { TenderView } from './tender';

/**
 * 谈判 and 磋商 (74号令32–33, 214号21) on the tender's page: staff record each round the team held
 * with the suppliers, then close the rounds and call for final quotes by a time; each supplier
 * whose response was opened gives its final quote (最后报价) once. The API decides who sees what:
 * a supplier its own quote, staff and the regulator every quote once the time is over.
 */

/** The negotiation as the API shows it to the caller. */
export interface NegotiationView {
  rounds: { number: number; at: string; summary?: string }[];
  finalCall?: { at: string; quotesDueAt: string };
  quotes: { bidderOrg: string; price: number; at: string }[];
}

/** Staff record a round the team held; the text is cleared only once the API has taken it. */
const RoundForm = ({ tenderId, onRecorded }: { tenderId: string; onRecorded: () => void }) => {
  const [summary, setSummary] = useState('');
  const record = useAction(async (key, body: { summary: string }) => {
    await api('POST', `/tenders/${tenderId}/negotiation/rounds`, { key, body });
    setSummary('');
    onRecorded();
  });
  return html`<form onSubmit=${(event: Event) => (event.preventDefault(), void record.run({ summary }))}>
    <${TextField}
      label="本轮谈判情况（谈判内容及对采购需求的变动，应通知所有参加谈判的供应商，74号令32）"
      name="negotiation-round"
      value=${summary}
      onInput=${setSummary}
      required
    />
    <button type="submit" disabled=${record.busy}>记录本轮谈判</button>
    <${RefusalBox} error=${record.error} />
  </form>`;
};

/** Staff close the rounds: every supplier still in quotes by the time typed, in Beijing time. */
const FinalCallForm = ({
  tenderId,
  article,
  now,
  onCalled,
}: {
  tenderId: string;
  article: string;
  /** The platform's time: the form starts two hours on, which staff change to the time the team set. */
  now: number;
  onCalled: () => void;
}) =>
  html`<${ValueForm}
    send=${async (key: string, due: string) => {
      const body = { quotesDueAt: instantOfLocal(due) ?? due };
      await api('POST', `/tenders/${tenderId}/negotiation/final-call`, { key, body });
      onCalled();
    }}
    label="最后报价截止时间（北京时间）"
    name="final-quotes-due"
    type="datetime-local"
    initial=${localOfInstant(new Date(now + 2 * 3_600_000).toISOString())}
    hint=${() => `谈判结束后，要求所有继续参加的供应商在规定时间内提交最后报价（${article}）；截止前任何人看不到报价`}
    button="结束谈判，要求最后报价"
  />`;

/** A supplier's final quote in 元, given once. */
const FinalQuoteForm = ({
  tenderId,
  article,
  onQuoted,
}: {
  tenderId: string;
  article: string;
  onQuoted: () => void;
}) =>
  html`<${ValueForm}
    send=${async (key: string, price: string) => {
      // An amount the page cannot read goes as NaN (null in JSON), which the API refuses naming the field.
      const body = { price: fenOf(price) ?? Number.NaN };
      await api('PUT', `/tenders/${tenderId}/negotiation/final-quote`, { key, body });
      onQuoted();
    }}
    label="最后报价（元）"
    name="final-quote"
    hint=${(price: string) => `${amountHint(price)}；只能提交一次，提交后不能更改（${article}）`}
    invalid=${(price: string) => price !== '' && fenOf(price) === undefined}
    button="提交最后报价"
  />`;

const QuotesTable = ({ quotes, caption }: { quotes: NegotiationView['quotes']; caption: string }) =>
  html`<${Table}
    caption=${caption}
    head=${['供应商', '最后报价', '提交时间']}
    rows=${quotes.map((q) => [q.bidderOrg, yuan(q.price), beijing(q.at)])}
  />`;

/**
 * The panel, for a procedure with final quotes once its responses are opened. `onChange` tells the
 * tender page, whose report form ranks the final quotes.
 */
export const NegotiationPanel = ({
  tender,
  session,
  onChange,
}: {
  tender: TenderView;
  session: Session;
  onChange: () => void;
}) => {
  const { finalQuotes } = procedureOf(tender.procedure);
  const staff = session.role === 'staff';
  const bidder = session.role === 'bidder';
  const [tick, setTick] = useState(0);
  const changed = () => (setTick((t) => t + 1), onChange());
  // The rounds follow the opening (staff read it); a supplier whose response was not opened is answered 404.
  const negotiation = useLoad(async () => {
    if (staff) {
      const opening = await absentAs(api<{ status: string }>('GET', `/tenders/${tender.id}/opening`));
      if (opening?.status !== 'opened') return undefined;
    }
    return absentAs(api<NegotiationView>('GET', `/tenders/${tender.id}/negotiation`));
  }, [tender.id, tick, staff]);
  const view = negotiation.data;
  const clock = usePlatformClock();
  const dueAt = view?.finalCall ? Date.parse(view.finalCall.quotesDueAt) : undefined;
  const closed = clock !== undefined && dueAt !== undefined && clock.now() >= dueAt;
  // Read again when the quotes' time comes: their table and the report form ranking them appear.
  useEffect(() => {
    if (!clock || dueAt === undefined || closed) return;
    const timer = setTimeout(changed, Math.min(dueAt - clock.now() + 1000, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [clock, dueAt, closed]);
  if (!finalQuotes || (!view && !negotiation.error)) return null;
  if (view && bidder && !view.finalCall && view.rounds.length === 0) return null;
  const open = tender.status === 'published';
  const mine = view?.quotes.find((q) => q.bidderOrg === session.org);
  return html`<${Card} title="谈判与最后报价">
    <${RefusalBox} error=${negotiation.error} />
    ${
      view &&
      html`${
        view.rounds.length === 0
          ? html`<p>尚未记录谈判轮次。</p>`
          : html`<ol class="rounds" aria-label="谈判轮次">
              ${view.rounds.map(
                (r) =>
                  html`<li>第 ${r.number} 轮（${beijing(r.at)}）${r.summary ? `：${r.summary}` : ''}</li>`,
              )}
            </ol>`
      }
      ${staff && open && !view.finalCall && html`<${RoundForm} tenderId=${tender.id} onRecorded=${changed} />`}
      ${
        staff &&
        open &&
        !view.finalCall &&
        view.rounds.length > 0 &&
        clock &&
        html`<${FinalCallForm}
          tenderId=${tender.id}
          article=${finalQuotes.article}
          now=${clock.now()}
          onCalled=${changed}
        />`
      }
      ${
        view.finalCall &&
        html`<p>
          ${beijing(view.finalCall.at)} 结束谈判，最后报价截止于
          ${beijing(view.finalCall.quotesDueAt)}（${finalQuotes.article}）。
        </p>`
      }
      ${
        bidder &&
        mine &&
        html`<p role="status">✔ 您的最后报价：${yuan(mine.price)}（${beijing(mine.at)} 提交），不能更改。</p>`
      }
      ${bidder && !mine && closed && html`<p>您未在截止时间前提交最后报价。</p>`}
      ${
        bidder &&
        !mine &&
        open &&
        view.finalCall &&
        !closed &&
        html`<${FinalQuoteForm} tenderId=${tender.id} article=${finalQuotes.article} onQuoted=${changed} />`
      }
      ${
        !bidder &&
        view.finalCall &&
        (view.quotes.length > 0
          ? html`<${QuotesTable} quotes=${view.quotes} caption="各供应商的最后报价" />`
          : closed
            ? html`<p>截止时没有供应商提交最后报价。</p>`
            : html`<p>尚无可查看的最后报价：截止前任何人看不到报价，也看不到报价的数量。</p>`)
      }`
    }
  <//>`;
};
