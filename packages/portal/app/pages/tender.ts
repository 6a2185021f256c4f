import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api, Session } from '../api';
import { beijing, size, yuan } from '../format';
import { Card, Progress, RefusalBox, useAction, useLoad } from '../ui';
import { Notice, verifyNotice } from '../verify-notice';
import { BidderPanel } from './bid';
import { BondPanel } from './bond';
import { noticeTag } from './notices';
import { ChallengesPanel } from './challenges';
import { AmendmentForm } from './amendment';
import { AwardPanel } from './award';
import { RegistrationsPanel } from './registrations';
import { NegotiationPanel } from './negotiation';
import { OpeningPanel } from './opening';
import { ServiceFeePanel } from './service-fee';
import { StaffTenderPanel } from './staff';
import { DrawsPanel } from './draws';
import { LifecyclePanel } from './supervision';
import { TerminationFacts, TerminationForm } from './termination';
import type { Termination } from '../../../tenders';
import { procedureOf, type Procedure, type ProcedureCode } from '../../../procedures';

export interface Schedule {
  documentsFrom: string;
  documentsTo: string;
  bidDeadline: string;
  openingPlace: string;
  bidBond: number;
  bidValidityDays: number;
  maxPrice?: number;
}

export interface PublishedDocument {
  documentId: string;
  version: number;
  fileName: string;
  sha256: string;
  size: number;
}

export interface TenderView {
  id: string;
  projectId: string;
  name: string;
  status: string;
  procedure?: ProcedureCode;
  termination?: Omit<Termination, 'by'>;
  publishedAt?: string;
  schedule: Schedule;
  documents: PublishedDocument[];
  /** How many 澄清/修改 were published. */
  amendments?: number;
  openingKey?: { publicKey: string; threshold: number; custodians: string[] };
  /** 单一来源: the one supplier the notice names. */
  singleSource?: { supplier: string };
  drafts?: { documentId: string; version: number; fileName: string; status: string }[];
}

const statusNames: Record<string, string> = {
  draft: '草稿',
  published: '已发布',
  failed: '招标失败',
  terminated: '已终止',
  awarded: '已定标',
  closed: '已结束',
};

/** The schedule as the procedure has it: a single-source notice has its publicity, and no opening, bond or validity. */
const ScheduleTable = ({ schedule, procedure }: { schedule: Schedule; procedure: Procedure }) =>
  procedure.sealedBids
    ? html`<${BiddingSchedule} schedule=${schedule} />`
    : html`<dl class="facts">
        <dt>公示期</dt>
        <dd>${beijing(schedule.documentsFrom)} 至 ${beijing(schedule.bidDeadline)}</dd>
      </dl>`;

const BiddingSchedule = ({ schedule }: { schedule: Schedule }) =>
  html`<dl class="facts">
    <dt>招标文件发售</dt>
    <dd>${beijing(schedule.documentsFrom)} 至 ${beijing(schedule.documentsTo)}</dd>
    <dt>投标截止（开标）时间</dt>
    <dd>${beijing(schedule.bidDeadline)}</dd>
    <dt>开标地点</dt>
    <dd>${schedule.openingPlace}</dd>
    <dt>投标保证金</dt>
    <dd>${yuan(schedule.bidBond)}</dd>
    <dt>投标有效期</dt>
    <dd>${schedule.bidValidityDays} 日</dd>
    ${
      schedule.maxPrice !== undefined &&
      html`<dt>最高投标限价</dt>
        <dd>${yuan(schedule.maxPrice)}</dd>`
    }
  </dl>`;

/** One notice with its in-browser verification against the signed checkpoint. */
const NoticeRow = ({ notice }: { notice: Notice }) => {
  const [progress, setProgress] = useState<number>();
  const check = useAction(async () => {
    setProgress(0);
    return verifyNotice(notice, undefined, setProgress);
  });
  const proof = check.result;
  return html`<li>
    <span class="tag">${noticeTag(notice)}</span> ${notice.title}
    <time datetime=${notice.publishedAt}>${beijing(notice.publishedAt)}</time>
    ${notice.type === 'amendment' && typeof notice.body.summary === 'string' && html`<p>${notice.body.summary}</p>`}
    <button type="button" disabled=${check.busy} onClick=${() => check.run()}>验证此公告</button>
    ${check.busy && html`<${Progress} label="正在核对审计日志" value=${progress} />`}
    ${
      proof &&
      html`<p class="verified" role="status">
        ✔ 验证通过：本公告由审计日志第 ${proof.index}
        条（${proof.action}）记录，该条目包含在已签名的检查点（共 ${proof.logSize}
        条）中；核对一致的字段：${proof.compared.join('、') || '（该记录不含公告字段）'}。
        ${proof.keyFromServer && html`<br /><small>日志公钥取自平台本身：可证明一致性，但要证明签名者，请与公开渠道发布的公钥比对。</small>`}
      </p>`
    }
    <${RefusalBox} error=${check.error} />
  </li>`;
};

