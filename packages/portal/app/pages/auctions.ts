import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AcceptedBid, Application, AuctionView, BidNews, RoomMessage } from '../../../auctions';
import { absentAs, api, ApiError, apiFile, refusalOf, saveFile, Session } from '../api';
import { beijing, yuan } from '../format';
import { Card, Field, FileField, RefusalBox, useAction, useLoad } from '../ui';
import { AnnounceAuction, kindNames } from './announce-auction';

const phaseNames: Record<AuctionView['state']['phase'], string> = {
  listing: '挂牌期',
  timed: '限时竞价',
  ended: '已结束',
};

const noSaleReasons = {
  'no-qualified-bidder': '无合格竞买人',
  'no-bid': '无人应价',
  'below-reserve': '最高应价低于底价',
} as const;

const outcomeOf = (result: NonNullable<AuctionView['result']>) =>
  result.outcome.outcome === 'sold'
    ? `成交：${result.outcome.paddle} 号竞买人，${yuan(result.outcome.priceFen)}`
    : `流拍（${noSaleReasons[result.outcome.reason]}）`;

/** 土地、矿业权与国有产权交易: every listing and auction, as anyone sees it; staff announce new ones. */
export const AuctionsPage = ({ session }: { session?: Session }) => {
  const auctions = useLoad(() => api<{ auctions: AuctionView[] }>('GET', '/auctions'), []);
  return html`${session?.role === 'staff' && html`<${AnnounceAuction} />`}<${Card}
      title="土地、矿业权与国有产权交易"
    >
      <${RefusalBox} error=${auctions.error} />
      ${auctions.data?.auctions.length === 0 && html`<p>暂无挂牌或拍卖。</p>`}
      <ul class="notices">
        ${(auctions.data?.auctions ?? []).map(
          (a) =>
            html`<li key=${a.id}>
              <span class="tag">${kindNames[a.kind]}</span>
              <a href=${`#/auctions/${a.id}`}>${a.title}</a> · 起始价 ${yuan(a.startingPriceFen)} ·
              ${a.result ? outcomeOf(a.result) : `${phaseNames[a.state.phase]}，竞价开始 ${beijing(a.opensAt)}`}
            </li>`,
        )}
      </ul>
    <//>`;
};

/** How long a bid sent over the room waits for its answer before the page says it does not know. */
const BID_ANSWER_MS = 15_000;

type Offer = { amountFen: number; sequence: number };

/**
 * The auction as the room pushes it: the page connects to the WebSocket room the API names and
 * asks for the state, then every accepted bid and the result arrive as they happen. Server time
 * is the only time: the countdown runs from the server's time the last message carried. A
 * signed-in bidder connects with its token and bids over the room; each bid's answer comes back
 * on it, matched by the bid's key.
 */
