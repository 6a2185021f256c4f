import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { DrawOutcome, DrawRequest, PoolExpert } from '../../../packages/expert-draw/schema';

/*
 * The spec transcribed line by line, slow and obvious on purpose (generic JCS, BigInt,
 * arrays and sets), so that the fast implementation has something independent to agree with.
 */

const sha256 = (data: string | Uint8Array): Buffer => createHash('sha256').update(data).digest();

/** `uniform(m)` of the spec over a source of 64-bit values, in BigInt. */
export const referenceUniform = (next: () => bigint, m: number): number => {
  const limit = 2n ** 64n - (2n ** 64n % BigInt(m));
  for (;;) {
    const x = next();
    if (x < limit) return Number(x % BigInt(m));
  }
};

/** The 64-bit values of 32-byte blocks, four per block, big-endian. */
export const valuesOf = (nextBlock: () => Uint8Array): (() => bigint) => {
  let values: bigint[] = [];
  return () => {
    if (values.length === 0) {
      const block = Buffer.from(nextBlock());
      values = [0, 8, 16, 24].map((at) => block.readBigUInt64BE(at));
    }
    return values.shift()!;
  };
};

/** `block(i) = SHA-256(seed || uint64_be(i))`. */
export const referenceBlocks = (seed: Buffer): (() => Uint8Array) => {
  let i = 0n;
  return () => {
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(i++);
    return sha256(Buffer.concat([seed, counter]));
  };
};

const sortedUnique = (values: string[]): string[] => [...new Set(values)].sort();

export const referenceDraw = (request: DrawRequest, pool: PoolExpert[], secrets: string[]): DrawOutcome => {
  const normalRequest = {
    ...request,
    excludedOrgs: sortedUnique(request.excludedOrgs),
    excludedExperts: sortedUnique(request.excludedExperts),
  };
  const normalPool = pool
    .map((expert) => ({ ...expert, specialties: [...expert.specialties].sort() }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const requestHash = sha256(canonicalize(normalRequest)!);
  const poolHash = sha256(canonicalize(normalPool)!);
  const seed = sha256(
    Buffer.concat([
      Buffer.from('sunlit-draw-v1\0'),
      requestHash,
      poolHash,
      ...secrets.map((s) => Buffer.from(s, 'hex')),
    ]),
  );
  const head = {
    algorithm: 'sunlit-draw-v1' as const,
    requestHash: requestHash.toString('hex'),
    poolHash: poolHash.toString('hex'),
    seed: seed.toString('hex'),
  };
  const next = valuesOf(referenceBlocks(seed));
  const taken = new Set<string>();
  const picks = [];
  for (const quota of request.quotas) {
    const E = normalPool
      .filter(
        (e) =>
          e.active &&
          e.specialties.includes(quota.specialty) &&
          !normalRequest.excludedOrgs.includes(e.org) &&
          !normalRequest.excludedExperts.includes(e.id) &&
          !taken.has(e.id),
      )
      .map((e) => e.id);
    if (E.length < quota.count) {
      const { algorithm, ...rest } = head;
      return { algorithm, error: `insufficient experts for ${quota.specialty}`, ...rest };
    }
    const k = Math.min(quota.count + quota.reserves, E.length);
    for (let j = 0; j < k; j++) {
      const r = referenceUniform(next, E.length - j);
      [E[j], E[j + r]] = [E[j + r]!, E[j]!];
    }
    E.slice(0, k).forEach((id) => taken.add(id));
    picks.push({
      specialty: quota.specialty,
      primaries: E.slice(0, quota.count),
      reserves: E.slice(quota.count, k),
    });
  }
  return { ...head, picks };
};
