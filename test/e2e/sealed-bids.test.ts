import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { httpLogClient } from '../../packages/audit-log/http-log-client';
import { verifyLog } from '../../packages/audit-log/offline-verifier';
import { s3rverCredentials } from '../../packages/local-stack/s3-local';
import { localRegion } from '../../packages/local-stack/template';
import { unpackBid } from '../../packages/sealed-bids/bid-package';
import { decodeKey } from '../../packages/sealed-bids/hpke-keys';
import { openBid } from '../../packages/sealed-bids/seal';
import { callApi, eventually, dynamoFor, stackInfo } from '../support/local-stack';
import { aForm, checkReceipt, custodianShare, sha256, submitBid } from './bidding-client';
import { as } from './client';
import { Json, publishedTender } from './tender-fixture';

const sunlit = (...args: string[]) =>
  spawnSync(
    process.execPath,
    [path.resolve(__dirname, '../../bin/sunlit.cjs'), ...args, '--url', stackInfo().api],
    {
      encoding: 'utf8',
    },
  );

/** Every item of every table and every stored object up to 2 MB, as one searchable text. */
const everythingStored = async (): Promise<string> => {
  const info = stackInfo();
  const parts: string[] = [];
  const dynamo = dynamoFor(info);
  for (const table of info.tables) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new ScanCommand({ TableName: table, ExclusiveStartKey: start as never }),
      );
      parts.push(JSON.stringify(page.Items));
      start = page.LastEvaluatedKey;
    } while (start);
  }
  const s3 = new S3Client({
    region: localRegion,
    credentials: s3rverCredentials,
    endpoint: info.s3,
    forcePathStyle: true,
  });
  for (const bucket of info.buckets) {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    for (const object of listed.Contents ?? []) {
      if ((object.Size ?? 0) > 2_000_000) continue;
      const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: object.Key }));
      parts.push(Buffer.from(await Body!.transformToByteArray()).toString('latin1'));
    }
  }
  return parts.join('\n');
};

/** How far ahead of now a tender published now (21-day deadline) reaches its deadline, plus `ms`. */
const afterDeadline = (tender: Json, ms: number) =>
  new Date(tender.schedule.bidDeadline).getTime() - Date.now() + ms;

