import * as z from 'zod';
import { Caller, DomainError, validationFailed } from '../kernel';
import { placeBid, viewAuction } from './auctions';
import { AcceptedBid, AuctionView, PlaceBid } from './model';
import { AuctionDeps } from './ports';

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

/** One bid sent over the connection: `ref` is the bidder's own, echoed in the answer to it. */
export const RoomBid = PlaceBid.extend({
  action: z.literal('bid'),
  ref: z.string().max(64, 'must be at most 64 characters').optional(),
});

/**
 * What the room sends: the auction as anyone sees it, with the server's time to count down from;
 * and, to the bidder alone, the answer to its bid.
 */
export type RoomMessage =
  | { type: 'auction'; auction: AuctionView }
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

/** The auction now, to every connection watching it; connections that are gone are forgotten. */
export const broadcastAuction = async (deps: RoomDeps, auctionId: string): Promise<number> => {
  const [auction, connections] = await Promise.all([
    viewAuction(deps, auctionId),
    deps.connections.roomConnections(auctionId),
  ]);
  const sent = await Promise.all(
    connections.map(async (connection) => {
      if (await deps.room.push(connection.connectionId, { type: 'auction', auction })) return true;
      await deps.connections.leaveRoom(connection);
      return false;
    }),
  );
  return sent.filter(Boolean).length;
};

/**
 * A bid sent over the room (`{"action":"bid","amountFen":…,"sequence":…}`), as `POST /auctions/{id}/bids`
 * takes it, on the auction the connection watches, by the bidder its token named at `$connect`. The
 * answer goes to that connection only. Resolves the auction's id when a bid was accepted, so the
 * room is told.
 */
export const bidInRoom = async (
  deps: RoomDeps,
  connectionId: string,
  caller: Caller | undefined,
  body: string | undefined,
): Promise<string | undefined> => {
  const connection = await deps.connections.roomConnection(connectionId);
  if (!connection) return undefined;
  let ref: string | undefined;
  try {
    const json: unknown = JSON.parse(body ?? '');
    // Echoed even when the rest is refused, so the bidder knows which of its bids the answer is to.
    const sentRef = (json as { ref?: unknown } | null)?.ref;
    if (typeof sentRef === 'string') ref = sentRef.slice(0, 64);
    const parsed = RoomBid.safeParse(json);
    if (!parsed.success) throw validationFailed('message', parsed.error.issues);
    if (!caller) {
      throw new DomainError(
        'UNAUTHENTICATED',
        'This connection watches only: connect with ?token=<your ID token> to bid.',
        { field: 'token' },
      );
    }
    const { amountFen, sequence } = parsed.data;
    const bid = await placeBid(deps, caller, connection.auctionId, { amountFen, sequence });
    await deps.room.push(connectionId, { type: 'bid-accepted', ref, bid });
    return connection.auctionId;
  } catch (error) {
    const refusal =
      error instanceof SyntaxError
        ? new DomainError('VALIDATION_FAILED', 'message: must be a JSON object.', { field: 'message' })
        : error;
    if (!(refusal instanceof DomainError)) throw error;
    await deps.room.push(connectionId, { type: 'bid-refused', ref, error: refusal.toJSON() });
    return undefined;
  }
};
