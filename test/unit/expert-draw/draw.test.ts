import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { drawExperts, drawFrozen } from '../../../packages/expert-draw/draw';
import { freezePool, freezeRequest } from '../../../packages/expert-draw/freeze';
import { drawSeed } from '../../../packages/expert-draw/secrets';
import type { DrawOutcome, DrawRequest, DrawResult, PoolExpert } from '../../../packages/expert-draw/schema';
import { aRequest, anExpert, anyDraw, anySecret, largePool, twoSecrets } from './fixtures';
import { referenceDraw } from './reference-draw';

const succeeded = (outcome: DrawOutcome): DrawResult => {
  if ('error' in outcome) throw new Error(`expected a result, got "${outcome.error}"`);
  return outcome;
};

const drawnIds = (result: DrawResult): string[] =>
  result.picks.flatMap((pick) => [...pick.primaries, ...pick.reserves]);

/** Experts a quota of `specialty` could pick if nothing had been drawn before it. */
const eligibleFor = (request: DrawRequest, pool: PoolExpert[], specialty: string): PoolExpert[] =>
  pool.filter(
    (e) =>
      e.active &&
      e.specialties.includes(specialty) &&
      !request.excludedOrgs.includes(e.org) &&
      !request.excludedExperts.includes(e.id),
  );

