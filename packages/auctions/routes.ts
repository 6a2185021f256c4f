import * as z from 'zod';
import { defineRoute } from '../api-contract';
import { ProcessLogPage, ProcessLogQuery } from '../audit-log';
import { IdPath, Identifier } from '../kernel';
import {
  AcceptedBid,
  Application,
  ApplyToAuction,
  Auction,
  AuctionView,
  Continuation,
  CreateAuction,
  DecideApplication,
  PlaceBid,
  PublishAuctionResult,
} from './model';
import { dealKindCodes } from './deal-kinds';

export const createAuctionRoute = defineRoute({
  operationId: 'createAuction',
  method: 'POST',
  path: '/auctions',
  summary:
    'Announce a listing (挂牌) or an auction (拍卖, 网络竞价) with a lawful schedule and the reserve sealed by its commitment; send Idempotency-Key to make retries safe',
  tags: ['auctions'],
  access: ['staff'],
  request: { body: CreateAuction },
  responses: {
    201: { description: 'Announced', schema: Auction },
    200: { description: 'Already announced with this Idempotency-Key', schema: Auction },
  },
});

export const listAuctionsRoute = defineRoute({
  operationId: 'listAuctions',
  method: 'GET',
  path: '/auctions',
  summary: 'Every listing and auction with its live state, by paddle number only until the result',
  tags: ['auctions'],
  access: 'public',
  responses: { 200: { description: 'Auctions', schema: z.object({ auctions: z.array(AuctionView) }) } },
});

export const getAuctionRoute = defineRoute({
  operationId: 'getAuction',
  method: 'GET',
  path: '/auctions/{id}',
  summary:
    'An auction: terms, the state settled at the server’s time, every accepted bid by paddle, the result',
  tags: ['auctions'],
  access: 'public',
  request: { path: IdPath },
  responses: { 200: { description: 'The auction', schema: AuctionView } },
});

export const applyToAuctionRoute = defineRoute({
  operationId: 'applyToAuction',
  method: 'POST',
  path: '/auctions/{id}/applications',
  summary: 'Apply to bid (竞买申请) with the bond paid or an e-guarantee; the caller gets a paddle number',
  tags: ['auctions'],
  access: ['bidder'],
  request: { path: IdPath, body: ApplyToAuction },
  responses: { 200: { description: 'The application', schema: Application } },
});

export const myApplicationRoute = defineRoute({
  operationId: 'getMyAuctionApplication',
  method: 'GET',
  path: '/auctions/{id}/applications/mine',
  summary: 'The caller’s application, its status and its paddle number',
  tags: ['auctions'],
  access: ['bidder'],
  request: { path: IdPath },
  responses: { 200: { description: 'The application', schema: Application } },
});

export const listApplicationsRoute = defineRoute({
  operationId: 'listAuctionApplications',
  method: 'GET',
  path: '/auctions/{id}/applications',
  summary: 'The applications to qualify (资格审查); staff and regulators only, confidential until the result',
  tags: ['auctions'],
  access: ['staff', 'regulator'],
  request: { path: IdPath },
  responses: {
    200: { description: 'Applications', schema: z.object({ applications: z.array(Application) }) },
  },
});

export const decideApplicationRoute = defineRoute({
  operationId: 'decideAuctionApplication',
  method: 'PUT',
  path: '/auctions/{id}/applications/{org}',
  summary: 'Qualify or refuse an applicant (with the reason) before bidding opens',
  tags: ['auctions'],
  access: ['staff'],
  request: { path: z.object({ id: Identifier, org: Identifier }), body: DecideApplication },
  responses: { 200: { description: 'The application', schema: Application } },
});

export const placeBidRoute = defineRoute({
  operationId: 'placeAuctionBid',
  method: 'POST',
  path: '/auctions/{id}/bids',
  summary:
    'Bid (应价) the next amount with the next sequence number: accepted once, in one total order, or refused naming the rule',
  tags: ['auctions'],
  access: ['bidder'],
  request: { path: IdPath, body: PlaceBid },
  responses: { 201: { description: 'Accepted', schema: AcceptedBid } },
});

export const askToContinueRoute = defineRoute({
  operationId: 'askToContinueAuction',
  method: 'POST',
  path: '/auctions/{id}/continuations',
  summary: 'During a listing, ask to go on into timed bidding at its close (要求现场竞价)',
  tags: ['auctions'],
  access: ['bidder'],
  request: { path: IdPath },
  responses: { 200: { description: 'Recorded', schema: Continuation } },
});

