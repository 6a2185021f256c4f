import { AwardReads } from '../award';
import { Clock } from '../kernel';
import { HolidayCalendars } from '../legal-rules';
import { LifecycleStore } from '../lifecycle';
import { Tender } from '../tenders';

/** What supervision reads: every tender, and each tender's steps from the report to the contract. */
export interface SupervisionStore extends AwardReads, HolidayCalendars, Pick<LifecycleStore, 'lifecycle'> {
  /** Every tender of every project. */
  tenders(): Promise<Tender[]>;
}

export interface SupervisionDeps {
  store: SupervisionStore;
  clock: Clock;
}
