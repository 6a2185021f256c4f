import type { Context } from 'aws-lambda';
import * as z from 'zod';
import {
  applyToAuction,
  askToContinue,
  auctionProcessLog,
  bidInRoom,
  auctionRecord,
  auctionRoutes,
  broadcastAuction,
  broadcastBid,
  createAuction,
  decideApplication,
  joinRoom,
  leaveRoom,
  listApplications,
  listAuctions,
  myApplication,
  placeBid,
  publishAuctionResult,
  sendState,
  stepBiddingClock,
  viewAuction,
  roomAddress,
  BiddingClock,
  BidNews,
  Delivery,
  RoomBidder,
  RoomDeps,
} from '../../packages/auctions';
import { DomainError, httpStatusOf } from '../../packages/kernel';
import {
  apiGatewayRoom,
  auctionStore,
  requiredEnv,
  roomConnections,
  stepFunctionsBiddingClock,
} from '../../packages/storage';
import { clock, platformTable, processLogs } from '../adapters';
import { contextHandler, created, HttpEvent, ok } from '../http/http-handler';
import { logger } from '../http/logger';

const table = platformTable();
let room: RoomDeps['room'] | undefined;
const deps: RoomDeps & { biddingClock: BiddingClock } = {
  store: auctionStore(table),
  clock,
  processLogs: processLogs(),
  connections: roomConnections(table),
  // Made on first use: the HTTP routes that push nothing never build the management client.
  room: { push: (id, message) => (room ??= apiGatewayRoom()).push(id, message) },
  roomUrl: `${requiredEnv('AUCTION_ROOM_ENDPOINT')}/${requiredEnv('AUCTION_ROOM_STAGE')}`,
  biddingClock: stepFunctionsBiddingClock(process.env.BIDDING_CLOCK_STATE_MACHINE),
};

/** Connections a push could not reach now stay in the room; the next push tries them again. */
const reportUndelivered = (auctionId: string, { sent, failed }: Delivery) => {
  // None reached at all is the room's endpoint or grant failing, not a watcher's connection.
  if (failed > 0 && sent === 0) logger.error('the auction room could not be told', { auctionId, failed });
  else if (failed > 0) logger.warn('some of the auction room could not be told now', { auctionId, failed });
};

/** Tells the room; a failed push never undoes the bid or the result it reports. */
const tellRoom = async (auctionId: string, push: () => Promise<Delivery>) => {
  try {
    reportUndelivered(auctionId, await push());
  } catch (error) {
    logger.error('the auction room could not be told', { auctionId, error: error as Error });
  }
};
const announce = (auctionId: string) => tellRoom(auctionId, () => broadcastAuction(deps, auctionId));
const announceBid = (news: BidNews | undefined) =>
  news && tellRoom(news.bid.auctionId, () => broadcastBid(deps, news));

const http = contextHandler(auctionRoutes, {
  createAuction: async ({ caller, body, idempotencyKey }) => {
    const { auction, created: isNew } = await createAuction(deps, caller, body, idempotencyKey);
    return isNew ? created(auction) : ok(auction);
  },
  listAuctions: async () => ok({ auctions: await listAuctions(deps) }),
  getAuction: async ({ path }) => ok(await viewAuction(deps, path.id)),
  applyToAuction: async ({ caller, path, body }) => ok(await applyToAuction(deps, caller, path.id, body)),
  getMyAuctionApplication: async ({ caller, path }) => ok(await myApplication(deps, caller, path.id)),
  listAuctionApplications: async ({ caller, path }) =>
    ok({ applications: await listApplications(deps, caller, path.id) }),
  decideAuctionApplication: async ({ caller, path, body }) =>
    ok(await decideApplication(deps, caller, path.id, path.org, body)),
  placeAuctionBid: async ({ caller, path, body }) => {
    const { bid, news } = await placeBid(deps, caller, path.id, body);
    await announceBid(news);
    return created(bid);
  },
  askToContinueAuction: async ({ caller, path }) => ok(await askToContinue(deps, caller, path.id)),
  publishAuctionResult: async ({ caller, path, body }) => {
    const auction = await publishAuctionResult(deps, caller, path.id, body);
    await announce(path.id);
    return ok(auction);
  },
  getAuctionRecord: async ({ path }) => ok(await auctionRecord(deps, path.id)),
  getAuctionProcessLog: async ({ path, query }) => ok(await auctionProcessLog(deps, path.id, query)),
  getAuctionRoom: async ({ path }) => ok(await roomAddress(deps, path.id)),
});

/** An API Gateway WebSocket event, as the room's routes receive it. */
interface RoomEvent {
  requestContext: {
    eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
    routeKey: string;
    connectionId: string;
    /** When the gateway received the message (epoch ms). */
    requestTimeEpoch: number;
    /** What the `$connect` authorizer found in the connection's token (with its expiry); a watcher's names no user. */
    authorizer?: Record<string, unknown>;
  };
  queryStringParameters?: Record<string, string | undefined>;
  body?: string;
}

/** The room's routes: connecting to an auction, bidding, asking for its state, leaving. */
const roomHandler = async ({ requestContext, queryStringParameters, body }: RoomEvent) => {
  const { eventType, routeKey, connectionId, authorizer } = requestContext;
  try {
    if (eventType === 'CONNECT') await joinRoom(deps, connectionId, queryStringParameters?.auction);
    else if (eventType === 'DISCONNECT') await leaveRoom(deps, connectionId);
    else if (routeKey === 'bid') {
      const bidder = RoomBidder.safeParse(authorizer);
      const news = await bidInRoom(
        deps,
        connectionId,
        bidder.success ? bidder.data : undefined,
        body,
        requestContext.requestTimeEpoch,
      );
      await announceBid(news);
    } else await sendState(deps, connectionId);
    return { statusCode: 200 };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { statusCode: httpStatusOf(error), body: JSON.stringify({ error }) };
  }
};

/** A step of an auction's bidding clock, as its Step Functions execution invokes it with its run. */
const BiddingClockTask = z.strictObject({
  task: z.literal('step-bidding-clock'),
  auctionId: z.string().min(1),
  generation: z.int().nonnegative(),
  startedAt: z.iso.datetime(),
  steps: z.int().nonnegative(),
});

const clockStep = async ({ task: _task, ...run }: z.infer<typeof BiddingClockTask>) => {
  const step = await stepBiddingClock(deps, run);
  reportUndelivered(run.auctionId, step);
  return step;
};

/**
 * Listings and auctions over HTTP, the auction room over WebSocket, and the bidding clock's steps,
 * in one function: one code path and one grant for everything that reads and writes an auction.
 */
export const handler = (
  event: HttpEvent | RoomEvent | z.infer<typeof BiddingClockTask>,
  context: Context,
) => {
  if (!('requestContext' in event)) return clockStep(BiddingClockTask.parse(event));
  return 'eventType' in event.requestContext
    ? roomHandler(event as RoomEvent)
    : http(event as HttpEvent, context);
};
