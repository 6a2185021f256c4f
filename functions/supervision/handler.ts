import { readEntriesPage } from '../../packages/audit-log';
import { viewLifecycle, lifecycleRoutes } from '../../packages/lifecycle';
import {
  noticeChanges,
  openDataRoutes,
  recordPackage,
  releasePackage,
  OpenDataDeps,
} from '../../packages/open-data';
import {
  listCases,
  monthlyReport,
  openCase,
  supervisionAlerts,
  supervisionRedFlags,
  supervisionRoutes,
  takeCaseStep,
  timeLimitKpis,
  viewCase,
} from '../../packages/supervision';
import { caseStore, lifecycleStore, openDataStore, supervisionStore } from '../../packages/storage';
import { auditLog, clock, platformTable } from '../adapters';
import { contextHandler, created, HttpEvent, ok, text } from '../http/http-handler';

const table = platformTable();
const log = auditLog();
const cases = { store: caseStore(table), clock };

/** Open data as this request reached the API: package URIs and links name the host it was called on. */
const openData = (event: HttpEvent): OpenDataDeps => {
  const host = event.requestContext.domainName;
  const scheme = event.headers['x-forwarded-proto'] ?? (/^(127\.|localhost)/.test(host) ? 'http' : 'https');
  return {
    store: openDataStore(table),
    log: { size: log.size, entries: async (start, end) => (await readEntriesPage(log, start, end)).entries },
    clock,
    config: {
      prefix: process.env.OCDS_PREFIX ?? 'sunlit',
      publisherName: process.env.OCDS_PUBLISHER ?? '市公共资源交易中心',
      baseUrl: `${scheme}://${host}`,
    },
  };
};

/**
 * What regulators watch (电子监察): time limits passed without their step, red flags and the
 * monitoring cases opened on them, and each tender's lifecycle;
 * and what anyone may read of it as open data (OCDS), from the same public records and the audit log.
 */
export const handler = contextHandler(
  [...supervisionRoutes, ...lifecycleRoutes, ...openDataRoutes] as const,
  {
    listSupervisionAlerts: async () => ok(await supervisionAlerts({ store: supervisionStore(table), clock })),
    listRedFlags: async () => ok(await supervisionRedFlags({ store: supervisionStore(table), clock })),
    getTimeLimitKpis: async ({ query }) =>
      ok(await timeLimitKpis({ store: supervisionStore(table), clock }, query)),
    openMonitoringCase: async ({ body, caller, idempotencyKey }) => {
      const opened = await openCase(cases, caller, body, idempotencyKey);
      return opened.created ? created(opened.case) : ok(opened.case);
    },
    takeMonitoringCaseStep: async ({ path, body, caller }) =>
      ok(await takeCaseStep(cases, caller, path.id, body)),
    listMonitoringCases: async ({ query, caller }) => ok(await listCases(cases, caller, query)),
    getMonitoringCase: async ({ path, caller }) => ok(await viewCase(cases, caller, path.id)),
    getSupervisionReport: async ({ path }) =>
      text(await monthlyReport(cases, path.month), 'text/csv; charset=utf-8'),
    getLifecycle: async ({ path }) =>
      ok(await viewLifecycle({ store: lifecycleStore(table), clock }, path.id)),
    listOcdsReleases: async ({ query, event }) => ok(await releasePackage(openData(event), query)),
    listNoticeChanges: async ({ query, event }) => ok(await noticeChanges(openData(event), query)),
    getOcdsRecord: async ({ path, event }) => ok(await recordPackage(openData(event), path.ocid)),
  },
);
