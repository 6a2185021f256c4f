import { createHash, hash } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { AuditEntry, canonicalEntryText, leafOfLoggedEntry, RootBuilder } from '../../packages/audit-log';
import { systemClock } from '../../packages/kernel';
import { dynamoAuditLog } from '../../packages/storage';
import { Benchmark, Figure, round, runConcurrently, timeMs } from '../harness';
import { LocalStackHandle } from '../local-stack-handle';

const entry = (index: number): AuditEntry => ({
  index,
  time: new Date(1_780_000_000_000 + index * 1000).toISOString(),
  actor: { role: 'bidder', user: `bidder${index % 8}`, org: `ORG-BIDDER-${index % 8}` },
  action: 'bid.confirmed',
  subject: { tenderId: `T-2026-${index % 97}`, bidderOrg: `ORG-BIDDER-${index % 8}` },
  data: {
    ciphertextSha256: createHash('sha256').update(String(index)).digest('hex'),
    size: 1_048_576 + index,
  },
});

/**
 * Offline verification as `sunlit audit verify` does it per entry, from the bytes the log hashed
 * (its declared index, its leaf hash, the root), against the fastest raw SHA-256 of the same bytes
 * (one-shot, one call per entry). The tree also hashes about one interior node per entry.
 */
const verification = async (count: number): Promise<Figure> => {
  const bytes = Array.from({ length: count }, (_, i) => Buffer.from(canonicalEntryText(entry(i)), 'utf8'));
  const platform = await timeMs(() => {
    const builder = new RootBuilder();
    for (const [index, logged] of bytes.entries()) builder.append(leafOfLoggedEntry(index, logged));
    return builder.root();
  });
  const floor = await timeMs(() => {
    for (const b of bytes) hash('sha256', b, 'buffer');
  });
  const rate = count / (platform / 1000);
  const floorRate = count / (floor / 1000);
  return {
    benchmark: 'audit log',
    name: `verify ${count.toLocaleString('en')} entries`,
    unit: 'entries/s',
    value: Math.round(rate),
    floor: Math.round(floorRate),
    ratio: round(floorRate / rate),
    target: '≥ 0.7× raw SHA-256 speed',
    met: rate >= 0.7 * floorRate,
    note: `floor: one-shot SHA-256 of each entry's ${Math.round(bytes.reduce((n, b) => n + b.length, 0) / count)} logged bytes`,
  };
};

/** Appends through the platform (commit, then integration in batches) against raw conditional writes, at the same concurrency. */
const appends = async (stack: LocalStackHandle, count: number, concurrency: number): Promise<Figure> => {
  const { db, table } = stack;
  const log = dynamoAuditLog(db, table, systemClock);
  const started = performance.now();
  await runConcurrently(count, concurrency, (i) =>
    log.append({
      actor: { role: 'system', user: 'bench' },
      action: 'bench.appended',
      subject: { n: String(i) },
    }),
  );
  const platform = performance.now() - started;
  const run = Date.now();
  const floorStarted = performance.now();
  await runConcurrently(count, concurrency, (i) =>
    db.send(
      new PutCommand({
        TableName: table,
        Item: { pk: `BENCH#${run}`, sk: String(i), n: i },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
  const floor = performance.now() - floorStarted;
  return {
    benchmark: 'audit log',
    name: `append, ${concurrency} writer${concurrency > 1 ? 's' : ''}`,
    unit: 'entries/s',
    value: Math.round(count / (platform / 1000)),
    floor: Math.round(count / (floor / 1000)),
    ratio: round(platform / floor),
    target: concurrency > 1 ? '≥ 0.5× raw conditional PutItem' : undefined,
    met: concurrency > 1 ? platform <= 2 * floor : undefined,
    note: 'a state change with its pending entry, integrated by group commit; floor: raw conditional PutItem on DynamoDB Local',
  };
};

export const auditLogBenchmark: Benchmark = {
  name: 'audit log',
  async run({ quick, progress, stack }) {
    const figures: Figure[] = [];
    for (const count of quick ? [10_000] : [100_000, 1_000_000]) {
      progress(`audit log: verifying ${count} entries`);
      figures.push(await verification(count));
    }
    const handle = await stack();
    for (const concurrency of [1, 8]) {
      progress(`audit log: appends with ${concurrency} writer(s)`);
      figures.push(await appends(handle, quick ? 50 : 500, concurrency));
    }
    return figures;
  },
};
