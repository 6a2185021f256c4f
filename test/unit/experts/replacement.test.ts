import type { DrawResult } from '../../../packages/expert-draw/schema';
import { nextReserve, seatsOf, supplementaryExclusions } from '../../../packages/experts/replacement';

const resultOf = (picks: DrawResult['picks']): DrawResult => ({
  algorithm: 'sunlit-draw-v1',
  requestHash: 'ab'.repeat(32),
  poolHash: 'cd'.repeat(32),
  seed: 'ef'.repeat(32),
  picks,
});

const draw = resultOf([
  { specialty: 'A080101', primaries: ['E-09', 'E-02', 'E-31'], reserves: ['E-17', 'E-04'] },
  { specialty: 'C010201', primaries: ['E-55'], reserves: ['E-60'] },
  { specialty: 'B020301', primaries: ['E-70'], reserves: [] },
]);

describe('the committee seats of a draw', () => {
  it('seats the primaries in quota order and, within a quota, in drawn order', () => {
    expect(seatsOf(draw)).toEqual([
      { specialty: 'A080101', place: 1, expertId: 'E-09' },
      { specialty: 'A080101', place: 2, expertId: 'E-02' },
      { specialty: 'A080101', place: 3, expertId: 'E-31' },
      { specialty: 'C010201', place: 1, expertId: 'E-55' },
      { specialty: 'B020301', place: 1, expertId: 'E-70' },
    ]);
  });

  it('gives reserves no seat', () => {
    const seated = seatsOf(draw).map((seat) => seat.expertId);
    for (const reserve of ['E-17', 'E-04', 'E-60']) expect(seated).not.toContain(reserve);
  });
});

describe('replacing an expert who declines or does not come', () => {
  const seated = new Set(seatsOf(draw).map((seat) => seat.expertId));

  it('takes the reserves of the same specialty first to last, never one already used', () => {
    expect(nextReserve(draw, 'A080101', seated)).toBe('E-17');
    expect(nextReserve(draw, 'A080101', new Set([...seated, 'E-17']))).toBe('E-04');
    expect(nextReserve(draw, 'C010201', seated)).toBe('E-60');
  });

  it('skips a used reserve wherever it stands in the order', () => {
    expect(nextReserve(draw, 'A080101', new Set([...seated, 'E-04']))).toBe('E-17');
  });

  it('has none when the reserves have run out or were never drawn: a supplementary draw is needed', () => {
    expect(nextReserve(draw, 'A080101', new Set([...seated, 'E-17', 'E-04']))).toBeUndefined();
    expect(nextReserve(draw, 'B020301', seated)).toBeUndefined();
    expect(nextReserve(draw, 'D05', seated)).toBeUndefined();
  });
});

describe('who a supplementary draw excludes', () => {
  it('is everyone drawn before for the tender, primaries and reserves, once each and sorted', () => {
    const supplementary = resultOf([
      { specialty: 'A080101', primaries: ['E-04', 'E-88'], reserves: ['E-10'] },
    ]);
    expect(supplementaryExclusions([draw, supplementary])).toEqual([
      'E-02',
      'E-04',
      'E-09',
      'E-10',
      'E-17',
      'E-31',
      'E-55',
      'E-60',
      'E-70',
      'E-88',
    ]);
  });

  it('is nobody before the first draw', () => {
    expect(supplementaryExclusions([])).toEqual([]);
  });
});
