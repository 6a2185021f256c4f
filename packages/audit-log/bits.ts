/**
 * Bit arithmetic on tree sizes and indexes. They may exceed 2^32, where JavaScript's
 * bitwise operators wrap, so bits are read with division instead; every input here is a
 * safe non-negative integer, for which these operations are exact.
 */

/** Whether the lowest bit of n is set. */
export const isOdd = (n: number): boolean => n % 2 === 1;

/** n shifted right by one bit. */
export const half = (n: number): number => Math.floor(n / 2);

/** The number of 1 bits in n. */
export const popCount = (n: number): number => {
  let count = 0;
  for (let rest = n; rest > 0; rest = half(rest)) count += rest % 2;
  return count;
};

/** The number of trailing 0 bits in n > 0. */
export const trailingZeros = (n: number): number => {
  let count = 0;
  for (let rest = n; rest > 0 && !isOdd(rest); rest /= 2) count += 1;
  return count;
};

/** The largest power of two strictly below n ≥ 2: where RFC 9162 §2.1.1 splits a tree of n leaves. */
export const splitPoint = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/** The largest power of two at most n ≥ 1: the size of the first complete subtree of n leaves. */
export const largestPowerOfTwoUpTo = (n: number): number => {
  let k = 1;
  while (k * 2 <= n) k *= 2;
  return k;
};

export const isPowerOfTwo = (n: number): boolean => n > 0 && n === largestPowerOfTwoUpTo(n);
