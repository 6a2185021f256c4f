import { html } from 'htm/preact';
import { useRef, useState } from 'preact/hooks';
import { procedureOf, termOf, type Procedure } from '../../../procedures';
import { absentAs, api, saveChecked, Session, upload } from '../api';
import { amountHint, beijing, dayOf, fenOf, yuan } from '../format';
import {
  Card,
  Field,
  FileField,
  Progress,
  RefusalBox,
  TextField,
  useAction,
  Table,
  useLoad,
  ValueForm,
} from '../ui';
import { loadCommittee } from './committee';
import type { NegotiationView } from './negotiation';
import { platformClock, usePlatformClock } from '../clock';
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

/** What the report's candidates are chosen from: each bidder still in, with its price where it has one. */
type Offers = { bidderOrg: string; price?: number }[];

/** One candidate as staff type it: the bidder, and the evaluated price in 元. */
interface CandidateRow {
  bidderOrg: string;
  price: string;
}

/**
 * What the form records: the committee's report (评标报告), or in 单一来源 the negotiation record
 * (谈判记录, 74号令42), which names the one supplier at the agreed price and is signed by the staff
 * who negotiated.
 */
const reportWords = {
  report: {
    name: '评标报告',
    title: '记录评标报告',
    supplier: '投标人',
    signed: '签字成员',
    rule: '评标委员会推荐的中标候选人，按名次排列，至多三名（条例53）；评标价以元为单位。',
    price: '评标价（元）',
    signers: '签字的评标委员会成员（专家编号，逗号分隔）',
    file: '评标报告',
  },
  record: {
    name: '谈判记录',
    title: '记录谈判情况',
    supplier: '供应商',
    signed: '签字人员',
    rule: '单一来源公示期满后，与公示的供应商协商确定价格，记录谈判情况（74号令41–42）；价格以元为单位。',
    price: '商定价格（元）',
    signers: '参加谈判并签字的人员（用户名，逗号分隔）',
    file: '谈判记录',
  },
};

type ReportWords = (typeof reportWords)['report'];

/** The recorded report (or negotiation record): its candidates in order, who signed, when. */
const CandidatesTable = ({ report, words }: { report: EvaluationView; words: ReportWords }) =>
  html`<${Table}
    caption=${`${words.name}（${beijing(report.recordedAt)} 记录，${words.signed} ${report.signedBy.join('、')}）`}
    head=${['排序', words.supplier, words.price.replace('（元）', '')]}
    rows=${report.candidates.map((c, i) => [`第 ${i + 1} 名`, c.bidderOrg, yuan(c.price)])}
  />`;

/**
 * The report and its PDF, uploaded to the slot the API gives before the report is recorded: the
 * ranked candidates and the committee members who signed it, or the negotiation record.
 */
