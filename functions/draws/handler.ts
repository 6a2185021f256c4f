import {
  listDraws,
  requestDraw,
  requireDraw,
  revealSecret,
  submitCommitment,
  viewDraw,
  answerNotice,
  viewCommittee,
  drawRecord,
  drawRoutes,
  answerByLink,
  LinkAnswerDeps,
} from '../../packages/draw-ceremony';
import { drawStore, venueStore } from '../../packages/storage';
import { claimCommitteeSeats } from '../../packages/venues';
import { answerLinkSigner, clock, documentStore, milestones, platformTable } from '../adapters';
import { contextHandler, json, ok } from '../http/http-handler';

const table = platformTable();
const linkSigner = answerLinkSigner();
const venues = { store: venueStore(table), clock };
const deps: LinkAnswerDeps = {
  store: drawStore(table),
  venues: { claimSeats: (...seats) => claimCommitteeSeats(venues, ...seats) },
  documents: documentStore(),
  clock,
  milestones: milestones(table),
  // Only the public half: this function verifies links and may not sign them.
  linkKey: async () => (await linkSigner()).publicKey,
};

/** The expert draw ceremony (专家抽取), the committee it seats, and the draw's verifiable record. */
export const handler = contextHandler(drawRoutes, {
  requestDraw: async ({ caller, path, body, idempotencyKey }) => {
    const { draw, created } = await requestDraw(deps, caller, path.id, body, idempotencyKey);
    return json(created ? 201 : 200, viewDraw(draw, caller.role));
  },
  listDraws: async ({ caller, path }) => ok(await listDraws(deps, caller.role, path.id)),
  getDraw: async ({ caller, path }) => ok(viewDraw(await requireDraw(deps, path.id), caller.role)),
  commitToDrawSecret: async ({ caller, path, body }) =>
    ok(await submitCommitment(deps, caller, path.id, body.commitment)),
  revealDrawSecret: async ({ caller, path, body }) =>
    ok(await revealSecret(deps, caller, path.id, body.secret)),
  getDrawRecord: async ({ path }) => ok(await drawRecord(deps, 'regulator', path.id)),
  getPublishedDrawRecord: async ({ path }) => ok(await drawRecord(deps, 'public', path.id)),
  getCommittee: async ({ path }) => ok(await viewCommittee(deps, path.id)),
  answerExpertNotice: async ({ caller, path, body }) => ok(await answerNotice(deps, caller, path.id, body)),
  answerByLink: async ({ body }) => ok(await answerByLink(deps, body)),
});
