import { html } from 'htm/preact';
import { UserManager } from 'oidc-client-ts';
import { useEffect } from 'preact/hooks';
import { PORTAL_CONFIG_PATH, PortalConfig } from '../../config';
import { api, Role, saveSession, Session } from '../api';
import { Card, RefusalBox, useAction } from '../ui';

/**
 * Sign-in by the OpenID Connect authorization code flow with PKCE (oidc-client-ts): on AWS the
 * user pool's hosted sign-in (password and one-time code), on one machine the local issuer's page
 * of demo users. The portal learns which from `portal-config.json`, written beside it.
 */
let users: Promise<UserManager> | undefined;
const userManager = (): Promise<UserManager> =>
  (users ??= fetch(PORTAL_CONFIG_PATH)
    .then((response) => {
      if (!response.ok) throw new Error(`${PORTAL_CONFIG_PATH} 不可用（HTTP ${response.status}）`);
      return response.json();
    })
    .then((json) => {
      const { signIn } = PortalConfig.parse(json);
      return new UserManager({
        authority: signIn.authority,
        client_id: signIn.clientId,
        redirect_uri: `${location.origin}/`,
        response_type: 'code',
        scope: 'openid email profile',
        loadUserInfo: false,
        automaticSilentRenew: false,
      });
    }));

/** Where the user was when signing in: the page to return to. */
interface SignInState {
  back: string;
}

/** Goes to the sign-in page of the user pool (or of the local issuer), to come back to `back`. */
const startSignIn = async (back: string) =>
  (await userManager()).signinRedirect({ state: { back } satisfies SignInState });

/**
 * Back from the sign-in page with `?code=…&state=…`: the code is exchanged for the ID token (the
 * PKCE verifier never left this tab), the role read from the API, and the URL cleaned of the
 * code. Resolves the session and where to go, or undefined when this load is no such return.
 */
export const completeSignIn = async (): Promise<{ session: Session; back: string } | undefined> => {
  const query = new URLSearchParams(location.search);
  if (!query.has('code') || !query.has('state')) return undefined;
  const manager = await userManager();
  const user = await manager.signinCallback();
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
  if (!user?.id_token) return undefined;
  const token = user.id_token;
  const me = await api<{ role: Role; org?: string; user: string }>('GET', '/me', { token });
  const session: Session = { username: me.user, role: me.role, org: me.org, token };
  saveSession(session);
  // The portal keeps its own session; the library's copy of the tokens is not needed again.
  await manager.removeUser();
  return { session, back: (user.state as SignInState | undefined)?.back ?? '' };
};

/** The sign-in page: it sends the user straight on to the user pool's sign-in, and says so. */
export const SignIn = ({ back }: { back: string }) => {
  const signIn = useAction(async () => startSignIn(back));
  useEffect(() => {
    void signIn.run();
  }, []);
  return html`<${Card} title="登录">
    <p>正在前往统一身份认证页面登录；登录后回到本页。</p>
    <button type="button" disabled=${signIn.busy} onClick=${() => signIn.run()}>前往登录</button>
    <${RefusalBox} error=${signIn.error} />
  <//>`;
};
