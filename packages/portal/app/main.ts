/**
 * The Sunlit portal: Preact with htm templates. htm is tagged template literals that Preact's
 * own team maintains, so the portal needs no JSX compiler settings in the shared TypeScript,
 * lint and test setup, and esbuild bundles it as plain TypeScript.
 */
import { html } from 'htm/preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { roleTitles } from '../../kernel';
import { loadSession, Session } from './api';
import { Card, RefusalBox } from './ui';
import { DemoClock } from './demo-clock';
import { AuctionPage, AuctionsPage } from './pages/auctions';
import { AuditPage } from './pages/audit';
import { ExpertAnswer } from './pages/expert-answer';
import { LedgerHome } from './pages/ledger';
import { ProceduresPage } from './pages/procedures';
import { Inbox } from './pages/inbox';
import { Notices } from './pages/notices';
import { completeSignIn, SignIn, signOutEverywhere } from './pages/sign-in';
import { StaffHome } from './pages/staff';
import { SupervisionHome } from './pages/supervision';
import { TenderPage } from './pages/tender';
import { VenuesPage } from './pages/venues';

/** Hash routes (`#/tenders/T-1`): the page is one file at `/`, and no API path is ever shadowed. */
const useRoute = () => {
  const read = () => location.hash.replace(/^#/, '') || '/';
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const changed = () => setRoute(read());
    addEventListener('hashchange', changed);
    // Effects run after the first paint: a link followed before then has changed the hash unheard.
    changed();
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
};

/** The page a sign-in returns to: one of the portal's own (`#/…`), else the role's home. */
const returnTo = (encoded: string | undefined): string => {
  let back = '';
  try {
    back = decodeURIComponent(encoded ?? '');
  } catch {
    // A mangled link returns home.
  }
  return back.startsWith('#/') && !back.startsWith('#/signin') ? back : '';
};

const homeOf = (session?: Session) =>
  session?.role === 'staff' ? '#/staff' : session?.role === 'regulator' ? '#/supervision' : '#/';

const App = ({ failure }: { failure?: unknown }) => {
  const route = useRoute();
  const [session, setSession] = useState(loadSession);
  const signOut = () => {
    setSession(undefined);
    location.hash = '#/';
    void signOutEverywhere();
  };
  // `#/signin?back=%23%2Ftenders%2FT-1` (the page's hash, encoded): sign in, then come back there.
  const signingIn = /^\/signin(?:\?back=([^&]*))?$/.exec(route);
  const tender = /^\/tenders\/([A-Za-z0-9._-]+)$/.exec(route);
  const auction = /^\/auctions\/([A-Za-z0-9._-]+)$/.exec(route);
  const answerToken = /^\/experts\/answer\?token=([\w.-]+)$/.exec(route)?.[1];
  // `#/venues?tender=T-1`: the calendar with the booking form filled in for that tender.
  const venues = /^\/venues(?:\?tender=([A-Za-z0-9._-]+))?$/.exec(route);
  const insider = session?.role === 'staff' || session?.role === 'regulator';
  const page = answerToken
    ? html`<${ExpertAnswer} token=${answerToken} />`
    : signingIn
      ? html`<${SignIn} back=${returnTo(signingIn[1])} />`
      : route === '/staff' && session?.role === 'staff'
        ? html`<${StaffHome} />`
        : route === '/supervision' && session?.role === 'regulator'
          ? html`<${SupervisionHome} />`
          : route === '/ledger' && insider
            ? html`<${LedgerHome} session=${session} />`
            : route === '/audit'
              ? html`<${AuditPage} session=${session} />`
              : route === '/procedures'
                ? html`<${ProceduresPage} />`
                : route === '/inbox' && session?.role === 'bidder'
                  ? html`<${Inbox} />`
                  : venues
                    ? html`<${VenuesPage} session=${session} tender=${venues[1]} key=${route} />`
                    : tender
                      ? html`<${TenderPage} id=${tender[1]} session=${session} key=${tender[1]} />`
                      : route === '/auctions'
                        ? html`<${AuctionsPage} session=${session} />`
                        : auction
                          ? html`<${AuctionPage} id=${auction[1]} session=${session} key=${auction[1]} />`
                          : html`<${Notices} />`;
  return html`
    <header>
      <a class="brand" href="#/">阳光公共资源交易平台</a>
      <nav aria-label="主导航">
        <a href="#/">公告</a>
        ${session?.role === 'bidder' && html`<a href="#/inbox">我的通知</a>`}
        ${session?.role === 'staff' && html`<a href="#/staff">项目与标段</a>`}
        ${session?.role === 'regulator' && html`<a href="#/supervision">电子监察</a>`}
        ${insider && html`<a href="#/ledger">保证金与对账</a>`}
        <a href="#/auctions">土地与产权</a>
        <a href="#/procedures">采购方式</a>
        <a href="#/audit">审计日志</a>
        <a href="#/venues">场地</a>
      </nav>
      <div class="who">
        ${
          session
            ? html`<span
                  >${session.username}（${roleTitles[session.role]}${session.org ? `，${session.org}` : ''}）</span
                >
                <button type="button" class="secondary" onClick=${signOut}>退出</button>`
            : html`<a href=${`#/signin?back=${encodeURIComponent(`#${route}`)}`}>登录</a>`
        }
      </div>
    </header>
    <main>
      ${failure ? html`<${Card} title="登录未完成"><${RefusalBox} error=${failure} /><//>` : ''}${page}
    </main>
    <footer>
      <p>所有时间均为北京时间；金额单位为元。投标文件、保管人私钥和抽取密钥只在您的浏览器中使用。</p>
      <${DemoClock} />
    </footer>
  `;
};

/** A return from the sign-in page lands on the page the user left, or on the role's home. */
const start = async () => {
  let failure: unknown;
  const signedIn = await completeSignIn().catch((error: unknown) => ((failure = error), undefined));
  if (signedIn) location.hash = signedIn.back || homeOf(signedIn.session);
  render(html`<${App} failure=${failure} />`, document.getElementById('app')!);
};
void start();