export const publishAuctionResultRoute = defineRoute({
  operationId: 'publishAuctionResult',
  method: 'POST',
  path: '/auctions/{id}/result',
  summary:
    'After bidding ends, open the sealed reserve and publish the result (成交 or 流拍) with every paddle’s bidder',
  tags: ['auctions'],
  access: ['staff'],
  request: { path: IdPath, body: PublishAuctionResult },
  responses: { 200: { description: 'The auction with its result', schema: Auction } },
});

const LoggedStep = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('bid'),
    paddle: z.string(),
    amountFen: z.int(),
    sequence: z.int(),
    at: z.string(),
  }),
  z.object({ type: z.literal('listing-closed'), continuing: z.array(z.string()), at: z.string() }),
  z.object({ type: z.literal('bidding-ended'), at: z.string() }),
]);

export const AuctionRecordView = z.object({
  terms: z.object({
    auctionId: z.string(),
    startingPriceFen: z.int(),
    incrementFen: z.int(),
    opensAt: z.string(),
    listingClosesAt: z.string().optional(),
    reserveCommitment: z.string(),
  }),
  kind: z.enum(dealKindCodes),
  steps: z.array(LoggedStep),
  qualifiedBidders: z.int(),
  reserve: Auction.shape.result.unwrap().shape.reserve,
  outcome: Auction.shape.result.unwrap().shape.outcome,
  /** The audit log entries of the announcement, every bid and the result, to check against a checkpoint. */
  entries: z.array(z.int()),
});

export const auctionRecordRoute = defineRoute({
  operationId: 'getAuctionRecord',
  method: 'GET',
  path: '/auctions/{id}/record',
  summary:
    'The published auction as `sunlit auction verify` replays it: terms, every step, the reserve, the result',
  tags: ['auctions'],
  access: 'public',
  request: { path: IdPath },
  responses: { 200: { description: 'The record', schema: AuctionRecordView } },
});

export const auctionProcessLogRoute = defineRoute({
  operationId: 'getAuctionProcessLog',
  method: 'GET',
  path: '/auctions/{id}/process-log',
  summary:
    "A page of the auction's sealed log of applications and decisions: its entries, then its anchors' checkpoints and salts, newest first; follow next. Public with the result, not found before",
  tags: ['auctions'],
  access: 'public',
  request: { path: IdPath, query: ProcessLogQuery },
  responses: { 200: { description: 'A page of the published process log', schema: ProcessLogPage } },
});

export const auctionRoomRoute = defineRoute({
  operationId: 'getAuctionRoom',
  method: 'GET',
  path: '/auctions/{id}/room',
  summary:
    "Where to watch the auction live: the WebSocket room's address naming it; send any message to get the state, then every accepted bid and the result are pushed",
  tags: ['auctions'],
  access: 'public',
  request: { path: IdPath },
  responses: { 200: { description: 'The room', schema: z.object({ url: z.string() }) } },
});

export const saleConfirmationRoute = defineRoute({
  operationId: 'getSaleConfirmation',
  method: 'GET',
  path: '/auctions/{id}/confirmation.pdf',
  summary:
    "The sale confirmation (成交确认书) as PDF: the lot, seller and buyer, the price in figures and capitals, the reserve opened, and the result's audit log entry; for the buyer, staff and regulators; 409 before the result or after no sale",
  tags: ['auctions'],
  access: ['bidder', 'staff', 'regulator'],
  request: { path: IdPath },
  responses: {
    200: { description: 'The sale confirmation', schema: z.string(), contentType: 'application/pdf' },
  },
});

/** The auctions' documents, printed by a function of their own so that the bids' function never loads a PDF renderer. */
export const auctionDocumentRoutes = [saleConfirmationRoute] as const;

export const auctionRoutes = [
  createAuctionRoute,
  listAuctionsRoute,
  getAuctionRoute,
  applyToAuctionRoute,
  myApplicationRoute,
  listApplicationsRoute,
  decideApplicationRoute,
  placeBidRoute,
  askToContinueRoute,
  publishAuctionResultRoute,
  auctionRecordRoute,
  auctionProcessLogRoute,
  auctionRoomRoute,
] as const;
