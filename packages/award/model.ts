import * as z from 'zod';
import { Fen } from '../legal-rules';
import { Identifier } from '../kernel';

/** 条例53: the committee recommends at most three ranked candidates. */
export const MAX_CANDIDATES = 3;

export const Candidate = z.strictObject({
  bidderOrg: Identifier,
  /** The evaluated price in fen (分). */
  price: Fen.min(1, 'must be more than 0'),
});

/** What staff record of the committee's evaluation report (评标报告). */
export const RecordReport = z.strictObject({
  /** Ranked: the first is the first candidate. */
  candidates: z
    .array(Candidate)
    .min(1, 'must name at least one candidate')
    .max(MAX_CANDIDATES, `must name at most ${MAX_CANDIDATES} candidates (条例53)`)
    .refine(
      (list) => new Set(list.map((c) => c.bidderOrg)).size === list.length,
      'must name each bidder once',
    ),
  /** The committee members who signed the report, by expert id. */
  signedBy: z
    .array(Identifier)
    .min(1, 'must name the members who signed')
    .refine((ids) => new Set(ids).size === ids.length, 'must name each member once'),
  /** The report file's object key, from the upload slot: `evaluation/<tender>/<report id>.pdf`. */
  reportFile: z
    .string()
    .regex(
      /^evaluation\/[A-Za-z0-9-]{1,64}\/[A-Za-z0-9-]{1,64}\.pdf$/,
      'must be the key of a report upload slot',
    ),
});
export type RecordReport = z.infer<typeof RecordReport>;

export const Evaluation = z.object({
  tenderId: Identifier,
  candidates: z.array(Candidate),
  signedBy: z.array(z.string()),
  file: z.object({ objectKey: z.string(), sha256: z.string(), size: z.int() }),
  recordedAt: z.iso.datetime(),
  recordedBy: z.string(),
});
export type Evaluation = z.infer<typeof Evaluation>;

export const StartPublicity = z.strictObject({
  /** How long the candidates are shown; at least 3 days (条例54). */
  days: z.int().min(1).max(30).default(3),
});

export const PublicityObjection = z.object({
  number: z.int().positive(),
  bidderOrg: z.string(),
  text: z.string(),
  raisedAt: z.iso.datetime(),
  /** 条例54: answered within 3 days of receipt. */
  answerDueAt: z.iso.datetime(),
  answer: z.string().optional(),
  answeredAt: z.iso.datetime().optional(),
});

/** 中标候选人公示. */
export const Publicity = z.object({
  tenderId: Identifier,
  noticeId: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  /** Started later than 3 days after the report (条例54): a supervision matter, not a reason to stop. */
  late: z.boolean(),
  objections: z.array(PublicityObjection),
  version: z.int().nonnegative(),
});
export type Publicity = z.infer<typeof Publicity>;

export const PublishResult = z.strictObject({
  /** Required when the project is not state-funded; for a state-funded one it must be the first candidate (条例55). */
  winner: Identifier.optional(),
});

/** 中标结果: the winner and when the award notice went out. */
export const Award = z.object({
  tenderId: Identifier,
  winner: Candidate,
  noticeId: z.string(),
  awardedAt: z.iso.datetime(),
  /** The notices to deliver, kept so a retry delivers the very same ones. */
  deliveries: z.object({
    award: z.record(z.string(), z.unknown()),
    result: z.record(z.string(), z.unknown()),
    others: z.array(z.string()),
  }),
});
export type Award = z.infer<typeof Award>;

/** 中标通知书: the PDF the platform made for the winner, stored with its hash logged. */
export const AwardLetter = z.object({
  tenderId: Identifier,
  winner: Identifier,
  objectKey: z.string(),
  sha256: z.string(),
  size: z.int().positive(),
  issuedAt: z.iso.datetime(),
});
export type AwardLetter = z.infer<typeof AwardLetter>;

/** What staff record of the signed contract (法46: within 30 days of the award notice). */
export const RecordContract = z.strictObject({ signedOn: z.iso.date() });

export const Contract = z.object({
  tenderId: Identifier,
  signedOn: z.iso.date(),
  recordedAt: z.iso.datetime(),
  recordedBy: z.string(),
});
export type Contract = z.infer<typeof Contract>;
