import { Checkpoint, openSignedNote } from './checkpoint';
import { AuditEntry, leafHashOfServedEntry } from './entry';
import { sameHash } from './hash';
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
  ): Promise<{ entries: { index: number; leafHash: string; entry: AuditEntry }[] }>;
  inclusion(index: number, size: number): Promise<{ auditPath: string[] }>;
  consistency(first: number, second: number): Promise<{ proof: string[] }>;
}

/** What failed, for a verifier's non-zero exit. */
export class VerificationFailed extends Error {}

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
export const openCheckpoint = async (client: LogClient, pinnedKey?: string): Promise<VerifiedLog> => {
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
 * recomputed root at the old size). Throws {@link VerificationFailed} naming what failed.
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
  let rootAtOlderSize: Uint8Array | undefined = older?.size === 0 ? builder.root() : undefined;
  for (let start = 0; start < size; start += MAX_PAGE) {
    const end = Math.min(start + MAX_PAGE, size);
    const { entries } = await client.entries(start, end);
    for (let index = start; index < end; index++) {
      const served = entries[index - start];
      if (!served || served.index !== index)
        throw new VerificationFailed(`Entry ${index} is missing from the log.`);
      if (served.entry.index !== index) {
        throw new VerificationFailed(`Entry ${index} says it is entry ${served.entry.index}.`);
      }
      const leaf = leafHashOfServedEntry(served.entry);
      if (hex(leaf) !== served.leafHash) {
        throw new VerificationFailed(
          `Entry ${index}: its content does not hash to the leaf hash served with it.`,
        );
      }
      builder.append(leaf);
      if (older && builder.size === older.size) rootAtOlderSize = builder.root();
    }
    options.onProgress?.(end, size);
  }
  if (!sameHash(builder.root(), root)) {
    throw new VerificationFailed(
      `The ${size} entries do not hash to the root of the signed checkpoint: an entry was changed.`,
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
  return { ...opened, olderSize: older?.size };
};

/** Proves one entry's inclusion in the latest signed checkpoint, from that entry and its audit path alone. */
export const proveEntry = async (client: LogClient, index: number, pinnedKey?: string) => {
  const opened = await openCheckpoint(client, pinnedKey);
  const { size, root } = opened.checkpoint;
  if (index >= size) throw new VerificationFailed(`The log has ${size} entries; there is no entry ${index}.`);
  const [served] = (await client.entries(index, index + 1)).entries;
  if (!served || served.index !== index)
    throw new VerificationFailed(`Entry ${index} is missing from the log.`);
  const leaf = leafHashOfServedEntry(served.entry);
  const { auditPath } = await client.inclusion(index, size);
  try {
    checkRecord(auditPath.map(fromHex), size, root, index, leaf);
  } catch (error) {
    throw new VerificationFailed(
      `Entry ${index} is not proven to be in the log: ${(error as Error).message}`,
    );
  }
  return { ...opened, entry: served.entry, leafHash: hex(leaf) };
};