describe('drawing experts', () => {
  it('agrees with a literal transcription of the spec, failures included', () => {
    fc.assert(
      fc.property(anyDraw(), ({ request, pool, secrets }) => {
        expect(drawExperts(request, pool, secrets)).toStrictEqual(referenceDraw(request, pool, secrets));
      }),
      { numRuns: 300 },
    );
  });

  it('never draws an expert twice in one draw', () => {
    fc.assert(
      fc.property(anyDraw(), ({ request, pool, secrets }) => {
        const outcome = drawExperts(request, pool, secrets);
        fc.pre(!('error' in outcome));
        const ids = drawnIds(succeeded(outcome));
        expect(new Set(ids).size).toBe(ids.length);
      }),
    );
  });

  it('draws only active experts of the quota specialty, outside excluded organisations and ids', () => {
    fc.assert(
      fc.property(anyDraw(), ({ request, pool, secrets }) => {
        const outcome = drawExperts(request, pool, secrets);
        fc.pre(!('error' in outcome));
        for (const pick of succeeded(outcome).picks) {
          const eligible = new Set(eligibleFor(request, pool, pick.specialty).map((e) => e.id));
          for (const id of [...pick.primaries, ...pick.reserves]) expect(eligible.has(id)).toBe(true);
        }
      }),
    );
  });

  it('fills every quota and its reserves when there are enough experts', () => {
    fc.assert(
      fc.property(anyDraw(80), ({ request, pool, secrets }) => {
        // Earlier quotas take at most this many, so each quota keeps enough to choose from.
        const demand = request.quotas.reduce((sum, q) => sum + q.count + q.reserves, 0);
        fc.pre(request.quotas.every((q) => eligibleFor(request, pool, q.specialty).length >= demand));
        const result = succeeded(drawExperts(request, pool, secrets));
        expect(result.picks.map((p) => [p.specialty, p.primaries.length, p.reserves.length])).toEqual(
          request.quotas.map((q) => [q.specialty, q.count, q.reserves]),
        );
      }),
      { numRuns: 50, maxSkipsPerRun: 1000 },
    );
  });

  it('gives the same result for the same inputs, however the pool and exclusions are ordered', () => {
    fc.assert(
      fc.property(anyDraw(), fc.infiniteStream(fc.double()), ({ request, pool, secrets }, noise) => {
        const shuffle = <T>(values: T[]): T[] => [...values].sort(() => noise.next().value - 0.5);
        const reordered = shuffle(pool).map((e) => ({ ...e, specialties: shuffle(e.specialties) }));
        const doubled = {
          ...request,
          excludedExperts: [...request.excludedExperts, ...request.excludedExperts],
        };
        const first = drawExperts(request, pool, secrets);
        expect(drawExperts(request, pool, secrets)).toStrictEqual(first);
        expect(
          drawExperts({ ...doubled, excludedOrgs: shuffle(request.excludedOrgs) }, reordered, secrets),
        ).toStrictEqual(first);
      }),
      { numRuns: 100 },
    );
  });

  it('changes the seed when any one secret changes', () => {
    fc.assert(
      fc.property(
        fc.array(anySecret, { minLength: 2, maxLength: 5 }),
        fc.nat(),
        anySecret,
        (secrets, which, replacement) => {
          const at = which % secrets.length;
          fc.pre(secrets[at] !== replacement);
          const changed = secrets.with(at, replacement);
          const [requestHash, poolHash] = ['ab'.repeat(32), 'cd'.repeat(32)];
          expect(drawSeed(requestHash, poolHash, changed)).not.toBe(drawSeed(requestHash, poolHash, secrets));
        },
      ),
    );
  });

  it('fails with the hashes and seed when a quota lacks experts, even after earlier quotas took them', () => {
    const request = aRequest({
      quotas: [
        { specialty: 'A080101', count: 1, reserves: 1 },
        { specialty: 'B02', count: 1, reserves: 0 },
      ],
    });
    // Both experts hold both specialties; the first quota takes them both.
    const pool = [
      anExpert('E-1', { specialties: ['A080101', 'B02'] }),
      anExpert('E-2', { specialties: ['B02', 'A080101'] }),
    ];
    const outcome = drawExperts(request, pool, twoSecrets);
    expect(outcome).toStrictEqual({
      algorithm: 'sunlit-draw-v1',
      error: 'insufficient experts for B02',
      requestHash: freezeRequest(request).hash,
      poolHash: freezePool(pool).hash,
      seed: drawSeed(freezeRequest(request).hash, freezePool(pool).hash, twoSecrets),
    });
  });

  it('draws the same from a frozen pool as from the raw one', () => {
    const pool = largePool(500);
    const request = aRequest({ quotas: [{ specialty: 'S001', count: 3, reserves: 2 }] });
    expect(drawFrozen(freezeRequest(request), freezePool(pool), twoSecrets)).toStrictEqual(
      drawExperts(request, pool, twoSecrets),
    );
  });

  it('draws five quotas from a pool of 100,000 experts', () => {
    const pool = largePool(100_000);
    const excluded = pool.filter((_, i) => i % 997 === 0);
    const request = aRequest({
      quotas: ['S000', 'S007', 'S013', 'S021', 'S033'].map((specialty) => ({
        specialty,
        count: 5,
        reserves: 3,
      })),
      excludedOrgs: ['ORG-0', 'ORG-7', 'ORG-1999'],
      excludedExperts: excluded.map((e) => e.id),
    });

    const result = succeeded(drawExperts(request, pool, twoSecrets));

    expect(result.picks.map((p) => [p.primaries.length, p.reserves.length])).toEqual(Array(5).fill([5, 3]));
    expect(new Set(drawnIds(result)).size).toBe(40);
    const byId = new Map(pool.map((e) => [e.id, e]));
    for (const pick of result.picks) {
      for (const id of [...pick.primaries, ...pick.reserves]) {
        const expert = byId.get(id)!;
        expect(expert.active && expert.specialties.includes(pick.specialty)).toBe(true);
        expect(request.excludedOrgs.includes(expert.org) || request.excludedExperts.includes(id)).toBe(false);
      }
    }
  });

  it('picks every eligible expert about equally often, first seat and reserve alike (χ² smoke test)', () => {
    // 20 experts, 4,000 draws with fixed secrets: deterministic, so it cannot flake, yet a biased
    // shuffle (an off-by-one range, an index drawn from too few bits) moves the statistic far past the bound.
    const pool = Array.from({ length: 20 }, (_, i) => anExpert(`E-${String(i).padStart(2, '0')}`));
    const request = freezeRequest(aRequest({ quotas: [{ specialty: 'A080101', count: 1, reserves: 1 }] }));
    const frozen = freezePool(pool);
    const draws = 4000;
    const first = new Map<string, number>();
    const reserve = new Map<string, number>();
    for (let i = 0; i < draws; i++) {
      const secret = createHash('sha256').update(`smoke ${i}`).digest('hex');
      const [pick] = succeeded(drawFrozen(request, frozen, [secret, twoSecrets[1]!])).picks;
      first.set(pick!.primaries[0]!, (first.get(pick!.primaries[0]!) ?? 0) + 1);
      reserve.set(pick!.reserves[0]!, (reserve.get(pick!.reserves[0]!) ?? 0) + 1);
    }
    const expected = draws / pool.length;
    const chiSquare = (counts: Map<string, number>) =>
      pool.reduce((sum, e) => sum + ((counts.get(e.id) ?? 0) - expected) ** 2 / expected, 0);
    // The 99.9th percentile of χ² with 19 degrees of freedom is 43.8.
    expect(chiSquare(first)).toBeLessThan(43.8);
    expect(chiSquare(reserve)).toBeLessThan(43.8);
    expect(first.size).toBe(20);
  });
});
