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
import { tenderStore, venueStore } from '../../packages/storage';
import {
  bookRoom,
  cancelBooking,
  listRooms,
  moveOpening,
  roomCalendar,
  venueRoutes,
  VenueDeps,
} from '../../packages/venues';
import { clock, documentStore, lifecycleRunner, platformTable } from '../adapters';
import { contextHandler, created, json, ok } from '../http/http-handler';

const venues: VenueDeps = { store: venueStore(platformTable()), clock };

const deps: TenderDeps = {
  store: tenderStore(platformTable()),
  documents: documentStore(),
  clock,
  venues: { moveOpening: (...move) => moveOpening(venues, ...move) },
  lifecycle: lifecycleRunner(),
  thresholds: thresholdsFrom(process.env.GP_OPEN_TENDERING_THRESHOLD_FEN),
};

/**
 * Projects, tenders, documents, registrations, amendments and notices: everything before the
 * deadline; and the rooms' calendar, since an amendment moves the opening's hall.
 */
export const handler = contextHandler([...tenderRoutes, ...venueRoutes], {
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
  listVenues: async () => ok(listRooms()),
  listVenueBookings: async ({ caller, path, query }) =>
    ok(await roomCalendar(venues, caller, path.id, query)),
  bookVenue: async ({ caller, path, body, idempotencyKey }) => {
    const { booking, created } = await bookRoom(venues, caller, path.id, body, idempotencyKey);
    return json(created ? 201 : 200, booking);
  },
  cancelVenueBooking: async ({ caller, path }) =>
    ok(await cancelBooking(venues, caller, path.id, path.bookingId)),
});
