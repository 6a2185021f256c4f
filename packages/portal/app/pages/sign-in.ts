import { html } from 'htm/preact';
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { useEffect } from 'preact/hooks';
import { PORTAL_CONFIG_PATH, PortalConfig } from '../../config';
import { api, Role, saveSession, Session } from '../api';
import { Card, RefusalBox, useAction } from '../ui';

/**
 * Sign-in by the OpenID Connect authorization code flow with PKCE (oidc-client-ts): on AWS the
 * user pool's hosted sign-in (password and one-time code), on one machine the local issuer's page
 * of demo users. The portal learns which from `portal-config.json`, written beside it.
 */
let signInConfig: Promise<PortalConfig['signIn']> | undefined;
const config = (): Promise<PortalConfig['signIn']> =>
  (signInConfig ??= fetch(PORTAL_CONFIG_PATH)
    .then((response) => {
      if (!response.ok) throw new Error(`${PORTAL_CONFIG_PATH} 不可用（HTTP ${response.status}）`);
      return response.json();
    })
    .then((json) => PortalConfig.parse(json).signIn)
    .catch((error: unknown) => {
      // Asked again on the next try, not answered from a failure.
      signInConfig = undefined;
      throw error;
    }));

const userManager = async (): Promise<UserManager> => {
  const signIn = await config();
  return new UserManager({
    authority: signIn.authority,
    client_id: signIn.clientId,
    redirect_uri: `${location.origin}/`,
    response_type: 'code',
    scope: 'openid email profile',
    loadUserInfo: false,
    automaticSilentRenew: false,
    // The request's state (its PKCE verifier among it) stays with this tab.
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
  });
};

/** Where the user was when signing in: the page to return to. */
interface SignInState {
  back: string;
}

/** Goes to the sign-in page of the user pool (or of the local issuer), to come back to `back`. */
const startSignIn = async (back: string) =>
  // Replacing the page: Back from the sign-in page returns to where the user was, not to a redirect.
  (await userManager()).signinRedirect({ state: { back } satisfies SignInState, redirectMethod: 'replace' });

/**
 * Back from the sign-in page with `?code=…&state=…` (or `?error=…&state=…`): the code is exchanged
 * for the ID token with the PKCE verifier this tab kept, the role read from the API. Whatever the
 * outcome the address is cleaned of the reply and the library's copy of the tokens dropped (the
 * portal keeps its own session). Resolves the session and where to go, or undefined when this
 * load is no such return; a refused sign-in throws, for the page to show.
 */
export const completeSignIn = async (): Promise<{ session: Session; back: string } | undefined> => {
  const query = new URLSearchParams(location.search);
  if (!query.has('state') || !(query.has('code') || query.has('error'))) return undefined;
  const manager = await userManager();
  try {
    const user = await manager.signinCallback();
    if (!user?.id_token) return undefined;
    const token = user.id_token;
    const me = await api<{ role: Role; org?: string; user: string }>('GET', '/me', { token });
    const session: Session = { username: me.user, role: me.role, org: me.org, token };
    saveSession(session);
    return { session, back: (user.state as SignInState | undefined)?.back ?? '' };
  } finally {
    history.replaceState(null, '', `${location.pathname}${location.hash}`);
    await manager.removeUser();
  }
};

/**
 * Signing out ends the portal's session in this tab and, where the user pool keeps one of its own
 * (its hosted pages' cookie), that one too, so the next person at this browser signs in afresh.
 */
export const signOutEverywhere = async (): Promise<void> => {
  saveSession(undefined);
  const signIn = await config().catch(() => undefined);
  if (!signIn?.signOutUrl) return;
  const url = new URL(signIn.signOutUrl);
  url.searchParams.set('client_id', signIn.clientId);
  url.searchParams.set('logout_uri', `${location.origin}/`);
  location.assign(url.toString());
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
