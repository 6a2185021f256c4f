import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
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
  storedHashesForBatch,
  leafHashOfEntry,
  publishTiles,
  SaltedValue,
} from '../audit-log';
import { logKeys } from './key-scheme';

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
/** Most pending entries one transaction integrates; fewer when they would pass its item limit. */
const BATCH = 16;
const MAX_TRANSACTION_ITEMS = 100;
/** Rounds a writer leaves integration to the writer of the oldest pending entry. */
const PATIENCE = 20;

/** A state change's entry, committed with it, waiting for its index. */
interface PendingItem {
  pk: string;
  sk: string;
  /** The entry without its index, as canonical JSON: I-JSON, so it parses back exactly. */
  entry: string;
  record?: Record<string, SaltedValue>;
}

type PreparedEntry = { entry: AuditEntry; record?: Record<string, SaltedValue> };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The platform's audit log in DynamoDB. An append is one transaction: the head's size
 * moves from n to n + 1 on condition that it was n, the entry and the Merkle tree's new
 * stored hashes are written on condition that they do not exist, and the caller's own state
 * writes ride along, so there is no state change without its entry, and indexes have no
 * gaps and no duplicates whatever the number of concurrent writers.
 */
export const dynamoAuditLog = (
  db: DynamoDBDocumentClient,
  tableName: string,
  clock: Clock,
  keys = logKeys(),
) => {
  const readHashes: HashReader = async (indexes) => {
    const found = new Map<string, Uint8Array>();
    const unique = [...new Set(indexes)];
    for (let i = 0; i < unique.length; i += 100) {
      let request: Record<string, unknown>[] = unique
        .slice(i, i + 100)
        .map((index) => ({ ...keys.hash(index) }));
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
      const hash = found.get(keys.hash(index).sk);
      if (!hash) throw new DomainError('INTERNAL', `The audit log's stored hash ${index} is missing.`);
      return hash;
    });
  };

  const size = async (): Promise<number> => {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: keys.head(), ConsistentRead: true }),
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
            ':pk': keys.entry(0).pk,
            ':from': keys.entry(start).sk,
            ':to': keys.entry(end - 1).sk,
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

  const absent = 'attribute_not_exists(pk)';
  const put = (Item: Record<string, unknown>): TransactItem => ({
    Put: { TableName: tableName, Item, ConditionExpression: absent },
  });

  /**
   * The writes that integrate `entries` at indexes n, n + 1, …: the head moves from n on condition
   * that it was n, and each entry, its record and the tree's new stored hashes are written beside
   * it. Readers see nothing past the head, so a batch appears whole or not at all.
   */
  const integration = async (n: number, entries: PreparedEntry[]) => {
    // Hashed and stored as the same text: what readers get is what the leaf covers.
    const canonicals = entries.map(({ entry }) => canonicalEntryText(entry));
    const leaves = canonicals.map(leafHashOfLoggedText);
    const hashes = await storedHashesForBatch(n, leaves, readHashes);
    const firstHash = storedHashCount(n);
    const items: TransactItem[] = [
      {
        Put: {
          TableName: tableName,
          Item: { ...keys.head(), size: n + entries.length },
          ConditionExpression: n === 0 ? absent : '#size = :n',
          ...(n === 0
            ? {}
            : { ExpressionAttributeNames: { '#size': 'size' }, ExpressionAttributeValues: { ':n': n } }),
        },
      },
      ...entries.flatMap(({ record }, i) => [
        put({ ...keys.entry(n + i), canonical: canonicals[i] }),
        ...(record ? [put({ ...keys.record(n + i), record })] : []),
      ]),
      ...hashes.map((h, i) => put({ ...keys.hash(firstHash + i), h })),
    ];
    return { items, leaves };
  };

  /** Whether a cancelled transaction lost a race for the head (or an item), rather than being refused. */
  const raced = (error: TransactionCanceledException, logItems: number) => {
    const reasons = error.CancellationReasons ?? [];
    return (
      reasons.slice(0, logItems).some((r) => r.Code === 'ConditionalCheckFailed') ||
      reasons.some((r) => r.Code === 'TransactionConflict')
    );
  };

  const refusedState = (): DomainError =>
    new DomainError('CONFLICT', 'The record changed since it was read; reload it and try again.');

  /** One attempt at appending at index `n` directly; false when another writer took that index first. */
  const tryAppend = async (
    n: number,
    change: NewEntry,
    writesFor: StateWrites,
  ): Promise<AppendedEntry | false> => {
    const prepared = prepareEntry(n, clock.now(), change);
    const writes = typeof writesFor === 'function' ? writesFor(prepared.entry) : writesFor;
    const { items, leaves } = await integration(n, [prepared]);
    try {
      await db.send(new TransactWriteCommand({ TransactItems: [...items, ...writes] }));
      return { entry: prepared.entry, leafHash: Buffer.from(leaves[0]!).toString('hex') };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      if (raced(error, items.length)) return false;
      const reasons = error.CancellationReasons ?? [];
      if (reasons.slice(items.length).some((r) => r.Code === 'ConditionalCheckFailed')) throw refusedState();
      throw error;
    }
  };

  /** Retries `attempt` with jittered backoff, capped low: the winner of a race has already moved on. */
  const retrying = async <T>(attempt: (tries: number) => Promise<T | false>): Promise<T> => {
    for (let tries = 0; tries < MAX_ATTEMPTS; tries++) {
      const done = await attempt(tries);
      if (done !== false) return done;
      await sleep(Math.random() * Math.min(50, 2 ** tries));
    }
    throw new DomainError('INTERNAL', 'The audit log is too busy to take this entry now; try again.');
  };

  /** How many of `pending` one transaction can integrate at n: at most 100 items in all. */
  const fitting = (n: number, pending: PendingItem[]): number => {
    let items = 1;
    for (const [k, { record }] of pending.entries()) {
      // Entry, integrated index, pending delete, record, and the hashes record n + k adds.
      items += 3 + (record ? 1 : 0) + storedHashCount(n + k + 1) - storedHashCount(n + k);
      if (items > MAX_TRANSACTION_ITEMS) return k;
    }
    return pending.length;
  };

  /**
   * Integrates up to {@link BATCH} pending entries, oldest commit first, at the head. Returns the
   * index each was given by its pending id, or false when another writer moved the head or took
   * one of them first. Each pending entry is deleted on condition that it still exists, so none
   * is integrated twice. Given `leader`, integrates only if that entry is the oldest pending, so
   * that concurrent writers leave the batch to one of them rather than all racing for the head.
   */
  const integrateBatch = async (leader?: string): Promise<Map<string, number> | false> => {
    const [n, page] = await Promise.all([
      size(),
      db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.pending('').pk },
          Limit: BATCH,
          ConsistentRead: true,
        }),
      ),
    ]);
    const found = (page.Items ?? []) as PendingItem[];
    if (leader !== undefined && found.length > 0 && found[0]!.sk !== leader) return false;
    const pending = found.slice(0, fitting(n, found));
    const entries = pending.map(({ entry, record }, i) => ({
      entry: { ...(JSON.parse(entry) as Omit<AuditEntry, 'index'>), index: n + i },
      record,
    }));
    if (entries.length === 0) return new Map();
    const { items } = await integration(n, entries);
    const settled: TransactItem[] = pending.flatMap((item, i) => [
      put({ ...keys.integrated(item.sk), index: n + i }),
      {
        Delete: {
          TableName: tableName,
          Key: { pk: item.pk, sk: item.sk },
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
    ]);
    try {
      await db.send(new TransactWriteCommand({ TransactItems: [...items, ...settled] }));
      return new Map(pending.map((item, i) => [item.sk, n + i]));
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
  };

  /** Integrates every entry pending now, batch after batch; returns how many. */
  const integratePending = async (): Promise<number> => {
    let total = 0;
    for (;;) {
      const integrated = (await retrying(() => integrateBatch())).size;
      total += integrated;
      if (integrated === 0) return total;
    }
  };

  /** The index a pending entry was integrated at, once it is. */
  const integratedIndex = async (pendingId: string): Promise<number | undefined> => {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: keys.integrated(pendingId), ConsistentRead: true }),
    );
    return Item?.index as number | undefined;
  };

  /**
   * Commits `writes` with a pending entry in one transaction, without touching the head: writers
   * contend only on their own records. Returns the entry as it will be logged, but for its index.
   */
  const commit = async (change: NewEntry, writes: TransactItem[] = []) => {
    // Validated now, so a bad entry is refused with its state change; its index comes later.
    const { entry, record } = prepareEntry(0, clock.now(), change);
    const { index: _unassigned, ...unindexed } = entry;
    const pendingId = `${entry.time}#${randomUUID()}`;
    const pendingItem = put({
      ...keys.pending(pendingId),
      entry: canonicalize(unindexed),
      ...(record ? { record } : {}),
    });
    await retrying(async () => {
      try {
        await db.send(new TransactWriteCommand({ TransactItems: [pendingItem, ...writes] }));
        return true;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        if (raced(error, 1)) return false;
        const reasons = error.CancellationReasons ?? [];
        if (reasons.slice(1).some((r) => r.Code === 'ConditionalCheckFailed')) throw refusedState();
        throw error;
      }
    });
    return { pendingId, entry: unindexed };
  };

  /**
   * Waits for a committed entry's index, integrating meanwhile: whichever writer finds entries
   * pending integrates all of them in one batch, and the others find theirs done (group commit).
   */
  const integrated = (pendingId: string): Promise<number> =>
    retrying(async (tries) => {
      // The writer of the oldest pending entry integrates; after a while, any writer does, in
      // case that one stopped.
      const batch = await integrateBatch(tries < PATIENCE ? pendingId : undefined);
      const index = batch ? batch.get(pendingId) : undefined;
      // Raced or not, it may be done: whoever won may have integrated this one too.
      return index ?? (await integratedIndex(pendingId)) ?? false;
    });

  /**
   * The signed checkpoint of the log as it is now. A checkpoint for the current size is
   * reused; a new one is stored only if it is larger than the stored one, and every root is
   * computed from immutable stored hashes, so no two signed checkpoints disagree.
   */
  const signedCheckpoint = async (signer: NoteSigner, origin: string): Promise<string> => {
    const n = await size();
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: keys.checkpoint(), ConsistentRead: true }),
    );
    if (Item && (Item.size as number) >= n) return Item.note as string;
    const note = await signCheckpoint({ origin, size: n, root: await treeHash(n, readHashes) }, signer);
    try {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.checkpoint(), size: n, note },
          ConditionExpression: 'attribute_not_exists(pk) OR #size < :n',
          ExpressionAttributeNames: { '#size': 'size' },
          ExpressionAttributeValues: { ':n': n },
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
    return note;
  };

  /**
   * Writes the tiles of the first `target` entries not written yet, then records that they are:
   * objects never change, so a rewrite after a failure writes the same bytes.
   */
  const publishTilesUpTo = async (
    target: number,
    publish: (path: string, bytes: Uint8Array) => Promise<void>,
  ) => {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: keys.tiles(), ConsistentRead: true }),
    );
    const tiled = (Item?.size as number | undefined) ?? 0;
    if (tiled >= target) return;
    await publishTiles({ readHashes, readEntries }, publish, tiled, target);
    try {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.tiles(), size: target },
          ConditionExpression: 'attribute_not_exists(pk) OR #size < :n',
          ExpressionAttributeNames: { '#size': 'size' },
          ExpressionAttributeValues: { ':n': target },
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  };

  const storage: LogStorage = { size, readHashes, readEntries };

  return {
    ...storage,

    /**
     * Appends one entry together with `writes`. Plain writes commit with a pending entry and are
     * integrated in a batch; writes that cite the entry's index need it before they commit, so
     * they take the head directly, retrying when a concurrent writer or batch took it first.
     */
    async append(change: NewEntry, writes: StateWrites = []): Promise<AppendedEntry> {
      if (typeof writes === 'function') return retrying(async () => tryAppend(await size(), change, writes));
      const committed = await commit(change, writes);
      const entry = { ...committed.entry, index: await integrated(committed.pendingId) };
      return { entry, leafHash: Buffer.from(leafHashOfEntry(entry)).toString('hex') };
    },

    commit,
    integrated,

    /** Integrates every entry pending now (the scheduled sequencer's sweep); returns how many. */
    integratePending,

    /** The confidential record behind entry `index` (regulators only). */
    async record(index: number): Promise<Record<string, unknown> | undefined> {
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: keys.record(index), ConsistentRead: true }),
      );
      return Item?.record as Record<string, unknown> | undefined;
    },

    /**
     * The signed checkpoint of the log as it is now (see {@link signedCheckpoint}); given
     * `publish`, the log's C2SP tiles up to its size are written first, so that every checkpoint
     * handed out has its tiles.
     */
    async checkpoint(
      signer: NoteSigner,
      origin: string,
      publish?: (path: string, bytes: Uint8Array) => Promise<void>,
    ): Promise<string> {
      const note = await signedCheckpoint(signer, origin);
      // A checkpoint note's second line is the tree size.
      if (publish) await publishTilesUpTo(Number(note.split('\n')[1]), publish);
      return note;
    },
  };
};

export type DynamoAuditLog = ReturnType<typeof dynamoAuditLog>;
