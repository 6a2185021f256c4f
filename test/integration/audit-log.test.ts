import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DeleteItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { signCheckpoint } from '../../packages/audit-log/checkpoint';
import { contentDigest } from '../../packages/audit-log/new-entry';
import { localEd25519Signer, verifierKeyString } from '../../packages/audit-log/note';
import { httpLogClient } from '../../packages/audit-log/http-log-client';
import { proveEntry, verifyLog, VerificationFailed } from '../../packages/audit-log/offline-verifier';
import { systemClock } from '../../packages/kernel/clock';
import { dynamoAuditLog } from '../../packages/storage/audit-log-store';
import { keys } from '../../packages/storage/key-scheme';
import { callApi, dynamoFor, stackInfo, tokenFor } from '../support/local-stack';
import { startStackProcess, StackProcess } from '../support/stack-process';
import type { StackInfo } from '../../packages/local-stack/stack';
import { s3rverCredentials } from '../../packages/local-stack/s3-local';

const projectRoot = path.resolve(__dirname, '..', '..');
const writer = (info: StackInfo) =>
  dynamoAuditLog(DynamoDBDocumentClient.from(dynamoFor(info)), info.tables[0]!, systemClock);
const change = (n: number) => ({
  actor: { role: 'staff' as const, user: 'staff1', org: 'ORG-CENTER' },
  action: 'test.appended',
  subject: { test: `T-${n}` },
  data: { n },
});
const sunlit = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(projectRoot, 'bin/sunlit.cjs'), ...args], { encoding: 'utf8' });

