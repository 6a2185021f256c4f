import * as fc from 'fast-check';
import {
  AuctionState,
  AuctionTerms,
  acceptBid,
  closeListing,
  decideOutcome,
  dealKindOf,
  endBidding,
  openBidding,
  reserveCommitment,
} from '../../../packages/auctions';

const auction = dealKindOf('land-auction');
const listing = dealKindOf('land-listing');
const FOUR_MINUTES = 4 * 60_000;
const SALT = 'ab'.repeat(32);
const opensAt = '2026-12-20T02:00:00.000Z';
const t = (offsetMs: number) => new Date(Date.parse(opensAt) + offsetMs);

const terms = (overrides: Partial<AuctionTerms> = {}): AuctionTerms => ({
  auctionId: 'AU-1',
  startingPriceFen: 1_000_000,
  incrementFen: 50_000,
  opensAt,
  reserveCommitment: reserveCommitment({ reserveFen: 1_200_000, salt: SALT }),
  ...overrides,
});

const bid = (state: AuctionState, paddle: string, amountFen: number, at: Date, kind = auction) =>
  acceptBid(
    kind,
    terms({ listingClosesAt: '2026-12-30T02:00:00.000Z' }),
    state,
    { paddle, amountFen, sequence: state.sequence + 1 },
    at,
  );

describe('bids by whole increments', () => {
  const opened = openBidding(auction, terms());

  it('takes the starting price as the first bid and refuses a fen below it, citing the rule', () => {
    expect(bid(opened, 'P01', 1_000_000, t(1)).leading).toMatchObject({
      paddle: 'P01',
      amountFen: 1_000_000,
    });
    expect(() => bid(opened, 'P01', 999_999, t(1))).toThrow(
      expect.objectContaining({ code: 'RULE_VIOLATED', details: { field: 'amountFen', rule: '令39第15条' } }),
    );
  });

  it('takes one increment above the lead and refuses a fen less, or a part of an increment', () => {
    const first = bid(opened, 'P01', 1_000_000, t(1));
    expect(bid(first, 'P02', 1_050_000, t(2)).leading?.amountFen).toBe(1_050_000);
    expect(bid(first, 'P02', 1_150_000, t(2)).leading?.amountFen).toBe(1_150_000);
    expect(() => bid(first, 'P02', 1_049_999, t(2))).toThrow(
      expect.objectContaining({ code: 'RULE_VIOLATED' }),
    );
    expect(() => bid(first, 'P02', 1_075_000, t(2))).toThrow(
      expect.objectContaining({ code: 'RULE_VIOLATED' }),
    );
  });

  it('refuses the leader outbidding itself', () => {
    const first = bid(opened, 'P01', 1_000_000, t(1));
    expect(() => bid(first, 'P01', 1_050_000, t(2))).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: 'paddle' }) }),
    );
  });

  it('accepts exactly one of two bids racing for the same sequence number', () => {
    const first = bid(opened, 'P01', 1_000_000, t(1));
    const winner = acceptBid(
      auction,
      terms(),
      first,
      { paddle: 'P02', amountFen: 1_050_000, sequence: 2 },
      t(2),
    );
    const loser = { paddle: 'P03', amountFen: 1_100_000, sequence: 2 };
    expect(() => acceptBid(auction, terms(), winner, loser, t(2))).toThrow(
      expect.objectContaining({ code: 'CONFLICT', details: { field: 'sequence' } }),
    );
  });

  it('refuses a bid before bidding opens', () => {
    expect(() => bid(opened, 'P01', 1_000_000, t(-1))).toThrow(
      expect.objectContaining({ code: 'RULE_VIOLATED' }),
    );
  });
});

describe('the countdown', () => {
  const opened = openBidding(auction, terms());

  it('starts when bidding opens and takes a bid at its last millisecond, restarting it', () => {
    expect(opened.endsAt).toBe(t(FOUR_MINUTES).toISOString());
    const late = bid(opened, 'P01', 1_000_000, t(FOUR_MINUTES - 1));
    expect(late.endsAt).toBe(t(2 * FOUR_MINUTES - 1).toISOString());
  });

  it('refuses a bid at the instant it runs out, citing the rule', () => {
    expect(() => bid(opened, 'P01', 1_000_000, t(FOUR_MINUTES))).toThrow(
      expect.objectContaining({ code: 'DEADLINE_PASSED', details: { field: 'at', rule: '平台规则' } }),
    );
  });

  it('ends only once it has run out, and takes nothing after', () => {
    const first = bid(opened, 'P01', 1_000_000, t(1000));
    expect(() => endBidding(auction, first, t(1000 + FOUR_MINUTES - 1))).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    const ended = endBidding(auction, first, t(1000 + FOUR_MINUTES));
    expect(() => bid(ended, 'P02', 1_050_000, t(1000 + FOUR_MINUTES))).toThrow(
      expect.objectContaining({ code: 'DEADLINE_PASSED' }),
    );
  });
});

