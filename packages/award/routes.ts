import * as z from 'zod';
import { defineRoute } from '../api-contract';
import {
  Award,
  AwardLetter,
  CallFinalQuotes,
  Contract,
  Evaluation,
  NegotiationView,
  PublishResult,
  Publicity,
  PublicPublicity,
  RecordContract,
  RecordReport,
  RecordRound,
  StartPublicity,
  SubmitFinalQuote,
  TerminateTender,
} from './model';
import { IdPath } from '../kernel';
import { AnswerObjection, RaiseObjection, ObjectionPath, Termination } from '../tenders';

/** From the evaluation report to the award, declared once for handlers, the stack and OpenAPI. */

export const reportUploadRoute = defineRoute({
  operationId: 'requestReportUpload',
  method: 'POST',
  path: '/tenders/{id}/evaluation/report-file',
  summary: 'A presigned PUT for the signed evaluation report file',
  tags: ['award'],
  access: ['staff'],
  request: { path: IdPath },
  responses: {
    201: {
      description: 'Upload slot',
      schema: z.object({
        objectKey: z.string(),
        uploadUrl: z.string(),
        method: z.literal('PUT'),
        headers: z.record(z.string(), z.string()),
        expiresAt: z.string(),
      }),
    },
  },
});

export const recordReportRoute = defineRoute({
  operationId: 'recordEvaluationReport',
  method: 'PUT',
  path: '/tenders/{id}/evaluation',
  summary: "Record the committee's report (评标报告): ranked candidates, signers, the file's hash",
  tags: ['award'],
  access: ['staff'],
  request: { path: IdPath, body: RecordReport },
  responses: { 200: { description: 'Recorded', schema: Evaluation } },
});

export const getReportRoute = defineRoute({
  operationId: 'getEvaluationReport',
  method: 'GET',
  path: '/tenders/{id}/evaluation',
  summary: 'The evaluation report, signers included: staff and regulators',
  tags: ['award'],
  access: ['staff', 'regulator'],
  request: { path: IdPath },
  responses: { 200: { description: 'The report', schema: Evaluation } },
});

export const startPublicityRoute = defineRoute({
  operationId: 'startCandidatePublicity',
  method: 'POST',
  path: '/tenders/{id}/publicity',
  summary: 'Publish the candidates (中标候选人公示) for at least 3 days',
  tags: ['award'],
  access: ['staff'],
  request: { path: IdPath, body: StartPublicity },
  responses: { 201: { description: 'Started', schema: Publicity } },
});

export const getPublicityRoute = defineRoute({
  operationId: 'getCandidatePublicity',
  method: 'GET',
  path: '/tenders/{id}/publicity',
  summary: 'The candidate publicity, its end and its objections with their answers',
  tags: ['award'],
  access: 'public',
  request: { path: IdPath },
  responses: { 200: { description: 'The publicity, without who objected', schema: PublicPublicity } },
});

export const raisePublicityObjectionRoute = defineRoute({
  operationId: 'raisePublicityObjection',
  method: 'POST',
  path: '/tenders/{id}/publicity/objections',
  summary: 'A bidder objects to the evaluation result during the publicity (条例54)',
  tags: ['award'],
  access: ['bidder'],
  request: { path: IdPath, body: RaiseObjection },
  // Each accepted objection is a permanent public entry.
  throttle: { rate: 5, burst: 10 },
  responses: { 200: { description: 'The publicity', schema: Publicity } },
});

export const answerPublicityObjectionRoute = defineRoute({
  operationId: 'answerPublicityObjection',
  method: 'POST',
  path: '/tenders/{id}/publicity/objections/{number}/answer',
  summary: 'Answer an objection; the result waits until every objection is answered',
  tags: ['award'],
  access: ['staff'],
  request: { path: ObjectionPath, body: AnswerObjection },
  responses: { 200: { description: 'The publicity', schema: Publicity } },
});

export const publishResultRoute = defineRoute({
  operationId: 'publishResult',
  method: 'POST',
  path: '/tenders/{id}/result',
  summary: 'Publish the result (中标结果公告), notify the winner and every other bidder at once (法45)',
  tags: ['award'],
  access: ['staff'],
  request: { path: IdPath, body: PublishResult },
  responses: { 200: { description: 'Awarded', schema: Award } },
});

