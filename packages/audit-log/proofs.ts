/**
 * Tree roots and proofs computed from stored hashes (RFC 9162 §2.1). Each function first
 * works out every stored hash it needs, reads them all in one call, then hashes: a root or
 * proof costs one store read of O(log n) hashes.
 */
import { largestPowerOfTwoUpTo, splitPoint, trailingZeros } from './bits';
import { invalidParameter, requireCount } from './errors';
import { emptyTreeHash, nodeHash } from './hash';
import { type HashReader, readStoredHashes, storedHashIndex } from './stored-hashes';

/** Records [start, end) of the log. */
type Span = readonly [start: number, end: number];

/**
 * The complete subtrees that make up a span, left to right. Every span the RFC's
 * recursion produces starts at a multiple of a power of two at least its length, so the
 * subtrees are aligned and each one is a single stored hash.
 */
const storedIndexesOf = ([start, end]: Span): number[] => {
  const indexes: number[] = [];
  for (let at = start; at < end;) {
    const size = largestPowerOfTwoUpTo(end - at);
    indexes.push(storedHashIndex(trailingZeros(size), at / size));
    at += size;
  }
  return indexes;
};

/** The Merkle tree hash of a span from its subtrees' hashes, which shrink left to right. */
const foldSubtrees = (subtrees: Uint8Array[]): Uint8Array =>
  subtrees.reduceRight((right, left) => nodeHash(left, right));

/** Reads the stored hashes of all spans at once and returns each span's Merkle tree hash. */
const hashSpans = async (spans: Span[], readHashes: HashReader): Promise<Uint8Array[]> => {
  const indexesBySpan = spans.map(storedIndexesOf);
  const hashes = await readStoredHashes(readHashes, indexesBySpan.flat());
  let next = 0;
  return indexesBySpan.map((indexes) => {
    next += indexes.length;
    return foldSubtrees(hashes.slice(next - indexes.length, next));
  });
};

/** The root hash of the first n records (MTH, RFC 9162 §2.1.1), from at most log₂ n + 1 stored hashes. */
export const treeHash = async (n: number, readHashes: HashReader): Promise<Uint8Array> => {
  requireCount(n, 'n');
  if (n === 0) return emptyTreeHash();
  return foldSubtrees(await readStoredHashes(readHashes, storedIndexesOf([0, n])));
};

/**
 * The inclusion proof (audit path, RFC 9162 §2.1.3.1) that record n is in the tree of
 * size t, from the leaf's sibling up to the root's children.
 */
export const proveRecord = async (t: number, n: number, readHashes: HashReader): Promise<Uint8Array[]> => {
  requireCount(t, 't');
  requireCount(n, 'n');
  if (n >= t) throw invalidParameter('n', `Record ${n} is not in a tree of size ${t}.`);
  // PATH(m, D[lo:hi]) walks down towards m, taking the sibling subtree at each split;
  // walking top-down gives the path reversed.
  const siblings: Span[] = [];
  let [lo, hi] = [0, t];
  while (hi - lo > 1) {
    const mid = lo + splitPoint(hi - lo);
    if (n < mid) {
      siblings.push([mid, hi]);
      hi = mid;
    } else {
      siblings.push([lo, mid]);
      lo = mid;
    }
  }
  return hashSpans(siblings.reverse(), readHashes);
};

/**
 * The consistency proof (RFC 9162 §2.1.4.1) that the tree of size n is a prefix of the
 * tree of size t, for 1 ≤ n ≤ t; empty when n = t.
 */
export const proveTree = async (t: number, n: number, readHashes: HashReader): Promise<Uint8Array[]> => {
  requireCount(t, 't');
  requireCount(n, 'n');
  if (n < 1 || n > t) {
    throw invalidParameter('n', `A consistency proof needs 1 ≤ n ≤ t; got n = ${n}, t = ${t}.`);
  }
  // SUBPROOF(m, D[lo:hi], b), unrolled top-down; the proof lists its nodes bottom-up.
  const nodes: Span[] = [];
  let [lo, hi] = [0, t];
  let oldRootKnown = true;
  while (n !== hi) {
    const mid = lo + splitPoint(hi - lo);
    if (n <= mid) {
      nodes.push([mid, hi]);
      hi = mid;
    } else {
      nodes.push([lo, mid]);
      lo = mid;
      oldRootKnown = false;
    }
  }
  // Had the walk never turned right, the subtree reached would be the old tree, whose
  // root the verifier holds; otherwise it is part of the old tree and must be sent.
  if (!oldRootKnown) nodes.push([lo, hi]);
  return hashSpans(nodes.reverse(), readHashes);
};
