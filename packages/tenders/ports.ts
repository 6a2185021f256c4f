import { Committer, SealedProcessRecord } from '../audit-log';
import { OpeningKeyRecord, CustodyReads } from '../custody';
import { Caller, Clock, DocumentStore } from '../kernel';
import { HolidayCalendar } from '../legal-rules';
import { Organisation } from '../organisations';
import { Thresholds } from '../procedures';
import { DocumentVersion, Notice, NoticeType, Project, Registration, Tender } from './model';

/** A bidder's download of a document version: confidential until the opening (法22). */
export interface Download {
  tenderId: string;
  bidderOrg: string;
  user: string;
  documentId: string;
  version: number;
  sha256: string;
  at: string;
}

/** The records this context keeps. */
export type TenderRecord =
  | { kind: 'project'; value: Project }
  | { kind: 'tender'; value: Tender }
  | { kind: 'document'; tenderId: string; value: DocumentVersion }
  | { kind: 'registration'; value: Registration }
  | { kind: 'download'; value: Download }
  | { kind: 'notice'; value: Notice }
  | { kind: 'calendar'; year: number; value: HolidayCalendar }
  | SealedProcessRecord;

export interface NoticePage {
  notices: Notice[];
  /** Pass as `cursor` for the next page; absent on the last one. */
  next?: string;
}

export interface NoticeQuery {
  type?: NoticeType;
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
}

/** Reads other contexts make of tenders, through `requireTender` and friends. */
export interface TenderReads {
  project(id: string): Promise<Project | undefined>;
  tender(id: string): Promise<Tender | undefined>;
  registration(tenderId: string, org: string): Promise<Registration | undefined>;
  registrations(tenderId: string): Promise<Registration[]>;
  organisation(id: string): Promise<Organisation | undefined>;
  calendar(year: number): Promise<HolidayCalendar | undefined>;
}

/** Where notices reach organisations: each organisation's own notices (我的通知). */
export interface NoticeDelivery {
  /**
   * Puts a notice in each organisation's notices. Idempotent; it writes no audit entry of its own:
   * the entry that published the notice names its recipients, confidentially.
   */
  deliver(orgs: string[], notice: Notice): Promise<void>;
}

export interface TenderStore
  extends TenderReads, CustodyReads, NoticeDelivery, Committer<TenderRecord | OpeningKeyRecord> {
  documents(tenderId: string): Promise<DocumentVersion[]>;
  downloads(tenderId: string): Promise<Download[]>;
  notices(query: NoticeQuery): Promise<NoticePage>;
  notice(publishedAt: string, id: string): Promise<Notice | undefined>;
  inbox(org: string, query: NoticeQuery): Promise<NoticePage>;
}

/** The tender lifecycle's executions (Step Functions on AWS): one per tender, named by its id. */
export interface LifecycleStarter {
  /** Starts the tender's execution at `startedAt` (the platform's time); starting it again is harmless. */
  start(tenderId: string, startedAt: string): Promise<void>;
}

/** Where a tender's opening is booked (场地): the venues context, wired in by the function. */
export interface OpeningVenue {
  /**
   * Moves the tender's opening booking, if any, to the new bid deadline; idempotent. CONFLICT naming
   * `schedule.bidDeadline` when its hall is taken then.
   */
  moveOpening(caller: Caller, tenderId: string, bidDeadline: string): Promise<void>;
}

export interface TenderDeps {
  store: TenderStore;
  documents: DocumentStore;
  clock: Clock;
  venues: OpeningVenue;
  /** Only where a function may start tender lifecycles (publication). */
  lifecycle?: LifecycleStarter;
  /** The city's thresholds (公开招标数额标准); the national defaults when absent. */
  thresholds?: Thresholds;
}
