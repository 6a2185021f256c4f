import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { httpLogClient } from '../../../audit-log';
import {
  DrawCheck,
  DrawRecord,
  DrawSecretFile,
  drawSecretText,
  newDrawSecret,
  parseDrawSecret,
  verifyDraw,
} from '../../../draw-ceremony';
import { api, saveFile, Session } from '../api';
import { beijing } from '../format';
import { Card, RefusalBox, useAction, useLoad, Verification } from '../ui';
import { CommitteeSeats, DrawRequestForm, loadCommittee } from './committee';

/** What the page reads of a draw (the API's DrawView: regulators see all of it, staff less). */
interface DrawView {
  id: string;
  purpose: 'committee' | 'supplementary';
  status: 'awaiting-commitments' | 'awaiting-reveals' | 'drawn' | 'failed';
  /** Regulators only until the result: with it staff could check a guess of whom the platform avoided. */
  requestHash?: string;
  poolHash: string;
  poolSize: number;
  frozen: { at: string; index: number };
  commitments: Record<string, { at: string; index: number; commitment: string }>;
  reveals: Record<string, { at: string; index: number }>;
  result?: { picks: { specialty: string; primaries: string[]; reserves: string[] }[] };
  failure?: { error: string };
}

const statusNames: Record<DrawView['status'], string> = {
  'awaiting-commitments': '等待承诺',
  'awaiting-reveals': '等待揭示',
  drawn: '已抽取',
  failed: '抽取失败（专家不足）',
};

const partyNames: Record<string, string> = { center: '交易中心', regulator: '监管部门' };

/** A secret file's name: the one `sunlit draw commit` uses, so either tool can reveal it. */
const secretFileName = (drawId: string) => `draw-${drawId}.secret`;

/**
 * The regulator's commitment (承诺): the secret is made here, handed to the user as a file
 * before anything is sent, and only its SHA-256 leaves the browser.
 */
const CommitForm = ({ draw, onDone }: { draw: DrawView; onDone: (made: DrawSecretFile) => void }) => {
  const [secret, setSecret] = useState<DrawSecretFile>();
  const commit = useAction(async (key) => {
    // Made once per page: a retry after a lost answer sends the commitment of the file already saved.
    let made = secret;
    if (!made) {
      made = newDrawSecret(draw.id);
      saveFile(secretFileName(draw.id), drawSecretText(made), 'application/json');
      setSecret(made);
    }
    await api('POST', `/draws/${draw.id}/commitments`, { key, body: { commitment: made.commitment } });
    onDone(made);
    return made;
  });
  return html`<div>
    <button type="button" disabled=${commit.busy} onClick=${() => commit.run()}>
      生成抽取密钥并提交承诺
    </button>
    <small>
      密钥在本浏览器中生成并保存为文件 <code>${secretFileName(draw.id)}</code>，请妥善保管以便揭示；只有它的
      SHA-256 会发送给平台。</small
    >
    <${RefusalBox} error=${commit.error} />
  </div>`;
};

/** The reveal (揭示): the secret file is read here and its secret sent; the platform checks it against the commitment. */
const RevealForm = ({ draw, onDone }: { draw: DrawView; onDone: (answer: DrawView) => void }) => {
  const [file, setFile] = useState<File>();
  const reveal = useAction(async (key) => {
    if (!file) throw new Error('请选择提交承诺时保存的抽取密钥文件。');
    const saved = parseDrawSecret(await file.text(), draw.id, file.name);
    const mine = draw.commitments.regulator?.commitment;
    if (mine && saved.commitment !== mine)
      throw new Error(
        `${file.name} 中密钥的哈希为 ${saved.commitment}，与已记录的承诺 ${mine} 不符，未揭示。`,
      );
    const answer = await api<DrawView>('POST', `/draws/${draw.id}/reveals`, {
      key,
      body: { secret: saved.secret },
    });
    onDone(answer);
    return answer;
  });
  return html`<form onSubmit=${(e: Event) => (e.preventDefault(), void reveal.run())}>
    <div class="field">
      <label for=${`secret-${draw.id}`}>抽取密钥文件（只在本浏览器中读取）</label>
      <input
        id=${`secret-${draw.id}`}
        type="file"
        accept=".secret,.json,.txt,application/json,text/plain"
        onChange=${(e: Event) => setFile((e.target as HTMLInputElement).files?.[0])}
      />
    </div>
    <button type="submit" disabled=${reveal.busy || !file}>揭示密钥并抽取</button>
    <${RefusalBox} error=${reveal.error} />
  </form>`;
};