const useLiveAuction = (id: string, token?: string) => {
  const [view, setView] = useState<AuctionView>();
  // How far the server's clock is ahead of this browser's, from the last message.
  const [skew, setSkew] = useState(0);
  const [connected, setConnected] = useState(false);
  const [error, setError] = useState<unknown>();
  // Set when the room refused this page's token: it then watches, and says why it cannot bid.
  const [signedOut, setSignedOut] = useState<string>();
  const shown = useRef<AuctionView>();
  // Set while the page has asked the room for the state after a gap, so it asks once.
  const resyncing = useRef(false);
  const room = useRef<WebSocket>();
  // Whether the open connection bids: it was opened with the token and let in.
  const bidding = useRef(false);
  const waiting = useRef(new Map<string, { settle: (answer: RoomMessage | Error) => void }>());
  /**
   * The auction only moves on: a state with fewer bids than the one shown is older, whatever time it
   * carries; at the same sequence the later server time wins (bidding opened, the countdown's end,
   * the result). A view read between a bid's commit and its bids' read may list a bid past its
   * state: it is cut there, and the bid's news adds it.
   */
  const show = (auction: AuctionView) => {
    const current = shown.current;
    const { sequence } = auction.state;
    if (
      current &&
      (sequence < current.state.sequence ||
        (sequence === current.state.sequence &&
          Date.parse(auction.serverTime) < Date.parse(current.serverTime)))
    )
      return;
    shown.current = { ...auction, bids: auction.bids.filter((b) => b.sequence <= sequence) };
    setView(shown.current);
    setSkew(Date.parse(auction.serverTime) - Date.now());
  };
  /**
   * A bid the room announced, applied to the auction shown: the next one in sequence is added with
   * the state after it; one already shown is dropped; one past a gap (a push missed) asks the room
   * for the whole state instead.
   */
  const hear = (news: BidNews) => {
    const current = shown.current;
    if (!current || news.bid.sequence <= current.state.sequence) return;
    if (news.bid.sequence > current.state.sequence + 1) {
      if (!resyncing.current) room.current?.send('state');
      resyncing.current = true;
      return;
    }
    const { bid, ...after } = news;
    show({ ...current, ...after, bids: [...current.bids, bid] });
  };
  useEffect(() => {
    let socket: WebSocket | undefined;
    let closed = false;
    // Another auction's state is no older or newer than this one's: start afresh.
    shown.current = undefined;
    setSignedOut(undefined);
    void api<AuctionView>('GET', `/auctions/${id}`).then(show, setError);
    /** Connects with the token if there is one; a connection its token could not open watches instead. */
    const connect = (url: string, withToken: boolean) => {
      if (closed) return;
      let opened = false;
      socket = new WebSocket(withToken ? `${url}&token=${encodeURIComponent(token!)}` : url);
      room.current = socket;
      const mine = socket;
      // A connection this page has since replaced changes nothing of the one it has now.
      const current = () => room.current === mine && !closed;
      socket.onopen = () => {
        if (!current()) return;
        opened = true;
        bidding.current = withToken;
        setConnected(true);
        socket!.send('state');
      };
      socket.onclose = () => {
        if (!current()) return;
        setConnected(false);
        bidding.current = false;
        for (const bid of waiting.current.values()) bid.settle(new Error('closed'));
        if (withToken && !opened && !closed) {
          setSignedOut('竞价大厅未接受您的登录（可能已过期），现以旁观者身份连接：请重新登录后出价。');
          connect(url, false);
        }
      };
      socket.onmessage = (event) => {
        if (!current()) return;
        const message = JSON.parse(String(event.data)) as RoomMessage;
        if (message.type === 'auction') {
          resyncing.current = false;
          show(message.auction);
        } else if (message.type === 'bid') hear(message);
        else if (message.ref) waiting.current.get(message.ref)?.settle(message);
      };
    };
    void api<{ url: string }>('GET', `/auctions/${id}/room`).then(
      ({ url }) => connect(url, Boolean(token)),
      setError,
    );
    return () => {
      closed = true;
      socket?.close();
    };
  }, [id, token]);
  // The bidding clock pushes bidding's opening and the countdown's end; in case its push is late or
  // the room is not connected, the page also reads the state just after each, on the server's clock.
  useEffect(() => {
    if (!view || view.state.phase === 'ended') return;
    const serverNow = Date.now() + skew;
    const next = [Date.parse(view.opensAt), Date.parse(view.state.endsAt)].find((at) => at > serverNow);
    if (next === undefined) return;
    const timer = setTimeout(
      () => void api<AuctionView>('GET', `/auctions/${id}`).then(show, setError),
      next - serverNow + 500,
    );
    return () => clearTimeout(timer);
  }, [view, skew]);
  /**
   * A bid over the room when this page connected with a token, else over the API. An answer that
   * does not come is not a refusal: the same click again sends the same bid, which the platform
   * answers with the bid it took, if it took it.
   */
  const bid = (key: string, offer: Offer): Promise<AcceptedBid> => {
    const socket = room.current;
    if (!bidding.current || socket?.readyState !== WebSocket.OPEN)
      return api<AcceptedBid>('POST', `/auctions/${id}/bids`, { key, body: offer });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => settle(new Error('no answer')), BID_ANSWER_MS);
      const settle = (answer: RoomMessage | Error) => {
        clearTimeout(timer);
        waiting.current.delete(key);
        if (answer instanceof Error)
          reject(
            new ApiError({
              status: 0,
              code: 'UNAVAILABLE',
              message: '出价未收到答复：请再次点击同一出价，若已被接受，平台会答复同一口应价。',
            }),
          );
        else if (answer.type === 'bid-accepted') resolve(answer.bid);
        else if (answer.type === 'bid-refused') {
          // A token that expired while connected: the page says so, as when it cannot connect.
          if (answer.error.code === 'UNAUTHENTICATED') setSignedOut('登录已过期，请重新登录后出价。');
          reject(new ApiError(refusalOf(0, { error: answer.error })));
        }
      };
      waiting.current.set(key, { settle });
      socket.send(JSON.stringify({ action: 'bid', ref: key, ...offer }));
    });
  };
  return {
    view,
    skew,
    connected,
    error,
    signedOut,
    bid,
    /** A state this page read itself (a bid's answer), shown unless the room already showed a later one. */
    show,
  };
};

