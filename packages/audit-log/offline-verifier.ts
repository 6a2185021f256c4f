import { AnchorChains } from './anchor-chains';
import { Checkpoint, openSignedNote } from './checkpoint';
import { AuditEntry } from './entry';
import { leafHash, sameHash } from './hash';
import { MAX_PAGE } from './log-reader';
import { RootBuilder } from './root-builder';
import { checkRecord, checkTree } from './verify';

/** How the verifier reaches a log: the public HTTP paths, behind a port so tests can serve anything. */
export interface LogClient {
  checkpoint(): Promise<string>;
  publicKey(): Promise<{ verifierKey: string }>;
  entries(
    start: number,
    end: number,
  ): Promise<{ entries: { index: number; leafHash: string; entry: AuditEntry; canonical: string }[] }>;
  inclusion(index: number, size: number): Promise<{ auditPath: string[] }>;
  consistency(first: number, second: number): Promise<{ proof: string[] }>;
}

/** What failed, for a verifier's non-zero exit. */
export class VerificationFailed extends Error {}

// In canonical JSON the entry's keys are sorted (action, actor, data, index, subject, time), and
// a quote inside a string is escaped, so this is found only as the entry's own subject key, last.
const SUBJECT_KEY = Buffer.from(',"subject":{');

/**
 * Whether logged entry bytes declare `index` as their own: `,"index":<index>` just before the
 * entry's subject. A byte scan, not a parse, so that checking costs less than hashing; bytes that
 * are not a canonical entry fail it.
 */
export const declaresIndex = (bytes: Uint8Array, index: number): boolean => {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const subject = text.lastIndexOf(SUBJECT_KEY);
  const expected = `,"index":${index}`;
  return (
    subject >= expected.length && text.toString('latin1', subject - expected.length, subject) === expected
  );
};

/**
 * The leaf hash of entry `index` from the bytes the log hashed, never re-serialized; refuses
 * bytes that claim to be another entry, so that no entry can be replayed at another index.
 */
export const leafOfLoggedEntry = (index: number, bytes: Uint8Array): Uint8Array => {
  if (!declaresIndex(bytes, index)) {
    throw new VerificationFailed(
      `Entry ${index}: its bytes are not an entry that says it is entry ${index}.`,
    );
  }
  return leafHash(bytes);
};

const fromHex = (hex: string): Uint8Array => Buffer.from(hex, 'hex');
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

export interface VerifiedLog {
  checkpoint: Checkpoint;
  note: string;
  verifierKey: string;
  /** Whether the key came from the server rather than from the caller. */
  keyFromServer: boolean;
}

/** Fetches the latest checkpoint and checks its signature against the pinned (or served) key. */
export const openCheckpoint = async (
  client: Pick<LogClient, 'checkpoint' | 'publicKey'>,
  pinnedKey?: string,
): Promise<VerifiedLog> => {
  const verifierKey = pinnedKey ?? (await client.publicKey()).verifierKey;
  const note = await client.checkpoint();
  let checkpoint: Checkpoint;
  try {
    checkpoint = openSignedNote(note, verifierKey);
  } catch (error) {
    throw new VerificationFailed(`The checkpoint's signature does not verify: ${(error as Error).message}`);
  }
  const keyName = verifierKey.split('+')[0];
  if (checkpoint.origin !== keyName) {
    throw new VerificationFailed(`The checkpoint is for log "${checkpoint.origin}", not "${keyName}".`);
  }
  return { checkpoint, note, verifierKey, keyFromServer: !pinnedKey };
};

/**
 * Verifies the whole log: every entry hashes to its leaf, the leaves to the signed root, and,
 * given an older signed checkpoint, that the log only grew since (consistency proof, and the
 * recomputed root at the old size); and every sealed process's anchors form one chain that ends
 * at its final anchor. Throws {@link VerificationFailed} naming what failed.
 */
