import { DomainError } from '../../../packages/kernel/errors';
import { callerFromClaims, requireRole } from '../../../packages/identity/caller';

describe('the caller, from verified token claims', () => {
  it('reads role, user and organisation from claims as API Gateway flattens them', () => {
    expect(
      callerFromClaims({
        'cognito:username': 'bidder1',
        token_use: 'id',
        'cognito:groups': '[bidder]',
        'custom:org': 'ORG-BIDDER-1',
      }),
    ).toEqual({
      role: 'bidder',
      user: 'bidder1',
      org: 'ORG-BIDDER-1',
    });
  });

  it('also accepts groups as a real array', () => {
    expect(
      callerFromClaims({ token_use: 'id', 'cognito:username': 'staff1', 'cognito:groups': ['staff'] }),
    ).toMatchObject({
      role: 'staff',
    });
  });

  it('ignores groups that are not platform roles', () => {
    expect(
      callerFromClaims({ token_use: 'id', 'cognito:username': 'r', 'cognito:groups': '[admins regulator]' }),
    ).toMatchObject({ role: 'regulator' });
  });

  it('refuses an access token: only ID tokens name the user and organisation', () => {
    expect(() => callerFromClaims({ token_use: 'access', sub: 'u-1', 'cognito:groups': '[staff]' })).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED', details: { field: 'token_use' } }),
    );
  });

  it('refuses a request without claims as unauthenticated', () => {
    expect(() => callerFromClaims(undefined)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });

  it.each([
    ['no role', '[]'],
    ['two roles', '[staff regulator]'],
  ])('refuses a token with %s', (_, groups) => {
    expect(() =>
      callerFromClaims({ token_use: 'id', 'cognito:username': 'x', 'cognito:groups': groups }),
    ).toThrow(expect.objectContaining({ code: 'FORBIDDEN', details: { field: 'cognito:groups' } }));
  });

  it('refuses a bidder token that names no organisation', () => {
    expect(() =>
      callerFromClaims({ token_use: 'id', 'cognito:username': 'b', 'cognito:groups': '[bidder]' }),
    ).toThrow(expect.objectContaining({ code: 'FORBIDDEN', details: { field: 'custom:org' } }));
  });

  it('lets only the allowed roles through', () => {
    const staff = { role: 'staff' as const, user: 's' };
    expect(requireRole(staff, 'staff', 'regulator')).toBe(staff);
    expect(() => requireRole(staff, 'bidder')).toThrow(DomainError);
  });
});
