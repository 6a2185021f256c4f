import * as z from 'zod';
import { Caller, DomainError, validationFailed } from '../kernel';
import { placeBid, viewAuction } from './auctions';
import { AcceptedBid, AuctionView, BidNews, PlaceBid } from './model';
import { AuctionDeps, BiddingClock, ClockRun } from './ports';

/**
 * The auction room (竞价大厅): anyone watching an auction holds a connection, and every accepted
 * bid and the result are pushed to each, so nobody polls and everybody sees the same order. Anyone
 * may watch; a bidder who connects with its ID token (checked once, on `$connect`) also bids over
 * the connection. What the room shows is what `GET /auctions/{id}` shows anyone.
 */
export interface RoomConnection {
  auctionId: string;
  connectionId: string;
  connectedAt: string;
}

/**
 * Who the connection's token named at `$connect`, and when that token expires (its `exp`, in
 * seconds): API Gateway checks a token only on `$connect`, so the room refuses bids after it,
 * on the gateway's time of each message, as the HTTP API's JWT authorizer does on each request.
 */
export const RoomBidder = Caller.extend({ tokenExpiresAt: z.coerce.number().int().optional() });
export type RoomBidder = z.infer<typeof RoomBidder>;

/** One bid sent over the connection: `ref` is the bidder's own, echoed in the answer to it. */
export const RoomBid = PlaceBid.extend({
  action: z.literal('bid'),
  ref: z.string().max(64, 'must be at most 64 characters').optional(),
});

/**
 * What the room sends: the auction as anyone sees it, with the server's time to count down from
 * (on connecting, when asked, at the clock's steps and the result); each accepted bid as news, the
 * state after it and nothing older (a watcher that sees a sequence skipped asks for the state); and,
 * to the bidder alone, the answer to its bid.
 */
export type RoomMessage =
  | { type: 'auction'; auction: AuctionView }
  | ({ type: 'bid' } & BidNews)
  | { type: 'bid-accepted'; ref?: string; bid: AcceptedBid }
  | { type: 'bid-refused'; ref?: string; error: ReturnType<DomainError['toJSON']> };

/** Where messages go: the WebSocket API's `@connections` on AWS. `false` when the connection is gone. */
export interface AuctionRoom {
  push(connectionId: string, message: RoomMessage): Promise<boolean>;
}

export interface RoomConnections {
  joinRoom(connection: RoomConnection): Promise<void>;
  roomConnection(connectionId: string): Promise<RoomConnection | undefined>;
  roomConnections(auctionId: string): Promise<RoomConnection[]>;
  leaveRoom(connection: RoomConnection): Promise<void>;
}

export interface RoomDeps extends AuctionDeps {
  connections: RoomConnections;
  room: AuctionRoom;
  /** The room's address (`wss://…/<stage>`, the local stack's `ws://…`), where a browser connects. */
  roomUrl: string;
}

const AUCTION_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A watcher connects to one auction (`?auction=AU-…`); an unknown auction refuses the connection. */
export const joinRoom = async (deps: RoomDeps, connectionId: string, auctionId: string | undefined) => {
  if (!auctionId || !AUCTION_ID.test(auctionId)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'auction: connect with ?auction=<id> of the auction to watch.',
      {
        field: 'auction',
      },
    );
  }
  await viewAuction(deps, auctionId);
  await deps.connections.joinRoom({ auctionId, connectionId, connectedAt: deps.clock.now().toISOString() });
};

export const leaveRoom = async (deps: RoomDeps, connectionId: string): Promise<void> => {
  const connection = await deps.connections.roomConnection(connectionId);
  if (connection) await deps.connections.leaveRoom(connection);
};

/** Where anyone watches an auction live: the room's address naming the auction (unknown ones 404). */
export const roomAddress = async (deps: RoomDeps, auctionId: string): Promise<{ url: string }> => {
  await viewAuction(deps, auctionId);
  return { url: `${deps.roomUrl}?auction=${encodeURIComponent(auctionId)}` };
};

