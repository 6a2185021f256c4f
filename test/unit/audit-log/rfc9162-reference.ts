/**
 * RFC 9162 §2.1 written out as its recursive definitions, deliberately naive (O(n) per
 * call) and independent of the package's code: the oracle the property tests compare with.
 */
import { createHash } from 'node:crypto';

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

export const rfcLeafHash = (data: Uint8Array): Buffer => sha256(Uint8Array.of(0), data);
const rfcNodeHash = (left: Uint8Array, right: Uint8Array): Buffer => sha256(Uint8Array.of(1), left, right);

/** The largest power of two smaller than n. */
const split = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/** MTH(D[n]) over leaf hashes. */
export const rfcRoot = (leaves: Uint8Array[]): Buffer => {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return Buffer.from(leaves[0] as Uint8Array);
  const k = split(leaves.length);
  return rfcNodeHash(rfcRoot(leaves.slice(0, k)), rfcRoot(leaves.slice(k)));
};

/** PATH(m, D[n]) over leaf hashes. */
export const rfcPath = (m: number, leaves: Uint8Array[]): Buffer[] => {
  if (leaves.length <= 1) return [];
  const k = split(leaves.length);
  return m < k
    ? [...rfcPath(m, leaves.slice(0, k)), rfcRoot(leaves.slice(k))]
    : [...rfcPath(m - k, leaves.slice(k)), rfcRoot(leaves.slice(0, k))];
};

/** PROOF(m, D[n]) = SUBPROOF(m, D[n], true) over leaf hashes. */
export const rfcProof = (m: number, leaves: Uint8Array[], known = true): Buffer[] => {
  if (m === leaves.length) return known ? [] : [rfcRoot(leaves)];
  const k = split(leaves.length);
  return m <= k
    ? [...rfcProof(m, leaves.slice(0, k), known), rfcRoot(leaves.slice(k))]
    : [...rfcProof(m - k, leaves.slice(k), false), rfcRoot(leaves.slice(0, k))];
};