describe('the audit log on the local stack', () => {
  const info = stackInfo();
  const client = httpLogClient(info.api);

  it('gives concurrent writers dense, unique indexes', async () => {
    const log = writer(info);
    const before = await log.size();
    // Separate clients, as separate function instances would be.
    const appended = await Promise.all(Array.from({ length: 40 }, (_, n) => writer(info).append(change(n))));
    const indexes = appended.map((a) => a.entry.index).sort((a, b) => a - b);
    expect(indexes).toEqual(Array.from({ length: 40 }, (_, i) => before + i));
    expect(await log.size()).toBe(before + 40);
    await expect(verifyLog(client)).resolves.toMatchObject({ checkpoint: { size: expect.any(Number) } });
  }, 60_000);

  it('keeps indexes dense and unique when batched appends and appends that cite their index race', async () => {
    const before = await writer(info).size();
    const table = info.tables[0]!;
    const run = Date.now();
    const appended = await Promise.all(
      Array.from({ length: 24 }, (_, n) =>
        n % 4 === 0
          ? // Writes that record the entry's own index take the head directly.
            writer(info).append(change(n), (entry) => [
              {
                Put: {
                  TableName: table,
                  Item: { pk: `TEST#cite#${run}`, sk: String(n), index: entry.index },
                },
              },
            ])
          : writer(info).append(change(n)),
      ),
    );
    expect(appended.map((a) => a.entry.index).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 24 }, (_, i) => before + i),
    );
    const { entries } = await client.entries(before, before + 24);
    for (const { entry } of appended) {
      expect(entries[entry.index - before]!.entry).toEqual(entry);
    }
  }, 60_000);

  it('gives a committed entry one index, and serves it exactly as committed', async () => {
    const log = writer(info);
    const { pendingId, entry } = await log.commit(change(5));
    const index = await log.integrated(pendingId);
    expect((await client.entries(index, index + 1)).entries[0]!.entry).toEqual({ ...entry, index });
    await expect(log.integrated(pendingId)).resolves.toBe(index);
  });

  it('commits a state change and its entry together, or neither', async () => {
    const log = writer(info);
    const table = info.tables[0]!;
    const item = { pk: 'TEST#audited', sk: 'ITEM' };
    const first = await log.append(change(1), [
      { Put: { TableName: table, Item: { ...item, v: 1 }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
    const size = await log.size();
    await expect(
      log.append(change(2), [
        {
          Put: { TableName: table, Item: { ...item, v: 2 }, ConditionExpression: 'attribute_not_exists(pk)' },
        },
      ]),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await log.size()).toBe(size);
    expect(first.entry.index).toBe(size - 1);
  });

  it('serves entries, proofs and a checkpoint that an offline verifier accepts, with and without an older checkpoint', async () => {
    const older = await client.checkpoint();
    await writer(info).append(change(99));
    const result = await verifyLog(client, { olderNote: older });
    expect(result.checkpoint.size).toBeGreaterThan(result.olderSize!);
    const proven = await proveEntry(client, result.checkpoint.size - 1);
    expect(proven.entry.action).toBe('test.appended');
  });

  it('answers bad proof and page parameters with 400 naming the parameter', async () => {
    const size = (await verifyLog(client)).checkpoint.size;
    const cases: [string, string][] = [
      [`/audit/entries?start=abc&end=2`, 'query.start'],
      [`/audit/entries?start=0&end=1001`, 'end'],
      [`/audit/proofs/inclusion?index=${size}&size=${size}`, 'index'],
      [`/audit/proofs/inclusion?index=0&size=${size + 1}`, 'size'],
      [`/audit/proofs/consistency?first=${size}&second=${size + 5}`, 'second'],
      [`/audit/proofs/consistency?first=3&second=2`, 'first'],
      [`/audit/proofs/consistency?first=1`, 'query.second'],
    ];
    for (const [route, field] of cases) {
      const { status, body } = await callApi<{ error: { code: string; field: string } }>(route);
      expect({ route, status, code: body.error.code, field: body.error.field }).toEqual({
        route,
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
      });
    }
  });

  it('shows regulators the confidential record behind an entry, and nobody else', async () => {
    const log = writer(info);
    const { entry } = await log.append({ ...change(7), confidential: { committee: ['E-00001', 'E-00002'] } });
    expect(JSON.stringify(entry)).not.toContain('E-00001');
    const asRegulator = await callApi<{ record: unknown; entry: { data: Record<string, string> } }>(
      `/audit/records/${entry.index}`,
      {
        token: await tokenFor('regulator1'),
      },
    );
    expect(asRegulator.status).toBe(200);
    const { committee } = asRegulator.body.record as { committee: { salt: string; value: unknown } };
    expect(committee.value).toEqual(['E-00001', 'E-00002']);
    // The regulator recomputes the public digest from the record: the salt makes it unguessable, not unverifiable.
    expect(asRegulator.body.entry.data.committeeSha256).toBe(contentDigest(committee.salt, committee.value));
    expect((await callApi(`/audit/records/${entry.index}`, { token: await tokenFor('staff1') })).status).toBe(
      403,
    );
    expect((await callApi(`/audit/records/${entry.index}`)).status).toBe(401);
  });

  it('refuses a checkpoint checked against another key', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const other = localEd25519Signer('sunlit.example/audit-log', privateKey);
    await expect(
      verifyLog(client, { pinnedKey: verifierKeyString(other.keyName, other.publicKey) }),
    ).rejects.toThrow(VerificationFailed);
  });

  it('publishes a public key whose verifier key checks the checkpoint', async () => {
    const { body } = await callApi<{ verifierKey: string; algorithm: string; publicKey: string }>(
      '/audit/public-key',
    );
    expect(body.algorithm).toBe('Ed25519');
    expect(Buffer.from(body.publicKey, 'base64')).toHaveLength(32);
    await expect(verifyLog(client, { pinnedKey: body.verifierKey })).resolves.toMatchObject({
      keyFromServer: false,
    });
  });
});

/** Tampering needs a log of its own: it breaks the log for good. */
describe('tampering with the audit log', () => {
  let stack: StackProcess;
  const dir = mkdtempSync(path.join(tmpdir(), 'sunlit-tamper-'));

  beforeAll(async () => {
    stack = await startStackProcess({ assembly: stackInfo().assemblyDir });
    const log = writer(stack.info);
    for (let n = 0; n < 5; n++) await log.append(change(n));
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const ddb = () => dynamoFor(stack.info);
  const entryKey = (index: number) => {
    const key = keys.auditEntry(index);
    return { pk: { S: key.pk }, sk: { S: key.sk } };
  };

  it('is served as C2SP tiles that verify from bytes alone, and a flipped byte in a bundle is named', async () => {
    const clean = sunlit('audit', 'verify', '--url', stack.info.api, '--tiles');
    expect(clean.stderr).not.toContain('differs');
    expect(clean.stdout).toContain('OK: 6 entries verified from tiles');
    expect(clean.status).toBe(0);

    const bundle = await fetch(`${stack.info.api}/audit/tile/entries/000.p/6`);
    expect(bundle.headers.get('cache-control')).toContain('immutable');
    const bytes = Buffer.from(await bundle.arrayBuffer());
    // Entry 4's first byte after its length, found by walking the 2-byte lengths.
    let at = 0;
    for (let i = 0; i < 4; i++) at += 2 + bytes.readUInt16BE(at);
    bytes[at + 3] = bytes[at + 3]! ^ 0x20;
    const bucket = stack.info.buckets.find((b) => b.startsWith('storageaudittiles'))!;
    const s3 = new S3Client({
      endpoint: stack.info.s3,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: s3rverCredentials,
    });
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'tile/entries/000.p/6', Body: bytes }));
    const tampered = sunlit('audit', 'verify', '--url', stack.info.api, '--tiles');
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toContain(
      'Entry 4 differs from what the signed tree holds: its bytes in tile/entries/000.p/6 do not hash to hash 4 of tile/0/000.p/6 (entries 0–3 are proven as signed).',
    );
  });

  it('is detected by `sunlit audit verify` when an entry is edited in DynamoDB', async () => {
    const saved = path.join(dir, 'checkpoint.txt');
    const clean = sunlit('audit', 'verify', '--url', stack.info.api, '--save', saved);
    expect(clean.stdout).toContain('OK: 6 entries verified');
    expect(clean.status).toBe(0);

    const text = (await httpLogClient(stack.info.api).entries(3, 4)).entries[0]!.entry;
    const edited = JSON.stringify({ ...text, data: { n: 333 } });
    await ddb().send(
      new UpdateItemCommand({
        TableName: stack.info.tables[0],
        Key: entryKey(3),
        UpdateExpression: 'SET canonical = :c',
        ExpressionAttributeValues: { ':c': { S: edited } },
      }),
    );
    const result = sunlit('audit', 'verify', '--url', stack.info.api, '--checkpoint', saved);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'The 6 entries do not hash to the root of the signed checkpoint: entry 3 is the first that differs (entries 0–2 are proven as signed).',
    );
  });

  it('is detected when an entry is deleted', async () => {
    await ddb().send(new DeleteItemCommand({ TableName: stack.info.tables[0], Key: entryKey(2) }));
    const result = sunlit('audit', 'verify', '--url', stack.info.api);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Entry 2 is missing from the log.');
  });

  it('is detected when an older checkpoint was signed by another key', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const impostor = localEd25519Signer('sunlit.example/audit-log', privateKey);
    const forged = path.join(dir, 'forged.txt');
    writeFileSync(
      forged,
      await signCheckpoint({ origin: impostor.keyName, size: 1, root: new Uint8Array(32) }, impostor),
    );
    const result = sunlit('audit', 'verify', '--url', stack.info.api, '--checkpoint', forged);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("The older checkpoint's signature does not verify");
  });
});

describe('the scheduled sequencer', () => {
  let stack: StackProcess;

  beforeAll(async () => {
    // A minute of the stack's clock passes in a second, so the every-minute rule runs every second.
    stack = await startStackProcess({ assembly: stackInfo().assemblyDir, timeScale: 60 });
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('integrates an entry whose writer stopped between its commit and its integration', async () => {
    const log = writer(stack.info);
    const before = await log.size();
    // Committed, and then nobody waits for it: as if the writer's function was stopped there.
    const { pendingId, entry } = await log.commit(change(404));
    let index: number | undefined;
    for (let waited = 0; index === undefined && waited < 20_000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      if ((await log.size()) > before) index = before;
    }
    expect(index).toBe(before);
    await expect(log.integrated(pendingId)).resolves.toBe(before);
    const served = await httpLogClient(stack.info.api).entries(before, before + 1);
    expect(served.entries[0]!.entry).toEqual({ ...entry, index: before });
    await expect(verifyLog(httpLogClient(stack.info.api))).resolves.toMatchObject({
      checkpoint: { size: before + 1 },
    });
  }, 60_000);
});
