/**
 * Proof verification exactly as RFC 9162 §2.1.3.2 and §2.1.4.2 describe it, so that a
 * regulator can check our proofs with any conforming implementation and vice versa.
 * Every refusal is an {@link InvalidProofError} naming the argument at fault.
 */
import { half, isOdd, isPowerOfTwo } from './bits';
import { InvalidProofError, isCount, isHash } from './errors';
import { HASH_SIZE, nodeHash, sameHash } from './hash';

/** Malformed input is one more way for a proof to fail, so it gets the same error type. */
const requireInputs = (
  counts: Record<string, number>,
  hashes: Record<string, Uint8Array>,
  proof: Uint8Array[],
) => {
  for (const [field, value] of Object.entries(counts)) {
    if (!isCount(value))
      throw new InvalidProofError(`${field} must be a whole number ≥ 0; got ${value}.`, field);
  }
  for (const [field, value] of Object.entries(hashes)) {
    if (!isHash(value)) throw new InvalidProofError(`${field} must be a ${HASH_SIZE}-byte hash.`, field);
  }
  const bad = proof.findIndex((hash) => !isHash(hash));
  if (bad >= 0) throw new InvalidProofError(`proof.${bad} must be a ${HASH_SIZE}-byte hash.`, `proof.${bad}`);
};

/** Shifts fn and sn right together until fn is odd or 0 (step iii of both algorithms). */
const alignRight = (fn: number, sn: number): [number, number] => {
  while (fn !== 0 && !isOdd(fn)) [fn, sn] = [half(fn), half(sn)];
  return [fn, sn];
};

/**
 * Checks that `proof` proves record n, with leaf hash `leafHash`, is in the tree of size t
 * whose root is `root` (RFC 9162 §2.1.3.2). Throws {@link InvalidProofError} otherwise.
 */
export const checkRecord = (
  proof: Uint8Array[],
  t: number,
  root: Uint8Array,
  n: number,
  leafHash: Uint8Array,
): void => {
  requireInputs({ t, n }, { root, leafHash }, proof);
  if (n >= t) throw new InvalidProofError(`Record ${n} cannot be in a tree of size ${t}.`, 'n');
  let [fn, sn] = [n, t - 1];
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) {
      throw new InvalidProofError(
        `The proof has more hashes than record ${n} of a tree of size ${t} needs.`,
        'proof',
      );
    }
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      [fn, sn] = alignRight(fn, sn);
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  if (sn !== 0) {
    throw new InvalidProofError(
      `The proof has fewer hashes than record ${n} of a tree of size ${t} needs.`,
      'proof',
    );
  }
  if (!sameHash(r, root)) {
    throw new InvalidProofError(
      `The proof does not lead from record ${n} to the root of the tree of size ${t}.`,
      'root',
    );
  }
};

/**
 * Checks that `proof` proves the tree of size n with root `rootN` is a prefix of the tree
 * of size t with root `rootT` (RFC 9162 §2.1.4.2). Needs 1 ≤ n ≤ t: the empty tree is a
 * prefix of every tree, so a proof from it would prove nothing. Equal sizes need an empty
 * proof and equal roots, a case the RFC's algorithm leaves out.
 * Throws {@link InvalidProofError} otherwise.
 */
export const checkTree = (
  proof: Uint8Array[],
  t: number,
  rootT: Uint8Array,
  n: number,
  rootN: Uint8Array,
): void => {
  requireInputs({ t, n }, { rootT, rootN }, proof);
  if (n > t)
    throw new InvalidProofError(`A tree of size ${n} cannot be a prefix of a tree of size ${t}.`, 'n');
  if (n === 0) throw new InvalidProofError('A consistency proof from the empty tree proves nothing.', 'n');
  if (n === t) {
    if (proof.length > 0) throw new InvalidProofError('Trees of the same size need an empty proof.', 'proof');
    if (!sameHash(rootN, rootT))
      throw new InvalidProofError('Trees of the same size have different roots.', 'rootT');
    return;
  }
  // 2. A complete old tree is its own first node.
  const [first, ...rest] = isPowerOfTwo(n) ? [rootN, ...proof] : proof;
  // 1. An empty proof fails (`first` is then missing too, unless n is a power of two).
  if (proof.length === 0 || first === undefined) {
    throw new InvalidProofError(`Trees of sizes ${n} and ${t} need a non-empty proof.`, 'proof');
  }
  // 3, 4. Start at the old tree's last leaf, above the levels where it is a right child.
  let [fn, sn] = [n - 1, t - 1];
  while (isOdd(fn)) [fn, sn] = [half(fn), half(sn)];
  // 5, 6. Rebuild the old root (fr) and the new root (sr) side by side.
  let [fr, sr] = [first, first];
  for (const c of rest) {
    if (sn === 0) {
      throw new InvalidProofError(
        `The proof has more hashes than trees of sizes ${n} and ${t} need.`,
        'proof',
      );
    }
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      [fn, sn] = alignRight(fn, sn);
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  // 7.
  if (sn !== 0) {
    throw new InvalidProofError(
      `The proof has fewer hashes than trees of sizes ${n} and ${t} need.`,
      'proof',
    );
  }
  if (!sameHash(fr, rootN)) {
    throw new InvalidProofError(
      `The proof does not lead to the given root of the tree of size ${n}.`,
      'rootN',
    );
  }
  if (!sameHash(sr, rootT)) {
    throw new InvalidProofError(
      `The proof does not lead to the given root of the tree of size ${t}.`,
      'rootT',
    );
  }
};
