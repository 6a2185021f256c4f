/**
 * The Sunlit portal: Preact with htm templates. htm is tagged template literals that Preact's
 * own team maintains, so the portal needs no JSX compiler settings in the shared TypeScript,
 * lint and test setup, and esbuild bundles it as plain TypeScript.
 */
import { html } from 'htm/preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { loadSession, saveSession, Session } from './api';
import { AuctionPage, AuctionsPage } from './pages/auctions';
import { ExpertAnswer } from './pages/expert-answer';
import { LedgerHome } from './pages/ledger';
import { ProceduresPage } from './pages/procedures';
import { Inbox } from './pages/inbox';
import { Notices } from './pages/notices';
import { roleNames, SignIn } from './pages/sign-in';
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

const homeOf = (session?: Session) =>
  session?.role === 'staff' ? '#/staff' : session?.role === 'regulator' ? '#/supervision' : '#/';

const App = () => {
  const route = useRoute();
  const [session, setSession] = useState(loadSession);
  const signOut = () => {
    saveSession(undefined);
    setSession(undefined);
    location.hash = '#/';
  };
  const tender = /^\/tenders\/([A-Za-z0-9._-]+)$/.exec(route);
  const auction = /^\/auctions\/([A-Za-z0-9._-]+)$/.exec(route);
  const answerToken = /^\/experts\/answer\?token=([\w.-]+)$/.exec(route)?.[1];
  // `#/venues?tender=T-1`: the calendar with the booking form filled in for that tender.
  const venues = /^\/venues(?:\?tender=([A-Za-z0-9._-]+))?$/.exec(route);
  const insider = session?.role === 'staff' || session?.role === 'regulator';
  const page = answerToken
    ? html`<${ExpertAnswer} token=${answerToken} />`
    : route === '/signin'
      ? html`<${SignIn} onSignedIn=${(s: Session) => (setSession(s), (location.hash = homeOf(s)))} />`
      : route === '/staff' && session?.role === 'staff'
        ? html`<${StaffHome} />`
        : route === '/supervision' && session?.role === 'regulator'
          ? html`<${SupervisionHome} />`
          : route === '/ledger' && insider
            ? html`<${LedgerHome} session=${session} />`
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
        <a href="#/venues">场地</a>
      </nav>
      <div class="who">
        ${
          session
            ? html`<span
                  >${session.username}（${roleNames[session.role]}${session.org ? `，${session.org}` : ''}）</span
                >
                <button type="button" class="secondary" onClick=${signOut}>退出</button>`
            : html`<a href="#/signin">登录</a>`
        }
      </div>
    </header>
    <main>${page}</main>
    <footer>所有时间均为北京时间；金额单位为元。投标文件、保管人私钥和抽取密钥只在您的浏览器中使用。</footer>
  `;
};

render(html`<${App} />`, document.getElementById('app')!);
