import * as z from 'zod';
import { Identifier, LongText } from '../kernel';
import { challengeSubjects, ProcurementLaw } from '../legal-rules';

/** What a challenge or complaint is about. */
export const Subject = z.enum(challengeSubjects);

const Instant = z.iso.datetime({ offset: true });

/**
 * A bidder's challenge: an objection to the documents (异议, 条例22) or a query (质疑, 法52) as
 * the tender's law has it; or a complaint to the regulator (投诉, 条例60 / 法55), which needs the
 * day the bidder knew of the breach.
 */
export const RaiseChallenge = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('objection'),
    subject: Subject.default('documents'),
    text: LongText(),
    /** When the bidder knew of the matter; a query's 7 working days run from it (法52). */
    knownAt: Instant.optional(),
  }),
  z.strictObject({ kind: z.literal('complaint'), subject: Subject, text: LongText(), knownAt: Instant }),
]);
export type RaiseChallenge = z.infer<typeof RaiseChallenge>;

/** Why a complaint's decision clock stops (条例61): the time for inspection or expert review does not count. */
export const ClockStopReason = z.enum(['inspection', 'expert-review']);

/** A step on a challenge, each taken by the role the law names (see `complaints.ts`). */
export const ChallengeStep = z.discriminatedUnion('step', [
  z.strictObject({
    step: z.literal('answer'),
    answer: LongText(),
    /** The review's conclusion, where the answer is one (74号令40: 异议成立 or 不成立). */
    conclusion: z.enum(['upheld', 'dismissed']).optional(),
  }),
  z.strictObject({ step: z.literal('accept') }),
  z.strictObject({ step: z.literal('refuse'), reason: LongText() }),
  z.strictObject({ step: z.literal('investigate') }),
  z.strictObject({ step: z.literal('stop-clock'), reason: ClockStopReason }),
  z.strictObject({ step: z.literal('restart-clock') }),
  z.strictObject({ step: z.literal('uphold'), decision: LongText() }),
  z.strictObject({ step: z.literal('dismiss'), decision: LongText() }),
  z.strictObject({ step: z.literal('withdraw') }),
  z.strictObject({ step: z.literal('suspend'), reason: LongText() }),
  z.strictObject({ step: z.literal('lift') }),
]);
export type ChallengeStep = z.infer<typeof ChallengeStep>;

export const Law = z.enum(['招标投标法', '政府采购法'] satisfies ProcurementLaw[]);

/** 异议 or 质疑, answered by the tenderer (staff act for it). */
export const Objection = z.object({
  number: z.int().positive(),
  kind: z.literal('objection'),
  subject: Subject,
  /** The rule it was raised under, e.g. `document-objection`. */
  rule: z.string(),
  /** Withheld from others before the result (法22); see `viewChallenges`. */
  bidderOrg: z.string().optional(),
  text: z.string(),
  knownAt: Instant.optional(),
  raisedAt: Instant,
  answerDueAt: Instant,
  answer: z.string().optional(),
  answeredAt: Instant.optional(),
  /** Upheld or dismissed, where the answer concludes a review (74号令40). */
  conclusion: z.enum(['upheld', 'dismissed']).optional(),
});
export type Objection = z.infer<typeof Objection>;

/** submitted → accepted | refused → under-investigation → upheld | dismissed; withdrawn before the decision. */
export const ComplaintStatus = z.enum([
  'submitted',
  'accepted',
  'refused',
  'under-investigation',
  'upheld',
  'dismissed',
  'withdrawn',
]);
export type ComplaintStatus = z.infer<typeof ComplaintStatus>;

export const Complaint = z.object({
  number: z.int().positive(),
  kind: z.literal('complaint'),
  subject: Subject,
  rule: z.string(),
  bidderOrg: z.string().optional(),
  text: z.string(),
  knownAt: Instant,
  submittedAt: Instant,
  /** The challenge that came first where the law requires one (条例60, 法55): where it was raised, and its number. */
  prior: z.object({ where: z.enum(['challenges', 'opening', 'publicity']), number: z.int() }).optional(),
  status: ComplaintStatus,
  /** When the regulator must decide whether to accept, where the law sets it. */
  acceptDueAt: Instant.optional(),
  /** When the decision is due; absent while its clock is stopped or before it starts. */
  decideDueAt: Instant.optional(),
  clockStops: z.array(z.object({ reason: ClockStopReason, from: Instant, to: Instant.optional() })),
  /** The refusal's reason or the decision, when the complaint ended. */
  outcome: z.object({ text: z.string(), at: Instant }).optional(),
  steps: z.array(z.object({ step: z.string(), at: Instant })),
});
export type Complaint = z.infer<typeof Complaint>;

export const Challenge = z.discriminatedUnion('kind', [Objection, Complaint]);
export type Challenge = z.infer<typeof Challenge>;

/** The regulator's suspension of the process while a complaint is handled (条例62, 法57). */
export const Suspension = z.object({
  complaint: z.int().positive(),
  reason: z.string(),
  since: Instant,
  /** The latest it may last, where the law caps it (法57: 30 days). */
  limitAt: Instant.optional(),
  liftedAt: Instant.optional(),
});
export type Suspension = z.infer<typeof Suspension>;

/** Every challenge and complaint of one tender, with its suspensions: one record, written by version. */
export const Challenges = z.object({
  tenderId: Identifier,
  law: Law,
  items: z.array(Challenge),
  suspensions: z.array(Suspension),
  version: z.int().nonnegative(),
});
export type Challenges = z.infer<typeof Challenges>;