/** The auction now, to one connection: what a watcher asks for when it (re)connects. */
export const sendState = async (deps: RoomDeps, connectionId: string): Promise<void> => {
  const connection = await deps.connections.roomConnection(connectionId);
  if (!connection) return;
  const auction = await viewAuction(deps, connection.auctionId);
  if (!(await deps.room.push(connectionId, { type: 'auction', auction })))
    await deps.connections.leaveRoom(connection);
};

/**
 * How a push to the room went: to how many connections it went, and how many it could not reach
 * now (a throttle, an error; they stay in the room). Connections that are gone are forgotten.
 */
export interface Delivery {
  sent: number;
  failed: number;
}

/** The auction now, to every connection watching it. */
export const broadcastAuction = async (deps: RoomDeps, auctionId: string): Promise<Delivery> =>
  pushToRoom(deps, auctionId, { type: 'auction', auction: await viewAuction(deps, auctionId) });

/** A bid just accepted, to every connection watching its auction: nothing is read but who watches. */
export const broadcastBid = (deps: RoomDeps, news: BidNews): Promise<Delivery> =>
  pushToRoom(deps, news.bid.auctionId, { type: 'bid', ...news });

/** One connection that cannot be reached now never keeps the message from the others. */
const pushToRoom = async (deps: RoomDeps, auctionId: string, message: RoomMessage): Promise<Delivery> => {
  const connections = await deps.connections.roomConnections(auctionId);
  const outcomes = await Promise.all(
    connections.map(async (connection) => {
      const delivered = await deps.room.push(connection.connectionId, message).catch(() => undefined);
      if (delivered === false) await deps.connections.leaveRoom(connection);
      return delivered;
    }),
  );
  return {
    sent: outcomes.filter((o) => o === true).length,
    failed: outcomes.filter((o) => o === undefined).length,
  };
};

/** Where the bidding clock stands after a step: its run, whether it is done, and when to look again. */
export interface BiddingClockStep extends ClockRun, Delivery {
  /** Bidding has ended, or this run handed on to the next: the execution ends. */
  done: boolean;
  /** When bidding may next change without a bid (it opens, the listing closes, the countdown ends); null when done. */
  nextAt: string | null;
}

/** The soonest the clock looks again, so a moment that has just passed never spins it. */
const CLOCK_MIN_WAIT_MS = 1000;
/**
 * A run hands on to the next well before Step Functions' limits on one execution: a year, and
 * 25,000 events in its history (about 9 a step).
 */
const RUN_MAX_STEPS = 1_000;
const RUN_MAX_AGE_MS = 300 * 86_400_000;

/**
 * One step of the bidding clock: the auction's state now, as the server's time settles it, pushed to
 * the room (so bidding opening and the countdown's end reach every watcher with no bid to carry
 * them), and when to step again. The countdown is re-read at each step, so a bid that restarted it
 * moves the next step, as the tender lifecycle re-reads the deadline. A run near its limits starts
 * the next run and ends.
 */
export const stepBiddingClock = async (
  deps: RoomDeps & { biddingClock: BiddingClock },
  run: ClockRun,
): Promise<BiddingClockStep> => {
  const auction = await viewAuction(deps, run.auctionId);
  const delivery = await pushToRoom(deps, run.auctionId, { type: 'auction', auction });
  const stepped = { ...run, steps: run.steps + 1, ...delivery };
  if (auction.state.phase === 'ended') return { ...stepped, done: true, nextAt: null };
  const now = deps.clock.now().getTime();
  const handOverAt = Date.parse(run.startedAt) + RUN_MAX_AGE_MS;
  if (stepped.steps >= RUN_MAX_STEPS || now >= handOverAt) {
    const startedAt = new Date(now).toISOString();
    await deps.biddingClock.start({
      auctionId: run.auctionId,
      generation: run.generation + 1,
      startedAt,
      steps: 0,
    });
    return { ...stepped, done: true, nextAt: null };
  }
  const next = now < Date.parse(auction.opensAt) ? auction.opensAt : auction.state.endsAt;
  // A Wait's timestamp is read to the second: rounded up, the clock never wakes before the moment.
  const at = Math.ceil(Math.max(Date.parse(next), now + CLOCK_MIN_WAIT_MS) / 1000) * 1000;
  return { ...stepped, done: false, nextAt: new Date(Math.min(at, handOverAt)).toISOString() };
};

