import * as z from 'zod';

/** The three roles a verified token can carry (Cognito groups of the same names). */
export const Role = z.enum(['bidder', 'staff', 'regulator']);
export type Role = z.infer<typeof Role>;

/** Each role as the center's people call it, for pages that name a user's role. */
export const roleTitles: Record<Role, string> = {
  bidder: '投标人',
  staff: '交易中心工作人员',
  regulator: '监管人员',
};

/** Who calls: a role, a user and, for bidders, their organisation, from verified claims only. */
export const Caller = z.object({
  role: Role,
  user: z.string().min(1),
  org: z.string().min(1).optional(),
});
export type Caller = z.infer<typeof Caller>;