const ReportForm = ({
  tenderId,
  offers,
  needsCommittee,
  inputsVersion,
  byRecord,
  session,
  onRecorded,
}: {
  tenderId: string;
  offers: Offers;
  /** Changes whenever the committee may have: the form reads it again. */
  inputsVersion: number;
  /** The procedure's report is a drawn committee's (专家抽取), not its staff's. */
  needsCommittee: boolean;
  /** 单一来源: the negotiation record of the one supplier, signed by staff. */
  byRecord: boolean;
  session: Session;
  onRecorded: () => void;
}) => {
  const words = reportWords[byRecord ? 'record' : 'report'];
  const committee = useLoad(
    () => (needsCommittee ? loadCommittee(tenderId) : Promise.resolve(undefined)),
    [tenderId, inputsVersion, needsCommittee],
  );
  const [rows, setRows] = useState<CandidateRow[]>();
  // Ranked by price until staff change it: the committee's order is theirs to type.
  const shown: CandidateRow[] =
    rows ??
    [...offers]
      .sort((a, b) => (a.price ?? 0) - (b.price ?? 0))
      .slice(0, 3)
      .map((b) => ({
        bidderOrg: b.bidderOrg,
        price: b.price === undefined ? '' : yuan(b.price).replace(' 元', ''),
      }));
  const members = byRecord
    ? [session.username]
    : (committee.data?.seats ?? []).filter((s) => s.status === 'confirmed').map((s) => s.expertId);
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
      if (!file) throw new Error(`请选择${words.file}文件（PDF）。`);
      const unpriced = shown.findIndex((row) => fenOf(row.price) === undefined);
      if (unpriced >= 0)
        throw new Error(
          `${byRecord ? '' : `第 ${unpriced + 1} 名候选人的`}${words.price.replace('（元）', '')}不是金额：以元为单位，最多两位小数。`,
        );
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
    <h3>${words.title}</h3>
    <${RefusalBox} error=${committee.error} />
    <p>${words.rule}</p>
    ${shown.map(
      (row, i) =>
        html`<fieldset class="candidate">
          <legend>第 ${i + 1} 名候选人</legend>
          <${Field}
            label=${words.supplier}
            name=${`candidate-${i}-org`}
            value=${row.bidderOrg}
            onInput=${(value: string) => edit(i, { bidderOrg: value })}
            list="opened-bidders"
            readOnly=${byRecord}
          />
          <${Field}
            label=${words.price}
            name=${`candidate-${i}-price`}
            value=${row.price}
            onInput=${(value: string) => edit(i, { price: value })}
            hint=${amountHint(row.price)}
            invalid=${row.price !== '' && fenOf(row.price) === undefined}
          />
          ${
            !byRecord &&
            html`<button
              type="button"
              class="secondary"
              onClick=${() => setRows(shown.filter((_, j) => j !== i))}
            >
              删除第 ${i + 1} 名
            </button>`
          }
        </fieldset>`,
    )}
    <datalist id="opened-bidders">${offers.map((b) => html`<option value=${b.bidderOrg} />`)}</datalist>
    ${
      !byRecord &&
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
      label=${words.signers}
      name="signed-by"
      value=${typedMembers ?? members.join(',')}
      onInput=${setTypedMembers}
      hint=${
        byRecord
          ? '参加谈判的采购人员签字（74号令42）'
          : members.length
            ? `已确认到场的成员：${members.join('、')}`
            : '本标段尚无已确认的评标委员会成员'
      }
    />
    <${FileField}
      label=${`${words.file}（PDF）`}
      name="report-file"
      accept="application/pdf"
      onFile=${setFile}
    />
    ${progress !== undefined && record.busy && html`<${Progress} label=${`正在上传${words.file}`} value=${progress} />`}
    <button type="submit" disabled=${record.busy}>${words.title}</button>
    <${RefusalBox} error=${record.error} />
  </form>`;
};

/** Staff start the candidate publicity (中标候选人公示) for at least 3 days (条例54). */
const StartPublicityForm = ({ tenderId, onStarted }: { tenderId: string; onStarted: () => void }) =>
  html`<${ValueForm}
    send=${async (key: string, days: string) => {
      await api('POST', `/tenders/${tenderId}/publicity`, { key, body: { days: Number(days) } });
      onStarted();
    }}
    label="公示期（日）"
    name="publicity-days"
    type="number"
    min="3"
    initial="3"
    hint=${() => '公示期不得少于 3 日（条例54）'}
    button="开始中标候选人公示"
  />`;

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
  const clock = usePlatformClock();
  const [typed, setSignedOn] = useState<string>();
  const signedOn = typed ?? (clock ? dayOf(clock.now()) : '');
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
  inputsVersion,
  onChange,
}: {
  tender: TenderView;
  session?: Session;
  publicized: boolean;
  /** Changes whenever the committee or the final quotes may have: the report's inputs are read again. */
  inputsVersion: number;
  onChange: () => void;
}) => {
  const procedure = procedureOf(tender.procedure);
  const staff = session?.role === 'staff';
  const insider = staff || session?.role === 'regulator';
  const [tick, setTick] = useState(0);
  const changed = () => (setTick((t) => t + 1), onChange());
  const awarded = tender.status === 'awarded' || tender.status === 'closed';
  const byPublicity = procedure.award.by === 'candidate-publicity';
  const byRecord = procedure.award.by === 'negotiation-record';
  // What the report ranks: the opened bids, in 谈判/磋商 the final quotes once their time is over,
  // and in 单一来源 the one supplier of the notice, at the price agreed with it.
  const offers = useLoad(async (): Promise<Offers | undefined> => {
    if (!staff || tender.status !== 'published') return undefined;
    // The negotiation follows the notice's publicity (74号令38), which ends at its deadline.
    if (byRecord) {
      const over = (await platformClock()).now() > Date.parse(tender.schedule.bidDeadline);
      return over && tender.singleSource ? [{ bidderOrg: tender.singleSource.supplier }] : undefined;
    }
    if (procedure.finalQuotes) {
      const negotiation = await api<NegotiationView>('GET', `/tenders/${tender.id}/negotiation`);
      return negotiation.quotes.length > 0 ? negotiation.quotes : undefined;
    }
    const opening = await absentAs(api<OpeningRows>('GET', `/tenders/${tender.id}/opening`));
    if (opening?.status !== 'opened') return undefined;
    return (opening.rows ?? []).flatMap((r) =>
      r.outcome === 'decrypted' && r.price !== undefined ? [{ bidderOrg: r.bidderOrg, price: r.price }] : [],
    );
  }, [tender.id, tender.status, staff, inputsVersion]);
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
      html`<${CandidatesTable} report=${report} words=${reportWords[byRecord ? 'record' : 'report']} />
        <p>报告文件 SHA-256：<code class="hash">${report.file.sha256}</code></p>`
    }
    ${
      session &&
      staff &&
      !report &&
      !evaluation.loading &&
      offers.data &&
      html`<${ReportForm}
        tenderId=${tender.id}
        offers=${offers.data}
        needsCommittee=${procedure.expertDraw}
        inputsVersion=${inputsVersion}
        byRecord=${byRecord}
        session=${session}
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
