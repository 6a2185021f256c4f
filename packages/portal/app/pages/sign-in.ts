import { html } from 'htm/preact';
import { api, Role, saveSession, Session } from '../api';
import { Card, RefusalBox, useAction, useLoad } from '../ui';

interface DirectoryUser {
  username: string;
  role: Role;
  org?: string;
}

export const roleNames: Record<Role, string> = {
  bidder: '投标人',
  staff: '交易中心工作人员',
  regulator: '监管人员',
};

/**
 * Local sign-in: the local issuer lists its demo users and signs a token for the one chosen,
 * shaped as the user pool's. (On AWS this page is where the user pool's sign-in belongs.)
 */
export const SignIn = ({ onSignedIn }: { onSignedIn: (session: Session) => void }) => {
  const directory = useLoad(
    () => api<{ users: DirectoryUser[] }>('GET', '/.local/issuer/users').then((d) => d.users),
    [],
  );
  const signIn = useAction(async (_key, username: string) => {
    const { idToken } = await api<{ idToken: string }>('POST', '/.local/issuer/token', {
      body: { username },
    });
    const me = await api<{ role: Role; org?: string }>('GET', '/me', { token: idToken });
    const session: Session = { username, role: me.role, org: me.org, token: idToken };
    saveSession(session);
    onSignedIn(session);
    return session;
  });
  const byRole = (role: Role) => (directory.data ?? []).filter((u) => u.role === role);
  return html`<${Card} title="登录">
    <p>
      本机演示环境：选择一位演示用户登录。令牌由本机签发方签发，与 AWS
      上用户池签发的令牌格式相同；每个请求仍由平台校验权限。
    </p>
    ${
      directory.error &&
      html`<p>此部署没有本机签发方（在 AWS 上请通过用户池登录）。</p>
        <${RefusalBox} error=${directory.error} />`
    }
    ${(['bidder', 'staff', 'regulator'] as Role[]).map(
      (role) =>
        byRole(role).length > 0 &&
        html`<fieldset class="users">
          <legend>${roleNames[role]}</legend>
          ${byRole(role).map(
            (user) =>
              html`<button type="button" disabled=${signIn.busy} onClick=${() => signIn.run(user.username)}>
                ${user.username}${user.org ? html` <small>${user.org}</small>` : ''}
              </button>`,
          )}
        </fieldset>`,
    )}
    <${RefusalBox} error=${signIn.error} />
  <//>`;
};