const download = async (url: string): Promise<unknown> => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`下载抽取输入失败（HTTP ${response.status}）`);
  return response.json();
};

/**
 * Re-checks a completed draw here, trusting nothing the platform computed: the very verifier
 * `sunlit draw verify` runs (inputs against their logged hashes, secrets against commitments,
 * each step's entry proven in the signed log and their order, and the draw re-run).
 */
const VerifyDraw = ({ draw, session }: { draw: DrawView; session?: Session }) =>
  html`<${Verification}
    label="在本浏览器中验证此次抽取"
    working="正在核对抽取记录与审计日志"
    verify=${async (onProgress: (fraction: number) => void) => {
      const path = session?.role === 'regulator' ? `/draws/${draw.id}/record` : `/public/draws/${draw.id}`;
      const record = DrawRecord.parse(await api('GET', path));
      onProgress(0.2);
      const [request, pool] = await Promise.all([download(record.requestUrl), download(record.poolUrl)]);
      onProgress(0.5);
      const checks = await verifyDraw(record, { request, pool }, httpLogClient(location.origin));
      onProgress(1);
      return checks;
    }}
    matched=${(count: number) => `MATCH：抽取 ${draw.id} 的全部 ${count} 项核对一致。`}
    nameOf=${(c: DrawCheck) => c.check}
    details=${(checks: DrawCheck[]) =>
      html`<table aria-label=${`抽取 ${draw.id} 的核对结果`}>
        <thead>
          <tr>
            <th>核对项</th>
            <th>结果</th>
            <th>说明</th>
          </tr>
        </thead>
        <tbody>
          ${checks.map(
            (c) =>
              html`<tr>
                <td>${c.check}</td>
                <td>${c.ok ? '一致' : '不一致'}</td>
                <td><small>${c.detail}</small></td>
              </tr>`,
          )}
        </tbody>
      </table>`}
  />`;

const DrawItem = ({
  draw,
  session,
  onChange,
}: {
  draw: DrawView;
  session?: Session;
  onChange: () => void;
}) => {
  const regulator = session?.role === 'regulator';
  // The forms go once the reloaded draw holds the step; what the regulator did here stays said.
  const [committed, setCommitted] = useState<DrawSecretFile>();
  const [revealed, setRevealed] = useState<DrawView>();
  const onCommitted = (made: DrawSecretFile) => (setCommitted(made), onChange());
  const onRevealed = (answer: DrawView) => (setRevealed(answer), onChange());
  return html`<article class="draw" aria-label=${`抽取 ${draw.id}`}>
    <h3>
      抽取 <code>${draw.id}</code>（${draw.purpose === 'committee' ? '组建评标委员会' : '补充抽取'}）：
      <strong>${statusNames[draw.status]}</strong>
    </h3>
    <dl class="facts">
      <dt>冻结</dt>
      <dd>${beijing(draw.frozen.at)} · 审计日志第 ${draw.frozen.index} 条 · 专家库 ${draw.poolSize} 人</dd>
      ${
        draw.requestHash &&
        html`<dt>请求哈希</dt>
          <dd><code class="hash">${draw.requestHash}</code></dd>`
      }
      <dt>专家库哈希</dt>
      <dd><code class="hash">${draw.poolHash}</code></dd>
      ${Object.entries(draw.commitments).map(
        ([party, c]) =>
          html`<dt>${partyNames[party] ?? party}承诺</dt>
            <dd>
              <code class="hash">${c.commitment}</code> · ${beijing(c.at)}
              ${draw.reveals[party] && ' · 已揭示'}
            </dd>`,
      )}
      ${
        draw.result &&
        html`<dt>结果</dt>
          <dd>
            ${draw.result.picks
              .map((p) => `${p.specialty}：${p.primaries.length} 人（候补 ${p.reserves.length} 人）`)
              .join('；')}
          </dd>`
      }
      ${
        draw.failure &&
        html`<dt>失败原因</dt>
          <dd>${draw.failure.error}</dd>`
      }
    </dl>
    ${regulator && draw.status === 'awaiting-commitments' && !draw.commitments.regulator && html`<${CommitForm} draw=${draw} onDone=${onCommitted} />`}
    ${
      committed &&
      html`<p role="status">
        ✔ 已提交承诺 <code class="hash">${committed.commitment}</code>，密钥已保存为
        <code>${secretFileName(draw.id)}</code>。
      </p>`
    }
    ${regulator && draw.status === 'awaiting-reveals' && !draw.reveals.regulator && html`<${RevealForm} draw=${draw} onDone=${onRevealed} />`}
    ${revealed && html`<p role="status">✔ 已揭示：${statusNames[revealed.status]}。</p>`}
    ${regulator && (draw.status === 'drawn' || draw.status === 'failed') && html`<${VerifyDraw} draw=${draw} session=${session} />`}
  </article>`;
};

