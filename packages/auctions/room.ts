import { DomainError } from '../kernel';
import { viewAuction } from './auctions';
import { AuctionView } from './model';
import { AuctionDeps } from './ports';

/**
 * The auction room (竞价大厅): anyone watching an auction holds a connection, and every accepted
 * bid and the result are pushed to each, so nobody polls and everybody sees the same order. The
 * connection carries no identity: bids go through the API with a token, and what the room shows is
 * what `GET /auctions/{id}` shows anyone.
 */
export interface RoomConnection {
  auctionId: string;
  connectionId: string;
  connectedAt: string;
}

/** What the room sends: the auction as anyone sees it, with the server's time to count down from. */
export type RoomMessage = { type: 'auction'; auction: AuctionView };

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
