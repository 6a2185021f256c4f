import * as z from 'zod';
import { defineRoute } from '../api-contract';
import {
  Commitment,
  Draw,
  DrawView,
  LinkAnswer,
  LinkAnswered,
  RequestDraw,
  Reveal,
  SeatResponse,
  StaffDrawView,
} from './model';
import { DrawRecord } from './record';
import { IdPath } from '../kernel';

/** The expert draw ceremony's routes, declared once for handlers, the stack and OpenAPI. */

const CommitteeView = z.object({
  tenderId: z.string(),
  required: z.record(z.string(), z.int()),
  open: z.record(z.string(), z.int()),
  draws: z.array(z.string()),
  seats: z.array(z.record(z.string(), z.unknown())),
});

export const requestDrawRoute = defineRoute({
  operationId: 'requestDraw',
  method: 'POST',
  path: '/tenders/{id}/draws',
  summary: 'Request an expert draw: freezes the request and the pool, logs the platform commitment',
  tags: ['draws'],
  access: ['staff'],
  request: { path: IdPath, body: RequestDraw },
  responses: {
    201: {
      description:
        "Frozen, awaiting the regulator; the platform's own exclusions stay with the regulator (法22)",
      schema: StaffDrawView,
    },
    200: { description: 'Already requested with this Idempotency-Key', schema: StaffDrawView },
  },
});

export const listDrawsRoute = defineRoute({
  operationId: 'listDraws',
  method: 'GET',
  path: '/tenders/{id}/draws',
  summary:
    "A tender's draws, oldest first, each as the caller may see it: how a regulator finds the draw that waits for their commitment",
  tags: ['draws'],
  access: ['staff', 'regulator'],
  request: { path: IdPath },
  responses: { 200: { description: 'The draws', schema: z.object({ draws: z.array(DrawView) }) } },
});

export const getDrawRoute = defineRoute({
  operationId: 'getDraw',
  method: 'GET',
  path: '/draws/{id}',
  summary:
    "A draw's state, hashes, commitments and, once drawn, its result; its full inputs for regulators, and for staff once the result is out",
  tags: ['draws'],
  access: ['staff', 'regulator'],
  request: { path: IdPath },
  responses: { 200: { description: 'The draw', schema: DrawView } },
});

export const commitRoute = defineRoute({
  operationId: 'commitToDrawSecret',
  method: 'POST',
  path: '/draws/{id}/commitments',
  summary: "Log the regulator's commitment: SHA-256 of a secret kept on the regulator's machine",
  tags: ['draws'],
  access: ['regulator'],
  request: { path: IdPath, body: Commitment },
  responses: { 200: { description: 'Logged', schema: Draw } },
});

export const revealRoute = defineRoute({
  operationId: 'revealDrawSecret',
  method: 'POST',
  path: '/draws/{id}/reveals',
  summary: "Reveal the regulator's secret; the platform reveals its own and runs the draw",
  tags: ['draws'],
  access: ['regulator'],
  request: { path: IdPath, body: Reveal },
  responses: { 200: { description: 'Drawn (or failed for lack of experts)', schema: Draw } },
});

export const drawRecordRoute = defineRoute({
  operationId: 'getDrawRecord',
  method: 'GET',
  path: '/draws/{id}/record',
  summary: 'Everything needed to re-run a completed draw and check it against the log',
  tags: ['supervision'],
  access: ['regulator'],
  request: { path: IdPath },
  responses: { 200: { description: 'The record', schema: DrawRecord } },
});

export const publicDrawRecordRoute = defineRoute({
  operationId: 'getPublishedDrawRecord',
  method: 'GET',
  path: '/public/draws/{id}',
  summary: "A draw's record, public once the tender's result notice is out (法37)",
  tags: ['draws'],
  access: 'public',
  request: { path: IdPath },
  responses: { 200: { description: 'The record', schema: DrawRecord } },
});

export const getCommitteeRoute = defineRoute({
  operationId: 'getCommittee',
  method: 'GET',
  path: '/tenders/{id}/committee',
  summary: 'The evaluation committee with contact data: the staff who notify it and regulators only',
  tags: ['draws'],
  access: ['staff', 'regulator'],
  request: { path: IdPath },
  responses: { 200: { description: 'The committee', schema: CommitteeView } },
});

export const answerNoticeRoute = defineRoute({
  operationId: 'answerExpertNotice',
  method: 'POST',
  path: '/tenders/{id}/committee/answers',
  summary: "Record an expert's answer; a decline or absence seats the next reserve",
  tags: ['draws'],
  access: ['staff'],
  request: { path: IdPath, body: SeatResponse },
  responses: { 200: { description: 'The committee', schema: CommitteeView } },
});

export const answerByLinkRoute = defineRoute({
  operationId: 'answerByLink',
  method: 'POST',
  path: '/experts/answers',
  summary:
    "An expert's own answer to their summons, by the signed link it carries: the token names the seat, a decline seats the next reserve",
  description:
    'Public: the token is the credential. The same answer again gets the same result; another answer once one is recorded is refused (409, `response`); an expired or forged token is refused (401, `token`).',
  tags: ['draws'],
  access: 'public',
  request: { body: LinkAnswer },
  responses: { 200: { description: "The seat's answer, as recorded", schema: LinkAnswered } },
  // Anyone may call it: keep what a caller without a valid token can make the function do small.
  throttle: { rate: 5, burst: 10 },
});

export const drawRoutes = [
  requestDrawRoute,
  listDrawsRoute,
  getDrawRoute,
  commitRoute,
  revealRoute,
  drawRecordRoute,
  publicDrawRecordRoute,
  getCommitteeRoute,
  answerNoticeRoute,
  answerByLinkRoute,
] as const;
