import * as z from 'zod';
import { OpeningView } from './verify-opening';
import { defineRoute } from '../api-contract';
import { Identifier, IdPath } from '../kernel';
import { AnswerObjection, ObjectionPath, RaiseObjection } from '../tenders';
import { Bid, Bond, RecordBond, RequestBidUpload, SubmitShare } from './model';
import { Receipt } from './receipt';
import { ProcessLogPage, ProcessLogQuery } from '../audit-log';

/** Sealed bids and the bid opening (开标), declared once for handlers, the stack and OpenAPI. */

const BidPath = z.object({ id: Identifier, bidId: Identifier });
export const requestBidUploadRoute = defineRoute({
  operationId: 'requestBidUpload',
  method: 'POST',
  path: '/tenders/{id}/bids',
  summary: 'A presigned PUT for a sealed bid, valid until the bid deadline at the latest',
  tags: ['bidders'],
  access: ['bidder'],
  request: { path: IdPath, body: RequestBidUpload },
  responses: {
    201: {
      description: 'Upload slot',
      schema: z.object({
        bidId: z.string(),
        uploadUrl: z.string(),
        method: z.literal('PUT'),
        headers: z.record(z.string(), z.string()),
        expiresAt: z.string(),
      }),
    },
  },
});

export const confirmBidRoute = defineRoute({
  operationId: 'confirmBid',
  method: 'POST',
  path: '/tenders/{id}/bids/{bidId}/confirm',
  summary:
    "Record an uploaded sealed bid before the deadline and get its receipt: the platform's signed promise",
  tags: ['bidders'],
  access: ['bidder'],
  request: { path: BidPath },
  responses: { 200: { description: 'The receipt', schema: Receipt } },
});

export const processLogRoute = defineRoute({
  operationId: 'getProcessLog',
  method: 'GET',
  path: '/tenders/{id}/process-log',
  summary:
    "A page of the tender's sealed process log: its entries, then its anchors' checkpoints and salts, newest first; follow next. Public from the opening on (from the result where nothing is opened), not found before",
  tags: ['opening'],
  access: 'public',
  request: { path: IdPath, query: ProcessLogQuery },
  responses: { 200: { description: 'A page of the published process log', schema: ProcessLogPage } },
});

export const myBidRoute = defineRoute({
  operationId: 'getMyBid',
  method: 'GET',
  path: '/tenders/{id}/bids/mine',
  summary: "The caller's organisation's bids for the tender, current one first",
  tags: ['bidders'],
  access: ['bidder'],
  request: { path: IdPath },
  responses: {
    200: {
      description: 'Own bids',
      schema: z.object({ current: Bid.optional(), bids: z.array(Bid), receipts: z.array(Receipt) }),
    },
  },
});

export const withdrawBidRoute = defineRoute({
  operationId: 'withdrawBid',
  method: 'POST',
  path: '/tenders/{id}/bids/withdraw',
  summary: "Withdraw the organisation's bid before the deadline (条例35)",
  tags: ['bidders'],
  access: ['bidder'],
  request: { path: IdPath },
  responses: { 200: { description: 'The withdrawal receipt', schema: Receipt } },
});

export const recordBondRoute = defineRoute({
  operationId: 'recordBond',
  method: 'PUT',
  path: '/tenders/{id}/bonds/{org}',
  summary: "Record a bidder's bid bond (投标保证金)",
  tags: ['opening'],
  access: ['staff'],
  request: { path: z.object({ id: Identifier, org: Identifier }), body: RecordBond },
  responses: { 200: { description: 'Recorded', schema: Bond } },
});

export const startOpeningRoute = defineRoute({
  operationId: 'startOpening',
  method: 'POST',
  path: '/tenders/{id}/opening',
  summary: 'Open bids at the deadline: fewer than three fails the tender (流标), else wait for the shares',
  tags: ['opening'],
  access: ['staff'],
  request: { path: IdPath },
  responses: { 200: { description: 'The opening', schema: OpeningView } },
});

export const submitShareRoute = defineRoute({
  operationId: 'submitOpeningKeyShare',
  method: 'POST',
  path: '/tenders/{id}/opening/shares',
  summary:
    "A custodian's decrypted share; with K shares the platform decrypts every bid in the background and publishes the record",
  tags: ['opening'],
  access: ['staff', 'regulator'],
  request: { path: IdPath, body: SubmitShare },
  responses: {
    200: {
      description: 'The share is recorded; the opening waits for more, or is already opened',
      schema: OpeningView,
    },
    202: {
      description: 'K shares are in: the bids are being decrypted; poll the opening (Location)',
      schema: OpeningView,
    },
  },
});

export const getOpeningRoute = defineRoute({
  operationId: 'getOpening',
  method: 'GET',
  path: '/tenders/{id}/opening',
  summary: 'The opening record (开标记录), the published opening key and links to every ciphertext',
  tags: ['opening'],
  access: 'public',
  request: { path: IdPath },
  responses: { 200: { description: 'The opening', schema: OpeningView } },
});

export const raiseObjectionRoute = defineRoute({
  operationId: 'raiseOpeningObjection',
  method: 'POST',
  path: '/tenders/{id}/opening/objections',
  summary: 'A bidder objects at the opening (条例44)',
  tags: ['opening'],
  access: ['bidder'],
  request: { path: IdPath, body: RaiseObjection },
  // Each accepted objection is a permanent public entry.
  throttle: { rate: 5, burst: 10 },
  responses: { 200: { description: 'The opening', schema: OpeningView } },
});

export const answerObjectionRoute = defineRoute({
  operationId: 'answerOpeningObjection',
  method: 'POST',
  path: '/tenders/{id}/opening/objections/{number}/answer',
  summary: 'Staff answer an objection on the spot; the answer is recorded',
  tags: ['opening'],
  access: ['staff'],
  request: {
    path: ObjectionPath,
    body: AnswerObjection,
  },
  responses: { 200: { description: 'The opening', schema: OpeningView } },
});

export const myShareRoute = defineRoute({
  operationId: 'getMyOpeningKeyShare',
  method: 'GET',
  path: '/tenders/{id}/opening-key/mine',
  summary:
    "The caller's encrypted share of the tender's opening key, to decrypt on their own machine; given out only once the opening has started",
  tags: ['opening'],
  access: ['staff', 'regulator'],
  request: { path: IdPath },
  responses: {
    200: {
      description: 'The encrypted share',
      schema: z.object({
        tenderId: z.string(),
        custodian: z.string(),
        encryptedShare: z.string(),
        shareSha256: z.string(),
        publicKey: z.string(),
        threshold: z.int(),
      }),
    },
  },
});

export const biddingRoutes = [
  myShareRoute,
  requestBidUploadRoute,
  confirmBidRoute,
  myBidRoute,
  withdrawBidRoute,
  recordBondRoute,
  startOpeningRoute,
  submitShareRoute,
  getOpeningRoute,
  processLogRoute,
  raiseObjectionRoute,
  answerObjectionRoute,
] as const;
