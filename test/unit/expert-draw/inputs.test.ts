import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { drawExperts } from '../../../packages/expert-draw/draw';
import { freezePool, freezeRequest, poolHash, requestHash } from '../../../packages/expert-draw/freeze';
import { commitment, drawSeed, verifyReveal } from '../../../packages/expert-draw/secrets';
import type { PoolExpert } from '../../../packages/expert-draw/schema';
import { aRequest, anExpert, anyIdentifier, anySecret, twoSecrets } from './fixtures';

const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

const refusal = (field: string, message: RegExp) =>
  expect.objectContaining({
    code: 'VALIDATION_FAILED',
    message: expect.stringMatching(message),
    details: expect.objectContaining({ field }),
  });

describe('the draw request', () => {
  it.each([
    ['another algorithm', { algorithm: 'sunlit-draw-v2' }, 'request.algorithm', /must be "sunlit-draw-v1"/],
    ['a draw id holding a space', { drawId: 'D 1' }, 'request.drawId', /1–64 characters/],
    ['an identifier of 65 characters', { projectId: 'P'.repeat(65) }, 'request.projectId', /1–64 characters/],
    ['no quotas', { quotas: [] }, 'request.quotas', /at least one quota/],
    [
      'a count of 0',
      { quotas: [{ specialty: 'A1', count: 0, reserves: 0 }] },
      'request.quotas.0.count',
      /at least 1/,
    ],
    [
      'a fractional count',
      { quotas: [{ specialty: 'A1', count: 1.5, reserves: 0 }] },
      'request.quotas.0.count',
      /int/,
    ],
    [
      'negative reserves',
      { quotas: [{ specialty: 'A1', count: 1, reserves: -1 }] },
      'request.quotas.0.reserves',
      /at least 0/,
    ],
    [
      'an excluded organisation that is no identifier',
      { excludedOrgs: ['ORG/1'] },
      'request.excludedOrgs.0',
      /1–64 characters/,
    ],
    ['one party', { parties: ['center'] }, 'request.parties', /at least two parties/],
    ['a party named twice', { parties: ['center', 'center'] }, 'request.parties', /each party once/],
  ])('refuses a request with %s, naming the field and the rule', (_, overrides, field, message) => {
    expect(() => freezeRequest(aRequest(overrides as object))).toThrow(refusal(field, message));
  });

  it('refuses a key the spec does not define, since the hash would silently leave it out', () => {
    expect(() => freezeRequest({ ...aRequest(), note: 'x' })).toThrow(refusal('request', /note/));
  });

  it('hashes exclusions sorted byte-wise and without duplicates', () => {
    const request = aRequest({
      excludedOrgs: ['b', 'B', '_', 'b', '-'],
      excludedExperts: ['E-2', 'E-10', 'E-2'],
    });
    const normalised = { ...request, excludedOrgs: ['-', 'B', '_', 'b'], excludedExperts: ['E-10', 'E-2'] };
    expect(freezeRequest(request).request).toEqual(normalised);
    expect(requestHash(request)).toBe(sha256Hex(canonicalize(normalised)!));
  });

  it('keeps the quotas in the order given', () => {
    const quotas = [
      { specialty: 'B', count: 1, reserves: 0 },
      { specialty: 'A', count: 1, reserves: 0 },
    ];
    expect(requestHash(aRequest({ quotas }))).not.toBe(
      requestHash(aRequest({ quotas: [...quotas].reverse() })),
    );
  });
});

