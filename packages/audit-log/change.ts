import { AuditEntry } from './entry';
import { NewEntry } from './new-entry';

/** A record as a context hands it to its store: the store decides keys and item shapes. */
export interface StoredRecord {
  kind: string;
  value: unknown;
}

/** A record to replace, on condition that the named fields still hold the values read. */
export interface Replace<R> {
  record: R;
  expect: Record<string, string | number>;
}

/** Records to create (refused if they exist) and records to replace on condition. */
export interface Writes<R> {
  create?: R[];
  replace?: Replace<R>[];
}

/** One state change: its writes and the audit entry that commits with them, all or nothing. */
export interface Change<R> extends Writes<R> {
  entry: NewEntry;
  /** Further writes made from the entry itself, for records that cite their log index or time. */
  cite?: (entry: AuditEntry) => Writes<R>;
}

/** Where a context's changes commit: CONFLICT when a record exists or changed since it was read. */
export interface Committer<R> {
  commit(change: Change<R>): Promise<AuditEntry>;
}
