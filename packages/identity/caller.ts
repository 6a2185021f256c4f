import { Role, Caller, DomainError } from '../kernel';
/** Claim names as a Cognito ID token carries them. */
export const claimNames = {
  user: 'cognito:username',
  groups: 'cognito:groups',
  org: 'custom:org',
} as const;

/**
 * API Gateway (HTTP API, JWT authorizer) hands claims to the function as strings:
 * an array claim arrives as `"[staff regulator]"`. Accept both that and a real array.
 */
const groupsOf = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  const inner = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  return inner.split(/[\s,]+/).filter(Boolean);
};

/**
 * The caller of a request, from verified token claims only. A user in several role
 * groups is refused: every action must be attributable to exactly one role.
 */
export const callerFromClaims = (claims: Record<string, unknown> | undefined): Caller => {
  if (!claims) throw new DomainError('UNAUTHENTICATED', 'A valid bearer token is required.');
  // The authorizer also accepts access tokens, which name the user differently: one kind, one identity.
  if (claims.token_use !== 'id') {
    throw new DomainError('UNAUTHENTICATED', 'Send the ID token (token_use "id"), not an access token.', {
      field: 'token_use',
    });
  }
  const roles = groupsOf(claims[claimNames.groups]).filter((group) => Role.safeParse(group).success);
  if (roles.length !== 1) {
    throw new DomainError(
      'FORBIDDEN',
      `The token must carry exactly one role group (bidder, staff or regulator); it carries ${roles.length}.`,
      { field: claimNames.groups },
    );
  }
  const user = claims[claimNames.user] ?? claims.sub;
  const org = claims[claimNames.org];
  const caller = Caller.safeParse({ role: roles[0], user, org: org === '' ? undefined : org });
  if (!caller.success) {
    throw new DomainError('UNAUTHENTICATED', 'The token lacks a user name.', { field: claimNames.user });
  }
  if (caller.data.role === 'bidder' && !caller.data.org) {
    throw new DomainError('FORBIDDEN', 'A bidder token must name the bidder organisation.', {
      field: claimNames.org,
    });
  }
  return caller.data;
};

/** Refuses a caller whose role is not among `allowed`. */
export const requireRole = (caller: Caller, ...allowed: Role[]): Caller => {
  if (!allowed.includes(caller.role)) {
    throw new DomainError(
      'FORBIDDEN',
      `This action is for ${allowed.join(' or ')} users; you are ${caller.role}.`,
    );
  }
  return caller;
};
