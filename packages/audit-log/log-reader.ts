import * as z from 'zod';
import { AuditEntry, leafHashOfLoggedText } from './entry';
import { DomainError } from '../kernel';
import { invalidParameter } from './errors';
import { proveRecord, proveTree } from './proofs';
import { HashReader, readStoredHashes, storedHashIndex } from './stored-hashes';

/** What the log's storage offers to readers: its size, stored hashes and entries. */
export interface LogStorage {
  size(): Promise<number>;
  readHashes: HashReader;
  /** Entries with indexes in [start, end), as stored (canonical JSON text). */
  readEntries(start: number, end: number): Promise<string[]>;
}

/** Most entries one page returns. */
export const MAX_PAGE = 1000;

/** A tree size or entry index in a query string: a whole decimal number. */
const Count = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,14})$/, 'must be a whole number ≥ 0')
  .transform(Number);

export const EntriesQuery = z.object({ start: Count, end: Count });
export const InclusionQuery = z.object({ index: Count, size: Count });
export const ConsistencyQuery = z.object({ first: Count, second: Count });
export const RecordPath = z.object({ index: Count });

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

const requireWithinLog = (field: string, value: number, size: number): void => {
  if (value > size)
    throw invalidParameter(field, `${field} ${value} is beyond the log, which has ${size} entries.`);
};

/** Entries [start, end) with their leaf hashes; end is clipped to the log and to one page. */
export const readEntriesPage = async (log: LogStorage, start: number, end: number) => {
  if (end < start) throw invalidParameter('end', `end (${end}) must not be below start (${start}).`);
  if (end - start > MAX_PAGE)
    throw invalidParameter('end', `A page holds at most ${MAX_PAGE} entries; ask for fewer.`);
  const size = await log.size();
  requireWithinLog('start', start, size);
  const texts = await log.readEntries(start, Math.min(end, size));
  return {
    // Each entry carries its own index: a gap in storage shows as a gap, never as a shift.
    // `canonical` is the entry as logged: its UTF-8 bytes are what the leaf hash covers.
    entries: texts.map((canonical) => {
      const entry = JSON.parse(canonical) as AuditEntry;
      return { index: entry.index, leafHash: hex(leafHashOfLoggedText(canonical)), entry, canonical };
    }),
  };
};

/** The inclusion proof of entry `index` in the tree of `size` entries (RFC 9162 §2.1.3). */
export const inclusionProof = async (log: LogStorage, index: number, size: number) => {
  requireWithinLog('size', size, await log.size());
  if (index >= size) throw invalidParameter('index', `index ${index} must be below size ${size}.`);
  const [proof, [leaf]] = await Promise.all([
    proveRecord(size, index, log.readHashes),
    readStoredHashes(log.readHashes, [storedHashIndex(0, index)]),
  ]);
  return { index, size, leafHash: hex(leaf!), auditPath: proof.map(hex) };
};

/** The consistency proof between the trees of `first` and `second` entries (RFC 9162 §2.1.4). */
export const consistencyProof = async (log: LogStorage, first: number, second: number) => {
  requireWithinLog('second', second, await log.size());
  if (first < 1)
    throw invalidParameter('first', 'first must be at least 1: every tree is consistent with the empty one.');
  if (first > second) throw invalidParameter('first', `first (${first}) must not exceed second (${second}).`);
  return { first, second, proof: (await proveTree(second, first, log.readHashes)).map(hex) };
};

/** The confidential content behind entry `index`, beside the public entry that holds its digests. */
export const confidentialRecord = async (
  log: LogStorage & { record(index: number): Promise<Record<string, unknown> | undefined> },
  index: number,
) => {
  if (index >= (await log.size()))
    throw new DomainError('NOT_FOUND', `The audit log has no entry ${index}.`, { field: 'index' });
  const [[text], record] = await Promise.all([log.readEntries(index, index + 1), log.record(index)]);
  if (text === undefined)
    throw new DomainError('NOT_FOUND', `The audit log has no entry ${index}.`, { field: 'index' });
  return { index, entry: JSON.parse(text) as AuditEntry, record: record ?? null };
};
