import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { OpeningCheck, OpeningView as PublishedOpening, verifyOpening } from '../../../bidding';
import { decodeKey, decryptShare, encodeKey } from '../../../sealed-bids';
import { absentAs, api, Session, sha256Hex } from '../api';
import { beijing, yuan } from '../format';
import { Card, FileField, Progress, RefusalBox, useAction, useLoad, Verification } from '../ui';
import { verifyReceiptFile } from '../verify-receipt';
import type { TenderView } from './tender';

interface OpeningView {
  status: string;
  bidCount?: number;
  submittedBy: string[];
  rows?: { bidderOrg: string; price?: number; durationDays?: number; outcome: string }[];
}

const outcomeNames: Record<string, string> = { decrypted: '已解密', failed: '解密失败' };

const statusNames: Record<string, string> = {
  'awaiting-shares': '等待保管人提交密钥分片',
  decrypting: '正在解密投标文件',
  opened: '已开标',
  failed: '流标',
};

/**
 * A custodian's share: the key file is read here and its private key used here only, to decrypt
 * the share the platform holds for this custodian; only the decrypted share is sent, after its
 * hash matches the one published with the opening key.
 */
const ShareForm = ({ tender, session }: { tender: TenderView; session: Session }) => {
  const [file, setFile] = useState<File>();
  const submit = useAction(async (key) => {
    if (!file) throw new Error('请选择您的保管人密钥文件。');
    let saved: { user?: string; privateKey?: string };
    try {
      saved = JSON.parse(await file.text()) as typeof saved;
    } catch {
      throw new Error(`${file.name} 不是保管人密钥文件（JSON）。`);
    }
    if (saved.user !== session.username)
      throw new Error(`${file.name} 是 ${saved.user ?? '（未知）'} 的密钥，不是 ${session.username} 的。`);
    const mine = await api<{ custodian: string; encryptedShare: string; shareSha256: string }>(
      'GET',
      `/tenders/${tender.id}/opening-key/mine`,
    );
    const privateKey = decodeKey(saved.privateKey ?? '', 'privateKey');
    const share = await decryptShare(mine.encryptedShare, privateKey, tender.id, mine.custodian);
    privateKey.fill(0);
    try {
      const sha256 = await sha256Hex(share);
      if (sha256 !== mine.shareSha256)
        throw new Error(`解密得到的分片哈希为 ${sha256}，与公布的 ${mine.shareSha256} 不符，未提交。`);
      return await api<OpeningView>('POST', `/tenders/${tender.id}/opening/shares`, {
        key,
        body: { share: encodeKey(share) },
      });
    } finally {
      share.fill(0);
    }
  });
  return html`<form onSubmit=${(e: Event) => (e.preventDefault(), void submit.run())}>
    <${FileField}
      label="保管人密钥文件（只在本浏览器中读取，不会上传）"
      name="custodianKey"
      accept=".key,.json,application/json"
      onFile=${setFile}
    />
    <button type="submit" disabled=${submit.busy || !file}>解密并提交我的分片</button>
    ${submit.result && html`<p role="status">✔ 分片已提交。</p>`}
    <${RefusalBox} error=${submit.error} />
  </form>`;
};

/**
 * Anyone re-checks the opening record here against the sealed bids, with the verifier
 * `sunlit opening verify` runs: every ciphertext downloaded, hashed and opened in the browser.
 */
const VerifyOpening = ({ tenderId }: { tenderId: string }) =>
  html`<${Verification}
    label="在本浏览器中验证开标记录"
    working="正在下载并解密投标文件"
    verify=${async (onProgress: (fraction: number) => void) =>
      verifyOpening(tenderId, PublishedOpening.parse(await api('GET', `/tenders/${tenderId}/opening`)), {
        onProgress: (done, total) => onProgress(done / total),
      })}
    matched=${(count: number) => `MATCH：开标记录与全部 ${count} 份密文一致。`}
    nameOf=${(c: OpeningCheck) => c.subject}
  />`;

/**
 * Anyone who kept a receipt checks here, from the opening on, that the platform logged what it
 * promised: the file is read in this browser and checked with the CLI's own verifier.
 */
const ReceiptCheck = ({ tenderId }: { tenderId: string }) => {
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState<number>();
  const check = useAction(async () => {
    if (!file) throw new Error('请选择回执文件。');
    setProgress(0);
    return verifyReceiptFile(await file.text(), tenderId, setProgress);
  });
  const proof = check.result;
  return html`<form onSubmit=${(e: Event) => (e.preventDefault(), void check.run())}>
    <${FileField}
      label="投标回执文件（只在本浏览器中读取）"
      name="receiptFile"
      accept=".json,application/json"
      onFile=${setFile}
    />
    <button type="submit" disabled=${check.busy || !file}>核验回执是否被收录</button>
    ${check.busy && html`<${Progress} label="正在核对过程日志与锚点" value=${progress} />`}
    ${
      proof &&
      html`<p class="verified" role="status">
        ✔ 已收录：${proof.receipt.action === 'bid.withdrawn' ? '撤回' : '投标文件'}
        <code>${proof.receipt.bidId}</code> 是本标段过程日志中序号为 ${proof.index} 的记录（序号从 0
        起），位于截止时的最终锚点之下；过程日志 ${proof.entries} 条记录与 ${proof.anchors}
        个锚点均与公共审计日志一致。
      </p>`
    }
    <${RefusalBox} error=${check.error} />
  </form>`;
};

