import { callApi, stackInfo, tokenFor } from '../support/local-stack';

describe('the local API gateway', () => {
  it('answers GET /health without a token, after reading the table', async () => {
    const { status, body } = await callApi('/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', checks: { table: 'ok' } });
  });

  it.each([
    ['staff1', 'staff', 'ORG-CENTER', '市公共资源交易中心'],
    ['regulator1', 'regulator', 'ORG-REGULATOR', '市公共资源交易监督管理局'],
    ['bidder3', 'bidder', 'ORG-BIDDER-3', '宏远市政工程有限公司'],
  ])(
    'tells %s who they are from the verified token and the organisation registry',
    async (user, role, org, name) => {
      const { status, body } = await callApi('/me', { token: await tokenFor(user) });
      expect(status).toBe(200);
      expect(body).toEqual({
        role,
        user,
        org,
        organisation: { id: org, name, kind: role === 'staff' ? 'center' : role },
      });
    },
  );

  it('refuses a route that needs a token when none is sent', async () => {
    const { status, body } = await callApi('/me');
    expect(status).toBe(401);
    expect(body).toEqual({ message: 'Unauthorized' });
  });

  it('refuses a token whose signature does not verify', async () => {
    const token = await tokenFor('staff1');
    const [header, payload] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload!, 'base64url').toString()),
        'cognito:groups': ['regulator'],
      }),
    ).toString('base64url');
    const { status } = await callApi('/me', { token: `${header}.${forged}.${token.split('.')[2]}` });
    expect(status).toBe(401);
  });

  it('answers an unknown route with 404', async () => {
    expect((await callApi('/no/such/route')).status).toBe(404);
    expect((await callApi('/health', { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses a token for a user the issuer does not know, naming the demo users', async () => {
    const response = await fetch(`${stackInfo().issuer}/token`, {
      method: 'POST',
      body: JSON.stringify({ username: 'mallory' }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('bidder1');
  });
});