export const verifyLog = async (
  client: LogClient,
  options: {
    pinnedKey?: string;
    olderNote?: string;
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<VerifiedLog & { olderSize?: number }> => {
  const opened = await openCheckpoint(client, options.pinnedKey);
  const { size, root } = opened.checkpoint;
  let older: Checkpoint | undefined;
  if (options.olderNote !== undefined) {
    try {
      older = openSignedNote(options.olderNote, opened.verifierKey);
    } catch (error) {
      throw new VerificationFailed(
        `The older checkpoint's signature does not verify: ${(error as Error).message}`,
      );
    }
    if (older.size > size) {
      throw new VerificationFailed(
        `The log shrank: the older checkpoint has ${older.size} entries, the current one ${size}.`,
      );
    }
  }

  const builder = new RootBuilder();
  const chains = new AnchorChains();
  // Reported once the entries are proven as signed, so that it is the log's fault, not the server's.
  let broken: string | undefined;
  // Kept to name the first changed entry if the root does not match: 32 bytes an entry.
  const leaves: Uint8Array[] = [];
  let rootAtOlderSize: Uint8Array | undefined = older?.size === 0 ? builder.root() : undefined;
  for (let start = 0; start < size; start += MAX_PAGE) {
    const end = Math.min(start + MAX_PAGE, size);
    const { entries } = await client.entries(start, end);
    for (let index = start; index < end; index++) {
      const served = entries[index - start];
      if (!served || served.index !== index)
        throw new VerificationFailed(`Entry ${index} is missing from the log.`);
      const leaf = leafOfLoggedEntry(index, Buffer.from(served.canonical, 'utf8'));
      if (hex(leaf) !== served.leafHash) {
        throw new VerificationFailed(
          `Entry ${index}: its content does not hash to the leaf hash served with it.`,
        );
      }
      broken ??= chains.check(index, served.canonical);
      builder.append(leaf);
      leaves.push(leaf);
      if (older && builder.size === older.size) rootAtOlderSize = builder.root();
    }
    options.onProgress?.(end, size);
  }
  if (!sameHash(builder.root(), root)) {
    const first = await firstUnproven(client, leaves, root);
    throw new VerificationFailed(
      `The ${size} entries do not hash to the root of the signed checkpoint: entry ${first} is the first that differs` +
        (first > 0 ? ` (entries 0–${first - 1} are proven as signed).` : '.'),
    );
  }
  if (older) {
    if (!rootAtOlderSize || !sameHash(rootAtOlderSize, older.root)) {
      throw new VerificationFailed(
        `The first ${older.size} entries no longer hash to the older checkpoint's root: history was rewritten.`,
      );
    }
    if (older.size > 0) {
      const { proof } = await client.consistency(older.size, size);
      try {
        checkTree(proof.map(fromHex), size, root, older.size, older.root);
      } catch (error) {
        throw new VerificationFailed(
          `The consistency proof from size ${older.size} to ${size} fails: ${(error as Error).message}`,
        );
      }
    }
  }
  if (broken) throw new VerificationFailed(broken);
  return { ...opened, olderSize: older?.size };
};

/** The root of the first `size` leaves. */
const prefixRoot = (leaves: Uint8Array[], size: number): Uint8Array => {
  const builder = new RootBuilder();
  for (let i = 0; i < size; i++) builder.append(leaves[i]!);
  return builder.root();
};

/**
 * The first entry not proven to be as signed: a binary search for the longest prefix of the
 * served leaves whose root a consistency proof ties to the signed root. A proof that verifies is
 * sound whoever served it, so the entries before the answer are proven unchanged; the server's
 * proofs can only make the answer earlier, never hide the change.
 */
const firstUnproven = async (client: LogClient, leaves: Uint8Array[], root: Uint8Array): Promise<number> => {
  const size = leaves.length;
  const proven = async (prefix: number) => {
    if (prefix === 0) return true;
    try {
      const { proof } = await client.consistency(prefix, size);
      checkTree(proof.map(fromHex), size, root, prefix, prefixRoot(leaves, prefix));
      return true;
    } catch {
      return false;
    }
  };
  // The longest proven prefix lies in [low, high): the whole log is known not to be.
  let low = 0;
  let high = size;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (await proven(middle)) low = middle;
    else high = middle;
  }
  return low;
};

/** Proves one entry's inclusion in the latest signed checkpoint, from that entry and its audit path alone. */
export const proveEntry = async (client: LogClient, index: number, pinnedKey?: string) => {
  const opened = await openCheckpoint(client, pinnedKey);
  return { ...opened, ...(await proveIn(client, opened, index)) };
};

/**
 * Proves many entries against one signed checkpoint, opened once, 16 at a time, so that all are
 * proven in the same tree: each index's entry, or why it is not proven. `onProgress` hears how
 * many are done.
 */
export const proveEntries = async (
  client: LogClient,
  indexes: readonly number[],
  pinnedKey?: string,
  onProgress?: (proven: number, of: number) => void,
): Promise<{ opened: VerifiedLog; proven: Map<number, AuditEntry | VerificationFailed> }> => {
  const opened = await openCheckpoint(client, pinnedKey);
  const unique = [...new Set(indexes)];
  const proven = new Map<number, AuditEntry | VerificationFailed>();
  for (let i = 0; i < unique.length; i += 16) {
    await Promise.all(
      unique.slice(i, i + 16).map(async (index) => {
        try {
          proven.set(index, (await proveIn(client, opened, index)).entry);
        } catch (error) {
          if (!(error instanceof VerificationFailed)) throw error;
          proven.set(index, error);
        }
      }),
    );
    onProgress?.(proven.size, unique.length);
  }
  return { opened, proven };
};

/** One entry's inclusion in a checkpoint already opened. */
const proveIn = async (client: LogClient, opened: VerifiedLog, index: number) => {
  const { size, root } = opened.checkpoint;
  if (index >= size) throw new VerificationFailed(`The log has ${size} entries; there is no entry ${index}.`);
  const [served] = (await client.entries(index, index + 1)).entries;
  if (!served || served.index !== index)
    throw new VerificationFailed(`Entry ${index} is missing from the log.`);
  const leaf = leafOfLoggedEntry(index, Buffer.from(served.canonical, 'utf8'));
  const { auditPath } = await client.inclusion(index, size);
  try {
    checkRecord(auditPath.map(fromHex), size, root, index, leaf);
  } catch (error) {
    throw new VerificationFailed(
      `Entry ${index} is not proven to be in the log: ${(error as Error).message}`,
    );
  }
  return { entry: served.entry, leafHash: hex(leaf) };
};
