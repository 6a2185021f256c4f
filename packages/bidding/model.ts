import * as z from 'zod';
import { Identifier, LongText, Sha256Hex } from '../kernel';
/** The largest sealed bid accepted: bids are documents, not archives of drawings. */
export const MAX_BID_BYTES = 200 * 1024 * 1024;
/** A bidder asks for an upload slot, declaring what it will upload (S3 checks both on the PUT). */
export const RequestBidUpload = z.strictObject({
  size: z
    .int()
    .min(1, 'must be at least 1 byte')
    .max(MAX_BID_BYTES, `must be at most ${MAX_BID_BYTES} bytes`),
  sha256: Sha256Hex,
});
export type RequestBidUpload = z.infer<typeof RequestBidUpload>;

export const BidStatus = z.enum(['awaiting-upload', 'submitted', 'superseded', 'withdrawn']);

/** One sealed bid (投标文件): ciphertext only, until the opening. */
export const Bid = z.object({
  bidId: Identifier,
  tenderId: Identifier,
  bidderOrg: Identifier,
  user: z.string(),
  objectKey: z.string(),
  status: BidStatus,
  size: z.int(),
  sha256: Sha256Hex,
  s3VersionId: z.string().optional(),
  requestedAt: z.iso.datetime(),
  receivedAt: z.iso.datetime().optional(),
  /** The log entry that received it. */
  index: z.int().optional(),
  supersedes: z.string().optional(),
  withdrawnAt: z.iso.datetime().optional(),
  version: z.int().nonnegative(),
});
export type Bid = z.infer<typeof Bid>;

/** Which bid of an organisation counts: the latest confirmed one, unless withdrawn. */
export const BidderState = z.object({
  tenderId: Identifier,
  bidderOrg: Identifier,
  currentBidId: z.string().optional(),
  version: z.int().nonnegative(),
});
export type BidderState = z.infer<typeof BidderState>;

/** 投标保证金: what staff record of a bidder's bond. */
export const RecordBond = z.strictObject({
  status: z.enum(['received', 'not-received', 'refunded']),
  note: LongText(500, 1).optional(),
});
export type RecordBond = z.infer<typeof RecordBond>;
export const Bond = RecordBond.extend({
  tenderId: Identifier,
  bidderOrg: Identifier,
  recordedAt: z.iso.datetime(),
  recordedBy: z.string(),
});
export type Bond = z.infer<typeof Bond>;

/** One line of the opening record (开标记录). */
export const OpeningRow = z.object({
  bidderOrg: z.string(),
  bidId: z.string(),
  sha256: z.string(),
  size: z.int(),
  receivedAt: z.string(),
  bond: z.string(),
  outcome: z.enum(['decrypted', 'failed']),
  price: z.int().optional(),
  durationDays: z.int().optional(),
  keyTerms: z.array(z.string()).optional(),
  files: z.array(z.object({ name: z.string(), size: z.int(), sha256: z.string() })).optional(),
  reason: z.string().optional(),
});
export type OpeningRow = z.infer<typeof OpeningRow>;

/**
 * A bidder's late attempts at one tender (条例36): the first is logged with its time; the ones
 * after it are counted here, so a bidder cannot fill the log by trying again and again.
 */
export const LateAttempts = z.object({
  tenderId: Identifier,
  bidderOrg: Identifier,
  first: z.iso.datetime(),
  last: z.iso.datetime(),
  count: z.int().positive(),
});
export type LateAttempts = z.infer<typeof LateAttempts>;

/** One custodian's decrypted share, as submitted at the opening; the private key is rebuilt from K of them. */
export const OpeningShare = z.object({
  tenderId: Identifier,
  custodian: z.string(),
  share: z.string(),
  submittedAt: z.iso.datetime(),
});
export type OpeningShare = z.infer<typeof OpeningShare>;

export const Objection = z.object({
  number: z.int().positive(),
  bidderOrg: z.string(),
  text: z.string(),
  raisedAt: z.iso.datetime(),
  answer: z.string().optional(),
  answeredAt: z.iso.datetime().optional(),
});
export type Objection = z.infer<typeof Objection>;
export const SubmitShare = z.strictObject({
  share: z.string().regex(/^[A-Za-z0-9_-]{44}$/, 'must be a 33-byte share as 44 base64url characters'),
});

/**
 * 开标: failed (流标, fewer than three bids), waiting for the custodians' shares, decrypting in the
 * background once K shares are in, or opened.
 */
export const Opening = z.object({
  tenderId: Identifier,
  status: z.enum(['failed', 'awaiting-shares', 'decrypting', 'opened']),
  bidCount: z.int().nonnegative(),
  startedAt: z.iso.datetime(),
  startedBy: z.string(),
  /** The custodians whose shares are in: each share is a record of its own, so none waits for another. */
  submittedBy: z.array(z.string()),
  rows: z.array(OpeningRow).optional(),
  /** The background decryption: how many runs it took, and why the last one failed, if it did. */
  decryption: z.object({ runs: z.int().positive(), failure: z.string().optional() }).optional(),
  openedAt: z.iso.datetime().optional(),
  objections: z.array(Objection),
  version: z.int().nonnegative(),
});
export type Opening = z.infer<typeof Opening>;
