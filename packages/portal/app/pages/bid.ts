import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { MAX_BID_BYTES, Receipt, verifyReceipt } from '../../../bidding';
import { decodeKey, packBid, sealBid } from '../../../sealed-bids';
import { ApiError, api, saveChecked, saveFile, Session, sha256Hex, upload } from '../api';
import { amountHint, beijing, fenOf, size } from '../format';
import { Card, Field, Progress, RefusalBox, TextField, useAction } from '../ui';
import type { TenderView } from './tender';

const receiptName = (receipt: Receipt) =>
  `receipt-${receipt.tenderId}-${receipt.bidId}${receipt.action === 'bid.withdrawn' ? '-withdrawn' : ''}.json`;

/**
 * Checks the platform's receipt is for what was just done and verifies it in the browser
 * (the platform's signature on its promise, and the salted digest of the bid), then saves it.
 * It is saved even when it does not verify: it is the bidder's evidence either way.
 */
const keepReceipt = async (answer: unknown, expected: Partial<Receipt>) => {
  const receipt = Receipt.parse(answer);
  saveFile(receiptName(receipt), `${JSON.stringify(receipt, null, 2)}\n`, 'application/json');
  for (const [field, value] of Object.entries(expected)) {
    const got = receipt[field as keyof Receipt];
    if (got !== value) throw new Error(`平台回执的 ${field} 为 ${String(got)}，而不是 ${String(value)}。`);
  }
  const { verifierKey } = await api<{ verifierKey: string }>('GET', '/audit/public-key');
  verifyReceipt(receipt, verifierKey);
  return receipt;
};

const ReceiptView = ({ receipt }: { receipt: Receipt }) =>
  html`<div class="verified" role="status">
    <p>
      ✔ 回执已验证并保存为
      <code>${receiptName(receipt)}</code>：${receipt.action === 'bid.withdrawn' ? '撤回' : '投标文件'}
      <code>${receipt.bidId}</code> 于 ${beijing(receipt.at)}
      由平台收到。平台已签名承诺：该记录在本项目的过程日志中，
      截止时的锚点包含它；回执不含序号，不透露他人投标情况。开标后过程日志公开，可在本页「核验投标回执」核验它已被收录。
    </p>
    <p>密文 SHA-256 <code class="hash">${receipt.sha256}</code>（${size(receipt.size)}）</p>
  </div>`;

