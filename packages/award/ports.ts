import { Committer } from '../audit-log';
import { ChallengeReads } from '../complaints';
import { BidReads } from '../bidding';
import { CommitteeReads, CeremonyRecord } from '../draw-ceremony';
import { Clock, DocumentStore, Milestones } from '../kernel';
import { NoticeDelivery, TenderReads, TenderRecord } from '../tenders';
import { Award, AwardLetter, Contract, Evaluation, Negotiation, Publicity } from './model';

/** The records this context keeps. */
export type AwardRecord =
  | { kind: 'evaluation'; value: Evaluation }
  | { kind: 'publicity'; value: Publicity }
  | { kind: 'negotiation'; value: Negotiation }
  | { kind: 'award'; value: Award }
  | { kind: 'contract'; value: Contract }
  | { kind: 'awardLetter'; value: AwardLetter };

/** What supervision and the lifecycle read of a tender's way from the report to the contract. */
export interface AwardReads {
  evaluation(tenderId: string): Promise<Evaluation | undefined>;
  publicity(tenderId: string): Promise<Publicity | undefined>;
  negotiation(tenderId: string): Promise<Negotiation | undefined>;
  award(tenderId: string): Promise<Award | undefined>;
  contract(tenderId: string): Promise<Contract | undefined>;
}

export interface AwardStore
  extends
    AwardReads,
    ChallengeReads,
    TenderReads,
    NoticeDelivery,
    Pick<BidReads, 'opening' | 'bidderStates' | 'bid'>,
    CommitteeReads,
    Committer<AwardRecord | TenderRecord | CeremonyRecord> {
  awardLetter(tenderId: string): Promise<AwardLetter | undefined>;
}

export interface AwardDeps {
  store: AwardStore;
  documents: Pick<DocumentStore, 'uploadUrl' | 'describe' | 'downloadUrl' | 'put'>;
  clock: Clock;
  milestones: Milestones;
  /** Only where results are published: the ledger charges the service fee (交易服务费) and makes the refunds due at the result. */
  ledger?: ResultLedger;
}

/**
 * Where a result is settled: the service fee charged to its winner on its price, and the others'
 * bonds refunded where the procedure says so; the same result again moves nothing more. A
 * termination refunds every bond.
 */
export interface ResultLedger {
  onResult(tenderId: string, winnerOrg: string, price: number, awardedAt: Date): Promise<unknown>;
  /** 终止: every bond still held becomes a refund due from the termination; again, nothing more. */
  onTermination(tenderId: string, terminatedAt: Date): Promise<unknown>;
}
