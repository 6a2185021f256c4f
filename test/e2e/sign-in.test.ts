import { demoUsers } from '../../packages/demo-data/demo-data';
import { as, demoUserNames } from './client';

describe('signing in to the platform', () => {
  it('lists every demo user on the running stack', () => {
    expect(demoUserNames().sort()).toEqual(
      demoUsers()
        .map((u) => u.username)
        .sort(),
    );
  });

  it.each(demoUsers().map((u) => [u.username, u.role, u.org] as const))(
    '%s signs in and is recognised as %s of %s',
    async (username, role, org) => {
      const user = await as(username);
      const { status, body } = await user.get('/me');
      expect(status).toBe(200);
      expect(body).toMatchObject({ user: username, role, org, organisation: { id: org } });
    },
  );
});
