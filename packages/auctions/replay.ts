import canonicalize from 'canonicalize';
import { DomainError } from '../kernel';
import {
  AuctionOutcome,
  AuctionState,
  AuctionTerms,
  acceptBid,
  closeListing,
  decideOutcome,
  endBidding,
  openBidding,
} from './bidding';
import { DealKind } from './deal-kinds';
import { ReserveOpening, openReserve } from './reserve';

/** One logged step of the auction's bidding, in log order. */
export type LoggedStep =
  | { type: 'bid'; paddle: string; amountFen: number; sequence: number; at: string }
  | { type: 'listing-closed'; continuing: string[]; at: string }
  | { type: 'bidding-ended'; at: string };

/** What is published at the close, to be re-checked. */
export interface PublishedAuction {
  terms: AuctionTerms;
  steps: readonly LoggedStep[];
  qualifiedBidders: number;
  reserve: ReserveOpening;
  outcome: AuctionOutcome;
}

export interface AuctionCheck {
  check: string;
  ok: boolean;
  detail: string;
}

const describe = (outcome: AuctionOutcome): string =>
  outcome.outcome === 'sold'
    ? `sold to paddle ${outcome.paddle} at ${outcome.priceFen} fen`
    : `no sale (${outcome.reason})`;

/**
 * Replays every logged step under the published rules — the increment, the countdown, the
 * sequence, the reserve committed before bidding — and checks it yields the published result.
 * Each check says what it found; any failure makes the verdict MISMATCH.
 */
export const replayAuction = (kind: DealKind, published: PublishedAuction): AuctionCheck[] => {
  const checks: AuctionCheck[] = [];
  let state: AuctionState = openBidding(kind, published.terms);
  let replayed = true;
  for (const [index, step] of published.steps.entries()) {
    try {
      const at = new Date(step.at);
      if (step.type === 'bid') state = acceptBid(kind, published.terms, state, step, at);
      else if (step.type === 'listing-closed') state = closeListing(kind, state, step.continuing, at);
      else state = endBidding(kind, state, at);
    } catch (error) {
      replayed = false;
      const reason = error instanceof DomainError ? error.message : String(error);
      checks.push({
        check: `step ${index + 1} (${step.type})`,
        ok: false,
        detail: `refused under the rules: ${reason}`,
      });
      break;
    }
  }
  if (replayed) {
    checks.push({
      check: 'bids under the rules',
      ok: true,
      detail: `${published.steps.filter((s) => s.type === 'bid').length} bids accepted in order, each by whole increments within its countdown`,
    });
  }
  let reserveFen: number | null | undefined;
  try {
    reserveFen = openReserve(published.terms.reserveCommitment, published.reserve);
    checks.push({
      check: 'reserve',
      ok: true,
      detail: 'the opened reserve is the one committed before bidding',
    });
  } catch (error) {
    checks.push({ check: 'reserve', ok: false, detail: (error as Error).message });
  }
  if (replayed && reserveFen !== undefined) {
    try {
      const outcome = decideOutcome(state, published.qualifiedBidders, reserveFen);
      // Canonical JSON: a stored record's keys come back in any order.
      const same = canonicalize(outcome) === canonicalize(published.outcome);
      checks.push({
        check: 'result',
        ok: same,
        detail: same
          ? describe(outcome)
          : `the replay gives ${describe(outcome)}; published: ${describe(published.outcome)}`,
      });
    } catch (error) {
      checks.push({ check: 'result', ok: false, detail: (error as Error).message });
    }
  }
  return checks;
};

export const auctionVerdict = (checks: readonly AuctionCheck[]): 'MATCH' | 'MISMATCH' =>
  checks.length > 0 && checks.every((c) => c.ok) ? 'MATCH' : 'MISMATCH';