/** A tender as everyone sees it, with what the signed-in role can do on it. */
export const TenderPage = ({ id, session }: { id: string; session?: Session }) => {
  const insider = session?.role === 'staff' || session?.role === 'regulator';
  const tender = useLoad(
    () => api<TenderView>('GET', insider ? `/tenders/${id}/manage` : `/tenders/${id}`),
    [id, insider],
  );
  // Answers recorded in the draws panel, and final quotes, change what the award panel's report form waits for.
  const [inputsVersion, setInputsVersion] = useState(0);
  const inputsChanged = () => setInputsVersion((v) => v + 1);
  const view = tender.data;
  const procedure = procedureOf(view?.procedure);
  // The feed has no tender filter: the tender's notices are among the latest hundred. A change of
  // status (a termination) brings its notice, so they are read again.
  const notices = useLoad(
    () =>
      api<{ notices: Notice[] }>('GET', '/notices?limit=100').then((page) =>
        page.notices.filter((n) => n.tenderId === id),
      ),
    [id, view?.status],
  );
  return html`<div>
    <${RefusalBox} error=${tender.error} />
    ${
      view &&
      html`<${Card} title=${view.name}>
          <p>
            标段编号 <code>${view.id}</code> · 项目 <code>${view.projectId}</code> · 状态
            <strong>${statusNames[view.status] ?? view.status}</strong>
            ${view.publishedAt && html` · 发布于 ${beijing(view.publishedAt)}`}
          </p>
          ${view.termination && html`<${TerminationFacts} termination=${view.termination} />`}
          <${ScheduleTable} schedule=${view.schedule} procedure=${procedure} />
          <h3>招标文件</h3>
          ${view.documents.length === 0 && html`<p>尚无已发布的文件。</p>`}
          <table>
            <thead>
              <tr>
                <th>文件</th>
                <th>版本</th>
                <th>大小</th>
                <th>SHA-256</th>
              </tr>
            </thead>
            <tbody>
              ${view.documents.map(
                (d) =>
                  html`<tr>
                    <td>${d.fileName}</td>
                    <td>${d.version}</td>
                    <td>${size(d.size)}</td>
                    <td><code class="hash">${d.sha256}</code></td>
                  </tr>`,
              )}
            </tbody>
          </table>
          ${
            view.openingKey &&
            procedure.sealedBids &&
            html`<p>
              开标密钥：${view.openingKey.threshold} / ${view.openingKey.custodians.length}
              位保管人（${view.openingKey.custodians.join('、')}）共同解密。
            </p>`
          }
        <//>
        ${session?.role === 'bidder' && html`<${BidderPanel} tender=${view} session=${session} />`}
        ${session?.role === 'bidder' && view.status !== 'draft' && html`<${BondPanel} tender=${view} />`}
        ${session?.role === 'staff' && html`<${StaffTenderPanel} tender=${view} onChange=${tender.reload} />`}
        ${
          session?.role === 'staff' &&
          view.status === 'published' &&
          html`<${AmendmentForm} tender=${view} onPublished=${() => (tender.reload(), notices.reload())} />`
        }
        ${
          session?.role === 'staff' &&
          view.status === 'published' &&
          html`<${TerminationForm} tender=${view} onChange=${tender.reload} />`
        }
        ${
          view.status !== 'draft' &&
          procedure.sealedBids &&
          html`<${OpeningPanel} tender=${view} session=${session} />`
        }
        ${
          session &&
          view.status !== 'draft' &&
          view.status !== 'terminated' &&
          procedure.finalQuotes &&
          html`<${NegotiationPanel} tender=${view} session=${session} onChange=${inputsChanged} />`
        }
        ${
          view.status !== 'draft' &&
          view.status !== 'terminated' &&
          html`<${AwardPanel}
            tender=${view}
            session=${session}
            publicized=${(notices.data ?? []).some((n) => n.type === 'candidates')}
            inputsVersion=${inputsVersion}
            onChange=${() => (tender.reload(), notices.reload())}
          />`
        }
        ${session && view.status !== 'draft' && html`<${ChallengesPanel} tenderId=${view.id} session=${session} />`}
        ${
          session &&
          (view.status === 'awarded' || view.status === 'closed') &&
          html`<${ServiceFeePanel} tenderId=${view.id} session=${session} />`
        }
        ${
          insider &&
          view.status !== 'draft' &&
          procedure.expertDraw &&
          html`<${DrawsPanel} tender=${view} session=${session} onCommitteeChange=${inputsChanged} />`
        }
        ${
          session?.role === 'regulator' &&
          view.status !== 'draft' &&
          html`<${RegistrationsPanel} tenderId=${view.id} />`
        }
        ${insider && html`<${LifecyclePanel} tenderId=${view.id} procedure=${procedure} key=${view.status} />`}`
    }
    <${Card} title="本标段公告">
      <${RefusalBox} error=${notices.error} />
      <ul class="notices">
        ${(notices.data ?? []).map((notice) => html`<${NoticeRow} notice=${notice} key=${notice.id} />`)}
      </ul>
      ${notices.data?.length === 0 && html`<p>暂无公告。</p>`}
    <//>
  </div>`;
};
