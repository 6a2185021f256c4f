import { AwardReads } from '../award';
import { BidReads } from '../bidding';
import { ChallengeReads } from '../complaints';
import { Clock } from '../kernel';
import { HolidayCalendars } from '../legal-rules';
import { LifecycleStore } from '../lifecycle';
import { Tender, TenderReads } from '../tenders';

/** What supervision reads: every tender, its project and opening, and each tender's steps from the report to the contract. */
export interface SupervisionStore
  extends
    AwardReads,
    ChallengeReads,
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
