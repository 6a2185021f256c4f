import {
  Committer,
  ProcessAnchoring,
  ProcessLogPage,
  ProcessLogQuery,
  SealedProcessRecord,
} from '../audit-log';
import { Clock } from '../kernel';
import { HolidayCalendars } from '../legal-rules';
import { Organisation } from '../organisations';
import { AcceptedBid, Application, Auction, Continuation } from './model';

/** The records this context keeps. */
export type AuctionRecord =
  | { kind: 'auction'; value: Auction }
  | { kind: 'auctionApplication'; value: Application }
  | { kind: 'auctionPaddle'; value: { auctionId: string; paddle: string } }
  | { kind: 'auctionBid'; value: AcceptedBid }
  | { kind: 'auctionContinuation'; value: Continuation }
  | SealedProcessRecord;

export interface AuctionStore extends Committer<AuctionRecord>, HolidayCalendars {
  auction(id: string): Promise<Auction | undefined>;
  auctions(): Promise<Auction[]>;
  application(auctionId: string, org: string): Promise<Application | undefined>;
  applications(auctionId: string): Promise<Application[]>;
  auctionBids(auctionId: string): Promise<AcceptedBid[]>;
  auctionBid(auctionId: string, sequence: number): Promise<AcceptedBid | undefined>;
  continuations(auctionId: string): Promise<Continuation[]>;
  organisation(id: string): Promise<Organisation | undefined>;
}

/**
 * One run of an auction's bidding clock: the auction, which run it is (0 at the announcement), when
 * it started on the platform's clock, and how many steps it has taken.
 */
export interface ClockRun {
  auctionId: string;
  generation: number;
  startedAt: string;
  steps: number;
}

/**
 * The auction's bidding clock (Step Functions on AWS): an execution per run, the first named by the
 * auction's id, the next ones `<id>-<generation>`, that wakes when bidding opens and whenever it may
 * end, and tells the room. Starting a run again is harmless.
 */
export interface BiddingClock {
  start(run: ClockRun): Promise<void>;
}

export interface AuctionDeps {
  store: AuctionStore;
  clock: Clock;
  /**
   * The auction's sealed process log of applications and decisions: finally anchored at the result
   * and published with the result, page by page.
   */
  processLogs: Pick<ProcessAnchoring, 'anchorFinal'> & {
    publishedPage(auctionId: string, query: ProcessLogQuery): Promise<ProcessLogPage>;
  };
  /** Random bytes for paddle numbers; injectable so a test can force a collision. */
  random?: (n: number) => Uint8Array;
}
