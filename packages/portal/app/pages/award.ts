import { html } from 'htm/preact';
import { useRef, useState } from 'preact/hooks';
import { procedureOf, termOf, type Procedure } from '../../../procedures';
import { absentAs, api, saveChecked, Session, upload } from '../api';
import { amountHint, beijing, dayOf, fenOf, yuan } from '../format';
import { Card, Field, FileField, Progress, RefusalBox, TextField, useAction, useLoad } from '../ui';
import { loadCommittee } from './committee';
import type { TenderView } from './tender';

/**
 * From the report to the contract (评标、公示、定标、签约), on the tender's page: staff record the
 * committee's report with its file, start the candidate publicity and answer its objections (or,
 * in government procurement, record the purchaser's choice), and record the contract; bidders see
 * the publicity and object to it. Each step is the API's, which checks every rule and its time.
 */

interface Candidate {
  bidderOrg: string;
  price: number;
}

interface EvaluationView {
  candidates: Candidate[];
  signedBy: string[];
  file: { sha256: string; size: number };
  recordedAt: string;
}

/** An objection as the public publicity shows it: without who objected. */
interface Objection {
  number: number;
  text: string;
  raisedAt: string;
  answerDueAt: string;
  answer?: string;
  answeredAt?: string;
}

interface PublicityView {
  startsAt: string;
  endsAt: string;
  late: boolean;
  objections: Objection[];
}

interface OpeningRows {
  status: string;
  rows?: { bidderOrg: string; price?: number; outcome: string }[];
}

/** The suppliers' final quotes (最后报价) of 谈判/磋商, which staff see once their time is over. */
interface NegotiationView {
  finalCall?: { quotesDueAt: string };
  quotes: { bidderOrg: string; price: number }[];
}

/** What the report's candidates are chosen from: each bidder still in, with its price. */
type Offers = { bidderOrg: string; price: number }[];

