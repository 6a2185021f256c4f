import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { Clock, DomainError } from '../kernel';
import {
  signCheckpoint,
  AuditEntry,
  canonicalEntryText,
  leafHashOfLoggedText,
  LogStorage,
  NewEntry,
  prepareEntry,
  NoteSigner,
  treeHash,
  HashReader,
  storedHashCount,
  storedHashesForRecord,
} from '../audit-log';
import { keys } from './key-scheme';

/** A write that must commit together with its audit entry (lib-dynamodb transaction item). */
export type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/** The state writes that commit with an entry; a function when they record the entry's index or time. */
export type StateWrites = TransactItem[] | ((entry: AuditEntry) => TransactItem[]);

export interface AppendedEntry {
  entry: AuditEntry;
  leafHash: string;
}

const MAX_ATTEMPTS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The platform's audit log in DynamoDB. An append is one transaction: the head's size
 * moves from n to n + 1 on condition that it was n, the entry and the Merkle tree's new
 * stored hashes are written on condition that they do not exist, and the caller's own state
 * writes ride along, so there is no state change without its entry, and indexes have no
 * gaps and no duplicates whatever the number of concurrent writers.
 */
export const dynamoAuditLog = (db: DynamoDBDocumentClient, tableName: string, clock: Clock) => {
  const readHashes: HashReader = async (indexes) => {
    const found = new Map<string, Uint8Array>();
    const unique = [...new Set(indexes)];
    for (let i = 0; i < unique.length; i += 100) {
      let request: Record<string, unknown>[] = unique
        .slice(i, i + 100)
        .map((index) => ({ ...keys.auditHash(index) }));
      while (request.length > 0) {
        const page = await db.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: request, ConsistentRead: true } } }),
        );
        for (const item of page.Responses?.[tableName] ?? [])
          found.set(item.sk as string, item.h as Uint8Array);
        request = page.UnprocessedKeys?.[tableName]?.Keys ?? [];
      }
    }
    return indexes.map((index) => {
      const hash = found.get(keys.auditHash(index).sk);
      if (!hash) throw new DomainError('INTERNAL', `The audit log's stored hash ${index} is missing.`);
      return hash;
    });
  };

  const size = async (): Promise<number> => {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: keys.auditHead(), ConsistentRead: true }),
    );
    return (Item?.size as number | undefined) ?? 0;
  };

  const readEntries = async (start: number, end: number): Promise<string[]> => {
    const texts: string[] = [];
    let exclusiveStartKey: Record<string, unknown> | undefined;
    if (end <= start) return texts;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': keys.auditEntry(0).pk,
            ':from': keys.auditEntry(start).sk,
            ':to': keys.auditEntry(end - 1).sk,
          },
          ExclusiveStartKey: exclusiveStartKey,
          ConsistentRead: true,
        }),
      );
      texts.push(...(page.Items ?? []).map((item) => item.canonical as string));
      exclusiveStartKey = page.LastEvaluatedKey;
    } while (exclusiveStartKey);
    return texts;
  };

  /** One attempt at appending at index `n`; false when another writer took that index first. */
  const tryAppend = async (
    n: number,
    change: NewEntry,
    writesFor: StateWrites,
  ): Promise<AppendedEntry | false> => {
    const { entry, record } = prepareEntry(n, clock.now(), change);
    const writes = typeof writesFor === 'function' ? writesFor(entry) : writesFor;
    // Hashed and stored as the same text: what readers get is what the leaf covers.
    const canonical = canonicalEntryText(entry);
    const leaf = leafHashOfLoggedText(canonical);
    const hashes = await storedHashesForRecord(n, leaf, readHashes);
    const firstHash = storedHashCount(n);
    const absent = 'attribute_not_exists(pk)';
    const items: TransactItem[] = [
      {
        Put: {
          TableName: tableName,
          Item: { ...keys.auditHead(), size: n + 1 },
          ConditionExpression: n === 0 ? absent : '#size = :n',
          ...(n === 0
            ? {}
            : { ExpressionAttributeNames: { '#size': 'size' }, ExpressionAttributeValues: { ':n': n } }),
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: { ...keys.auditEntry(n), canonical },
          ConditionExpression: absent,
        },
      },
      ...hashes.map((h, i) => ({
        Put: {
          TableName: tableName,
          Item: { ...keys.auditHash(firstHash + i), h },
          ConditionExpression: absent,
        },
      })),
      ...(record
        ? [
            {
              Put: {
                TableName: tableName,
                Item: { ...keys.auditRecord(n), record },
                ConditionExpression: absent,
              },
            },
          ]
        : []),
      ...writes,
    ];
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
      return { entry, leafHash: Buffer.from(leaf).toString('hex') };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const logRaced = reasons.slice(0, 2).some((r) => r.Code === 'ConditionalCheckFailed');
      const conflicts = reasons.some((r) => r.Code === 'TransactionConflict');
      if (logRaced || conflicts) return false;
      const stateRefused = reasons
        .slice(items.length - writes.length)
        .some((r) => r.Code === 'ConditionalCheckFailed');
      if (stateRefused) {
        throw new DomainError('CONFLICT', 'The record changed since it was read; reload it and try again.');
      }
      throw error;
    }
  };

  const storage: LogStorage = { size, readHashes, readEntries };

  return {
    ...storage,

    /** Appends one entry together with `writes`; retries when a concurrent writer took the index. */
    async append(change: NewEntry, writes: StateWrites = []): Promise<AppendedEntry> {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const appended = await tryAppend(await size(), change, writes);
        if (appended) return appended;
        // Jittered backoff, capped low: appends are short, and the winner has already moved on.
        await sleep(Math.random() * Math.min(50, 2 ** attempt));
      }
      throw new DomainError('INTERNAL', 'The audit log is too busy to take this entry now; try again.');
    },

    /** The confidential record behind entry `index` (regulators only). */
    async record(index: number): Promise<Record<string, unknown> | undefined> {
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: keys.auditRecord(index), ConsistentRead: true }),
      );
      return Item?.record as Record<string, unknown> | undefined;
    },

    /**
     * The signed checkpoint of the log as it is now. A checkpoint for the current size is
     * reused; a new one is stored only if it is larger than the stored one, and every root is
     * computed from immutable stored hashes, so no two signed checkpoints disagree.
     */
    async checkpoint(signer: NoteSigner, origin: string): Promise<string> {
      const n = await size();
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: keys.auditCheckpoint(), ConsistentRead: true }),
      );
      if (Item && (Item.size as number) >= n) return Item.note as string;
      const note = await signCheckpoint({ origin, size: n, root: await treeHash(n, readHashes) }, signer);
      try {
        await db.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.auditCheckpoint(), size: n, note },
            ConditionExpression: 'attribute_not_exists(pk) OR #size < :n',
            ExpressionAttributeNames: { '#size': 'size' },
            ExpressionAttributeValues: { ':n': n },
          }),
        );
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      }
      return note;
    },
  };
};

export type DynamoAuditLog = ReturnType<typeof dynamoAuditLog>;
