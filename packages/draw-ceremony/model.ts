import * as z from 'zod';
import { DrawQuota, DrawRequest } from '../expert-draw';
import { Identifier, LongText, Name } from '../kernel';
import { AnswerToken } from '../notifications';
import { Instant } from '../legal-rules';

/** Who contributes a secret to every draw, in the order the secrets enter the seed. */
export const PARTIES = ['center', 'regulator'] as const;
export type Party = (typeof PARTIES)[number];

const Hex32 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits (32 bytes)');

/** When and where the committee sits (评标时间、地点): all an expert's summons says. */
export const Sitting = z.strictObject({
  at: Instant,
  place: Name(200, 2, 'must name where the committee sits'),
});
export type Sitting = z.infer<typeof Sitting>;

/** What staff send to request a draw (专家抽取申请). Nobody can add an inclusion: there is no field for one. */
export const RequestDraw = z.strictObject({
  quotas: z
    .array(DrawQuota)
    .min(1, 'must hold at least one quota')
    .max(20)
    .refine((quotas) => new Set(quotas.map((q) => q.specialty)).size === quotas.length, {
      message: 'must name each specialty once',
    })
    // Committees are small; this also keeps a draw's seats and notices within one transaction.
    .refine((quotas) => quotas.reduce((n, q) => n + q.count + q.reserves, 0) <= 60, {
      message: 'must ask for at most 60 experts, reserves included',
    }),
  /** The tenderer's own representatives on the committee (法37: at most a third). */
  tendererRepresentatives: z.int().min(0).max(10).default(0),
  /** When and where the drawn experts report; without it their summons names the opening place only. */
  sitting: Sitting.optional(),
  /** Experts staff exclude beyond the platform's own avoidance, each with its reason. */
  exclusions: z
    .array(z.strictObject({ expertId: Identifier, reason: Name() }))
    .max(500)
    .default([]),
});
export type RequestDraw = z.infer<typeof RequestDraw>;

export const Commitment = z.strictObject({ commitment: Hex32 });
export const Reveal = z.strictObject({ secret: Hex32 });

const Logged = z.object({ at: z.iso.datetime(), index: z.int().nonnegative() });

/** A draw's ceremony, in the order the spec requires: frozen → committed → revealed → drawn or failed. */
export const DrawStatus = z.enum(['awaiting-commitments', 'awaiting-reveals', 'drawn', 'failed']);
export type DrawStatus = z.infer<typeof DrawStatus>;

export const Exclusions = z.object({
  orgs: z.array(z.object({ org: z.string(), reason: z.string() })),
  experts: z.array(z.object({ expertId: z.string(), reason: z.string() })),
});
export type Exclusions = z.infer<typeof Exclusions>;

export const DrawPick = z.object({
  specialty: z.string(),
  primaries: z.array(z.string()),
  reserves: z.array(z.string()),
});

export const Draw = z.object({
  id: Identifier,
  tenderId: Identifier,
  projectId: Identifier,
  /** The committee's first draw, or a supplementary draw when reserves ran out. */
  purpose: z.enum(['committee', 'supplementary']),
  status: DrawStatus,
  request: DrawRequest,
  requestHash: Hex32,
  poolHash: Hex32,
  poolSize: z.int().nonnegative(),
  /** Object keys of the frozen request and pool snapshot. */
  snapshot: z.object({ request: z.string(), pool: z.string() }),
  exclusions: Exclusions,
  /** The exclusions staff asked for themselves, with their reasons: the only ones staff see. */
  staffExclusions: z.array(z.object({ expertId: z.string(), reason: z.string() })).default([]),
  tendererRepresentatives: z.int().nonnegative(),
  sitting: Sitting.optional(),
  frozen: Logged,
  commitments: z.record(z.string(), Logged.extend({ commitment: Hex32 })),
  reveals: z.record(z.string(), Logged.extend({ secret: Hex32 })),
  result: z
    .object({
      algorithm: z.string(),
      requestHash: Hex32,
      poolHash: Hex32,
      seed: Hex32,
      picks: z.array(DrawPick),
    })
    .optional(),
  failure: z
    .object({ algorithm: z.string(), error: z.string(), requestHash: Hex32, poolHash: Hex32, seed: Hex32 })
    .optional(),
  completed: Logged.optional(),
  /** Set when the tender's result notice makes the draw's inputs public. */
  publishedAt: z.iso.datetime().optional(),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  version: z.int().nonnegative(),
});
export type Draw = z.infer<typeof Draw>;