/**
 * A tender's expert draws (专家抽取) and its committee, for staff and regulators: staff request a
 * draw while seats are open and none is in progress, and record the experts' answers; the
 * regulator commits, reveals and verifies here.
 */
export const DrawsPanel = ({
  tender,
  session,
  onCommitteeChange,
}: {
  tender: { id: string; status: string };
  session: Session;
  onCommitteeChange: () => void;
}) => {
  const tenderId = tender.id;
  const draws = useLoad(() => api<{ draws: DrawView[] }>('GET', `/tenders/${tenderId}/draws`), [tenderId]);
  // The committee exists once a draw has drawn: before that there is none to ask for.
  const drawn = (draws.data?.draws ?? []).some((d) => d.status === 'drawn');
  const committee = useLoad(
    () => (drawn ? loadCommittee(tenderId) : Promise.resolve(undefined)),
    [tenderId, drawn],
  );
  const [requested, setRequested] = useState<string>();
  const reload = () => (draws.reload(), committee.reload(), onCommitteeChange());
  const staff = session.role === 'staff';
  const inProgress = (draws.data?.draws ?? []).some(
    (d) => d.status === 'awaiting-commitments' || d.status === 'awaiting-reveals',
  );
  const seatsOpen = !committee.data || Object.values(committee.data.open).some((n) => n > 0);
  return html`<${Card} title="专家抽取">
    <${RefusalBox} error=${draws.error ?? committee.error} />
    ${draws.data?.draws.length === 0 && html`<p>本标段尚未申请抽取专家。</p>`}
    ${requested && html`<p role="status">✔ 已申请抽取 <code>${requested}</code>，等待交易中心与监管部门承诺和揭示。</p>`}
    ${(draws.data?.draws ?? []).map(
      (draw) => html`<${DrawItem} draw=${draw} session=${session} onChange=${reload} key=${draw.id} />`,
    )}
    ${
      committee.data &&
      html`<${CommitteeSeats}
        tenderId=${tenderId}
        committee=${committee.data}
        answering=${staff}
        onChange=${reload}
      />`
    }
    ${
      staff &&
      tender.status === 'published' &&
      draws.data &&
      !committee.loading &&
      !inProgress &&
      seatsOpen &&
      html`<${DrawRequestForm}
        tenderId=${tenderId}
        vacancies=${committee.data?.open}
        key=${committee.data ? 'supplementary' : 'committee'}
        onRequested=${(id: string) => (setRequested(id), reload())}
      />`
    }
    <button type="button" class="secondary" onClick=${reload}>刷新</button>
  <//>`;
};
