import { DomainError } from '../kernel';
import { DealKind } from './deal-kinds';
import { singleBuyerPrice } from './schedule';

/**
 * Live bidding as a pure state machine: the platform persists each accepted bid as one
 * conditional write on `sequence`, and the replay verifier runs the same functions over the log,
 * so the rules decided live are the rules anyone re-checks. Server time is the only time.
 */

/** What staff fixed before the listing started; published with the announcement. */
export interface AuctionTerms {
  auctionId: string;
  /** 起始价/起叫价, integer fen. */
  startingPriceFen: number;
  /** 加价幅度, integer fen, > 0. */
  incrementFen: number;
  /** Bidding opens (the listing starts, or the auction's timed round). */
  opensAt: string;
  /** The listing period ends (listings only). */
  listingClosesAt?: string;
  /** The salted commitment to the reserve (see `reserve.ts`). */
  reserveCommitment: string;
}

export interface LeadingBid {
  paddle: string;
  amountFen: number;
  sequence: number;
  at: string;
}

/**
 * - `listing`: bids until `endsAt`, the listing's close;
 * - `timed`: a countdown to `endsAt`, restarted by every valid bid;
 * - `ended`: no more bids; the result is decided from `leading` and the reserve.
 */
export interface AuctionState {
  phase: 'listing' | 'timed' | 'ended';
  /** The sequence number of the last accepted bid; 0 before the first. */
  sequence: number;
  endsAt: string;
  leading?: LeadingBid;
}

/** A bid as a bidder sends it: the next sequence number it saw, so two racing bids cannot both win. */
export interface BidOffer {
  paddle: string;
  amountFen: number;
  sequence: number;
}

const ms = (iso: string): number => Date.parse(iso);
const after = (at: Date, delayMs: number): string => new Date(at.getTime() + delayMs).toISOString();

/** The state when bidding opens: a listing runs to its close, an auction's first countdown starts. */
export const openBidding = (kind: DealKind, terms: AuctionTerms): AuctionState => {
  if (kind.form === 'listing') {
    if (!terms.listingClosesAt) {
      throw new DomainError('VALIDATION_FAILED', 'A listing needs the end of its listing period.', {
        field: 'listingClosesAt',
        rule: kind.listing?.article,
      });
    }
    return { phase: 'listing', sequence: 0, endsAt: terms.listingClosesAt };
  }
  return { phase: 'timed', sequence: 0, endsAt: after(new Date(terms.opensAt), kind.countdown.ms) };
};

/** The lowest amount the next bid may offer: the starting price, then one increment above the lead. */
export const nextMinimumFen = (terms: AuctionTerms, state: AuctionState): number =>
  state.leading ? state.leading.amountFen + terms.incrementFen : terms.startingPriceFen;

/**
 * Accepts a bid at `now` or refuses it citing the rule. A valid bid in the timed round restarts its
 * countdown; listing bids do not move the listing's close. Bids are never withdrawn.
 */