/** What the connection's sender sent, if it is a JSON object; its `ref` even if the rest is refused. */
const readMessage = (body: string | undefined): { json: unknown; ref?: string } => {
  let json: unknown;
  try {
    json = JSON.parse(body ?? '');
  } catch {
    throw new DomainError('VALIDATION_FAILED', 'message: must be a JSON object.', { field: 'message' });
  }
  const ref = (json as { ref?: unknown } | null)?.ref;
  return { json, ...(typeof ref === 'string' ? { ref: ref.slice(0, 64) } : {}) };
};

/** The bidder this connection bids as, while its token is valid at `receivedAt` (epoch ms). */
const bidderOf = (bidder: RoomBidder | undefined, receivedAt: number): Caller => {
  if (!bidder) {
    throw new DomainError(
      'UNAUTHENTICATED',
      'This connection watches only: connect with ?token=<your ID token> to bid.',
      { field: 'token' },
    );
  }
  const { tokenExpiresAt, ...caller } = bidder;
  if (tokenExpiresAt !== undefined && receivedAt >= tokenExpiresAt * 1000) {
    throw new DomainError(
      'UNAUTHENTICATED',
      `token: expired at ${new Date(tokenExpiresAt * 1000).toISOString()}; connect again with a fresh ID token to bid.`,
      { field: 'token' },
    );
  }
  return caller;
};

/**
 * A bid sent over the room (`{"action":"bid","amountFen":…,"sequence":…}`), as `POST /auctions/{id}/bids`
 * takes it, on the auction the connection watches, by the bidder its token named at `$connect`
 * (received by the gateway at `receivedAt`, epoch ms). The
 * answer goes to that connection only; every bid sent gets one, even when the platform fails. Once
 * the bid is taken, a failed push of its answer changes nothing: the bid stands, the room is still
 * told, and the bidder's resend is answered with it. Resolves the news of a bid it accepted, for
 * the room.
 */
export const bidInRoom = async (
  deps: RoomDeps,
  connectionId: string,
  bidder: RoomBidder | undefined,
  body: string | undefined,
  receivedAt: number,
): Promise<BidNews | undefined> => {
  let ref: string | undefined;
  let placed: { bid: AcceptedBid; news?: BidNews };
  try {
    const message = readMessage(body);
    ref = message.ref;
    const parsed = RoomBid.safeParse(message.json);
    if (!parsed.success) throw validationFailed('message', parsed.error.issues);
    const caller = bidderOf(bidder, receivedAt);
    const connection = await deps.connections.roomConnection(connectionId);
    if (!connection) {
      throw new DomainError(
        'UNAVAILABLE',
        'This connection is no longer in the room: reconnect and bid again.',
        {
          field: 'connection',
        },
      );
    }
    const { amountFen, sequence } = parsed.data;
    placed = await placeBid(deps, caller, connection.auctionId, { amountFen, sequence });
  } catch (error) {
    const refusal =
      error instanceof DomainError
        ? error
        : new DomainError('UNAVAILABLE', 'The bid could not be taken now: send the same bid again.');
    await deps.room
      .push(connectionId, { type: 'bid-refused', ref, error: refusal.toJSON() })
      .catch(() => false);
    if (!(error instanceof DomainError)) throw error;
    return undefined;
  }
  // The answer is a courtesy: the bid is taken whether or not this connection still hears it.
  await deps.room.push(connectionId, { type: 'bid-accepted', ref, bid: placed.bid }).catch(() => false);
  return placed.news;
};