describe('sealed bids and the opening', () => {
  it('seals, receipts, replaces and withdraws bids, refuses a late one, and opens with the custodians’ shares', async () => {
    const bidders = ['bidder1', 'bidder2', 'bidder3', 'bidder4', 'bidder5', 'bidder6'];
    const { tender } = await publishedTender(bidders);
    const view = (await callApi<Json>(`/tenders/${tender.id}`)).body;
    expect(view.openingKey).toMatchObject({
      threshold: 2,
      custodians: ['staff1', 'regulator1', 'regulator2'],
    });
    const storedAtPublication = await everythingStored();

    const b = Object.fromEntries(
      await Promise.all(bidders.map(async (name) => [name, await as(name)] as const)),
    );
    const receipts: Json = {};
    for (const [i, name] of ['bidder1', 'bidder2', 'bidder3', 'bidder4', 'bidder5'].entries()) {
      const confirmed = await submitBid(b[name]!, tender.id, aForm(1_000_000_00 + i));
      expect(confirmed.status).toBe(200);
      await checkReceipt(confirmed.body);
      receipts[name] = confirmed.body;
    }
    // A receipt is a signed promise: no index, no size, nothing of the others (法22).
    expect(Object.keys(receipts.bidder1).sort()).toEqual([
      'action',
      'at',
      'bidId',
      'bidderOrg',
      'confidential',
      'promise',
      'sha256',
      'size',
      'tenderId',
    ]);

    const replaced = await submitBid(b.bidder2!, tender.id, aForm(88_000_000));
    expect(replaced.body.confidential.value.supersedes).toBe(receipts.bidder2.bidId);
    const withdrawn = await b.bidder3!.post<Json>(`/tenders/${tender.id}/bids/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.action).toBe('bid.withdrawn');
    await checkReceipt(withdrawn.body);

    // Nobody sees another's bid, receipt or count.
    const own = await b.bidder1!.get<Json>(`/tenders/${tender.id}/bids/mine`);
    expect(own.body.bids.map((x: Json) => x.bidderOrg)).toEqual(['ORG-BIDDER-1']);
    expect(
      (await b.bidder2!.post(`/tenders/${tender.id}/bids/${receipts.bidder1.bidId}/confirm`)).status,
    ).toBe(404);
    expect((await b.bidder6!.get<Json>(`/tenders/${tender.id}/bids/mine`)).body.bids).toEqual([]);
    expect((await callApi(`/tenders/${tender.id}/opening`)).status).toBe(404);
    expect((await (await as('staff1')).post(`/tenders/${tender.id}/opening`)).status).toBe(422);

    // One millisecond after the deadline: refused, citing 条例36.
    const late = await as('bidder6', afterDeadline(tender, 1));
    const refused = await submitBid(late, tender.id, aForm(1));
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'DEADLINE_PASSED', rule: '条例36' });

    const staff = await as('staff1', afterDeadline(tender, 1000));
    const started = await staff.post<Json>(`/tenders/${tender.id}/opening`);
    expect(started.body).toMatchObject({ status: 'awaiting-shares', bidCount: 4 });

    const regulator = await as('regulator1', afterDeadline(tender, 2000));
    const wrong = await regulator.post<Json>(`/tenders/${tender.id}/opening/shares`, {
      share: await custodianShare('staff1', tender.id),
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.field).toBe('shares.regulator1');
    const first = await staff.post<Json>(`/tenders/${tender.id}/opening/shares`, {
      share: await custodianShare('staff1', tender.id),
    });
    expect(first.body).toMatchObject({ status: 'awaiting-shares', submittedBy: ['staff1'] });
    const last = await regulator.post<Json>(`/tenders/${tender.id}/opening/shares`, {
      share: await custodianShare('regulator1', tender.id),
    });
    // K shares are in: the bids are decrypted in the background, and the opening is where it shows.
    expect(last.status).toBe(202);
    expect(last.headers.get('location')).toBe(`/tenders/${tender.id}/opening`);
    expect(last.body).toMatchObject({ status: 'decrypting', decryption: { runs: 1 } });
    expect(last.body.rows).toBeUndefined();
    const opened = await eventually(async () => {
      const opening = (await callApi<Json>(`/tenders/${tender.id}/opening`)).body;
      return opening.status === 'opened' ? opening : undefined;
    }, 30_000);
    const rows = opened.rows as Json[];
    expect(rows.map((r) => [r.bidderOrg, r.outcome, r.price])).toEqual(
      expect.arrayContaining([
        ['ORG-BIDDER-1', 'decrypted', 1_000_000_00],
        ['ORG-BIDDER-2', 'decrypted', 88_000_000],
        ['ORG-BIDDER-4', 'decrypted', 1_000_000_03],
        ['ORG-BIDDER-5', 'decrypted', 1_000_000_04],
      ]),
    );
    expect(rows).toHaveLength(4);

    // Anyone can decrypt the stored ciphertexts with the published key and check the record.
    const record = (await callApi<Json>(`/tenders/${tender.id}/opening`)).body;
    const privateKey = decodeKey(record.privateKey, 'privateKey');
    for (const ciphertext of record.ciphertexts) {
      const bytes = new Uint8Array(await (await fetch(ciphertext.url)).arrayBuffer());
      expect(sha256(bytes)).toBe(ciphertext.sha256);
      const { form } = unpackBid(
        await openBid(bytes, {
          openingPrivateKey: privateKey,
          tenderId: tender.id,
          bidderOrg: ciphertext.bidderOrg,
        }),
      );
      expect(rows.find((r) => r.bidderOrg === ciphertext.bidderOrg)!.price).toBe(form.price);
    }
    // Before the opening, nothing stored held the private key or a share in the clear.
    for (const secret of [record.privateKey, await custodianShare('regulator2', tender.id)]) {
      expect(storedAtPublication).not.toContain(secret);
      expect(storedAtPublication).not.toContain(Buffer.from(secret, 'base64url').toString('hex'));
      expect(storedAtPublication).not.toContain(Buffer.from(secret, 'base64url').toString('base64'));
    }

    const objection = await (
      await as('bidder2', afterDeadline(tender, 3000))
    ).post<Json>(`/tenders/${tender.id}/opening/objections`, { text: '对第一名报价的有效性有异议' });
    expect(objection.body.objections).toHaveLength(1);
    const answered = await staff.post<Json>(`/tenders/${tender.id}/opening/objections/1/answer`, {
      answer: '经核验报价有效，当场答复。',
    });
    expect(answered.body.objections[0]).toMatchObject({ number: 1, answer: '经核验报价有效，当场答复。' });

    const log = await verifyLog(httpLogClient(stackInfo().api));
    expect(log.checkpoint.size).toBeGreaterThan(opened.bidCount);
  });

  it('fails a tender with two bids and decrypts nothing (流标, 条例44)', async () => {
    const { tender } = await publishedTender(['bidder7', 'bidder8']);
    for (const name of ['bidder7', 'bidder8']) {
      expect((await submitBid(await as(name), tender.id, aForm(5_000_000))).status).toBe(200);
    }
    const staff = await as('staff2', afterDeadline(tender, 1000));
    const failed = await staff.post<Json>(`/tenders/${tender.id}/opening`);
    expect(failed.body).toMatchObject({ status: 'failed', bidCount: 2 });
    expect(failed.body.privateKey).toBeUndefined();
    expect(failed.body.ciphertexts).toBeUndefined();
    const notices = await callApi<Json>('/notices?type=failed-tender&limit=50');
    expect(notices.body.notices.map((n: Json) => n.tenderId)).toContain(tender.id);
    expect((await callApi<Json>(`/tenders/${tender.id}`)).body.status).toBe('failed');
    // The bids stay sealed: no custodian's share of the key is given out.
    const share = await (
      await as('staff1', afterDeadline(tender, 2000))
    ).get<Json>(`/tenders/${tender.id}/opening-key/mine`);
    expect(share.status).toBe(422);
    expect(share.body.error).toMatchObject({ code: 'RULE_VIOLATED', rule: '条例44' });
  });

  it('runs through the CLI: bidders seal and submit, custodians share, anyone verifies the record', async () => {
    const { tender } = await publishedTender(['bidder5', 'bidder6', 'bidder7']);
    const dir = mkdtempSync(path.join(tmpdir(), 'sunlit-bids-'));
    try {
      writeFileSync(path.join(dir, '技术标.pdf'), randomBytes(300_000));
      for (const [i, name] of ['bidder5', 'bidder6', 'bidder7'].entries()) {
        const formFile = path.join(dir, `${name}.json`);
        writeFileSync(formFile, JSON.stringify(aForm(70_000_000 + i)));
        const submitted = sunlit(
          'bid',
          'submit',
          '--tender',
          tender.id,
          '--form',
          formFile,
          '--receipt',
          path.join(dir, `${name}.receipt.json`),
          '--user',
          name,
          path.join(dir, '技术标.pdf'),
        );
        expect(submitted.stdout).toContain('received at');
        expect(submitted.status).toBe(0);
      }
      const receiptFile = path.join(dir, 'bidder6.receipt.json');
      const verified = sunlit('bid', 'verify-receipt', receiptFile);
      expect(verified.stdout).toContain('promised by the platform');
      expect(verified.status).toBe(0);

      const staff = await as('staff1', afterDeadline(tender, 1000));
      expect((await staff.post<Json>(`/tenders/${tender.id}/opening`)).body.status).toBe('awaiting-shares');
      // From the opening on, the receipt's entry is checked in the published process log.
      const included = sunlit('bid', 'verify-receipt', receiptFile);
      expect(included.stdout).toMatch(/is entry \d+ of the tender's published process log/);
      expect(included.status).toBe(0);
      for (const user of ['regulator1', 'regulator2']) {
        const shared = sunlit(
          'custodian',
          'share',
          '--tender',
          tender.id,
          '--user',
          user,
          '--data',
          stackInfo().dataDir,
        );
        expect(shared.stderr).toBe('');
        expect(shared.status).toBe(0);
      }
      const opening = sunlit('opening', 'verify', '--tender', tender.id);
      expect(opening.stdout).toContain('MATCH');
      expect(opening.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
