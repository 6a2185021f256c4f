import { Committer } from '../audit-log';
import { Clock } from '../kernel';
import { HolidayCalendars } from '../legal-rules';
import { TenderReads } from '../tenders';
import { Guarantee, Movement, Posting, Refund, ServiceFee, Statement, SubAccount } from './model';

/** A posting as stored under its account: which movement made it, and when. */
export interface StoredPosting extends Posting {
  movementId: string;
  at: string;
}

/** The records the ledger keeps. A sub-account is kept twice: by number (for statements) and by applicant. */
export type LedgerRecord =
  | { kind: 'movement'; value: Movement }
  | { kind: 'posting'; value: StoredPosting }
  | { kind: 'subAccount'; value: SubAccount }
  | { kind: 'bidderSubAccount'; value: SubAccount }
  | { kind: 'guarantee'; value: Guarantee }
  | { kind: 'refund'; value: Refund }
  | { kind: 'serviceFee'; value: ServiceFee }
  | { kind: 'statement'; value: Statement; day: string };

/** What others read of the ledger: refunds, for the supervision alerts. */
export interface LedgerReads {
  /** Every refund, by due date. */
  refunds(): Promise<Refund[]>;
  /** The service fee charged on a tender's result. */
  serviceFee(tenderId: string): Promise<ServiceFee | undefined>;
}

export interface LedgerStore
  extends
    LedgerReads,
    Pick<TenderReads, 'tender' | 'project' | 'registration' | 'organisation'>,
    HolidayCalendars,
    Committer<LedgerRecord> {
  movement(id: string): Promise<Movement | undefined>;
  /** Every movement, oldest first. */
  movements(): Promise<Movement[]>;
  postings(account: string): Promise<StoredPosting[]>;
  subAccount(number: string): Promise<SubAccount | undefined>;
  bidderSubAccount(tenderId: string, org: string): Promise<SubAccount | undefined>;
  subAccounts(tenderId: string): Promise<SubAccount[]>;
  guarantee(tenderId: string, org: string): Promise<Guarantee | undefined>;
  guarantees(tenderId: string): Promise<Guarantee[]>;
  refund(id: string): Promise<Refund | undefined>;
  statement(id: string): Promise<Statement | undefined>;
  /** The statements imported on one day (CST). */
  statements(day: string): Promise<Statement[]>;
}

export interface LedgerDeps {
  store: LedgerStore;
  clock: Clock;
}