export const acceptBid = (
  kind: DealKind,
  terms: AuctionTerms,
  state: AuctionState,
  offer: BidOffer,
  now: Date,
): AuctionState => {
  if (now.getTime() < ms(terms.opensAt)) {
    throw new DomainError('RULE_VIOLATED', `Bidding opens at ${terms.opensAt}.`, {
      field: 'at',
      rule: kind.announcement.article,
    });
  }
  if (state.phase === 'ended' || now.getTime() >= ms(state.endsAt)) {
    throw new DomainError('DEADLINE_PASSED', `Bidding closed at ${state.endsAt}; the bid came after it.`, {
      field: 'at',
      rule: state.phase === 'listing' ? kind.listing?.article : kind.countdown.article,
    });
  }
  if (offer.sequence !== state.sequence + 1) {
    throw new DomainError(
      'CONFLICT',
      `The bid must carry sequence ${state.sequence + 1}: another bid was accepted first. Read the current price and bid again.`,
      { field: 'sequence' },
    );
  }
  if (state.leading?.paddle === offer.paddle) {
    throw new DomainError(
      'RULE_VIOLATED',
      'Paddle already holds the highest bid; a bidder does not outbid itself.',
      {
        field: 'paddle',
        rule: kind.increment.article,
      },
    );
  }
  const minimum = nextMinimumFen(terms, state);
  const steps = (offer.amountFen - terms.startingPriceFen) / terms.incrementFen;
  if (!Number.isSafeInteger(offer.amountFen) || offer.amountFen < minimum || !Number.isInteger(steps)) {
    throw new DomainError(
      'RULE_VIOLATED',
      `A bid is at least ${minimum} fen and the starting price ${terms.startingPriceFen} fen plus a whole number of increments of ${terms.incrementFen} fen.`,
      { field: 'amountFen', rule: kind.increment.article },
    );
  }
  const leading = {
    paddle: offer.paddle,
    amountFen: offer.amountFen,
    sequence: offer.sequence,
    at: now.toISOString(),
  };
  const endsAt = state.phase === 'timed' ? after(now, kind.countdown.ms) : state.endsAt;
  return { phase: state.phase, sequence: offer.sequence, endsAt, leading };
};

/**
 * The listing's close (挂牌期满): with two or more bidders who want to go on, a timed round starts
 * from the highest listing bid (限时竞价); otherwise bidding ends there.
 */
export const closeListing = (
  kind: DealKind,
  state: AuctionState,
  continuing: readonly string[],
  now: Date,
): AuctionState => {
  if (state.phase !== 'listing' || now.getTime() < ms(state.endsAt)) {
    throw new DomainError('CONFLICT', `The listing runs until ${state.endsAt}.`, {
      field: 'at',
      rule: kind.listing?.article,
    });
  }
  return new Set(continuing).size >= 2
    ? { ...state, phase: 'timed', endsAt: after(now, kind.countdown.ms) }
    : { ...state, phase: 'ended' };
};

/** The timed round's end: once the countdown has run out, nothing more is accepted. */
export const endBidding = (kind: DealKind, state: AuctionState, now: Date): AuctionState => {
  if (state.phase !== 'timed' || now.getTime() < ms(state.endsAt)) {
    throw new DomainError('CONFLICT', `Bidding runs until ${state.endsAt}.`, {
      field: 'at',
      rule: kind.countdown.article,
    });
  }
  return { ...state, phase: 'ended' };
};

export type AuctionOutcome =
  | { outcome: 'sold'; paddle: string; priceFen: number }
  | { outcome: 'no-sale'; reason: 'no-qualified-bidder' | 'no-bid' | 'below-reserve' };

/**
 * The result (成交 or 流拍): no sale when nobody qualified (no bond paid), nobody bid, or the
 * highest bid is below the opened reserve; else the highest bid wins. State property with a single
 * qualified buyer has no competition to lose: the sale is signed at the higher of the listing price
 * and that buyer's bid, whatever the reserve (令32第22条).
 */
export const decideOutcome = (
  kind: DealKind,
  terms: Pick<AuctionTerms, 'startingPriceFen'>,
  state: AuctionState,
  qualifiedBidders: number,
  reserveFen: number | null,
): AuctionOutcome => {
  if (state.phase !== 'ended')
    throw new DomainError('CONFLICT', 'Bidding has not ended yet.', { field: 'phase' });
  if (qualifiedBidders === 0) return { outcome: 'no-sale', reason: 'no-qualified-bidder' };
  if (!state.leading) return { outcome: 'no-sale', reason: 'no-bid' };
  const { paddle, amountFen } = state.leading;
  if (kind.singleBuyer && qualifiedBidders === 1)
    return { outcome: 'sold', paddle, priceFen: singleBuyerPrice(kind, terms.startingPriceFen, amountFen) };
  if (reserveFen !== null && amountFen < reserveFen) return { outcome: 'no-sale', reason: 'below-reserve' };
  return { outcome: 'sold', paddle, priceFen: amountFen };
};
