import {
  recordReport,
  reportUploadSlot,
  requireEvaluation,
  answerPublicityObjection,
  raisePublicityObjection,
  publicPublicity,
  startPublicity,
  publishResult,
  recordContract,
  downloadAwardLetter,
  awardRoutes,
  AwardDeps,
  recordRound,
  callFinalQuotes,
  submitFinalQuote,
  viewNegotiation,
  terminateTender,
} from '../../packages/award';
import { actorOf } from '../../packages/audit-log';
import {
  complaintRoutes,
  ComplaintDeps,
  listChallenges,
  raiseChallenge,
  takeChallengeStep,
} from '../../packages/complaints';
import { awardStore, complaintStore } from '../../packages/storage';
import { clock, documentStore, milestones, platformTable, resultLedger } from '../adapters';
import { contextHandler, created, ok } from '../http/http-handler';

const table = platformTable();
const deps: AwardDeps = {
  store: awardStore(table),
  documents: documentStore(),
  clock,
  milestones: milestones(table),
  ledger: resultLedger(table),
};
const complaints: ComplaintDeps = { store: complaintStore(table), clock, milestones: deps.milestones };

/**
 * From the evaluation report through the candidate publicity to the result, the contract and the
 * award letter; and the challenges and complaints that may hold them, with the same access.
 */
export const handler = contextHandler([...awardRoutes, ...complaintRoutes], {
  requestReportUpload: async ({ path }) => created(await reportUploadSlot(deps, path.id)),
  recordEvaluationReport: async ({ caller, path, body }) =>
    ok(await recordReport(deps, caller, path.id, body)),
  getEvaluationReport: async ({ path }) => ok(await requireEvaluation(deps, path.id)),
  startCandidatePublicity: async ({ caller, path, body }) =>
    created(await startPublicity(deps, caller, path.id, body.days)),
  getCandidatePublicity: async ({ path }) => ok(await publicPublicity(deps, path.id)),
  raisePublicityObjection: async ({ caller, path, body }) =>
    ok(await raisePublicityObjection(deps, caller, path.id, body.text)),
  answerPublicityObjection: async ({ caller, path, body }) =>
    ok(await answerPublicityObjection(deps, caller, path.id, path.number, body.answer)),
  publishResult: async ({ caller, path, body }) =>
    ok(await publishResult(deps, actorOf(caller), path.id, body.winner)),
  recordContract: async ({ caller, path, body }) =>
    created(await recordContract(deps, caller, path.id, body.signedOn)),
  terminateTender: async ({ caller, path, body }) => ok(await terminateTender(deps, caller, path.id, body)),
  downloadAwardLetter: async ({ caller, path }) => ok(await downloadAwardLetter(deps, caller, path.id)),
  recordNegotiationRound: async ({ caller, path, body }) =>
    ok(await recordRound(deps, caller, path.id, body.summary)),
  callFinalQuotes: async ({ caller, path, body }) =>
    ok(await callFinalQuotes(deps, caller, path.id, body.quotesDueAt)),
  submitFinalQuote: async ({ caller, path, body }) =>
    ok(await submitFinalQuote(deps, caller, path.id, body.price)),
  getNegotiation: async ({ caller, path }) => ok(await viewNegotiation(deps, caller, path.id)),
  raiseChallenge: async ({ caller, path, body }) =>
    ok(await raiseChallenge(complaints, caller, path.id, body)),
  takeChallengeStep: async ({ caller, path, body }) =>
    ok(await takeChallengeStep(complaints, caller, path.id, path.number, body)),
  listChallenges: async ({ caller, path }) => ok(await listChallenges(complaints, caller, path.id)),
});
