import { Committer } from '../audit-log';
import { AwardReads } from '../award';
import { BidReads } from '../bidding';
import { ChallengeReads } from '../complaints';
import { Clock } from '../kernel';
import { HolidayCalendars } from '../legal-rules';
import { LedgerReads } from '../ledger';
import { LifecycleStore } from '../lifecycle';
import { Tender, TenderReads } from '../tenders';
import type { CaseRecord, MonitoringCase } from './cases';

/** What supervision reads: every tender, its project and opening, each tender's steps from the report to the contract, the bond refunds and its service fee. */
export interface SupervisionStore
  extends
    AwardReads,
    ChallengeReads,
    LedgerReads,
    HolidayCalendars,
    Pick<LifecycleStore, 'lifecycle'>,
    Pick<BidReads, 'opening'>,
    Pick<TenderReads, 'project'> {
  /** Every tender of every project. */
  tenders(): Promise<Tender[]>;
}

export interface SupervisionDeps {
  store: SupervisionStore;
  clock: Clock;
}

/** What monitoring cases read and write: the red flags' reads, the tender, and the cases themselves. */
export interface CaseStore extends SupervisionStore, Pick<TenderReads, 'tender'>, Committer<CaseRecord> {
  monitoringCase(id: string): Promise<MonitoringCase | undefined>;
  /** Every case; a city's regulators open few enough to list them whole. */
  monitoringCases(): Promise<MonitoringCase[]>;
}

export interface CaseDeps {
  store: CaseStore;
  clock: Clock;
}
