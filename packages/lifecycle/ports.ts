import { AwardReads } from '../award';
import { Committer } from '../audit-log';
import { ChallengeReads } from '../complaints';
import { BidReads } from '../bidding';
import { CommitteeReads } from '../draw-ceremony';
import { LedgerRecord, LedgerStore } from '../ledger';
import { Clock } from '../kernel';
import { TenderReads, TenderRecord } from '../tenders';
import { HumanStep, Lifecycle } from './model';

/** The records this context keeps. */
export type LifecycleRecord = { kind: 'lifecycle'; value: Lifecycle };

/**
 * The lifecycle watches the tender's steps in their own contexts' records (the opening, the
 * committee, the report, the publicity, the award, the contract), and at the close refunds the
 * bonds in the ledger and closes the tender.
 */
export interface LifecycleStore
  extends
    Pick<TenderReads, 'tender' | 'calendar'>,
    Pick<BidReads, 'opening'>,
    Omit<LedgerStore, 'commit'>,
    Pick<CommitteeReads, 'committee'>,
    AwardReads,
    ChallengeReads,
    Committer<LifecycleRecord | TenderRecord | LedgerRecord> {
  lifecycle(tenderId: string): Promise<Lifecycle | undefined>;
}

/** Resumes the tender lifecycle's executions (Step Functions on AWS) waiting for people. */
export interface LifecycleResumer {
  /** Resumes a waiting step with its facts; false when the token no longer waits (used or timed out). */
  resume(token: string, output: Record<string, string | number>): Promise<boolean>;
}

/** Starts the execution that carries a tender's lifecycle on; the same start again is harmless. */
export interface LifecycleContinuer {
  continueIn(
    execution: string,
    input: { tenderId: string; startedAt: string; resumeAt?: HumanStep },
  ): Promise<void>;
}

export type LifecycleRunner = LifecycleResumer & LifecycleContinuer;

export interface LifecycleDeps {
  store: LifecycleStore;
  clock: Clock;
  /** Only where a function may resume executions (the wait itself, and the people's steps) or continue one. */
  lifecycle?: Partial<LifecycleRunner>;
}
