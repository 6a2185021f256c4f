import {
  LoggedStep,
  PublishedAuction,
  auctionVerdict,
  dealKindOf,
  openReserve,
  replayAuction,
  reserveCommitment,
} from '../../../packages/auctions';

const listing = dealKindOf('land-listing');
const SALT = '5a'.repeat(32);
const reserve = { reserveFen: 1_100_000, salt: SALT };

/** A listing with three listing bids, a timed round of two more bids, the last extending the countdown. */
const published = (): PublishedAuction => {
  const steps: LoggedStep[] = [
    { type: 'bid', paddle: 'P01', amountFen: 1_000_000, sequence: 1, at: '2026-12-21T02:00:00.000Z' },
    { type: 'bid', paddle: 'P02', amountFen: 1_050_000, sequence: 2, at: '2026-12-22T02:00:00.000Z' },
    { type: 'bid', paddle: 'P01', amountFen: 1_100_000, sequence: 3, at: '2026-12-23T02:00:00.000Z' },
    { type: 'listing-closed', continuing: ['P01', 'P02'], at: '2026-12-30T02:00:00.000Z' },
    { type: 'bid', paddle: 'P02', amountFen: 1_150_000, sequence: 4, at: '2026-12-30T02:03:59.999Z' },
    { type: 'bid', paddle: 'P01', amountFen: 1_200_000, sequence: 5, at: '2026-12-30T02:07:00.000Z' },
    { type: 'bidding-ended', at: '2026-12-30T02:11:00.000Z' },
  ];
  return {
    terms: {
      auctionId: 'AU-7',
      startingPriceFen: 1_000_000,
      incrementFen: 50_000,
      opensAt: '2026-12-20T02:00:00.000Z',
      listingClosesAt: '2026-12-30T02:00:00.000Z',
      reserveCommitment: reserveCommitment(reserve),
    },
    steps,
    qualifiedBidders: 3,
    reserve,
    outcome: { outcome: 'sold', paddle: 'P01', priceFen: 1_200_000 },
  };
};

describe('replaying an auction', () => {
  it('MATCHes an auction run under its rules', () => {
    const checks = replayAuction(listing, published());
    expect(checks.map((c) => [c.check, c.ok])).toEqual([
      ['bids under the rules', true],
      ['reserve', true],
      ['result', true],
    ]);
    expect(auctionVerdict(checks)).toBe('MATCH');
  });

  it('MISMATCHes a log with an edited bid, naming the step', () => {
    const edited = published();
    edited.steps = edited.steps.map((s, i) =>
      i === 4 && s.type === 'bid' ? { ...s, amountFen: 1_125_000 } : s,
    );
    const checks = replayAuction(listing, edited);
    expect(checks[0]).toMatchObject({ check: 'step 5 (bid)', ok: false });
    expect(auctionVerdict(checks)).toBe('MISMATCH');
  });

  it('MISMATCHes a bid after the countdown ran out', () => {
    const late = published();
    late.steps = late.steps.map((s, i) => (i === 4 ? { ...s, at: '2026-12-30T02:04:00.000Z' } : s));
    expect(auctionVerdict(replayAuction(listing, late))).toBe('MISMATCH');
  });

  it('MISMATCHes a published winner the bids do not give', () => {
    const wrong = published();
    wrong.outcome = { outcome: 'sold', paddle: 'P02', priceFen: 1_150_000 };
    const checks = replayAuction(listing, wrong);
    expect(checks.find((c) => c.check === 'result')).toMatchObject({ ok: false });
  });

  it('MISMATCHes a reserve changed after it was committed', () => {
    const moved = published();
    moved.reserve = { ...reserve, reserveFen: 1_300_000 };
    moved.outcome = { outcome: 'no-sale', reason: 'below-reserve' };
    const checks = replayAuction(listing, moved);
    expect(checks.find((c) => c.check === 'reserve')).toMatchObject({ ok: false });
    expect(auctionVerdict(checks)).toBe('MISMATCH');
  });
});

describe('the sealed reserve', () => {
  it('opens only to the reserve and salt committed', () => {
    const committed = reserveCommitment(reserve);
    expect(openReserve(committed, reserve)).toBe(1_100_000);
    expect(() => openReserve(committed, { ...reserve, reserveFen: 1_100_001 })).toThrow(
      expect.objectContaining({ code: 'CONFLICT', details: { field: 'reserve' } }),
    );
    expect(() => openReserve(committed, { ...reserve, salt: '5b'.repeat(32) })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    expect(
      openReserve(reserveCommitment({ ...reserve, reserveFen: null }), { ...reserve, reserveFen: null }),
    ).toBeNull();
  });

  it('refuses a salt that is not 32 bytes of hex, naming the field', () => {
    expect(() => reserveCommitment({ ...reserve, salt: 'abc' })).toThrow(
      expect.objectContaining({ details: { field: 'salt' } }),
    );
  });

  it('does not repeat across salts, so a price cannot be looked up', () => {
    expect(reserveCommitment(reserve)).not.toBe(reserveCommitment({ ...reserve, salt: '6b'.repeat(32) }));
  });
});
