import { randomBytes } from 'node:crypto';
import { Upload } from '@aws-sdk/lib-storage';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Readable } from 'node:stream';
import { systemClock } from '../../packages/kernel';
import { dynamoTable } from '../../packages/storage';
import { documentClient, s3Client } from '../../packages/storage/clients';
import { objectStore, sha256Hex } from '../../packages/storage/object-store';
import { stackInfo, useStackEndpoints } from '../support/local-stack';

const info = stackInfo();
useStackEndpoints(info);
const s3 = s3Client();
const store = objectStore(s3);
const bucket = info.buckets.find((name) => name.includes('documents'))!;

describe('storage on the local stack', () => {
  it('declares the documents and bids buckets, the table and the idempotency table from the template', () => {
    expect(info.buckets.some((b) => b.includes('documents'))).toBe(true);
    expect(info.buckets.some((b) => b.includes('bids'))).toBe(true);
    expect(info.tables).toHaveLength(2);
    expect(info.tables[1]).toMatch(/Idempotency/);
  });

  it('round-trips an object byte for byte and hashes what it stored', async () => {
    const bytes = randomBytes(1024 * 1024 + 17);
    const stored = await store.put(bucket, 'round-trip/plain.bin', bytes);
    const described = await store.describe(bucket, 'round-trip/plain.bin');
    expect(described.sha256).toBe(sha256Hex(bytes));
    expect(described.sha256).toBe(stored.sha256);
    expect(described.size).toBe(bytes.length);
  });

  it('stores a streamed multipart upload without corrupting it', async () => {
    const bytes = randomBytes(6 * 1024 * 1024 + 3);
    await new Upload({
      client: s3,
      params: {
        Bucket: bucket,
        Key: 'round-trip/streamed.bin',
        Body: Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]),
      },
      partSize: 5 * 1024 * 1024,
    }).done();
    expect(sha256Hex(await store.get(bucket, 'round-trip/streamed.bin'))).toBe(sha256Hex(bytes));
  });

  it('accepts a presigned PUT from a plain HTTP client and serves it back through a presigned GET', async () => {
    const bytes = randomBytes(300_000);
    const putUrl = await store.presignPut(bucket, 'round-trip/presigned.bin', 60);
    const put = await fetch(putUrl, {
      method: 'PUT',
      body: bytes,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(put.status).toBe(200);
    const get = await fetch(await store.presignGet(bucket, 'round-trip/presigned.bin', 60));
    expect(sha256Hex(new Uint8Array(await get.arrayBuffer()))).toBe(sha256Hex(bytes));
  });

  it('refuses a presigned PUT once it has expired', async () => {
    const putUrl = await store.presignPut(bucket, 'round-trip/expired.bin', 1);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const put = await fetch(putUrl, {
      method: 'PUT',
      body: 'late',
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(put.status).toBe(403);
  });

  it('round-trips an item through DynamoDB Local with a conditional write that refuses an overwrite', async () => {
    const db = documentClient();
    const table = info.tables[0]!;
    const item = { pk: 'TEST#round-trip', sk: 'ITEM', text: '公共资源交易 ✓', numbers: [1, 2, 3] };
    await db.send(
      new PutCommand({ TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    await expect(
      db.send(
        new PutCommand({
          TableName: table,
          Item: { ...item, text: 'overwritten' },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    const { Item } = await db.send(new GetCommand({ TableName: table, Key: { pk: item.pk, sk: item.sk } }));
    expect(Item).toEqual(item);
    await db.send(new DeleteCommand({ TableName: table, Key: { pk: item.pk, sk: item.sk } }));
  });

  it("turns off the SDK's default request checksums, which would corrupt streamed bodies", async () => {
    expect(await s3.config.requestChecksumCalculation()).toBe('WHEN_REQUIRED');
  });

  it('counts atomically in the table: concurrent counts all add up, the first creating the item', async () => {
    const table = dynamoTable(documentClient(), info.tables[0]!, systemClock);
    const key = { pk: `TEST#count-${randomBytes(4).toString('hex')}`, sk: 'COUNT' };
    await Promise.all(Array.from({ length: 20 }, (_, i) => table.count(key, { last: `t${i}` })));
    const counted = await table.get<{ count: number; last: string }>(key);
    expect(counted?.count).toBe(20);
    expect(counted?.last).toMatch(/^t\d+$/);
  });
});
