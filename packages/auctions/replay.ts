import canonicalize from 'canonicalize';
import { AuditEntry, PublishedProcessLog, verifyProcessLog } from '../audit-log';
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
      const outcome = decideOutcome(kind, published.terms, state, published.qualifiedBidders, reserveFen);
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

/**
 * The applications' sealed log, published with the result: it verifies against its anchors (and,
 * given them, the public entries they cite), and the paddles whose last decision qualified them are
 * as many as the result counts, so no bidder was added or dropped after the log was sealed.
 */
export const applicationChecks = (
  applications: PublishedProcessLog,
  qualifiedBidders: number,
  verifierKey: string,
  publicEntry?: (index: number) => AuditEntry | undefined,
): AuctionCheck[] => {
  let entries: AuditEntry[];
  try {
    const verified = verifyProcessLog(applications, verifierKey, publicEntry);
    // Only what the final anchor committed to counts: an entry after it was sealed by nothing.
    const unsealed = verified.entries.slice(verified.finalSize);
    if (unsealed.length > 0)
      throw new Error(
        `${unsealed.length} entries (${unsealed[0]!.action} first) come after the final anchor's ${verified.finalSize}.`,
      );
    entries = verified.entries;
  } catch (error) {
    return [{ check: 'applications log', ok: false, detail: (error as Error).message }];
  }
  const decided = new Map<string, unknown>();
  for (const e of entries)
    if (e.action === 'auction.application-decided') decided.set(String(e.data.paddle), e.data.status);
  const qualified = [...decided.values()].filter((status) => status === 'qualified').length;
  return [
    {
      check: 'applications log',
      ok: true,
      detail: `${entries.length} entries, sealed until bidding and anchored in the public log${publicEntry ? ', each anchor as the public log carries it' : ''}`,
    },
    {
      check: 'qualified bidders',
      ok: qualified === qualifiedBidders,
      detail:
        qualified === qualifiedBidders
          ? `${qualified} qualified in the applications log, as the result counts`
          : `the applications log qualified ${qualified}; the result counts ${qualifiedBidders}`,
    },
  ];
};

export const auctionVerdict = (checks: readonly AuctionCheck[]): 'MATCH' | 'MISMATCH' =>
  checks.length > 0 && checks.every((c) => c.ok) ? 'MATCH' : 'MISMATCH';
