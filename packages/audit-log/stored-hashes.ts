/**
 * How the tree is persisted. The log keeps one hash per complete subtree — (level L,
 * index k) covers records k·2^L … (k+1)·2^L − 1 — numbered in the order they become known:
 * appending record r stores its leaf hash, then the hash of every subtree r completes (one
 * per trailing 1 bit of r). The first r records therefore occupy stored indexes
 * 0 … 2r − popcount(r) − 1. This is the numbering of golang.org/x/mod/sumdb/tlog (after
 * Crosby and Wallach's history trees); any root or proof needs O(log n) of these hashes.
 */
import { DomainError } from '../kernel';
import { half, popCount, trailingZeros } from './bits';
import { invalidParameter, requireCount, requireHash } from './errors';
import { HASH_SIZE, nodeHash } from './hash';

/**
 * Reads stored hashes by stored index. One call is one batched read of the store; it
 * returns one 32-byte hash per index, in the order asked.
 */
export type HashReader = (indexes: number[]) => Promise<Uint8Array[]>;

/** Stored index of record r's leaf hash, which is also how many hashes precede it. */
const leafIndexOf = (record: number): number => 2 * record - popCount(record);

/** Where the hash of the complete subtree (level, n) is stored. */
export const storedHashIndex = (level: number, n: number): number => {
  requireCount(level, 'level');
  requireCount(n, 'n');
  // A subtree is stored with the record that completes it: its last one.
  const lastRecord = (n + 1) * 2 ** level - 1;
  if (!Number.isSafeInteger(2 * lastRecord)) {
    throw invalidParameter('level', `The subtree (${level}, ${n}) lies beyond the records a log can hold.`);
  }
  return leafIndexOf(lastRecord) + level;
};

/** The subtree whose hash is stored at `index`: the inverse of {@link storedHashIndex}. */
export const splitStoredHashIndex = (index: number): { level: number; n: number } => {
  requireCount(index, 'index');
  // leafIndexOf(r) ≤ 2r, so the record holding `index` is at least index/2, and at most
  // a few dozen further (leafIndexOf(r) ≥ 2r − 53).
  let record = half(index);
  while (leafIndexOf(record + 1) <= index) record += 1;
  const level = index - leafIndexOf(record);
  return { level, n: (record + 1) / 2 ** level - 1 };
};

/** How many hashes the store holds once it has n records. */
export const storedHashCount = (n: number): number => {
  requireCount(n, 'n');
  return leafIndexOf(n);
};

/**
 * Reads `indexes` through `read` in a single call, and checks that the store answered
 * with one hash per index: a short or malformed answer must not become a wrong root.
 */
export const readStoredHashes = async (read: HashReader, indexes: number[]): Promise<Uint8Array[]> => {
  if (indexes.length === 0) return [];
  const hashes = await read(indexes);
  if (hashes.length !== indexes.length || hashes.some((hash) => hash.length !== HASH_SIZE)) {
    throw new DomainError(
      'INTERNAL',
      `The hash store answered ${hashes.length} values for ${indexes.length} stored hashes, or some were not 32 bytes.`,
    );
  }
  return hashes;
};

/**
 * The hashes to store when appending record n: its leaf hash, then the hash of each
 * subtree it completes, lowest first. They belong at stored indexes
 * `storedHashCount(n)` onwards. Reads the left siblings it needs (at most log₂ n) from
 * earlier records in one call, and makes no call when n is even.
 */
export const storedHashesForRecord = async (
  n: number,
  leafHash: Uint8Array,
  readHashes: HashReader,
): Promise<Uint8Array[]> => {
  requireCount(n, 'n');
  requireHash(leafHash, 'leafHash');
  const completed = trailingZeros(n + 1);
  const siblings: number[] = [];
  for (let level = 0, k = n; level < completed; level += 1, k = half(k)) {
    siblings.push(storedHashIndex(level, k - 1));
  }
  const left = await readStoredHashes(readHashes, siblings);
  const hashes = [leafHash];
  let hash = leafHash;
  for (const sibling of left) {
    hash = nodeHash(sibling, hash);
    hashes.push(hash);
  }
  return hashes;
};

/**
 * The hashes to store when appending records n … n + k − 1 at once (their leaf hashes in order):
 * what {@link storedHashesForRecord} gives for each in turn, at stored indexes `storedHashCount(n)`
 * onwards. Siblings inside the batch come from the batch; older ones are read from the store, each
 * at most once.
 */
export const storedHashesForBatch = async (
  n: number,
  leafHashes: Uint8Array[],
  readHashes: HashReader,
): Promise<Uint8Array[]> => {
  requireCount(n, 'n');
  const first = storedHashCount(n);
  const known = new Map<number, Uint8Array>();
  const throughBatch: HashReader = async (indexes) => {
    const missing = indexes.filter((index) => !known.has(index));
    const read = await readStoredHashes(readHashes, missing);
    missing.forEach((index, i) => known.set(index, read[i]!));
    return indexes.map((index) => known.get(index)!);
  };
  const hashes: Uint8Array[] = [];
  for (const [i, leaf] of leafHashes.entries()) {
    for (const hash of await storedHashesForRecord(n + i, leaf, throughBatch)) {
      known.set(first + hashes.length, hash);
      hashes.push(hash);
    }
  }
  return hashes;
};
