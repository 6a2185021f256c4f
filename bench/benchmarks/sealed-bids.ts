import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Receipt } from '../../packages/bidding';
import { cstDayStart } from '../../packages/legal-rules';
import { s3rverCredentials, localRegion } from '../../packages/local-stack';
import { packBid, decodeKey, encodeKey, decryptShare, sealBid } from '../../packages/sealed-bids';
import {
  againstFloor,
  Benchmark,
  BenchContext,
  Figure,
  percentile,
  round,
  runConcurrently,
} from '../harness';
import { LocalStackHandle, SURGE_BIDDERS } from '../local-stack-handle';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const DAY = 86_400_000;
/** Requests in flight during the surge, as many browsers and CLIs at once. */
const CONCURRENCY = 32;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A client of the local stack's API that runs its requests at `offsetMs` on the platform's clock. */
const client = (api: string) => {
  const tokens = new Map<string, string>();
  const token = async (user: string) => {
    if (!tokens.has(user)) {
      const response = await fetch(`${api}/.local/issuer/token`, {
        method: 'POST',
        body: JSON.stringify({ username: user }),
      });
      tokens.set(user, ((await response.json()) as { idToken: string }).idToken);
    }
    return tokens.get(user)!;
  };
  return async (user: string | undefined, method: string, route: string, body?: unknown, offsetMs = 0) => {
    const response = await fetch(`${api}${route}`, {
      method,
      headers: {
        ...(user ? { authorization: `Bearer ${await token(user)}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(offsetMs ? { 'x-local-clock-offset-ms': String(offsetMs) } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Json };
  };
};

/** How many bids each tender gets: one large tender, one of a hundred, the rest shared. */
const tenderSizes = (quick: boolean): number[] =>
  quick ? [10, 10] : [500, 100, ...Array.from({ length: 8 }, () => (SURGE_BIDDERS - 600) / 8)];

interface Surge {
  stack: LocalStackHandle;
  call: ReturnType<typeof client>;
  tenders: { id: string; deadline: number; bidders: string[] }[];
  bidBytes: number;
  figures: Figure[];
}

/** A published tender whose deadline is 21 days ahead, with its bidders registered. */
const publishTender = async (call: Surge['call'], bidders: string[], n: number) => {
  const now = Date.now();
  // A minute back, but never into yesterday in Beijing, which the schedule rule refuses (条例16).
  const issued = Math.max(now - 60_000, cstDayStart(new Date(now)).getTime());
  const project = await call('staff1', 'POST', '/projects', {
    name: `压力测试项目 ${n} ${randomBytes(2).toString('hex')}`,
    type: 'works',
    tendererOrg: 'ORG-TENDERER-1',
    stateFunded: true,
    estimatedPrice: 1_000_000_000,
  });
  await call('staff1', 'POST', `/projects/${project.body.id}/accept`);
  const tender = await call('staff1', 'POST', `/projects/${project.body.id}/tenders`, {
    name: `标段 ${n}`,
    schedule: {
      documentsFrom: new Date(issued).toISOString(),
      documentsTo: new Date(issued + 7 * DAY).toISOString(),
      bidDeadline: new Date(issued + 21 * DAY).toISOString(),
      openingPlace: '开标一室',
      bidBond: 10_000_000,
      bidValidityDays: 90,
    },
  });
  const slot = await call('staff1', 'POST', `/tenders/${tender.body.id}/documents`, {
    fileName: 'a.pdf',
    contentType: 'application/pdf',
  });
  await fetch(slot.body.uploadUrl, { method: 'PUT', body: new Uint8Array(100), headers: slot.body.headers });
  await call(
    'staff1',
    'POST',
    `/tenders/${tender.body.id}/documents/${slot.body.documentId}/versions/1/confirm`,
  );
  const published = await call('staff1', 'POST', `/tenders/${tender.body.id}/publish`);
  if (published.status !== 200) throw new Error(`publishing failed: ${JSON.stringify(published.body)}`);
  await runConcurrently(bidders.length, 8, async (i) => {
    const registered = await call(bidders[i], 'POST', `/tenders/${tender.body.id}/registrations`);
    if (registered.status !== 200) throw new Error(`registration failed: ${JSON.stringify(registered.body)}`);
  });
  return {
    id: tender.body.id as string,
    deadline: new Date(tender.body.schedule.bidDeadline).getTime(),
    bidders,
  };
};

let surgeRun: Promise<Surge> | undefined;

/**
 * The deadline surge: every bidder seals, uploads and confirms in the last minute before the
 * deadline (the platform's clock is moved there for these requests). Then the bench checks that
 * nothing was lost and that a bid one millisecond late is refused.
 */
const runSurge = async ({ quick, progress, stack }: BenchContext): Promise<Surge> => {
  const handle = await stack();
  const call = client(handle.running.info.api);
  const sizes = tenderSizes(quick);
  const bidBytes = quick ? 64 * 1024 : 1024 * 1024;
  let next = 0;
  const tenders = [];
  for (const [n, size] of sizes.entries()) {
    progress(`deadline surge: publishing tender ${n + 1}/${sizes.length} and registering ${size} bidders`);
    const bidders = Array.from({ length: size }, () => `surge-bidder-${++next}`);
    tenders.push(await publishTender(call, bidders, n));
  }
  const jobs = tenders.flatMap((tender) => tender.bidders.map((bidder) => ({ tender, bidder })));
  const files = randomBytes(bidBytes - 200);
  const confirmed: Receipt[] = [];
  const errors: string[] = [];
  let retries = 0;
  progress(`deadline surge: ${jobs.length} bids of ${bidBytes / 1024} KB, ${CONCURRENCY} at a time`);
  const started = performance.now();
  const latencies = await runConcurrently(jobs.length, CONCURRENCY, async (i) => {
    const { tender, bidder } = jobs[i]!;
    const lastMinute = tender.deadline - Date.now() - 60_000;
    const key = (await call(undefined, 'GET', `/tenders/${tender.id}`)).body.openingKey.publicKey as string;
    const sealed = await sealBid(
      packBid({
        form: { price: 1_000_000 + i, durationDays: 100, keyTerms: [] },
        files: [{ name: 'bid.bin', bytes: files }],
      }),
      {
        openingPublicKey: decodeKey(key, 'publicKey'),
        tenderId: tender.id,
        bidderOrg: `ORG-SURGE-${bidder.split('-').pop()}`,
      },
    );
    const slot = await call(
      bidder,
      'POST',
      `/tenders/${tender.id}/bids`,
      { size: sealed.length, sha256: sha256(sealed) },
      lastMinute,
    );
    if (slot.status !== 201) return errors.push(`slot ${slot.status}`);
    const put = await fetch(slot.body.uploadUrl, { method: 'PUT', body: sealed, headers: slot.body.headers });
    if (!put.ok) return errors.push(`PUT ${put.status}`);
    // A bidder whose confirmation failed on the server confirms again: a retry is always safe.
    const confirm = () =>
      call(bidder, 'POST', `/tenders/${tender.id}/bids/${slot.body.bidId}/confirm`, undefined, lastMinute);
    let receipt = await confirm();
    for (let attempt = 1; attempt < 3 && receipt.status >= 500; attempt++) {
      retries++;
      receipt = await confirm();
    }
    if (receipt.status !== 200)
      return errors.push(`confirm ${receipt.status}: ${receipt.body.error?.message}`);
    confirmed.push(receipt.body as Receipt);
  });
  const seconds = (performance.now() - started) / 1000;

  progress('deadline surge: checking that nothing was lost and nothing late was accepted');
  const lost = await lostBids(call, confirmed);
  const late = tenders[0]!;
  const lateAttempt = await call(
    late.bidders[0],
    'POST',
    `/tenders/${late.id}/bids`,
    { size: 10, sha256: sha256(new Uint8Array(10)) },
    late.deadline - Date.now() + 1,
  );
  if (lost.length > 0 || lateAttempt.status !== 422 || errors.length > 0) {
    throw new Error(
      `The surge lost bids or accepted a late one: ${JSON.stringify({ lost, late: lateAttempt.status, errors: errors.slice(0, 5) })}`,
    );
  }

  progress('deadline surge: the floor, raw DynamoDB Local writes and s3rver PUTs at the same concurrency');
  const s3 = new S3Client({
    region: localRegion,
    credentials: s3rverCredentials,
    endpoint: handle.running.info.s3,
    forcePathStyle: true,
  });
  const bucket = handle.running.info.buckets.find((b) => /bids/i.test(b)) ?? handle.running.info.buckets[0]!;
  const raw = randomBytes(bidBytes);
  const floorStarted = performance.now();
  await runConcurrently(jobs.length, CONCURRENCY, async (i) => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `floor/${i}`, Body: raw }));
    await handle.db.send(
      new PutCommand({
        TableName: handle.table,
        Item: { pk: `FLOOR#${i}`, sk: 'X', n: i },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  });
  const floorSeconds = (performance.now() - floorStarted) / 1000;
  const rate = confirmed.length / seconds;
  const floorRate = jobs.length / floorSeconds;
  const figures: Figure[] = [
    {
      benchmark: 'deadline surge',
      name: `${confirmed.length} bids of ${bidBytes / 1024} KB across ${tenders.length} tenders, confirmed per second`,
      unit: 'ops/s',
      value: round(rate),
      floor: round(floorRate),
      ratio: round(floorRate / rate),
      target: '≤ 3× the floor, zero lost',
      met: floorRate / rate <= 3,
      note: `0 lost, late bid refused; ${retries} confirmations retried after a server error; client sealing included; ${CONCURRENCY} in flight`,
    },
    {
      benchmark: 'deadline surge',
      name: 'slot + upload + confirm, p50',
      unit: 'ms',
      value: round(percentile(latencies, 50)),
    },
    {
      benchmark: 'deadline surge',
      name: 'slot + upload + confirm, p99',
      unit: 'ms',
      value: round(percentile(latencies, 99)),
    },
  ];
  return { stack: handle, call, tenders, bidBytes, figures };
};

/** Receipts whose bid is not the bidder's current, submitted one: the platform promised what it did not keep. */
const lostBids = async (call: Surge['call'], receipts: Receipt[]) => {
  const lost: string[] = [];
  await runConcurrently(receipts.length, 8, async (i) => {
    const receipt = receipts[i]!;
    const bidder = `surge-bidder-${receipt.bidderOrg.split('-').pop()}`;
    const mine = await call(bidder, 'GET', `/tenders/${receipt.tenderId}/bids/mine`);
    const current = mine.body.current as { bidId?: string; status?: string } | undefined;
    if (current?.bidId !== receipt.bidId || current.status !== 'submitted') lost.push(receipt.bidId);
  });
  return lost;
};

const surge = (context: BenchContext) => (surgeRun ??= runSurge(context));

export const deadlineSurgeBenchmark: Benchmark = {
  name: 'deadline surge',
  run: async (context) => (await surge(context)).figures,
};

/** Milliseconds of raw AES-256-GCM decryption of `count` ciphertexts of `bytes`: the floor of an opening. */
const rawDecryption = (count: number, bytes: number): number => {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const encrypted = Buffer.concat([cipher.update(randomBytes(bytes)), cipher.final()]);
  const tag = cipher.getAuthTag();
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    decipher.update(encrypted);
    decipher.final();
  }
  return performance.now() - started;
};

/**
 * Opening tenders the surge filled, through the API: the last custodian's share makes the
 * platform rebuild the key, read and decrypt every bid, validate each form and publish the record.
 */
export const openingBenchmark: Benchmark = {
  name: 'opening',
  async run(context) {
    const { call, tenders, bidBytes, stack } = await surge(context);
    const dataDir = stack.running.info.dataDir;
    const figures: Figure[] = [];
    for (const tender of context.quick ? tenders.slice(0, 1) : tenders.slice(0, 2)) {
      context.progress(`opening: ${tender.bidders.length} bids of ${bidBytes / 1024} KB`);
      const later = tender.deadline - Date.now() + 1000;
      const started = await call('staff1', 'POST', `/tenders/${tender.id}/opening`, undefined, later);
      if (started.body.status !== 'awaiting-shares')
        throw new Error(`opening: ${JSON.stringify(started.body)}`);
      const shares = await Promise.all(
        ['staff1', 'regulator1'].map(async (user) => {
          const mine = (await call(user, 'GET', `/tenders/${tender.id}/opening-key/mine`)).body;
          const file = JSON.parse(readFileSync(path.join(dataDir, 'custodians', `${user}.key`), 'utf8'));
          return encodeKey(
            await decryptShare(
              mine.encryptedShare,
              decodeKey(file.privateKey, 'privateKey'),
              tender.id,
              user,
            ),
          );
        }),
      );
      await call('staff1', 'POST', `/tenders/${tender.id}/opening/shares`, { share: shares[0] }, later);
      const begun = performance.now();
      const queued = await call(
        'regulator1',
        'POST',
        `/tenders/${tender.id}/opening/shares`,
        { share: shares[1] },
        later,
      );
      if (queued.status !== 202) throw new Error(`opening not queued: ${JSON.stringify(queued.body)}`);
      // The decryption runs in the background: timed until the opening record is published.
      let opened = queued;
      while (opened.body.status === 'decrypting') {
        await new Promise((resolve) => setTimeout(resolve, 20));
        opened = await call('staff1', 'GET', `/tenders/${tender.id}/opening`, undefined, later);
      }
      const ms = performance.now() - begun;
      if (opened.body.status !== 'opened' || opened.body.rows.some((r: Json) => r.outcome !== 'decrypted')) {
        throw new Error(`opening failed: ${JSON.stringify(opened.body).slice(0, 300)}`);
      }
      figures.push(
        againstFloor({
          benchmark: 'opening',
          name: `${tender.bidders.length} bids of ${bidBytes / 1024} KB: rebuild key, read, decrypt, validate, record`,
          value: ms,
          floor: rawDecryption(tender.bidders.length, bidBytes),
          maxRatio: 1.5,
          floorName: 'raw AES-256-GCM decryption of the same bytes',
        }),
      );
    }
    return figures;
  },
};