describe('the pool snapshot', () => {
  it('hashes the RFC 8785 form of the pool sorted by id, each specialties list sorted', () => {
    const anyExpert = fc.record({
      id: anyIdentifier,
      org: anyIdentifier,
      specialties: fc.array(anyIdentifier, { maxLength: 4 }),
      active: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.uniqueArray(anyExpert, { selector: (e) => e.id, maxLength: 30 }), (pool) => {
        const normalised = pool
          .map((e) => ({ ...e, specialties: [...e.specialties].sort() }))
          .sort((a, b) => (a.id < b.id ? -1 : 1));
        expect(poolHash(pool)).toBe(sha256Hex(canonicalize(normalised)!));
      }),
    );
  });

  it('leaves the caller’s pool as it was', () => {
    const pool = [anExpert('E-2', { specialties: ['B', 'A'] }), anExpert('E-1')];
    const copy = structuredClone(pool);
    freezePool(pool);
    expect(pool).toEqual(copy);
  });

  it('refuses an id that occurs twice, naming where', () => {
    const pool = [anExpert('E-1'), anExpert('E-2'), anExpert('E-1', { org: 'ORG-2' })];
    expect(() => freezePool(pool)).toThrow(refusal('pool.2.id', /"E-1" must be unique/));
  });

  it.each([
    ['that is not an array', {}, 'pool', /expected array/],
    [
      'with an activity that is no boolean',
      [{ ...anExpert('E-1'), active: 'yes' }],
      'pool.0.active',
      /boolean/,
    ],
    [
      'with a specialty that is no identifier',
      [anExpert('E-1', { specialties: ['A 1'] })],
      'pool.0.specialties.0',
      /1–64/,
    ],
    ['with an unknown key', [{ ...anExpert('E-1'), phone: '123' }], 'pool.0', /phone/],
  ])('refuses a pool %s, naming the field', (_, pool, field, message) => {
    expect(() => freezePool(pool as PoolExpert[])).toThrow(refusal(field, message));
  });
});

describe('secrets and their reveal', () => {
  it('commits to a secret with SHA-256 of its 32 bytes', () => {
    expect(commitment('00'.repeat(32))).toBe(
      '66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925',
    );
  });

  it('accepts a secret that matches its commitment', () => {
    fc.assert(
      fc.property(anySecret, (secret) =>
        expect(() => verifyReveal(secret, commitment(secret))).not.toThrow(),
      ),
    );
  });

  it('refuses a secret that does not match its commitment', () => {
    fc.assert(
      fc.property(anySecret, anySecret, (secret, other) => {
        fc.pre(secret !== other);
        expect(() => verifyReveal(other, commitment(secret))).toThrow(
          expect.objectContaining({ code: 'RULE_VIOLATED', details: { field: 'secret' } }),
        );
      }),
    );
  });

  it.each([
    ['31 bytes', '00'.repeat(31), /got 62 hex digits/],
    ['33 bytes', '00'.repeat(33), /got 66 hex digits/],
    ['an odd number of digits', '0'.repeat(63), /got 63 hex digits/],
    ['a non-hex character', `${'00'.repeat(31)}0g`, /non-hex character/],
  ])('refuses a secret of %s', (_, secret, got) => {
    expect(() =>
      drawExperts(aRequest(), [anExpert('E-1'), anExpert('E-2')], [secret, twoSecrets[1]!]),
    ).toThrow(refusal('secrets.0', got));
    expect(() => commitment(secret)).toThrow(refusal('secret', /must be 32 bytes written as 64 hex digits/));
    expect(() => verifyReveal(twoSecrets[0]!, secret)).toThrow(refusal('commitment', got));
  });

  it('refuses a draw without exactly one secret per party', () => {
    const pool = [anExpert('E-1'), anExpert('E-2')];
    expect(() => drawExperts(aRequest(), pool, [twoSecrets[0]!])).toThrow(
      refusal('secrets', /one secret per party \(2\), got 1/),
    );
    expect(() => drawExperts(aRequest(), pool, [...twoSecrets, twoSecrets[0]!])).toThrow(
      refusal('secrets', /got 3/),
    );
  });

  it('refuses hashes that are not 32 bytes of hex when computing a seed', () => {
    expect(() => drawSeed('ab'.repeat(31), 'cd'.repeat(32), twoSecrets)).toThrow(
      refusal('requestHash', /62/),
    );
  });
});
