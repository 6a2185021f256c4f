import * as z from 'zod';
import { Fen } from '../legal-rules';
import { Identifier, LongText } from '../kernel';
import { TerminationGround } from '../procedures';

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
  /** The staff member who answered; absent from objections answered before it was kept. */
  answeredBy: z.string().optional(),
});

/** 中标候选人公示. */
export const Publicity = z.object({
  tenderId: Identifier,
  noticeId: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  /** The staff member who started it, answerable for its time limits; absent from older records. */
  startedBy: z.string().optional(),
  /** Started later than 3 days after the report (条例54): a supervision matter, not a reason to stop. */
  late: z.boolean(),
  objections: z.array(PublicityObjection),
  version: z.int().nonnegative(),
});
export type Publicity = z.infer<typeof Publicity>;

/**
 * The publicity as anyone reads it: who objected stays with the objector, the staff and the
 * regulator (as a challenge's author does, 法22); the objection's text and its answer are public.
 */
export const PublicPublicity = Publicity.omit({ version: true }).extend({
  objections: z.array(PublicityObjection.omit({ bidderOrg: true })),
});
export type PublicPublicity = z.infer<typeof PublicPublicity>;

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

/** A round of negotiation (谈判/磋商) the team held with the suppliers, as staff record it. */
export const RecordRound = z.strictObject({
  /** What was negotiated and any change to the requirements, which every supplier is told of (74号令32). */
  summary: LongText(2000, 2),
});

/** The team closes the rounds and asks every supplier still in for its final quote by a time (74号令33). */
export const CallFinalQuotes = z.strictObject({ quotesDueAt: z.iso.datetime() });

/** A supplier's final quote (最后报价), in fen; given once. */
export const SubmitFinalQuote = z.strictObject({ price: Fen.min(1, 'must be more than 0') });

export const FinalQuote = z.object({ bidderOrg: Identifier, price: Fen, at: z.iso.datetime() });
export type FinalQuote = z.infer<typeof FinalQuote>;

/** A tender's negotiation: its rounds, the call for final quotes, and the quotes. */
export const Negotiation = z.object({
  tenderId: Identifier,
  rounds: z.array(
    z.object({ number: z.int().positive(), summary: z.string(), at: z.iso.datetime(), by: z.string() }),
  ),
  finalCall: z.object({ at: z.iso.datetime(), quotesDueAt: z.iso.datetime() }).optional(),
  quotes: z.array(FinalQuote),
  version: z.int().nonnegative(),
});
export type Negotiation = z.infer<typeof Negotiation>;

/** What a caller sees of it: a supplier its own quote only; everyone the quotes of others only once they closed. */
export const NegotiationView = Negotiation.omit({ version: true, rounds: true }).extend({
  rounds: z.array(
    z.object({ number: z.int().positive(), at: z.iso.datetime(), summary: z.string().optional() }),
  ),
});

/** What staff submit to end a process before its result (终止): a ground its procedure gives, and why. */
export const TerminateTender = z.strictObject({
  ground: TerminationGround,
  reason: LongText(),
});
export type TerminateTender = z.infer<typeof TerminateTender>;