export const recordContractRoute = defineRoute({
  operationId: 'recordContract',
  method: 'POST',
  path: '/tenders/{id}/contract',
  summary: 'Record the signed contract (法46: within 30 days of the award notice)',
  tags: ['award'],
  access: ['staff'],
  request: { path: IdPath, body: RecordContract },
  responses: { 201: { description: 'Recorded', schema: Contract } },
});

export const terminateTenderRoute = defineRoute({
  operationId: 'terminateTender',
  method: 'POST',
  path: '/tenders/{id}/termination',
  summary:
    'Terminate the process before its result on a ground its procedure gives (终止公告: 条例31, 87号令29, 74号令40); bonds go back, registered and invited bidders are told',
  tags: ['award'],
  access: ['staff'],
  request: { path: IdPath, body: TerminateTender },
  responses: { 200: { description: 'Terminated', schema: Termination } },
});

export const awardLetterRoute = defineRoute({
  operationId: 'downloadAwardLetter',
  method: 'GET',
  path: '/tenders/{id}/award-letter',
  summary: 'The award letter (中标通知书) PDF with its SHA-256: the winner, staff and regulators',
  tags: ['award'],
  access: ['bidder', 'staff', 'regulator'],
  request: { path: IdPath },
  responses: {
    200: {
      description: 'A short-lived download link',
      schema: AwardLetter.omit({ objectKey: true }).extend({ url: z.url(), expiresAt: z.iso.datetime() }),
    },
  },
});

export const recordRoundRoute = defineRoute({
  operationId: 'recordNegotiationRound',
  method: 'POST',
  path: '/tenders/{id}/negotiation/rounds',
  summary: 'Record a round the team negotiated with the suppliers (谈判/磋商, 74号令32)',
  tags: ['award'],
  access: ['staff'],
  request: { path: IdPath, body: RecordRound },
  responses: { 200: { description: 'The negotiation as the caller may see it', schema: NegotiationView } },
});

export const callFinalQuotesRoute = defineRoute({
  operationId: 'callFinalQuotes',
  method: 'POST',
  path: '/tenders/{id}/negotiation/final-call',
  summary:
    'Close the rounds and ask every supplier still in for its final quote by a time (74号令33, 214号21)',
  tags: ['award'],
  access: ['staff'],
  request: { path: IdPath, body: CallFinalQuotes },
  responses: { 200: { description: 'The negotiation as the caller may see it', schema: NegotiationView } },
});

export const submitFinalQuoteRoute = defineRoute({
  operationId: 'submitFinalQuote',
  method: 'PUT',
  path: '/tenders/{id}/negotiation/final-quote',
  summary: 'A supplier whose response was opened gives its final quote (最后报价), once, before the time set',
  tags: ['award'],
  access: ['bidder'],
  request: { path: IdPath, body: SubmitFinalQuote },
  responses: { 200: { description: 'What the supplier sees of the negotiation', schema: NegotiationView } },
});

export const getNegotiationRoute = defineRoute({
  operationId: 'getNegotiation',
  method: 'GET',
  path: '/tenders/{id}/negotiation',
  summary:
    'The rounds and the call for final quotes; a supplier sees its own quote, staff and regulators every quote once they closed',
  tags: ['award'],
  access: ['bidder', 'staff', 'regulator'],
  request: { path: IdPath },
  responses: { 200: { description: 'The negotiation', schema: NegotiationView } },
});

export const awardRoutes = [
  reportUploadRoute,
  recordReportRoute,
  getReportRoute,
  startPublicityRoute,
  getPublicityRoute,
  raisePublicityObjectionRoute,
  answerPublicityObjectionRoute,
  publishResultRoute,
  recordContractRoute,
  terminateTenderRoute,
  awardLetterRoute,
  recordRoundRoute,
  callFinalQuotesRoute,
  submitFinalQuoteRoute,
  getNegotiationRoute,
] as const;