/** Seconds left until `endsAt` on the server's clock, ticking each second. */
const useCountdown = (endsAt: string | undefined, skew: number) => {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return endsAt === undefined ? undefined : Math.max(0, Math.ceil((Date.parse(endsAt) - now - skew) / 1000));
};

const clock = (seconds: number) => {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h > 0 ? `${h} 小时 ` : ''}${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
};

/** A bidder's application with its bond, its paddle and status, and the one-click bid once qualified. */
const BidderDesk = ({
  view,
  bid: send,
  onBid,
}: {
  view: AuctionView;
  bid: (key: string, offer: Offer) => Promise<AcceptedBid>;
  onBid: (auction: AuctionView) => void;
}) => {
  const [reference, setReference] = useState('');
  const mine = useLoad(
    () => absentAs(api<Application>('GET', `/auctions/${view.id}/applications/mine`)),
    [view.id],
  );
  const apply = useAction(async (key) => {
    await api('POST', `/auctions/${view.id}/applications`, {
      key,
      body: { bond: { kind: 'paid', reference } },
    });
    mine.reload();
  });
  const bid = useAction(async (key, offer: Offer) => {
    await send(key, offer);
    // The room pushes the accepted bid to everyone; this page reads it at once too.
    onBid(await api<AuctionView>('GET', `/auctions/${view.id}`));
  });
  const application = mine.data;
  const open = view.state.phase !== 'ended' && Date.parse(view.serverTime) >= Date.parse(view.opensAt);
  return html`<div>
    <h3>竞买</h3>
    <${RefusalBox} error=${mine.error} />
    ${
      application
        ? html`<p>
            您的竞买号牌：<strong class="paddle">${application.paddle}</strong> ·
            ${applicationStatus(application)}
          </p>`
        : !mine.loading &&
          html`<form onSubmit=${(e: Event) => (e.preventDefault(), void apply.run())}>
            <p>
              申请竞买前请交纳竞买保证金 ${yuan(view.bondFen)}，截止 ${beijing(view.applicationsCloseAt)}。
            </p>
            <${Field}
              label="保证金缴款凭证号"
              name="bondReference"
              value=${reference}
              onInput=${setReference}
              required
            />
            <button type="submit" disabled=${apply.busy}>申请竞买</button>
            <${RefusalBox} error=${apply.error} />
          </form>`
    }
    ${
      application?.status === 'qualified' &&
      open &&
      html`<button
          type="button"
          class="bid"
          disabled=${bid.busy}
          onClick=${() => bid.run({ amountFen: view.nextMinimumFen, sequence: view.state.sequence + 1 })}
        >
          出价 ${yuan(view.nextMinimumFen)}
        </button>
        <${RefusalBox} error=${bid.error} />`
    }
  </div>`;
};

const applicationStatus = (application: Application) =>
  application.status === 'qualified'
    ? '已确认竞买资格'
    : application.status === 'refused'
      ? `资格未通过（${application.reason ?? ''}）`
      : '资格审核中';

