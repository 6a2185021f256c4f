import { createHash, randomBytes } from 'node:crypto';
import { Role, roleTitles } from '../kernel';
import type { LocalPath } from './gateway';
import type { LocalIssuer } from './issuer';

/**
 * The local stand-in for the user pool's hosted sign-in: the OpenID Connect authorization code
 * flow with PKCE, as Cognito's `/oauth2/authorize` and `/oauth2/token` serve it, so the portal
 * signs in by the same code on one machine as on AWS. Its sign-in page lists the demo users
 * instead of asking for a password and a one-time code.
 */

const PREFIX = '/.local/issuer';
const CODE_LIFETIME_MS = 5 * 60_000;
const ROLES: Role[] = ['bidder', 'staff', 'regulator'];

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  username: string;
  nonce?: string;
  expiresAt: number;
}

const refusal = (field: string, message: string) => ({
  status: 400,
  body: { error: { code: 'VALIDATION_FAILED', field, message } },
});

/** An OAuth error as the token endpoint answers it (RFC 6749 §5.2), with the field at fault. */
const tokenRefusal = (error: string, field: string, message: string) => ({
  status: 400,
  body: { error, error_description: `${field}: ${message}`, field },
});

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** The authorization request's parameters, checked as Cognito checks them; a refusal names the first at fault. */
const authorizationRequest = (
  params: URLSearchParams,
  clientId: string,
  callbackOrigins: string[],
): { ok: true; request: Record<string, string> } | { ok: false; refusal: ReturnType<typeof refusal> } => {
  const get = (name: string) => params.get(name) ?? '';
  if (get('client_id') !== clientId)
    return { ok: false, refusal: refusal('client_id', `must be the user pool client ${clientId}`) };
  let redirect: URL | undefined;
  try {
    redirect = new URL(get('redirect_uri'));
  } catch {
    redirect = undefined;
  }
  if (!redirect || !callbackOrigins.includes(redirect.origin))
    return {
      ok: false,
      refusal: refusal(
        'redirect_uri',
        `must be a callback URL of the portal (${callbackOrigins.join(', ')})`,
      ),
    };
  if (get('response_type') !== 'code')
    return { ok: false, refusal: refusal('response_type', 'must be code (the authorization code flow)') };
  if (get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(get('code_challenge')))
    return {
      ok: false,
      refusal: refusal('code_challenge', 'must be a PKCE S256 challenge (43 base64url characters)'),
    };
  if (!get('scope').split(' ').includes('openid'))
    return { ok: false, refusal: refusal('scope', 'must include openid') };
  const names = [
    'client_id',
    'redirect_uri',
    'response_type',
    'code_challenge',
    'code_challenge_method',
    'scope',
  ];
  const optional = ['state', 'nonce'].filter((n) => params.has(n));
  return { ok: true, request: Object.fromEntries([...names, ...optional].map((n) => [n, get(n)])) };
};

