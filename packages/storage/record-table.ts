import { AuditEntry, NewEntry } from '../audit-log';
import { ItemKey } from './key-scheme';

/** An item of the platform table: its keys and its attributes. */
export type Item = ItemKey & Record<string, unknown>;

/** Items to create (refused if they exist) and to replace on condition that named attributes still hold. */
export interface ItemWrites {
  create?: Item[];
  replace?: { item: Item; expect: Record<string, string | number> }[];
}

/**
 * The platform table as the stores use it: reads by key, by partition and sort-key prefix, by
 * index, a page of a partition newest first, plain puts, and the one way state changes: an
 * append to the audit log that commits the writes with it, all or nothing. DynamoDB implements it
 * (`dynamoTable`); unit tests use an in-memory one with the same conditions.
 */
export interface RecordTable {
  get<T>(key: ItemKey): Promise<T | undefined>;
  /** Every item of a partition whose sort key starts with `prefix`, in sort-key order. */
  query<T>(pk: string, prefix: string): Promise<T[]>;
  /** Every item of an index partition, in index sort-key order. */
  queryIndex<T>(gsi1pk: string): Promise<T[]>;
  /**
   * Newest first: items of a partition with sort keys in [from, to), at most `limit`, optionally
   * only those whose `where.field` equals `where.value`; `last` is the sort key of the last item
   * when the page is full.
   */
  page<T>(
    pk: string,
    range: { from: string; to: string },
    limit: number,
    where?: { field: string; value: string },
  ): Promise<{ items: T[]; last?: string }>;
  /** Writes without an audit entry, each item independently; a repeat rewrites the same items. */
  put(items: Item[]): Promise<void>;
  /** Deletes items written by `put` (never audited records); deleting a missing item is no error. */
  remove(keys: ItemKey[]): Promise<void>;
  /**
   * Adds one to the item's `count` and sets its other `fields`, atomically, creating it with count 1
   * if it is not there: concurrent counts never overwrite each other.
   */
  count(key: ItemKey, fields: Record<string, string>): Promise<void>;
  /** Appends the entry and commits the writes with it; CONFLICT when a condition fails. */
  append(entry: NewEntry, writes: ItemWrites | ((entry: AuditEntry) => ItemWrites)): Promise<AuditEntry>;
}
