import { AuditEntry } from '../audit-log/entry';
import { NewEntry } from '../audit-log/new-entry';
import { Clock } from '../clock/clock';
import { HolidayCalendar } from '../legal-rules/calendar';
import { Organisation } from '../organisations/organisation';
import { DocumentVersion, Notice, Project, Registration, Tender } from './model';

/** A record the trading store keeps; the store decides keys and item shapes. */
export type TradingRecord =
  | { kind: 'project'; value: Project }
  | { kind: 'tender'; value: Tender }
  | { kind: 'document'; tenderId: string; value: DocumentVersion }
  | { kind: 'registration'; value: Registration }
  | { kind: 'download'; value: Download }
  | { kind: 'notice'; value: Notice }
  | { kind: 'inbox'; org: string; value: Notice }
  | { kind: 'calendar'; year: number; value: HolidayCalendar };

export interface Download {
  tenderId: string;
  bidderOrg: string;
  user: string;
  documentId: string;
  version: number;
  sha256: string;
  at: string;
}

/**
 * One state change: records to create (refused if they exist), records to replace on condition
 * that named fields still hold the values read, and the audit entry that commits with them.
 */
export interface Change {
  entry: NewEntry;
  create?: TradingRecord[];
  replace?: { record: TradingRecord; expect: Record<string, string | number> }[];
}

export interface NoticePage {
  notices: Notice[];
  /** Pass as `cursor` for the next page; absent on the last one. */
  next?: string;
}

export interface NoticeQuery {
  type?: Notice['type'];
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
}

export interface TradingStore {
  project(id: string): Promise<Project | undefined>;
  tender(id: string): Promise<Tender | undefined>;
  documents(tenderId: string): Promise<DocumentVersion[]>;
  registration(tenderId: string, org: string): Promise<Registration | undefined>;
  registrations(tenderId: string): Promise<Registration[]>;
  downloads(tenderId: string): Promise<Download[]>;
  notices(query: NoticeQuery): Promise<NoticePage>;
  inbox(org: string, query: NoticeQuery): Promise<NoticePage>;
  calendar(year: number): Promise<HolidayCalendar | undefined>;
  organisation(id: string): Promise<Organisation | undefined>;
  /**
   * Puts a notice in each organisation's notices. Idempotent; it writes no audit entry of its own:
   * the entry that published the notice names its recipients, confidentially.
   */
  deliver(orgs: string[], notice: Notice): Promise<void>;
  /** Commits the change atomically; CONFLICT when a record exists or changed since it was read. */
  commit(change: Change): Promise<AuditEntry>;
}

/** Tender documents in object storage: uploads and downloads go straight to it through presigned URLs. */
export interface DocumentStore {
  uploadUrl(objectKey: string, contentType: string, expiresInSeconds: number): Promise<string>;
  /** Pinned to the stored version that was hashed, when storage versions objects. */
  downloadUrl(objectKey: string, expiresInSeconds: number, versionId?: string): Promise<string>;
  /** Hashes the stored bytes: the platform's own record of what was uploaded. */
  describe(objectKey: string): Promise<{ sha256: string; size: number; versionId?: string } | undefined>;
}

export interface TradingDeps {
  store: TradingStore;
  documents: DocumentStore;
  clock: Clock;
}
