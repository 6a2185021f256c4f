import { AuditEntry } from '../audit-log';
import { Award } from '../award';
import { Opening } from '../bidding';
import { Clock } from '../kernel';
import { Organisation } from '../organisations';
import { DocumentVersion, Notice, Project, Tender } from '../tenders';

/** One public audit entry as the log serves it: its index, leaf hash and the entry itself. */
export interface LoggedEntry {
  index: number;
  leafHash: string;
  entry: AuditEntry;
}

/** The public audit log, read in order: releases are derived from its entries. */
export interface PublicLog {
  size(): Promise<number>;
  /** Entries with indexes in [start, end), at most 1000 at a time. */
  entries(start: number, end: number): Promise<LoggedEntry[]>;
}

/** The public records a release names beside its entry: who, what, and the opening record once it is out. */
export interface OpenDataStore {
  project(id: string): Promise<Project | undefined>;
  tender(id: string): Promise<Tender | undefined>;
  organisation(id: string): Promise<Organisation | undefined>;
  documents(tenderId: string): Promise<DocumentVersion[]>;
  opening(tenderId: string): Promise<Opening | undefined>;
  award(tenderId: string): Promise<Award | undefined>;
  /**
   * The public notice `id` that an entry logged at `loggedAt` published: the notice was written in
   * that entry's transaction, stamped a moment before the log stamped the entry.
   */
  publicNotice(id: string, loggedAt: string): Promise<Notice | undefined>;
}

/** How this platform publishes OCDS: its registered ocid prefix and its name as publisher. */
export interface OcdsConfig {
  /** The prefix after `ocds-`, as registered with the Open Contracting Partnership. */
  prefix: string;
  publisherName: string;
  /** Where this API is reached: package URIs and `links.next` start with it. */
  baseUrl: string;
}

export interface OpenDataDeps {
  store: OpenDataStore;
  log: PublicLog;
  clock: Clock;
  config: OcdsConfig;
}