/** Local stack only: moves the platform's clock past the deadline, so a demo need not wait weeks. */
const LocalClock = ({ tender, onAdvanced }: { tender: TenderView; onAdvanced: () => void }) => {
  const clock = useLoad(() => api<{ now: string }>('GET', '/.local/clock'), []);
  const advance = useAction(async (key) => {
    const ahead = Date.parse(tender.schedule.bidDeadline) + 60_000 - Date.parse(clock.data!.now);
    if (ahead > 0) await api('POST', '/.local/clock', { key, body: { advanceMs: ahead } });
    clock.reload();
    onAdvanced();
    return true;
  });
  if (!clock.data || Date.parse(clock.data.now) > Date.parse(tender.schedule.bidDeadline)) return null;
  return html`<p>
    本机演示环境，平台时间 ${beijing(clock.data.now)}。
    <button type="button" class="secondary" disabled=${advance.busy} onClick=${() => advance.run()}>
      将平台时钟拨到投标截止之后
    </button>
    <${RefusalBox} error=${advance.error} />
  </p>`;
};

/** The opening (开标): who has given a share, live, and the record once opened. */
export const OpeningPanel = ({ tender, session }: { tender: TenderView; session?: Session }) => {
  const [tick, setTick] = useState(0);
  const opening = useLoad(
    () => absentAs(api<OpeningView>('GET', `/tenders/${tender.id}/opening`)),
    [tender.id, tick],
  );
  // Past the deadline the lifecycle opens the bids by itself: watch for it, then for the shares.
  const [expecting, setExpecting] = useState(false);
  // A terminated tender (终止) opens nothing: its bids stay sealed.
  const ended = tender.status === 'terminated';
  const live =
    !ended &&
    (opening.data?.status === 'awaiting-shares' ||
      opening.data?.status === 'decrypting' ||
      (!opening.data && (expecting || Date.now() > Date.parse(tender.schedule.bidDeadline))));
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setTick((t) => t + 1), 3000);
    return () => clearInterval(timer);
  }, [live]);
  const view = opening.data;
  const custodian = tender.openingKey?.custodians.includes(session?.username ?? '');
  return html`<${Card} title="开标">
    ${
      session?.role === 'staff' &&
      !ended &&
      html`<${LocalClock} tender=${tender} onAdvanced=${() => setExpecting(true)} />`
    }
    <${RefusalBox} error=${opening.error} />
    ${
      !view &&
      !opening.loading &&
      (ended
        ? html`<p>本标段已终止，投标文件不予开启。</p>`
        : html`<p>尚未开标（投标截止时间 ${beijing(tender.schedule.bidDeadline)}）。</p>`)
    }
    ${
      view &&
      html`<p>
          状态：<strong>${statusNames[view.status] ?? view.status}</strong>
          ${view.bidCount !== undefined && ` · 有效投标 ${view.bidCount} 份`}
        </p>
        <p aria-live="polite">
          已提交分片的保管人：${view.submittedBy.length ? view.submittedBy.join('、') : '（尚无）'}
          ${tender.openingKey && `（需 ${tender.openingKey.threshold} 位）`}
        </p>
        ${
          view.rows &&
          html`<table>
            <caption>
              开标记录
            </caption>
            <thead>
              <tr>
                <th>投标人</th>
                <th>投标报价</th>
                <th>工期</th>
                <th>结果</th>
              </tr>
            </thead>
            <tbody>
              ${view.rows.map(
                (row) =>
                  html`<tr>
                    <td>${row.bidderOrg}</td>
                    <td>${row.price === undefined ? '—' : yuan(row.price)}</td>
                    <td>${row.durationDays === undefined ? '—' : `${row.durationDays} 日`}</td>
                    <td>${outcomeNames[row.outcome] ?? row.outcome}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        }
        ${view.status === 'opened' && html`<${VerifyOpening} tenderId=${tender.id} />`}
        <h3>核验投标回执</h3>
        <${ReceiptCheck} tenderId=${tender.id} />
        ${
          custodian &&
          view.status === 'awaiting-shares' &&
          !view.submittedBy.includes(session!.username) &&
          html`<${ShareForm} tender=${tender} session=${session!} />`
        }`
    }
  <//>`;
};