/**
 * A draw as staff see it before the result: who the platform avoided (回避) would tell them who
 * registered (法22), so the frozen request and the platform's exclusions are left out, and so is
 * everything that would let them confirm a guess of it: staff know every other field of the
 * request, so its hash, the revealed secrets and the seed (which hashes the request's hash with the
 * secrets) would each check a guessed set of excluded organisations. Regulators read them whole.
 */
export const StaffDrawView = Draw.omit({
  request: true,
  exclusions: true,
  requestHash: true,
  reveals: true,
  result: true,
  failure: true,
}).extend({
  quotas: DrawRequest.shape.quotas,
  reveals: z.record(z.string(), Logged),
  result: z.object({ algorithm: z.string(), picks: z.array(DrawPick) }).optional(),
  failure: z.object({ algorithm: z.string(), error: z.string() }).optional(),
});
export type StaffDrawView = z.infer<typeof StaffDrawView>;

/** What a caller sees of a draw: regulators everything; staff the staff view until the result makes it public. */
export const DrawView = z.union([Draw, StaffDrawView]);

/** Which draw of a tender is open, if any: at most one at a time, checked with a consistent read. */
export const DrawLock = z.object({
  tenderId: Identifier,
  /** Empty when no draw is open. */
  openDraw: z.string(),
  version: z.int().nonnegative(),
});
export type DrawLock = z.infer<typeof DrawLock>;

/** One seat on the evaluation committee (评标委员会) and who holds it. */
export const Seat = z.object({
  specialty: z.string(),
  expertId: z.string(),
  drawId: z.string(),
  status: z.enum(['notified', 'confirmed', 'declined', 'absent']),
  /** For a seat a reserve took over: whom they replace. */
  replaces: z.string().optional(),
  answeredAt: z.iso.datetime().optional(),
  note: z.string().optional(),
});
export type Seat = z.infer<typeof Seat>;

export const Committee = z.object({
  tenderId: Identifier,
  /** The seats each quota asked for, per specialty: what the committee must have. */
  required: z.record(z.string(), z.int().positive()),
  seats: z.array(Seat),
  /** Every draw for this tender, in order: a supplementary draw excludes everyone drawn in them. */
  draws: z.array(z.string()),
  /** Where and when it sits, as the latest draw that said so asked. */
  sitting: Sitting.optional(),
  version: z.int().nonnegative(),
});
export type Committee = z.infer<typeof Committee>;

/** An expert's answer to the notice, as staff record it. */
export const SeatResponse = z.strictObject({
  expertId: Identifier,
  response: z.enum(['confirmed', 'declined', 'absent']),
  note: LongText(500, 1).optional(),
});
export type SeatResponse = z.infer<typeof SeatResponse>;

/** An expert's own answer, by the signed link of their summons: the token names the seat. */
export const LinkAnswer = z.strictObject({
  token: AnswerToken,
  response: z.enum(['confirmed', 'declined']),
  /** Why the expert declines, for the center (e.g. 回避: an interest in the project). */
  reason: LongText(500, 1).optional(),
});
export type LinkAnswer = z.infer<typeof LinkAnswer>;

/** What the expert learns back: their seat's answer and when it was recorded, nothing of the committee. */
export const LinkAnswered = z.object({
  response: z.enum(['confirmed', 'declined']),
  answeredAt: z.iso.datetime(),
});
export type LinkAnswered = z.infer<typeof LinkAnswered>;
