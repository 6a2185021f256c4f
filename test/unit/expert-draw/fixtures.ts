import fc from 'fast-check';
import type { DrawRequest, PoolExpert } from '../../../packages/expert-draw/schema';

/** Any identifier the spec allows, so that byte order ('-' < '.' < digits < 'A' < '_' < 'a') is exercised. */
export const anyIdentifier = fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/);

/** 32 random bytes as lowercase hex. */
export const anySecret = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((b) => Buffer.from(b).toString('hex'));

// Few specialties and organisations, so that quotas, exclusions and experts overlap.
const specialties = ['A080101', 'B02', 'C010201'];
const orgs = ['ORG-1', 'ORG-2', 'ORG-3', 'ORG-4'];

const anyExpert = (ids: fc.Arbitrary<string>): fc.Arbitrary<PoolExpert> =>
  fc.record({
    id: ids,
    org: fc.constantFrom(...orgs),
    // Not unique and not sorted: a repeated code must not let an expert in twice.
    specialties: fc.array(fc.constantFrom(...specialties), { minLength: 1, maxLength: 4 }),
    active: fc.boolean(),
  });

export const anyPool = (maxLength: number): fc.Arbitrary<PoolExpert[]> =>
  fc.uniqueArray(anyExpert(anyIdentifier), {
    selector: (expert) => expert.id,
    minLength: maxLength / 4,
    maxLength,
    size: 'max',
  });

export const anyRequest = (pool: PoolExpert[]): fc.Arbitrary<DrawRequest> =>
  fc.record({
    algorithm: fc.constant('sunlit-draw-v1' as const),
    drawId: anyIdentifier,
    projectId: anyIdentifier,
    quotas: fc.array(
      fc.record({
        // Now and then a specialty nobody in the pool has.
        specialty: fc.oneof({ arbitrary: fc.constantFrom(...specialties), weight: 9 }, fc.constant('Z99')),
        count: fc.integer({ min: 1, max: 4 }),
        reserves: fc.integer({ min: 0, max: 3 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    excludedOrgs: fc.array(fc.constantFrom(...orgs, 'ORG-ELSEWHERE'), { maxLength: 2 }),
    excludedExperts: fc.array(fc.constantFrom('E-NOT-IN-POOL', ...pool.map((expert) => expert.id)), {
      maxLength: 4,
    }),
    parties: fc.uniqueArray(anyIdentifier, { minLength: 2, maxLength: 4 }),
  });

/** A request, a pool it draws from, and one secret per party. */
export const anyDraw = (maxPool = 40) =>
  anyPool(maxPool).chain((pool) =>
    anyRequest(pool).chain((request) =>
      fc.record({
        request: fc.constant(request),
        pool: fc.constant(pool),
        secrets: fc.array(anySecret, {
          minLength: request.parties.length,
          maxLength: request.parties.length,
        }),
      }),
    ),
  );

/** A request with sensible defaults; override what the test is about. */
export const aRequest = (overrides: Partial<DrawRequest> = {}): DrawRequest => ({
  algorithm: 'sunlit-draw-v1',
  drawId: 'D-2026-0001',
  projectId: 'P-2026-0001',
  quotas: [{ specialty: 'A080101', count: 2, reserves: 1 }],
  excludedOrgs: [],
  excludedExperts: [],
  parties: ['center', 'regulator'],
  ...overrides,
});

export const anExpert = (id: string, overrides: Partial<PoolExpert> = {}): PoolExpert => ({
  id,
  org: 'ORG-1',
  specialties: ['A080101'],
  active: true,
  ...overrides,
});

export const twoSecrets = ['11'.repeat(32), '22'.repeat(32)];

/**
 * A deterministic pool of `size` experts over 40 specialties and 2,000 organisations,
 * from a fixed linear congruential generator so every run draws from the same pool.
 */
export const largePool = (size: number): PoolExpert[] => {
  let state = 20260301;
  const next = (n: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % n;
  };
  const codes = Array.from({ length: 40 }, (_, i) => `S${String(i).padStart(3, '0')}`);
  return Array.from({ length: size }, (_, i) => ({
    id: `E-${String(i).padStart(6, '0')}`,
    org: `ORG-${next(2000)}`,
    specialties: [...new Set([codes[next(40)]!, codes[next(40)]!, codes[next(40)]!])],
    active: next(10) !== 0,
  }));
};
