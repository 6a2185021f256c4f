import { randomBytes } from 'node:crypto';
import { reserveCommitment } from '../auctions';
import { connect } from './api-client';
import { verifyAuction } from './auction';
import { joinAuctionRoom } from './auction-room';
import { cast, DAY, Json, say, sha256, step, until, yuan } from './demo-kit';
import { localStackInfo } from './local-stack-info';

export const auctionKinds = ['land-listing', 'land-auction', 'property-auction'] as const;
type DemoKind = (typeof auctionKinds)[number];

const MINUTE = 60_000;

/** Each kind as the demo plays it: what is sold, its reserve, and whether the bids reach it. */
const demoDeals: Record<
  DemoKind,
  { title: string; seller: string; reserveYuan: number | null; sells: boolean }
> = {
  'land-listing': {
    title: '城东片区 B-07 地块国有建设用地使用权',
    seller: 'ORG-TENDERER-1',
    reserveYuan: 1_030_000,
    sells: true,
  },
  'land-auction': {
    title: '城南片区 A-12 地块国有建设用地使用权',
    seller: 'ORG-TENDERER-1',
    reserveYuan: null,
    sells: true,
  },
  // The one no sale (流拍): the highest bid stays below the reserve.
  'property-auction': {
    title: '市属国有企业持有的某公司 40% 股权',
    seller: 'ORG-TENDERER-2',
    reserveYuan: 1_500_000,
    sells: false,
  },
};

/**
 * Plays a listing or an auction to its result through the API: staff seal the reserve and announce;
 * three bidders apply with bonds and are qualified; bidding opens, late bids extend the countdown,
 * the result opens the reserve; then the published auction is replayed and its entries proven.
 */
