import * as z from 'zod';
import { DomainError, Identifier } from '../kernel';
/** The one algorithm this package implements; see `/work/shared/spec/expert-draw.md`. */
export const ALGORITHM = 'sunlit-draw-v1';

/** How many experts of one specialty to draw, and how many reserves behind them. */
export const DrawQuota = z.strictObject({
  specialty: Identifier,
  count: z.int().min(1, 'must be an integer of at least 1'),
  reserves: z.int().min(0, 'must be an integer of at least 0'),
});
export type DrawQuota = z.infer<typeof DrawQuota>;

/**
 * What the trading-center staff asks for. Strict: a key the schema does not know would be
 * dropped from the hash a regulator recomputes from the logged request, so it is refused.
 */
export const DrawRequest = z.strictObject({
  algorithm: z.literal(ALGORITHM, `must be "${ALGORITHM}"`),
  drawId: Identifier,
  projectId: Identifier,
  /** Order matters: quotas are drawn in this order from one random stream. */
  quotas: z.array(DrawQuota).min(1, 'must hold at least one quota'),
  excludedOrgs: z.array(Identifier),
  excludedExperts: z.array(Identifier),
  /** Who contributes a secret, in the order the secrets enter the seed. */
  parties: z
    .array(Identifier)
    .min(2, 'must name at least two parties')
    .refine((parties) => new Set(parties).size === parties.length, 'must name each party once'),
});
export type DrawRequest = z.infer<typeof DrawRequest>;

/** One expert as the pool snapshot records them; `active` is false while they cannot serve. */
export const PoolExpert = z.strictObject({
  id: Identifier,
  org: Identifier,
  specialties: z.array(Identifier),
  active: z.boolean(),
});
export type PoolExpert = z.infer<typeof PoolExpert>;

/** A pool snapshot as received; `freezePool` sorts it and refuses duplicate ids. */
export const DrawPool = z.array(PoolExpert);

/** One quota's outcome: primaries in drawn order, then reserves in the order they replace. */
export interface DrawPick {
  specialty: string;
  primaries: string[];
  reserves: string[];
}

/** A completed draw, with keys in the order the spec and its vectors write them. */
export interface DrawResult {
  algorithm: typeof ALGORITHM;
  requestHash: string;
  poolHash: string;
  seed: string;
  picks: DrawPick[];
}

/** A draw that failed for lack of experts; the hashes and seed still go to the audit log. */
export interface DrawFailure {
  algorithm: typeof ALGORITHM;
  error: string;
  requestHash: string;
  poolHash: string;
  seed: string;
}

/** What a draw produces; a failure is told apart by its `error`. */
export type DrawOutcome = DrawResult | DrawFailure;

/** Parses `input` or throws one VALIDATION_FAILED error naming every field (`request.quotas.0.count`) and its rule. */
export const parseInput = <T extends z.ZodType>(where: string, schema: T, input: unknown): z.infer<T> => {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    field: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new DomainError('VALIDATION_FAILED', issues.map((i) => `${i.field}: ${i.message}`).join('; '), {
    field: issues[0]?.field,
    issues,
  });
};
