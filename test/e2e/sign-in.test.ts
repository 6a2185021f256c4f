import { createHash, randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { decodeJwt } from 'jose';
import { PortalConfig } from '../../packages/portal';
import { stackInfo } from '../support/local-stack';
import { launchBrowser, newPortalPage, seriousViolations, tenderUrl } from '../support/browser';
import { demoUsers } from '../../packages/demo-data/demo-data';
import { as, demoUserNames } from './client';
import { publishedTender } from './tender-fixture';

/**
 * Sign-in by the authorization code flow with PKCE, as the user pool's hosted pages run it on
 * AWS: the portal's side in a real browser, and the issuer's refusals of every step done wrong.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const issuer = () => `${stackInfo().api}/.local/issuer`;
const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** The portal's configuration, as it reads it. */
const config = async () =>
  PortalConfig.parse(await (await fetch(`${stackInfo().api}/portal-config.json`)).json()).signIn;

/** An authorization request with a fresh PKCE pair, as a client makes it. */
const authorization = async (overrides: Record<string, string> = {}) => {
  const verifier = base64url(randomBytes(32));
  const params = {
    client_id: (await config()).clientId,
    redirect_uri: `${stackInfo().api}/`,
    response_type: 'code',
    scope: 'openid email',
    code_challenge: base64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
    state: 'xyz',
    ...overrides,
  };
  return { verifier, params };
};

/** Chooses a user on the sign-in page (the form's POST), returning where it sends the browser. */
const chooseUser = async (params: Record<string, string>, username: string) => {
  const response = await fetch(`${issuer()}/oauth2/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...params, username }),
    redirect: 'manual',
  });
  return { status: response.status, location: response.headers.get('location') ?? '', response };
};

const exchange = (fields: Record<string, string>) =>
  fetch(`${issuer()}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', ...fields }),
  });

describe('sign-in by the code flow', () => {
  it('tells the portal its authority, whose discovery document names the sign-in and token endpoints', async () => {
    const { authority, clientId } = await config();
    expect(authority).toBe(issuer());
    const discovery = (await (await fetch(`${authority}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(discovery).toMatchObject({
      authorization_endpoint: `${issuer()}/oauth2/authorize`,
      token_endpoint: `${issuer()}/oauth2/token`,
      code_challenge_methods_supported: ['S256'],
    });
    // The tokens name the user pool client the API's authorizer accepts.
    const { verifier, params } = await authorization();
    const { location } = await chooseUser(params, 'staff1');
    const back = new URL(location);
    expect(back.origin + back.pathname).toBe(`${stackInfo().api}/`);
    expect(back.searchParams.get('state')).toBe('xyz');
    const tokens = (await (
      await exchange({
        code: back.searchParams.get('code')!,
        client_id: clientId,
        redirect_uri: params.redirect_uri,
        code_verifier: verifier,
      })
    ).json()) as { id_token: string };
    const claims = decodeJwt(tokens.id_token);
    expect(claims).toMatchObject({ aud: clientId, iss: discovery.issuer, 'cognito:groups': ['staff'] });
    const me = await fetch(`${stackInfo().api}/me`, {
      headers: { authorization: `Bearer ${tokens.id_token}` },
    });
    expect(((await me.json()) as { role: string }).role).toBe('staff');
  });

  it('refuses an authorization request that would send the code elsewhere, or without PKCE, naming the field', async () => {
    for (const [overrides, field] of [
      [{ redirect_uri: 'https://elsewhere.example/' }, 'redirect_uri'],
      [{ client_id: 'another-client' }, 'client_id'],
      [{ code_challenge_method: 'plain' }, 'code_challenge'],
      [{ response_type: 'token' }, 'response_type'],
    ] as const) {
      const { params } = await authorization(overrides);
      const page = await fetch(`${issuer()}/oauth2/authorize?${new URLSearchParams(params)}`);
      expect(page.status).toBe(400);
      expect(((await page.json()) as { error: { field: string } }).error.field).toBe(field);
      const chosen = await chooseUser(params, 'bidder1');
      expect(chosen.status).toBe(400);
      expect(chosen.location).toBe('');
    }
    const { params } = await authorization();
    expect((await chooseUser(params, 'nobody')).status).toBe(400);
  });

  it('gives tokens for a code once, and only with its verifier and redirect', async () => {
    const { clientId } = await config();
    const { verifier, params } = await authorization();
    const code = new URL((await chooseUser(params, 'bidder1')).location).searchParams.get('code')!;
    const wrongVerifier = await exchange({
      code,
      client_id: clientId,
      redirect_uri: params.redirect_uri,
      code_verifier: base64url(randomBytes(32)),
    });
    expect(wrongVerifier.status).toBe(400);
    expect(await wrongVerifier.json()).toMatchObject({ error: 'invalid_grant', field: 'code_verifier' });
    // The failed attempt spent the code: even the right verifier is refused now.
    const again = await exchange({
      code,
      client_id: clientId,
      redirect_uri: params.redirect_uri,
      code_verifier: verifier,
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant', field: 'code' });

    const second = await authorization();
    const other = new URL((await chooseUser(second.params, 'bidder1')).location).searchParams.get('code')!;
    const elsewhere = await exchange({
      code: other,
      client_id: clientId,
      redirect_uri: `${stackInfo().api}/other`,
      code_verifier: second.verifier,
    });
    expect(await elsewhere.json()).toMatchObject({ error: 'invalid_grant', field: 'redirect_uri' });

    const third = await authorization();
    const theirs = new URL((await chooseUser(third.params, 'bidder1')).location).searchParams.get('code')!;
    const anotherClient = await exchange({
      code: theirs,
      client_id: 'another-client',
      redirect_uri: third.params.redirect_uri,
      code_verifier: third.verifier,
    });
    expect(await anotherClient.json()).toMatchObject({ error: 'invalid_client', field: 'client_id' });
  });

  it('brings a bidder who signs in from a tender page back to it, signed in, with the code gone from the address', async () => {
    const { tender } = await publishedTender();
    const { page, errors } = await newPortalPage(browser);
    await page.goto(tenderUrl(tender.id));
    await page.getByRole('heading', { name: tender.name }).waitFor();
    await page.getByRole('link', { name: '登录', exact: true }).click();
    // The sign-in page is the issuer's, as the user pool's hosted pages are on AWS.
    await page.waitForURL(/\/\.local\/issuer\/oauth2\/authorize\?/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /^bidder1\b/ }).click();
    await page.getByText('bidder1（投标人').waitFor();
    await page.getByRole('heading', { name: tender.name }).waitFor();
    expect(new URL(page.url()).hash).toBe(`#/tenders/${tender.id}`);
    expect(new URL(page.url()).search).toBe('');

    // Signing out ends the session in the tab: the header offers 登录 again.
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByRole('link', { name: '登录', exact: true }).waitFor();
    expect(await page.evaluate("sessionStorage.getItem('sunlit.session')")).toBeNull();
    expect(errors).toEqual([]);
  });

  it('shows a refused sign-in and cleans the reply from the address, so a reload does not repeat it', async () => {
    const { page } = await newPortalPage(browser);
    await page.goto(`${stackInfo().api}/?error=access_denied&state=unknown#/`);
    const card = page
      .locator('section.card')
      .filter({ has: page.getByRole('heading', { name: '登录未完成' }) });
    await card.getByRole('alert').waitFor();
    expect(new URL(page.url()).search).toBe('');
    await page.reload();
    await page.getByRole('heading', { name: '公告' }).waitFor();
    expect(await page.getByRole('heading', { name: '登录未完成' }).count()).toBe(0);
  });
});

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
