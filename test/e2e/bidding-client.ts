import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Receipt, verifyReceipt } from '../../packages/bidding/receipt';
import { packBid } from '../../packages/sealed-bids/bid-package';
import { decodeKey, encodeKey } from '../../packages/sealed-bids/hpke-keys';
import { decryptShare } from '../../packages/sealed-bids/opening-key';
import { sealBid } from '../../packages/sealed-bids/seal';
import { callApi, eventually, stackInfo } from '../support/local-stack';
import { as } from './client';
import { Json } from './tender-fixture';

/** What a bidder's own machine does: pack, seal to the tender's public key, upload, confirm, check the receipt. */

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export const logKey = async (): Promise<string> =>
  (await callApi<{ verifierKey: string }>('/audit/public-key')).body.verifierKey;

export const aForm = (price: number) => ({
  price,
  durationDays: 180,
  keyTerms: ['质保期两年', `报价 ${price} 分`],
});

/** Seals and uploads a bid; returns the confirm response (a receipt when accepted). */
export const submitBid = async (
  bidder: Awaited<ReturnType<typeof as>>,
  tenderId: string,
  form: Json,
  files: { name: string; bytes: Uint8Array }[] = [
    { name: '技术标.pdf', bytes: new TextEncoder().encode(`技术方案 ${form.price}`) },
  ],
) => {
  const me = (await bidder.get<Json>('/me')).body;
  const tender = (await callApi<Json>(`/tenders/${tenderId}`)).body;
  const sealed = await sealBid(packBid({ form: form as never, files }), {
    openingPublicKey: decodeKey(tender.openingKey.publicKey, 'publicKey'),
    tenderId,
    bidderOrg: me.org,
  });
  const slot = await bidder.post<Json>(`/tenders/${tenderId}/bids`, {
    size: sealed.length,
    sha256: sha256(sealed),
  });
  if (slot.status !== 201) return slot;
  const put = await fetch(slot.body.uploadUrl, { method: 'PUT', body: sealed, headers: slot.body.headers });
  expect(put.status).toBe(200);
  return bidder.post<Receipt & Json>(`/tenders/${tenderId}/bids/${slot.body.bidId}/confirm`);
};

/** Checks a receipt as its bidder would, offline, against the log's key. */
export const checkReceipt = async (receipt: unknown) => verifyReceipt(Receipt.parse(receipt), await logKey());

/** A demo custodian's share for the tender, decrypted with the key kept in the stack's data folder. */
export const custodianShare = async (user: string, tenderId: string): Promise<string> => {
  const custodian = await as(user);
  const mine = (await custodian.get<Json>(`/tenders/${tenderId}/opening-key/mine`)).body;
  const file = JSON.parse(readFileSync(path.join(stackInfo().dataDir, 'custodians', `${user}.key`), 'utf8'));
  const share = await decryptShare(
    mine.encryptedShare,
    decodeKey(file.privateKey, 'privateKey'),
    tenderId,
    user,
  );
  expect(sha256(share)).toBe(mine.shareSha256);
  return encodeKey(share);
};

/**
 * The two regulators submit their shares, each at a time `later` gives, and the background
 * decryption publishes the opening record.
 */
export const shareAndOpen = async (tenderId: string, later: (user: string) => ReturnType<typeof as>) => {
  for (const user of ['regulator1', 'regulator2']) {
    await (
      await later(user)
    ).post(`/tenders/${tenderId}/opening/shares`, { share: await custodianShare(user, tenderId) });
  }
  await eventually(async () =>
    (await callApi<Json>(`/tenders/${tenderId}/opening`)).body.status === 'opened' ? true : undefined,
  );
};