/**
 * Staff's desk: the applications, confidential until the result (竞买人 by org and paddle, with
 * the bond shown), each qualified or refused before bidding opens; and at the end of bidding, the
 * result, published by opening the sealed reserve from its file in the browser.
 */
const StaffDesk = ({ view, onResult }: { view: AuctionView; onResult: (auction: AuctionView) => void }) => {
  const applications = useLoad(
    () => api<{ applications: Application[] }>('GET', `/auctions/${view.id}/applications`),
    [view.id],
  );
  const [reason, setReason] = useState('');
  const [reserveFile, setReserveFile] = useState<File>();
  const decide = useAction(async (key, org: string, qualified: boolean) => {
    if (!qualified && !reason.trim()) throw new Error('不予确认时请填写理由。');
    await api('PUT', `/auctions/${view.id}/applications/${org}`, {
      key,
      body: qualified ? { qualified } : { qualified, reason },
    });
    applications.reload();
  });
  const publish = useAction(async (key) => {
    if (!reserveFile) throw new Error('请选择封存底价时生成的文件。');
    let sealed: { reserveFen?: number | null; salt?: string };
    try {
      sealed = JSON.parse(await reserveFile.text()) as typeof sealed;
    } catch {
      throw new Error(`${reserveFile.name} 不是底价文件（JSON）。`);
    }
    await api('POST', `/auctions/${view.id}/result`, {
      key,
      body: { reserveFen: sealed.reserveFen ?? null, salt: sealed.salt },
    });
    onResult(await api<AuctionView>('GET', `/auctions/${view.id}`));
  });
  return html`<div>
    <h3>竞买申请（结果公布前保密）</h3>
    <${RefusalBox} error=${applications.error} />
    ${applications.data?.applications.length === 0 && html`<p>尚无竞买申请。</p>`}
    <table>
      <thead>
        <tr>
          <th>号牌</th>
          <th>竞买人</th>
          <th>保证金</th>
          <th>状态</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        ${(applications.data?.applications ?? []).map(
          (a) =>
            html`<tr key=${a.org}>
              <td>${a.paddle}</td>
              <td><code>${a.org}</code></td>
              <td>
                ${a.bond.kind === 'paid' ? `缴款 ${a.bond.reference}` : `保函 ${a.bond.issuer} ${a.bond.number}`}
              </td>
              <td>${applicationStatus(a)}</td>
              <td>
                ${
                  a.status === 'applied' &&
                  html`<button type="button" disabled=${decide.busy} onClick=${() => decide.run(a.org, true)}>
                      确认资格
                    </button>
                    <button
                      type="button"
                      class="secondary"
                      disabled=${decide.busy}
                      onClick=${() => decide.run(a.org, false)}
                    >
                      不予确认
                    </button>`
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
    <${Field} label="不予确认的理由" name="refusalReason" value=${reason} onInput=${setReason} />
    <${RefusalBox} error=${decide.error} />
    ${
      view.state.phase === 'ended' &&
      !view.result &&
      html`<h3>公布结果</h3>
        <form onSubmit=${(e: Event) => (e.preventDefault(), void publish.run())}>
          <${FileField}
            label="底价文件（封存底价时生成，只在本浏览器中读取）"
            name="reserveFile"
            accept=".json,application/json"
            onFile=${setReserveFile}
          />
          <button type="submit" disabled=${publish.busy || !reserveFile}>开启底价并公布结果</button>
          <${RefusalBox} error=${publish.error} />
        </form>`
    }
  </div>`;
};

/**
 * 成交确认书 for the buyer, staff and regulators: printed by the API, saved as a file. The API
 * decides who may have it; the button shows where it would answer.
 */
const SaleConfirmation = ({ view, session }: { view: AuctionView; session: Session }) => {
  const buyer = view.result!.paddles.find(
    (p) => view.result!.outcome.outcome === 'sold' && p.paddle === view.result!.outcome.paddle,
  );
  const print = useAction(async () => {
    const bytes = await apiFile(`/auctions/${view.id}/confirmation.pdf`);
    saveFile(`成交确认书-${view.id}.pdf`, bytes as BlobPart, 'application/pdf');
  });
  if (session.role === 'bidder' && buyer?.org !== session.org) return null;
  return html`<p>
    <button type="button" disabled=${print.busy} onClick=${() => print.run()}>下载成交确认书（PDF）</button>
    <${RefusalBox} error=${print.error} />
  </p>`;
};

/** One auction room: terms, the live price and countdown, the bids by paddle, and the result. */
export const AuctionPage = ({ id, session }: { id: string; session?: Session }) => {
  const live = useLiveAuction(id, session?.role === 'bidder' ? session.token : undefined);
  const view = live.view;
  const left = useCountdown(view?.state.endsAt, live.skew);
  const leading = view?.state.leading;
  return html`<div>
    <${RefusalBox} error=${live.error} />
    ${live.signedOut && html`<p class="refusal" role="alert">${live.signedOut}</p>`}
    ${
      view &&
      html`<${Card} title=${view.title}>
        <p><span class="tag">${kindNames[view.kind]}</span> 编号 <code>${view.id}</code></p>
        <p>出让人 <code>${view.sellerOrg}</code></p>
        <dl class="facts">
          <dt>起始价</dt>
          <dd>${yuan(view.startingPriceFen)}</dd>
          <dt>加价幅度</dt>
          <dd>${yuan(view.incrementFen)}</dd>
          <dt>竞买保证金</dt>
          <dd>${yuan(view.bondFen)}</dd>
          <dt>竞价开始</dt>
          <dd>${beijing(view.opensAt)}</dd>
          ${
            view.listingClosesAt &&
            html`<dt>挂牌截止</dt>
              <dd>${beijing(view.listingClosesAt)}</dd>`
          }
          ${
            view.relisting &&
            html`<dt>重新披露</dt>
              <dd>
                原 <a href=${`#/auctions/${view.relisting.of}`}>${view.relisting.of}</a>（流拍），评估值
                ${yuan(view.relisting.appraisalFen)}${
                  view.relisting.consent &&
                  `；降价经${view.relisting.consent.approvingBody}书面同意（${view.relisting.consent.documentNumber}）`
                }
              </dd>`
          }
          <dt>底价承诺</dt>
          <dd><code class="hash">${view.reserveCommitment}</code></dd>
        </dl>
        <div class="room" aria-live="polite">
          <p>
            ${phaseNames[view.state.phase]} · ${live.connected ? '实时连接' : '未连接（刷新页面重新连接）'}
            ${view.state.phase !== 'ended' && left !== undefined && html` · 剩余 <strong>${clock(left)}</strong>`}
          </p>
          <p class="price">
            当前价 <strong>${yuan(leading?.amountFen ?? view.startingPriceFen)}</strong>
            ${leading ? html`（${leading.paddle} 号）` : '（尚无应价）'} · 下一口价至少
            ${yuan(view.nextMinimumFen)}
          </p>
          ${view.result && html`<p class="verified">${outcomeOf(view.result)}</p>`}
        </div>
        ${
          view.result?.outcome.outcome === 'sold' &&
          session &&
          html`<${SaleConfirmation} view=${view} session=${session} />`
        }
        ${session?.role === 'bidder' && !view.result && html`<${BidderDesk} view=${view} bid=${live.bid} onBid=${live.show} />`}
        ${session?.role === 'staff' && html`<${StaffDesk} view=${view} onResult=${live.show} />`}
        <h3>应价记录</h3>
        ${view.bids.length === 0 && html`<p>尚无应价。</p>`}
        <ol class="bids">
          ${[...view.bids]
            .reverse()
            .map(
              (b) =>
                html`<li key=${b.sequence}>
                  第 ${b.sequence} 口 · ${b.paddle} 号 · ${yuan(b.amountFen)} · ${beijing(b.at)}
                </li>`,
            )}
        </ol>
      <//>`
    }
  </div>`;
};