/** The sign-in page: one button per demo user, each submitting the authorization request with its name. */
const signInPage = (issuer: LocalIssuer, request: Record<string, string>) => {
  const hidden = Object.entries(request)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join('');
  const groups = ROLES.map((role) => {
    const users = issuer.directory().filter((u) => u.role === role);
    if (users.length === 0) return '';
    const buttons = users
      .map(
        (u) =>
          `<button name="username" value="${escapeHtml(u.username)}">${escapeHtml(u.username)}${u.org ? ` <small>${escapeHtml(u.org)}</small>` : ''}</button>`,
      )
      .join('');
    return `<fieldset><legend>${roleTitles[role]}</legend>${buttons}</fieldset>`;
  }).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>登录 · 公共资源交易平台（本机）</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f5f6f8;color:#1d2129}main{max-width:40rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:8px}
fieldset{border:1px solid #c9cdd4;border-radius:6px;margin:1rem 0;padding:.5rem 1rem}legend{font-weight:600}
button{margin:.25rem;padding:.5rem .9rem;border:1px solid #0b57d0;border-radius:6px;background:#fff;color:#0b57d0;font:inherit;cursor:pointer}small{color:#4e5969}</style></head>
<body><main><h1>登录</h1>
<p>本机演示环境：选择一位演示用户登录。令牌由本机签发方签发，与 AWS 上用户池签发的令牌格式相同；每个请求仍由平台校验权限。</p>
<form method="post" action="${PREFIX}/oauth2/authorize">${hidden}${groups}</form></main></body></html>`;
};

/**
 * The issuer's paths: its keys, its discovery document, the sign-in page and the token endpoint
 * of the code flow, and `POST /.local/issuer/token` for the CLI and the tests (a token by name).
 * The portal at `api` is the only callback, as the user pool client lists the distribution's.
 * (The discovery document's `issuer` is the user pool's, which the tokens name, not this address.)
 */
export const issuerPaths = (
  issuer: LocalIssuer,
  api: string,
  now: () => number,
): Record<string, LocalPath> => {
  const callbackOrigins = [new URL(api).origin];
  const codes = new Map<string, PendingCode>();
  const clientId = issuer.clientId;
  return {
    [`GET ${PREFIX}/jwks.json`]: async () => ({ status: 200, body: issuer.jwks() }),
    [`GET ${PREFIX}/.well-known/openid-configuration`]: async () => ({
      status: 200,
      body: {
        issuer: issuer.issuer,
        authorization_endpoint: `${api}${PREFIX}/oauth2/authorize`,
        token_endpoint: `${api}${PREFIX}/oauth2/token`,
        jwks_uri: `${api}${PREFIX}/jwks.json`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        code_challenge_methods_supported: ['S256'],
        scopes_supported: ['openid', 'email', 'profile'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['ES256'],
      },
    }),
    [`GET ${PREFIX}/oauth2/authorize`]: async (req) => {
      const params = new URL(req.url ?? '/', api).searchParams;
      const checked = authorizationRequest(params, clientId, callbackOrigins);
      if (!checked.ok) return checked.refusal;
      return {
        status: 200,
        body: signInPage(issuer, checked.request),
        headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
      };
    },
    [`POST ${PREFIX}/oauth2/authorize`]: async (_req, body) => {
      const params = new URLSearchParams(body.toString('utf8'));
      const checked = authorizationRequest(params, clientId, callbackOrigins);
      if (!checked.ok) return checked.refusal;
      const username = params.get('username') ?? '';
      if (!issuer.userNames().includes(username))
        return refusal('username', `must be a demo user: ${issuer.userNames().join(', ')}`);
      const { request } = checked;
      // Codes nobody came back for are dropped as new ones are issued.
      for (const [unused, { expiresAt }] of codes) if (expiresAt < now()) codes.delete(unused);
      const code = base64url(randomBytes(32));
      codes.set(code, {
        clientId,
        redirectUri: request.redirect_uri!,
        challenge: request.code_challenge!,
        username,
        ...(request.nonce ? { nonce: request.nonce } : {}),
        expiresAt: now() + CODE_LIFETIME_MS,
      });
      const back = new URL(request.redirect_uri!);
      back.searchParams.set('code', code);
      if (request.state !== undefined) back.searchParams.set('state', request.state);
      return { status: 302, body: '', headers: { location: back.toString(), 'cache-control': 'no-store' } };
    },
    [`POST ${PREFIX}/oauth2/token`]: async (_req, body) => {
      const params = new URLSearchParams(body.toString('utf8'));
      if (params.get('grant_type') !== 'authorization_code')
        return tokenRefusal('unsupported_grant_type', 'grant_type', 'must be authorization_code');
      const code = params.get('code') ?? '';
      const pending = codes.get(code);
      // A code is used once, whatever the outcome: a second try with it is refused.
      codes.delete(code);
      if (!pending || pending.expiresAt < now())
        return tokenRefusal('invalid_grant', 'code', 'must be an unused code issued in the last 5 minutes');
      if (params.get('client_id') !== pending.clientId)
        return tokenRefusal('invalid_client', 'client_id', 'must be the client the code was issued to');
      if (params.get('redirect_uri') !== pending.redirectUri)
        return tokenRefusal(
          'invalid_grant',
          'redirect_uri',
          'must be the redirect_uri of the authorization request',
        );
      const verifier = params.get('code_verifier') ?? '';
      if (base64url(createHash('sha256').update(verifier).digest()) !== pending.challenge)
        return tokenRefusal(
          'invalid_grant',
          'code_verifier',
          'must be the PKCE verifier of the code_challenge',
        );
      const lifetime = 3600;
      const idToken = await issuer.tokenFor(
        pending.username,
        lifetime,
        pending.nonce ? { nonce: pending.nonce } : {},
      );
      return {
        status: 200,
        body: { id_token: idToken, token_type: 'Bearer', expires_in: lifetime },
        headers: { 'cache-control': 'no-store' },
      };
    },
    [`POST ${PREFIX}/token`]: async (_req, body) => {
      let username: unknown;
      let lifetimeSeconds: unknown;
      try {
        ({ username, lifetimeSeconds } = JSON.parse(body.toString('utf8') || '{}') as {
          username?: unknown;
          lifetimeSeconds?: unknown;
        });
      } catch {
        return refusal('body', 'The body is not valid JSON: send {"username": "…"}.');
      }
      if (typeof username !== 'string' || !issuer.userNames().includes(username)) {
        return refusal(
          'username',
          `Unknown user ${typeof username === 'string' ? username : '(none)'}. Demo users: ${issuer.userNames().join(', ')}`,
        );
      }
      // A shorter life lets a test see a token expire while its connection stays open.
      if (
        lifetimeSeconds !== undefined &&
        !(
          Number.isInteger(lifetimeSeconds) &&
          (lifetimeSeconds as number) >= 1 &&
          (lifetimeSeconds as number) <= 28_800
        )
      )
        return refusal('lifetimeSeconds', 'must be a whole number of seconds from 1 to 28800 (8 hours).');
      return {
        status: 200,
        body: { username, idToken: await issuer.tokenFor(username, lifetimeSeconds as number | undefined) },
      };
    },
  };
};