const CandidatesTable = ({ candidates, caption }: { candidates: Candidate[]; caption: string }) =>
  html`<table>
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        <th>排序</th>
        <th>投标人</th>
        <th>评标价</th>
      </tr>
    </thead>
    <tbody>
      ${candidates.map(
        (c, i) =>
          html`<tr>
            <td>第 ${i + 1} 名</td>
            <td>${c.bidderOrg}</td>
            <td>${yuan(c.price)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;

/** One candidate as staff type it: the bidder, and the evaluated price in 元. */
interface CandidateRow {
  bidderOrg: string;
  price: string;
}

/**
 * The committee's report (评标报告): the ranked candidates (at most three, 条例53), the members who
 * signed it, and its PDF, uploaded to the slot the API gives before the report is recorded.
 */
const ReportForm = ({
  tenderId,
  offers,
  needsCommittee,
  committeeVersion,
  onRecorded,
}: {
  tenderId: string;
  offers: Offers;
  /** Changes whenever the committee may have: the form reads it again. */
  committeeVersion: number;
  /** The procedure's report is a drawn committee's (专家抽取), not its staff's. */
  needsCommittee: boolean;
  onRecorded: () => void;
}) => {
  const committee = useLoad(() => loadCommittee(tenderId), [tenderId, committeeVersion]);
  const [rows, setRows] = useState<CandidateRow[]>();
  // Ranked by price until staff change it: the committee's order is theirs to type.
  const shown: CandidateRow[] =
    rows ??
    [...offers]
      .sort((a, b) => a.price - b.price)
      .slice(0, 3)
      .map((b) => ({ bidderOrg: b.bidderOrg, price: yuan(b.price).replace(' 元', '') }));
  const members = (committee.data?.seats ?? [])
    .filter((s) => s.status === 'confirmed')
    .map((s) => s.expertId);
  const [typedMembers, setTypedMembers] = useState<string>();
  const signedBy = (typedMembers ?? members.join(',')).split(/[,，\s]+/).filter((id) => id !== '');
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState<number>();
  // The file uploaded for this form, kept so a retry records that same upload under the same key.
  const uploaded = useRef<{ file: File; objectKey: string }>();
  const edit = (i: number, change: Partial<CandidateRow>) =>
    setRows(shown.map((row, j) => (j === i ? { ...row, ...change } : row)));
  const record = useAction(
    async (key, body: { candidates: Candidate[]; signedBy: string[] }, _fileIdentity: string) => {
      if (!file) throw new Error('请选择评标报告文件（PDF）。');
      const unpriced = shown.findIndex((row) => fenOf(row.price) === undefined);
      if (unpriced >= 0)
        throw new Error(`第 ${unpriced + 1} 名候选人的评标价不是金额：以元为单位，最多两位小数。`);
      if (uploaded.current?.file !== file) {
        const slot = await api<{ objectKey: string; uploadUrl: string; headers: Record<string, string> }>(
          'POST',
          `/tenders/${tenderId}/evaluation/report-file`,
        );
        setProgress(0);
        await upload(slot.uploadUrl, new Uint8Array(await file.arrayBuffer()), slot.headers, setProgress);
        uploaded.current = { file, objectKey: slot.objectKey };
      }
      await api('PUT', `/tenders/${tenderId}/evaluation`, {
        key,
        body: { ...body, reportFile: uploaded.current.objectKey },
      });
      onRecorded();
    },
  );
  // The report is the whole committee's: every seat filled and every member's answer in.
  const incomplete =
    committee.data !== undefined &&
    (Object.values(committee.data.open).some((n) => n > 0) ||
      committee.data.seats.some((s) => s.status === 'notified'));
  if (needsCommittee && !committee.loading && !committee.data)
    return html`<p>评标委员会组建后记录评标报告：先在「专家抽取」中申请抽取评标专家。</p>`;
  if (incomplete)
    return html`<p>评标委员会尚未组建完成（仍有空缺席位或未答复的专家）：组建完成后记录评标报告。</p>`;
  const candidates = shown.map((row) => ({ bidderOrg: row.bidderOrg.trim(), price: fenOf(row.price) ?? 0 }));
  // A new file is a new request: its identity is part of what the key stands for.
  const fileIdentity = file ? `${file.name}:${file.size}:${file.lastModified}` : '';
  return html`<form
    onSubmit=${(event: Event) => (
      event.preventDefault(),
      void record.run({ candidates, signedBy }, fileIdentity)
    )}
  >
    <h3>记录评标报告</h3>
    <${RefusalBox} error=${committee.error} />
    <p>评标委员会推荐的中标候选人，按名次排列，至多三名（条例53）；评标价以元为单位。</p>
    ${shown.map(
      (row, i) =>
        html`<fieldset class="candidate">
          <legend>第 ${i + 1} 名候选人</legend>
          <${Field}
            label="投标人"
            name=${`candidate-${i}-org`}
            value=${row.bidderOrg}
            onInput=${(value: string) => edit(i, { bidderOrg: value })}
            list="opened-bidders"
          />
          <${Field}
            label="评标价（元）"
            name=${`candidate-${i}-price`}
            value=${row.price}
            onInput=${(value: string) => edit(i, { price: value })}
            hint=${amountHint(row.price)}
            invalid=${row.price !== '' && fenOf(row.price) === undefined}
          />
          <button type="button" class="secondary" onClick=${() => setRows(shown.filter((_, j) => j !== i))}>
            删除第 ${i + 1} 名
          </button>
        </fieldset>`,
    )}
    <datalist id="opened-bidders">${offers.map((b) => html`<option value=${b.bidderOrg} />`)}</datalist>
    ${
      shown.length < 3 &&
      html`<button
        type="button"
        class="secondary"
        onClick=${() => setRows([...shown, { bidderOrg: '', price: '' }])}
      >
        增加候选人
      </button>`
    }
    <${Field}
      label="签字的评标委员会成员（专家编号，逗号分隔）"
      name="signed-by"
      value=${typedMembers ?? members.join(',')}
      onInput=${setTypedMembers}
      hint=${members.length ? `已确认到场的成员：${members.join('、')}` : '本标段尚无已确认的评标委员会成员'}
    />
    <${FileField} label="评标报告（PDF）" name="report-file" accept="application/pdf" onFile=${setFile} />
    ${progress !== undefined && record.busy && html`<${Progress} label="正在上传评标报告" value=${progress} />`}
    <button type="submit" disabled=${record.busy}>记录评标报告</button>
    <${RefusalBox} error=${record.error} />
  </form>`;
};

/** Staff start the candidate publicity (中标候选人公示) for at least 3 days (条例54). */
const StartPublicityForm = ({ tenderId, onStarted }: { tenderId: string; onStarted: () => void }) => {
  const [days, setDays] = useState('3');
  const start = useAction(async (key, body: { days: number }) => {
    await api('POST', `/tenders/${tenderId}/publicity`, { key, body });
    onStarted();
  });
  return html`<form
    onSubmit=${(event: Event) => (event.preventDefault(), void start.run({ days: Number(days) }))}
  >
    <${Field}
      label="公示期（日）"
      name="publicity-days"
      type="number"
      min="3"
      value=${days}
      onInput=${setDays}
      hint="公示期不得少于 3 日（条例54）"
    />
    <button type="submit" disabled=${start.busy}>开始中标候选人公示</button>
    <${RefusalBox} error=${start.error} />
  </form>`;
};

/**
 * One text sent to the publicity: a bidder's objection, or staff's answer to one (each within its
 * 3 days, 条例54). The text is cleared only once the API has taken it.
 */
const PublicityTextForm = ({
  path,
  field,
  label,
  name,
  button,
  onSent,
}: {
  path: string;
  field: 'text' | 'answer';
  label: string;
  name: string;
  button: string;
  onSent: () => void;
}) => {
  const [text, setText] = useState('');
  const send = useAction(async (key, body: Record<string, string>) => {
    await api('POST', path, { key, body });
    setText('');
    onSent();
  });
  return html`<form onSubmit=${(event: Event) => (event.preventDefault(), void send.run({ [field]: text }))}>
    <${TextField} label=${label} name=${name} value=${text} onInput=${setText} required />
    <button type="submit" disabled=${send.busy}>${button}</button>
    <${RefusalBox} error=${send.error} />
  </form>`;
};

const PublicitySection = ({
  tenderId,
  publicity,
  session,
  onChange,
}: {
  tenderId: string;
  publicity: PublicityView;
  session?: Session;
  onChange: () => void;
}) =>
  html`<h3>中标候选人公示</h3>
    <p>
      ${`公示期：${beijing(publicity.startsAt)} 至 ${beijing(publicity.endsAt)}`}
      ${publicity.late ? '（开始晚于评标报告后 3 日，条例54）' : ''}
    </p>
    ${
      publicity.objections.length > 0 &&
      html`<ol class="objections">
        ${publicity.objections.map(
          (o) =>
            html`<li>
              <p>
                第 ${o.number} 号异议（${beijing(o.raisedAt)}，应于 ${beijing(o.answerDueAt)}
                前答复）：${o.text}
              </p>
              ${
                o.answer
                  ? html`<p>答复（${beijing(o.answeredAt)}）：${o.answer}</p>`
                  : session?.role === 'staff' &&
                    html`<${PublicityTextForm}
                      path=${`/tenders/${tenderId}/publicity/objections/${o.number}/answer`}
                      field="answer"
                      label=${`答复第 ${o.number} 号公示异议`}
                      name=${`publicity-answer-${o.number}`}
                      button=${`答复第 ${o.number} 号公示异议`}
                      onSent=${onChange}
                    />`
              }
            </li>`,
        )}
      </ol>`
    }
    ${
      session?.role === 'bidder' &&
      html`<${PublicityTextForm}
        path=${`/tenders/${tenderId}/publicity/objections`}
        field="text"
        label="对中标候选人提出异议"
        name="publicity-objection"
        button="提出异议"
        onSent=${onChange}
      />`
    }`;

/**
 * Staff publish the result: the winner the tenderer chose once the publicity is over and its
 * objections answered (条例55), or the one the purchaser confirmed from the report (采购人确定).
 */
const ResultForm = ({
  tenderId,
  candidates,
  procedure,
  publicityEndsAt,
  onPublished,
}: {
  tenderId: string;
  candidates: Candidate[];
  procedure: Procedure;
  publicityEndsAt?: string;
  onPublished: () => void;
}) => {
  const first = candidates[0]?.bidderOrg ?? '';
  const [winner, setWinner] = useState(first);
  const publish = useAction(async (key, body: { winner: string }) => {
    await api('POST', `/tenders/${tenderId}/result`, { key, body });
    onPublished();
  });
  const term = termOf(procedure);
  const confirmed = procedure.award.by === 'purchaser-confirmation';
  const rule =
    procedure.award.by === 'purchaser-confirmation'
      ? `采购人按评审报告的排序确定排名第一的供应商（${procedure.award.rule.article}）`
      : procedure.award.by === 'candidate-publicity'
        ? `公示期满（${beijing(publicityEndsAt)}）、异议答复后确定；国有资金占控股或者主导地位的项目应当确定排名第一的中标候选人（条例55）`
        : `按谈判情况记录确定（${procedure.award.article}）`;
  return html`<form
    onSubmit=${(event: Event) => (event.preventDefault(), void publish.run({ winner: confirmed ? first : winner }))}
  >
    <div class="field">
      <label for="award-winner">${term}人</label>
      ${
        confirmed
          ? html`<output id="award-winner">第 1 名 ${first}（${yuan(candidates[0]?.price ?? 0)}）</output>`
          : html`<select
              id="award-winner"
              value=${winner}
              onChange=${(e: Event) => setWinner((e.target as HTMLSelectElement).value)}
            >
              ${candidates.map(
                (c, i) =>
                  html`<option value=${c.bidderOrg}>
                    第 ${i + 1} 名 ${c.bidderOrg}（${yuan(c.price)}）
                  </option>`,
              )}
            </select>`
      }
      <small>${rule}</small>
    </div>
    <button type="submit" disabled=${publish.busy}>发布${term}结果</button>
    <${RefusalBox} error=${publish.error} />
  </form>`;
};

/**
 * The award letter (中标通知书 / 成交通知书): the winner, staff and the regulator download it, its
 * SHA-256 checked in the browser before it is saved; anyone else is refused by the API (法45).
 */
const AwardLetter = ({ tenderId, term }: { tenderId: string; term: string }) => {
  const name = `${term}通知书-${tenderId}.pdf`;
  const download = useAction(async () => {
    const letter = await api<{ url: string; sha256: string }>('GET', `/tenders/${tenderId}/award-letter`);
    return saveChecked(letter.url, letter.sha256, name, 'application/pdf');
  });
  return html`<p>
    <button type="button" class="secondary" disabled=${download.busy} onClick=${() => download.run()}>
      下载${term}通知书（PDF）
    </button>
    ${download.result && html`<span role="status"> ✔ ${name} 已下载，SHA-256 与平台记录一致：<code class="hash">${download.result}</code></span>`}
    <${RefusalBox} error=${download.error} />
  </p>`;
};

/** Staff record the contract's signing (法46); the bonds still held then become refunds due. */
const ContractForm = ({ tenderId, onRecorded }: { tenderId: string; onRecorded: () => void }) => {
  const [signedOn, setSignedOn] = useState(dayOf(Date.now()));
  const record = useAction(async (key, body: { signedOn: string }) => {
    const contract = await api<{ signedOn: string }>('POST', `/tenders/${tenderId}/contract`, { key, body });
    onRecorded();
    return contract;
  });
  // The lifecycle then refunds the bonds and closes the tender, a moment later.
  if (record.result)
    return html`<p role="status">✔ 已记录合同签订：${record.result.signedOn}；保证金随即转为应退款项。</p>`;
  return html`<form onSubmit=${(event: Event) => (event.preventDefault(), void record.run({ signedOn }))}>
    <h3>合同签订</h3>
    <${Field}
      label="合同签订日期"
      name="contract-signed-on"
      type="date"
      value=${signedOn}
      onInput=${setSignedOn}
      hint="中标通知书发出之日起 30 日内签订（法46）"
    />
    <button type="submit" disabled=${record.busy}>记录合同签订</button>
    <${RefusalBox} error=${record.error} />
  </form>`;
};

/**
 * The panel, once the bids are opened: what is done so far, and the next step for whoever takes it.
 * `publicized` says whether the candidates' notice is out, so nobody asks for a publicity before.
 */
export const AwardPanel = ({
  tender,
  session,
  publicized,
  committeeVersion,
  onChange,
}: {
  tender: TenderView;
  session?: Session;
  publicized: boolean;
  committeeVersion: number;
  onChange: () => void;
}) => {
  const procedure = procedureOf(tender.procedure);
  const staff = session?.role === 'staff';
  const insider = staff || session?.role === 'regulator';
  const [tick, setTick] = useState(0);
  const changed = () => (setTick((t) => t + 1), onChange());
  const awarded = tender.status === 'awarded' || tender.status === 'closed';
  const byPublicity = procedure.award.by === 'candidate-publicity';
  // What the report ranks: the opened bids, or in 谈判/磋商 the final quotes once their time is over.
  const offers = useLoad(async (): Promise<Offers | undefined> => {
    if (!staff || tender.status !== 'published' || procedure.award.by === 'negotiation-record')
      return undefined;
    if (procedure.finalQuotes) {
      const negotiation = await api<NegotiationView>('GET', `/tenders/${tender.id}/negotiation`);
      return negotiation.quotes.length > 0 ? negotiation.quotes : undefined;
    }
    const opening = await absentAs(api<OpeningRows>('GET', `/tenders/${tender.id}/opening`));
    if (opening?.status !== 'opened') return undefined;
    return (opening.rows ?? []).flatMap((r) =>
      r.outcome === 'decrypted' && r.price !== undefined ? [{ bidderOrg: r.bidderOrg, price: r.price }] : [],
    );
  }, [tender.id, tender.status, staff]);
  const reportable = offers.data !== undefined;
  const evaluation = useLoad(
    () =>
      insider && (reportable || publicized || awarded)
        ? absentAs(api<EvaluationView>('GET', `/tenders/${tender.id}/evaluation`))
        : Promise.resolve(undefined),
    [tender.id, tick, insider, reportable, publicized, awarded],
  );
  const publicity = useLoad(
    () =>
      publicized
        ? absentAs(api<PublicityView>('GET', `/tenders/${tender.id}/publicity`))
        : Promise.resolve(undefined),
    [tender.id, tick, publicized],
  );
  const report = evaluation.data;
  const unanswered = (publicity.data?.objections ?? []).filter((o) => !o.answer);
  if (!report && !publicity.data && !awarded && !reportable) return null;
  return html`<${Card} title=${`评标与${termOf(procedure) === '成交' ? '成交' : '定标'}`}>
    <${RefusalBox} error=${offers.error ?? evaluation.error ?? publicity.error} />
    ${
      report &&
      html`<${CandidatesTable}
          candidates=${report.candidates}
          caption=${`评标报告（${beijing(report.recordedAt)} 记录，签字成员 ${report.signedBy.join('、')}）`}
        />
        <p>报告文件 SHA-256：<code class="hash">${report.file.sha256}</code></p>`
    }
    ${
      staff &&
      !report &&
      !evaluation.loading &&
      offers.data &&
      html`<${ReportForm}
        tenderId=${tender.id}
        offers=${offers.data}
        needsCommittee=${procedure.expertDraw}
        committeeVersion=${committeeVersion}
        onRecorded=${changed}
      />`
    }
    ${
      staff &&
      report &&
      byPublicity &&
      !publicized &&
      html`<${StartPublicityForm} tenderId=${tender.id} onStarted=${changed} />`
    }
    ${
      publicity.data &&
      html`<${PublicitySection}
        tenderId=${tender.id}
        publicity=${publicity.data}
        session=${awarded ? undefined : session}
        onChange=${changed}
      />`
    }
    ${
      staff &&
      report &&
      !awarded &&
      byPublicity &&
      publicity.data &&
      unanswered.length > 0 &&
      html`<p>结果待异议答复后发布（条例54）。</p>`
    }
    ${
      staff &&
      report &&
      !awarded &&
      // After the publicity with every objection answered, or straight from the report where the
      // purchaser confirms the winner.
      (byPublicity ? publicity.data !== undefined && unanswered.length === 0 : true) &&
      html`<${ResultForm}
        tenderId=${tender.id}
        candidates=${report.candidates}
        procedure=${procedure}
        publicityEndsAt=${publicity.data?.endsAt}
        onPublished=${changed}
      />`
    }
    ${awarded && html`<p>${termOf(procedure)}结果已发布。</p>`}
    ${awarded && session && html`<${AwardLetter} tenderId=${tender.id} term=${termOf(procedure)} />`}
    ${staff && tender.status === 'awarded' && html`<${ContractForm} tenderId=${tender.id} onRecorded=${changed} />`}
    ${tender.status === 'closed' && html`<p>合同已签订，本标段已结束。</p>`}
  <//>`;
};
