import { LedgerStore } from '../ledger';
import {
  Committer,
  AuditEntry,
  ProcessAnchoring,
  ProcessLogPage,
  ProcessLogQuery,
  SaltedValue,
} from '../audit-log';
import { CustodyReads, OpeningKeyRecord } from '../custody';
import { Clock, Milestones } from '../kernel';
import { TenderReads, TenderRecord } from '../tenders';
import { Bid, BidderState, Bond, LateAttempts, Opening, OpeningShare } from './model';
import { ReceiptPromise } from './receipt';

/** The records this context keeps. */
export type BiddingRecord =
  | { kind: 'bid'; value: Bid }
  | { kind: 'bidderState'; value: BidderState }
  | { kind: 'bond'; value: Bond }
  | { kind: 'opening'; value: Opening }
  | { kind: 'openingShare'; value: OpeningShare }
  | { kind: 'lateAttempts'; value: LateAttempts };

/** Which bid counts for each organisation: what the opening and the result read. */
export interface BidReads {
  bid(tenderId: string, org: string, bidId: string): Promise<Bid | undefined>;
  bidderStates(tenderId: string): Promise<BidderState[]>;
  opening(tenderId: string): Promise<Opening | undefined>;
  bonds(tenderId: string): Promise<Bond[]>;
}

export interface BiddingStore
  extends
    BidReads,
    Pick<TenderReads, 'tender' | 'registration'>,
    Pick<CustodyReads, 'openingKey'>,
    Pick<LedgerStore, 'subAccounts' | 'postings' | 'guarantees'>,
    Committer<BiddingRecord | TenderRecord | OpeningKeyRecord> {
  /** Every bid of the tender, or of one organisation. */
  bids(tenderId: string, org?: string): Promise<Bid[]>;
  bidderState(tenderId: string, org: string): Promise<BidderState | undefined>;
  /** The custodians' shares submitted so far, read consistently. */
  shares(tenderId: string): Promise<OpeningShare[]>;
  lateAttempts(tenderId: string, org: string): Promise<LateAttempts | undefined>;
  /** Counts one more late attempt of an organisation, atomically: concurrent attempts all count. */
  countLateAttempt(tenderId: string, org: string, at: string): Promise<void>;
  /** Writes without an audit entry: an upload slot, before anything is received. */
  put(records: BiddingRecord[]): Promise<void>;
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

/**
 * Each tender's sealed process log, where its bids, withdrawals and other confidential activity
 * are logged (the store routes an entry there by its `process`), and its anchors in the public log.
 */
export interface ProcessLogs extends ProcessAnchoring {
  /** Entry `index` of the tender's process log, with its confidential record. */
  entry(tenderId: string, index: number): Promise<{ entry: AuditEntry; record: Record<string, SaltedValue> }>;
  /** Signs a receipt's promise with the log's key, as a C2SP note. */
  promise(promise: ReceiptPromise): Promise<string>;
  /** A page of the process log, its anchors and their salts: for the opening's publication. */
  publishedPage(processId: string, query: ProcessLogQuery): Promise<ProcessLogPage>;
}

/** Decrypts an opening's bids in the background: the same run started again is the same execution. */
export interface DecryptionQueue {
  start(tenderId: string, run: number): Promise<void>;
}

export interface BiddingDeps {
  store: BiddingStore;
  clock: Clock;
  milestones: Milestones;
  /** Only where a function is bound to the bids bucket. */
  bids?: BidStore;
  /** Only where a function may sign checkpoints: receipts, anchors and the published process log. */
  processLogs?: ProcessLogs;
  /** Only where a function may hand an opening's decryption to the background. */
  decryption?: DecryptionQueue;
  /** Only where bids are withdrawn: the ledger refunds a withdrawn bid's bond (条例35). */
  refunds?: WithdrawalRefunds;
}

/** Where a withdrawal's bond refund is made; the same withdrawal again makes none. */
export interface WithdrawalRefunds {
  onWithdrawal(tenderId: string, bidderOrg: string, bidId: string, withdrawnAt: Date): Promise<unknown>;
}
