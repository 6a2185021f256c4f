import { Identifier } from '../kernel';
import * as z from 'zod';
/** What an organisation is to the platform. */
export const OrganisationKind = z.enum(['tenderer', 'agency', 'bidder', 'center', 'regulator', 'employer']);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

export const Organisation = z.object({
  id: Identifier,
  name: z.string().min(1).max(200),
  kind: OrganisationKind,
  /** 统一社会信用代码: the 18-character unified social credit code. */
  creditCode: z
    .string()
    .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, 'must be an 18-character unified social credit code'),
});
export type Organisation = z.infer<typeof Organisation>;

export interface OrganisationRepository {
  get(id: string): Promise<Organisation | undefined>;
}