describe('a listing (挂牌)', () => {
  const listingTerms = terms({ listingClosesAt: '2026-12-30T02:00:00.000Z' });
  const opened = openBidding(listing, listingTerms);
  const close = new Date('2026-12-30T02:00:00.000Z');

  it('needs its listing period', () => {
    expect(() => openBidding(listing, terms())).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ rule: '令39第19条' }) }),
    );
  });

  it('does not move its close on a bid', () => {
    expect(bid(opened, 'P01', 1_000_000, t(1), listing).endsAt).toBe(listingTerms.listingClosesAt);
  });

  it('goes to a timed round when two bidders want to go on, and ends when one does', () => {
    const bidded = bid(bid(opened, 'P01', 1_000_000, t(1), listing), 'P02', 1_050_000, t(2), listing);
    const timed = closeListing(listing, bidded, ['P01', 'P02'], close);
    expect(timed).toMatchObject({
      phase: 'timed',
      endsAt: new Date(close.getTime() + FOUR_MINUTES).toISOString(),
    });
    expect(closeListing(listing, bidded, ['P02', 'P02'], close).phase).toBe('ended');
  });

  it('does not close before the listing period ends', () => {
    expect(() => closeListing(listing, opened, [], new Date(close.getTime() - 1))).toThrow(
      expect.objectContaining({ code: 'CONFLICT', details: expect.objectContaining({ rule: '令39第19条' }) }),
    );
  });
});

describe('the outcome', () => {
  const opened = openBidding(auction, terms());
  const ended = (amountFen: number) =>
    endBidding(auction, bid(opened, 'P01', amountFen, t(1)), t(1 + FOUR_MINUTES));

  it('is no sale without a qualified bidder, without a bid, or below the reserve', () => {
    expect(decideOutcome(auction, terms(), ended(1_200_000), 0, 1_200_000)).toEqual({
      outcome: 'no-sale',
      reason: 'no-qualified-bidder',
    });
    expect(decideOutcome(auction, terms(), endBidding(auction, opened, t(FOUR_MINUTES)), 2, null)).toEqual({
      outcome: 'no-sale',
      reason: 'no-bid',
    });
    expect(decideOutcome(auction, terms(), ended(1_150_000), 2, 1_150_001)).toEqual({
      outcome: 'no-sale',
      reason: 'below-reserve',
    });
  });

  it('sells at the reserve exactly, and to the highest bid without a reserve', () => {
    expect(decideOutcome(auction, terms(), ended(1_150_000), 2, 1_150_000)).toEqual({
      outcome: 'sold',
      paddle: 'P01',
      priceFen: 1_150_000,
    });
    expect(decideOutcome(auction, terms(), ended(1_000_000), 1, null)).toEqual({
      outcome: 'sold',
      paddle: 'P01',
      priceFen: 1_000_000,
    });
  });

  it('sells state property to a single qualified buyer at the higher of the listing price and its bid, whatever the reserve (令32第22条)', () => {
    const property = dealKindOf('property-auction');
    const opening = openBidding(property, terms());
    const alone = endBidding(
      property,
      acceptBid(property, terms(), opening, { paddle: 'P07', amountFen: 1_050_000, sequence: 1 }, t(1)),
      t(1 + FOUR_MINUTES),
    );
    expect(decideOutcome(property, terms(), alone, 1, 1_200_000)).toEqual({
      outcome: 'sold',
      paddle: 'P07',
      priceFen: 1_050_000,
    });
    // With two qualified, the reserve decides; land has no single-buyer sale.
    expect(decideOutcome(property, terms(), alone, 2, 1_200_000)).toEqual({
      outcome: 'no-sale',
      reason: 'below-reserve',
    });
    expect(decideOutcome(auction, terms(), alone, 1, 1_200_000)).toEqual({
      outcome: 'no-sale',
      reason: 'below-reserve',
    });
  });

  it('is not decided while bidding runs', () => {
    expect(() => decideOutcome(auction, terms(), opened, 2, null)).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });
});

describe('any sequence of offers', () => {
  it('accepts only rising prices by whole increments, with contiguous sequence numbers', () => {
    const offer = fc.record({
      paddle: fc.constantFrom('P01', 'P02', 'P03'),
      steps: fc.integer({ min: -2, max: 5 }),
      sequenceSkew: fc.constantFrom(0, 0, 0, 1, -1),
      delayMs: fc.integer({ min: 0, max: FOUR_MINUTES + 1000 }),
    });
    fc.assert(
      fc.property(fc.array(offer, { maxLength: 40 }), (offers) => {
        const theTerms = terms();
        let state = openBidding(auction, theTerms);
        let now = Date.parse(opensAt);
        const accepted: { amountFen: number; sequence: number }[] = [];
        for (const o of offers) {
          now += o.delayMs;
          const base = state.leading?.amountFen ?? theTerms.startingPriceFen - theTerms.incrementFen;
          const amountFen = base + o.steps * theTerms.incrementFen;
          try {
            state = acceptBid(
              auction,
              theTerms,
              state,
              { paddle: o.paddle, amountFen, sequence: state.sequence + 1 + o.sequenceSkew },
              new Date(now),
            );
            accepted.push({ amountFen, sequence: state.sequence });
          } catch {
            // refused: the state is unchanged, as the next iteration relies on
          }
        }
        expect(accepted.map((a) => a.sequence)).toEqual(accepted.map((_, i) => i + 1));
        expect(
          accepted.every((a) => (a.amountFen - theTerms.startingPriceFen) % theTerms.incrementFen === 0),
        ).toBe(true);
        expect(accepted.every((a, i) => i === 0 || a.amountFen > (accepted[i - 1]?.amountFen ?? 0))).toBe(
          true,
        );
      }),
    );
  });
});
