import {
  acceptProject,
  getProject,
  registerProject,
  createTender,
  publishTender,
  viewTender,
  confirmDocumentUpload,
  downloadDocument,
  requestDocumentUpload,
  listRegistrations,
  registerForTender,
  publishAmendment,
  listNotices,
  myNotices,
  getHolidayCalendar,
  setHolidayCalendar,
  tenderRoutes,
  TenderDeps,
} from '../../packages/tenders';
import { thresholdsFrom } from '../../packages/procedures';
import { tenderStore } from '../../packages/storage';
import { clock, documentStore, lifecycleRunner, platformTable } from '../adapters';
import { contextHandler, created, json, ok } from '../http/http-handler';

const deps: TenderDeps = {
  store: tenderStore(platformTable()),
  documents: documentStore(),
  clock,
  lifecycle: lifecycleRunner(),
  thresholds: thresholdsFrom(process.env.GP_OPEN_TENDERING_THRESHOLD_FEN),
};

/** Projects, tenders, documents, registrations, amendments and notices: everything before the deadline. */
export const handler = contextHandler(tenderRoutes, {
  registerProject: async ({ caller, body, idempotencyKey }) => {
    const { project, created } = await registerProject(deps, caller, body, idempotencyKey);
    return json(created ? 201 : 200, project);
  },
  acceptProject: async ({ caller, path }) => ok(await acceptProject(deps, caller, path.id)),
  getProject: async ({ path }) => ok(await getProject(deps, path.id)),
  createTender: async ({ caller, path, body, idempotencyKey }) => {
    const { tender, created } = await createTender(deps, caller, path.id, body, idempotencyKey);
    return json(created ? 201 : 200, tender);
  },
  requestDocumentUpload: async ({ caller, path, body, idempotencyKey }) =>
    created(await requestDocumentUpload(deps, caller, path.id, body, idempotencyKey)),
  confirmDocumentUpload: async ({ caller, path }) =>
    ok(await confirmDocumentUpload(deps, caller, path.id, path.documentId, path.version)),
  publishTender: async ({ caller, path }) => ok(await publishTender(deps, caller, path.id)),
  getTender: async ({ path }) => ok(await viewTender(deps, 'public', path.id)),
  manageTender: async ({ path }) => ok(await viewTender(deps, 'insiders', path.id)),
  registerForTender: async ({ caller, path }) => ok(await registerForTender(deps, caller, path.id)),
  listRegistrations: async ({ path }) => ok(await listRegistrations(deps, path.id)),
  downloadDocument: async ({ caller, path }) =>
    ok(await downloadDocument(deps, caller, path.id, path.documentId)),
  publishAmendment: async ({ caller, path, body, idempotencyKey }) =>
    created(await publishAmendment(deps, caller, path.id, body, idempotencyKey)),
  listNotices: async ({ query }) => ok(await listNotices(deps, query)),
  myNotices: async ({ caller, query }) => ok(await myNotices(deps, caller, query)),
  setHolidayCalendar: async ({ caller, path, body }) =>
    ok(await setHolidayCalendar(deps, caller, path.year, body)),
  getHolidayCalendar: async ({ path }) => ok(await getHolidayCalendar(deps, path.year)),
});