export const playAuction = async (kind: DemoKind, options: { url?: string; data?: string }) => {
  const url = options.url ?? localStackInfo(options.data).api;
  const { as, download, now: platformNow, moveTo, tokenOf } = await cast(url);
  const staff = as('staff1');
  const deal = demoDeals[kind];
  const startingPriceFen = 100_000_000;
  const incrementFen = 1_000_000;

  step(`Staff seal the reserve (底价) on their own machine and announce a ${kind} (出让公告 / 信息披露)`);
  const reserve = {
    reserveFen: deal.reserveYuan === null ? null : deal.reserveYuan * 100,
    salt: randomBytes(32).toString('hex'),
  };
  const now = await platformNow();
  // Land: the announcement ≥ 20 days before (令39第10条); state property: disclosure ≥ 20 working days (令32第13条).
  const opensAt = now + (kind === 'property-auction' ? 35 : 21) * DAY;
  const auction = await staff('POST', '/auctions', {
    kind,
    title: deal.title,
    sellerOrg: deal.seller,
    startingPriceFen,
    incrementFen,
    bondFen: 20_000_000,
    applicationsCloseAt: new Date(opensAt - DAY).toISOString(),
    opensAt: new Date(opensAt).toISOString(),
    ...(kind === 'land-listing' ? { listingClosesAt: new Date(opensAt + 10 * DAY).toISOString() } : {}),
    reserveCommitment: reserveCommitment(reserve),
  });
  say(
    `${auction.id}: ${deal.title}, starting at ${yuan(startingPriceFen)} by ${yuan(incrementFen)}; reserve sealed as ${auction.reserveCommitment.slice(0, 16)}…`,
  );

  step(
    'Three bidders apply with their bonds (竞买申请) and staff qualify them; the room knows them by paddle only',
  );
  const bidders = ['bidder1', 'bidder2', 'bidder3'];
  const paddles: Record<string, string> = {};
  for (const [i, user] of bidders.entries()) {
    const application = await as(user)('POST', `/auctions/${auction.id}/applications`, {
      bond: { kind: 'paid', reference: `BANK-2026-${auction.id}-${i + 1}` },
    });
    await staff('PUT', `/auctions/${auction.id}/applications/${application.org}`, { qualified: true });
    paddles[user] = application.paddle;
  }
  say(`paddles ${Object.values(paddles).join(', ')}; the public sees no bidder's name until the result`);
  const roomUrl = localStackInfo(options.data).webSockets[0] ?? '';
  const roomAt = `${roomUrl}?auction=${auction.id}`;
  // A watcher in the room: the bids it is told, and whether it was told the result.
  const heard = { bids: 0, result: false };
  const room = await joinAuctionRoom(roomAt, undefined, (message) => {
    if (message.type === 'bid') heard.bids += 1;
    if (message.type === 'auction' && message.auction.result) heard.result = true;
  }).catch(() => undefined);
  // bidder3 bids from the room itself, over the connection its token opened; the others over HTTP.
  const desk = await joinAuctionRoom(roomAt, tokenOf('bidder3'));

  const bid = async (user: string, amountFen: number) => {
    const current = await staff('GET', `/auctions/${auction.id}`);
    const offer = { amountFen, sequence: current.state.sequence + 1 };
    const overRoom = user === 'bidder3';
    const accepted = overRoom
      ? await desk.bid(offer)
      : await as(user)('POST', `/auctions/${auction.id}/bids`, offer);
    say(
      `paddle ${accepted.paddle} bids ${yuan(amountFen)}${overRoom ? ' over the room' : ''} (sequence ${accepted.sequence}, log entry ${accepted.index})`,
    );
    return accepted;
  };
  const endsAt = async () => Date.parse((await staff('GET', `/auctions/${auction.id}`)).state.endsAt);

  await moveTo(opensAt + 1000);
  if (kind === 'land-listing') {
    step('The listing (挂牌) runs 10 days; two bidders ask to go on into timed bidding at its close');
    await bid('bidder1', startingPriceFen);
    await bid('bidder2', startingPriceFen + incrementFen);
    for (const user of ['bidder1', 'bidder2'])
      await as(user)('POST', `/auctions/${auction.id}/continuations`);
    await moveTo(opensAt + 10 * DAY + 1000);
    say(`the listing closed; timed bidding (限时竞价) runs until ${new Date(await endsAt()).toISOString()}`);
  } else {
    step(
      `Bidding opens (${kind === 'land-auction' ? '拍卖' : '网络竞价'}): a 4-minute countdown every valid bid restarts`,
    );
    await bid('bidder1', startingPriceFen);
  }
  await bid('bidder3', startingPriceFen + 3 * incrementFen);
  // A bid in the countdown's last seconds extends it.
  await moveTo((await endsAt()) - 2000);
  await bid('bidder1', startingPriceFen + 5 * incrementFen);
  say(`a bid 2 s before the end extended the countdown to ${new Date(await endsAt()).toISOString()}`);
  await moveTo((await endsAt()) + MINUTE);
  const late = await as('bidder2')('POST', `/auctions/${auction.id}/bids`, {
    amountFen: startingPriceFen + 9 * incrementFen,
    sequence: 99,
  }).catch((error: Error) => error.message);
  say(`a bid after the countdown ran out is refused: ${String(late).slice(0, 80)}`);
  desk.close();

  step('Staff open the reserve and publish the result (成交 / 流拍)');
  const published = await staff('POST', `/auctions/${auction.id}/result`, reserve);
  const result: Json = published.result;
  const who = (paddle: string) => result.paddles.find((p: Json) => p.paddle === paddle)?.name ?? paddle;
  if (result.outcome.outcome === 'sold') {
    say(
      `sold to paddle ${result.outcome.paddle} (${who(result.outcome.paddle)}) at ${yuan(result.outcome.priceFen)}`,
    );
    // 成交确认书: the buyer's, and nobody else's among the bidders.
    const buyer = bidders.find((user) => paddles[user] === result.outcome.paddle)!;
    const pdf = await download(buyer, `/auctions/${auction.id}/confirmation.pdf`);
    if (new TextDecoder().decode(pdf.subarray(0, 5)) !== '%PDF-')
      throw new Error('The sale confirmation is no PDF.');
    const other = bidders.find((user) => user !== buyer)!;
    const refused = await download(other, `/auctions/${auction.id}/confirmation.pdf`).then(
      () => 'given',
      (error: Error) => error.message.split(':')[0],
    );
    say(
      `成交确认书: a ${pdf.length}-byte PDF in Chinese for ${buyer}, SHA-256 ${sha256(pdf).slice(0, 16)}…; another bidder asking: ${refused}`,
    );
  } else {
    say(`no sale (流拍): ${result.outcome.reason}; the reserve was ${yuan(reserve.reserveFen ?? 0)}`);
  }
  if (deal.sells !== (result.outcome.outcome === 'sold'))
    throw new Error(`The ${kind} demo expected ${deal.sells ? 'a sale' : 'no sale'}.`);
  if (room) {
    await until(
      'the room to be told the result',
      async () => (heard.result ? true : undefined),
      10_000,
    ).catch(() => undefined);
    say(
      `the auction room told a watcher ${heard.bids} accepted bids${heard.result ? ' and the result' : ', and not the result'}`,
    );
    room.close();
  }

  step('Anyone replays the auction from its record and the audit log: sunlit auction verify');
  const { checks, verdict } = await verifyAuction(await connect({ url }), auction.id);
  for (const c of checks) say(`${c.ok ? 'ok  ' : 'FAIL'} ${c.check}: ${c.detail}`);
  say(`${verdict}: auction ${auction.id}`);
  if (verdict !== 'MATCH') throw new Error(`The auction ${auction.id} did not replay: ${verdict}.`);
};