/** Register, download the documents (hash checked here), seal and submit or withdraw a bid. */
export const BidderPanel = ({ tender, session }: { tender: TenderView; session: Session }) => {
  const [price, setPrice] = useState('');
  const [days, setDays] = useState('365');
  const [terms, setTerms] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<number>();
  const [stage, setStage] = useState('');

  const register = useAction((key) => api('POST', `/tenders/${tender.id}/registrations`, { key }));
  const download = useAction(async (_key, documentId: string) => {
    const link = await api<{ url: string; sha256: string; fileName: string }>(
      'GET',
      `/tenders/${tender.id}/documents/${documentId}`,
    );
    const actual = await saveChecked(link.url, link.sha256, link.fileName);
    return `${link.fileName} 已下载，SHA-256 与公布值一致：${actual}`;
  });

  const fen = fenOf(price);
  const submit = useAction(async () => {
    if (!tender.openingKey) throw new Error('此标段尚无开标密钥：是否已发布？');
    if (!session.org) throw new Error('投标需以投标人单位身份登录。');
    setStage('正在本机打包并加密…');
    const plaintext = packBid({
      form: {
        price: fen ?? Number.NaN,
        durationDays: Number(days),
        keyTerms: terms
          .split('\n')
          .map((t) => t.trim())
          .filter(Boolean),
      },
      files: await Promise.all(
        files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })),
      ),
    });
    const sealed = await sealBid(plaintext, {
      openingPublicKey: decodeKey(tender.openingKey.publicKey, 'openingKey.publicKey'),
      tenderId: tender.id,
      bidderOrg: session.org,
    });
    plaintext.fill(0);
    if (sealed.length > MAX_BID_BYTES)
      throw new Error(`加密后的投标文件为 ${size(sealed.length)}，超过上限 ${size(MAX_BID_BYTES)}。`);
    const sha256 = await sha256Hex(sealed);
    // Each sealing is new ciphertext: keyed by its hash, a retry of these bytes is the same request.
    const key = `bid-${sha256}`;
    const slot = await api<{ bidId: string; uploadUrl: string; headers: Record<string, string> }>(
      'POST',
      `/tenders/${tender.id}/bids`,
      { body: { size: sealed.length, sha256 }, key },
    );
    setStage('正在上传密文…');
    await upload(slot.uploadUrl, sealed, slot.headers, setProgress);
    setStage('正在确认并验证回执…');
    const answer = await api('POST', `/tenders/${tender.id}/bids/${slot.bidId}/confirm`, {
      key: `confirm-${sha256}`,
    });
    return keepReceipt(answer, { action: 'bid.received', tenderId: tender.id, bidId: slot.bidId, sha256 });
  });
  const withdraw = useAction(async (key) => {
    const answer = await api('POST', `/tenders/${tender.id}/bids/withdraw`, { key });
    return keepReceipt(answer, { action: 'bid.withdrawn', tenderId: tender.id });
  });
  const receipt = withdraw.result ?? submit.result;
  const refused = submit.error instanceof ApiError ? submit.error.refusal.field : undefined;

  return html`<${Card} title="投标（${session.org ?? session.username}）">
    <h3>1. 报名</h3>
    <button type="button" disabled=${register.busy} onClick=${() => register.run()}>报名参加此标段</button>
    ${register.result && html`<p role="status">✔ 已报名。</p>`}
    <${RefusalBox} error=${register.error} />

    <h3>2. 下载招标文件</h3>
    <ul>
      ${tender.documents.map(
        (d) =>
          html`<li>
            ${d.fileName}（第 ${d.version} 版，${size(d.size)}）
            <button type="button" disabled=${download.busy} onClick=${() => download.run(d.documentId)}>
              下载并校验
            </button>
          </li>`,
      )}
    </ul>
    ${download.result && html`<p class="verified" role="status">✔ ${download.result}</p>`}
    <${RefusalBox} error=${download.error} />

    <h3>3. 在本机加密并递交投标文件</h3>
    <p>
      投标文件在您的浏览器中以开标公钥加密（HPKE），只有密文离开本机；截止前可重新递交（以最后一次为准）或撤回。
    </p>
    <form
      class="bid-form"
      onSubmit=${(event: Event) => {
        event.preventDefault();
        void submit.run();
      }}
    >
      <${Field}
        label="投标报价（元）"
        name="price"
        value=${price}
        onInput=${setPrice}
        inputmode="decimal"
        required
        invalid=${(price !== '' && fen === undefined) || refused === 'form.price'}
        hint=${amountHint(price)}
      />
      <${Field}
        label="工期（日历天）"
        name="durationDays"
        type="number"
        min="1"
        value=${days}
        onInput=${setDays}
        required
      />
      <${TextField} label="主要条款（每行一条）" name="keyTerms" value=${terms} onInput=${setTerms} />
      <div class="field">
        <label for="bidFiles">投标文件（可多选，不会以明文上传）</label>
        <input
          id="bidFiles"
          name="bidFiles"
          type="file"
          multiple
          onChange=${(e: Event) => setFiles([...((e.target as HTMLInputElement).files ?? [])])}
        />
        ${files.length > 0 && html`<small>${files.map((f) => `${f.name}（${size(f.size)}）`).join('、')}</small>`}
      </div>
      <button type="submit" disabled=${submit.busy}>加密并递交</button>
      ${
        submit.busy &&
        html`<p aria-live="polite">${stage}</p>
          <${Progress} label="上传" value=${progress} />`
      }
    </form>
    <${RefusalBox} error=${submit.error} />
    <button type="button" class="secondary" disabled=${withdraw.busy} onClick=${() => withdraw.run()}>
      撤回投标
    </button>
    <${RefusalBox} error=${withdraw.error} />
    ${receipt && html`<${ReceiptView} receipt=${receipt} />`}
  <//>`;
};
