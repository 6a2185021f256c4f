import * as z from 'zod';
import type { PoolExpert } from '../expert-draw';
import { cstDate, IsoDate } from '../legal-rules';
import { byteOrder } from './invalid-input';
import { Identifier, Name } from '../kernel';

/** A mainland China mobile number (手机号): 11 digits, 13x to 19x. Used to notify the expert. */
export const ChineseMobile = z
  .string()
  .regex(/^1[3-9]\d{9}$/, 'must be a mainland China mobile number: 11 digits starting 13 to 19');

/**
 * Whether the expert may be drawn. A suspension (暂停) runs through `until`, a CST date: the
 * expert is unavailable on that whole day and available again from 00:00 CST the day after.
 */
export const ExpertStatus = z.discriminatedUnion(
  'state',
  [
    z.strictObject({ state: z.literal('active') }),
    z.strictObject({
      state: z.literal('suspended'),
      until: IsoDate,
      reason: Name(200, 1, 'must give the reason for the suspension'),
    }),
  ],
  { error: 'must be "active" or "suspended"' },
);
export type ExpertStatus = z.infer<typeof ExpertStatus>;

/**
 * An evaluation expert of the pool (评标专家). Strict: in an import an unknown key is most
 * likely a misspelt field, which would otherwise be dropped without a word.
 */
export const Expert = z.strictObject({
  id: Identifier,
  name: Name(50, 1),
  phone: ChineseMobile,
  /** The organisation the expert works for; the draw never picks them to judge it. */
  employer: Identifier,
  /** Specialty codes (评标专业) from the catalog. */
  specialties: z
    .array(Identifier)
    .min(1, 'must name at least one specialty')
    .max(10, 'must name at most 10 specialties')
    .refine((codes) => new Set(codes).size === codes.length, 'must name each specialty once'),
  /** 职称, e.g. 高级工程师. */
  title: Name(50, 1),
  status: ExpertStatus,
  /** Organisations the expert declared they must not judge (利害关系), beyond their employer. */
  conflicts: z.array(Identifier).max(200, 'must list at most 200 organisations').default([]),
});
export type Expert = z.infer<typeof Expert>;

/** Whether the expert can serve at `at`; suspension days are CST (UTC+8) calendar days. */
export const isAvailableOn = (expert: Pick<Expert, 'status'>, at: Date): boolean =>
  expert.status.state === 'active' || cstDate(at) > expert.status.until;

/**
 * The expert as the draw's pool snapshot records them (spec `sunlit-draw-v1`): id, employer,
 * sorted specialties and whether they are available at `at`. Built field by field, so name,
 * phone and title never reach a snapshot that is published after the result.
 */
export const toPoolExpert = (expert: Expert, at: Date): PoolExpert => ({
  id: expert.id,
  org: expert.employer,
  specialties: [...expert.specialties].sort(byteOrder),
  active: isAvailableOn(expert, at),
});
