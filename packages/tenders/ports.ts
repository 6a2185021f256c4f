import { AuditEntry } from '../audit-log/entry';
import { NewEntry } from '../audit-log/new-entry';
import { Clock } from '../kernel/clock';
import { HolidayCalendar } from '../legal-rules/calendar';
import { Organisation } from '../organisations/organisation';
import { Award, AwardLetter, Contract, Evaluation, Publicity } from '../award/model';
import { Lifecycle } from '../lifecycle/model';
import { Bid, BidderState, Bond, Opening } from '../bidding/model';
import { Committee, Draw, DrawLock, OutboxMessage } from '../draw-ceremony/model';
import { Expert } from '../experts/expert';
import { ExpertImport, ExpertPoolHead } from '../experts/pool-model';
import { DocumentVersion, Notice, Project, Registration, Tender } from './model';
import { CustodianKey, OpeningKey } from '../custody/model';

/** A record the trading store keeps; the store decides keys and item shapes. */
export type TradingRecord =
  | { kind: 'project'; value: Project }
  | { kind: 'tender'; value: Tender }
  | { kind: 'document'; tenderId: string; value: DocumentVersion }
  | { kind: 'registration'; value: Registration }
  | { kind: 'download'; value: Download }
  | { kind: 'notice'; value: Notice }
  | { kind: 'inbox'; org: string; value: Notice }
  | { kind: 'calendar'; year: number; value: HolidayCalendar }
  | { kind: 'expertPool'; value: ExpertPoolHead }
  | { kind: 'expert'; generation: string; value: Expert }
  | { kind: 'expertImport'; value: ExpertImport }
  | { kind: 'draw'; value: Draw }
  | { kind: 'drawSecret'; drawId: string; value: { secret: string } }
  | { kind: 'committee'; value: Committee }
  | { kind: 'drawLock'; value: DrawLock }
  | { kind: 'outbox'; value: OutboxMessage }
  | { kind: 'custodianKey'; value: CustodianKey }
  | { kind: 'openingKey'; value: OpeningKey }
  | { kind: 'bid'; value: Bid }
  | { kind: 'bidderState'; value: BidderState }
  | { kind: 'bond'; value: Bond }
  | { kind: 'opening'; value: Opening }
  | { kind: 'evaluation'; value: Evaluation }
  | { kind: 'publicity'; value: Publicity }
  | { kind: 'award'; value: Award }
  | { kind: 'contract'; value: Contract }
  | { kind: 'awardLetter'; value: AwardLetter }
  | { kind: 'lifecycle'; value: Lifecycle };

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
export interface Writes {
  create?: TradingRecord[];
  replace?: { record: TradingRecord; expect: Record<string, string | number> }[];
}

export interface Change extends Writes {
  entry: NewEntry;
  /** Further writes made from the entry itself, for records that cite their log index. */
  cite?: (entry: AuditEntry) => Writes;
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
  /** Every tender of every project (for supervision). */
  tenders(): Promise<Tender[]>;
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
  /** Writes without an audit entry: for progress reports and bulk data an audited change then adopts. */
  put(records: TradingRecord[]): Promise<void>;

  expertPool(): Promise<ExpertPoolHead | undefined>;
  experts(generation: string): Promise<Expert[]>;
  expert(generation: string, id: string): Promise<Expert | undefined>;
  /** The specialty catalog's codes. */
  specialties(): Promise<string[]>;
  expertImport(id: string): Promise<ExpertImport | undefined>;
  draw(id: string): Promise<Draw | undefined>;
  /** The platform's own draw secret: no route ever returns it before its reveal. */
  drawSecret(id: string): Promise<string | undefined>;
  /** A tender's draws, oldest first. */
  draws(tenderId: string): Promise<Draw[]>;
  committee(tenderId: string): Promise<Committee | undefined>;
  drawLock(tenderId: string): Promise<DrawLock | undefined>;
  custodianKey(user: string): Promise<CustodianKey | undefined>;
  custodianKeys(): Promise<CustodianKey[]>;
  openingKey(tenderId: string): Promise<OpeningKey | undefined>;
  bid(tenderId: string, org: string, bidId: string): Promise<Bid | undefined>;
  /** Every bid of the tender, or of one organisation. */
  bids(tenderId: string, org?: string): Promise<Bid[]>;
  bidderStates(tenderId: string): Promise<BidderState[]>;
  bidderState(tenderId: string, org: string): Promise<BidderState | undefined>;
  bonds(tenderId: string): Promise<Bond[]>;
  opening(tenderId: string): Promise<Opening | undefined>;
  evaluation(tenderId: string): Promise<Evaluation | undefined>;
  publicity(tenderId: string): Promise<Publicity | undefined>;
  award(tenderId: string): Promise<Award | undefined>;
  contract(tenderId: string): Promise<Contract | undefined>;
  awardLetter(tenderId: string): Promise<AwardLetter | undefined>;
  lifecycle(tenderId: string): Promise<Lifecycle | undefined>;
}

/** Sealed bids in the write-once bids bucket; no route reads one before the opening. */
export interface BidStore {
  /** A presigned PUT bound to the declared size and SHA-256, which storage checks itself. */
  uploadUrl(
    objectKey: string,
    declared: { size: number; sha256: string },
    expiresInSeconds: number,
  ): Promise<{ url: string; headers: Record<string, string> }>;
  describe(objectKey: string): Promise<{ sha256: string; size: number; versionId?: string } | undefined>;
  get(objectKey: string, versionId?: string): Promise<Uint8Array>;
  downloadUrl(objectKey: string, expiresInSeconds: number, versionId?: string): Promise<string>;
}

/** What a receipt cites: a signed checkpoint holding the entry, its audit path, and the entry's confidential record. */
export interface ReceiptLog {
  prove(index: number): Promise<{
    checkpoint: string;
    inclusionProof: string[];
    entry: AuditEntry;
    record: Record<string, { salt: string; value: unknown }>;
  }>;
}

/** Tender documents in object storage: uploads and downloads go straight to it through presigned URLs. */
export interface DocumentStore {
  uploadUrl(objectKey: string, contentType: string, expiresInSeconds: number): Promise<string>;
  /** Pinned to the stored version that was hashed, when storage versions objects. */
  downloadUrl(objectKey: string, expiresInSeconds: number, versionId?: string): Promise<string>;
  /** Hashes the stored bytes: the platform's own record of what was uploaded. */
  describe(objectKey: string): Promise<{ sha256: string; size: number; versionId?: string } | undefined>;
  /** Stores bytes the platform itself produced (a draw's frozen inputs). */
  put(objectKey: string, body: Uint8Array | string, contentType: string): Promise<void>;
  get(objectKey: string): Promise<Uint8Array | undefined>;
}

export interface TradingDeps {
  store: TradingStore;
  documents: DocumentStore;
  clock: Clock;
  /** Only where a function is bound to the bids bucket. */
  bids?: BidStore;
  /** Only where a function may sign checkpoints. */
  receipts?: ReceiptLog;
  /** Only where a function may start or resume tender lifecycles. */
  lifecycle?: LifecycleRunner;
}

/** The tender lifecycle's executions (Step Functions on AWS): one per tender, named by its id. */
export interface LifecycleRunner {
  /** Starts the tender's execution; starting it again is harmless. */
  start(tenderId: string): Promise<void>;
  /** Resumes a waiting step with its facts; false when the token no longer waits (used or timed out). */
  resume(token: string, output: Record<string, string | number>): Promise<boolean>;
}
