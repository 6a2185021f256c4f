import * as z from 'zod';
import { defineRoute } from '../api-contract';
import { IdPath } from '../kernel';
import { Alert } from './alerts';
import { CaseQuery, CaseStep, CaseView, OpenCase } from './cases';
import { KpiQuery, KpiReport } from './kpis';
import { RedFlag } from './red-flags';
import { ReportPath } from './report';

export const alertsRoute = defineRoute({
  operationId: 'listSupervisionAlerts',
  method: 'GET',
  path: '/supervision/alerts',
  summary: 'Time limits that passed without their step (电子监察), oldest first',
  tags: ['supervision'],
  access: ['regulator'],
  responses: { 200: { description: 'Open alerts', schema: z.object({ alerts: z.array(Alert) }) } },
});

export const redFlagsRoute = defineRoute({
  operationId: 'listRedFlags',
  method: 'GET',
  path: '/supervision/red-flags',
  summary:
    'Signs of collusion (条例40) and procedure risks in opened and awarded tenders, with their evidence; alarms first',
  tags: ['supervision'],
  access: ['regulator'],
  responses: { 200: { description: 'Red flags', schema: z.object({ flags: z.array(RedFlag) }) } },
});

export const kpisRoute = defineRoute({
  operationId: 'getTimeLimitKpis',
  method: 'GET',
  path: '/supervision/kpis',
  summary:
    'Each agency’s and each staff member’s on-time rate per step (限时办结) for the time limits due in a period',
  tags: ['supervision'],
  access: ['regulator'],
  request: { query: KpiQuery },
  responses: { 200: { description: 'On-time rates', schema: KpiReport } },
});

export const openCaseRoute = defineRoute({
  operationId: 'openMonitoringCase',
  method: 'POST',
  path: '/supervision/cases',
  summary:
    'A regulator opens a monitoring case (监督检查) on a tender, from its red flags or a concern of its own; a draft until activated',
  tags: ['supervision'],
  access: ['regulator'],
  request: { body: OpenCase },
  responses: {
    201: { description: 'The draft case', schema: CaseView },
    200: { description: 'Already opened with this Idempotency-Key', schema: CaseView },
  },
});

export const caseStepRoute = defineRoute({
  operationId: 'takeMonitoringCaseStep',
  method: 'POST',
  path: '/supervision/cases/{id}/steps',
  summary:
    'A step on a case: the regulator activates, concludes (a violation, naming its article, or none) and completes it; the center’s staff answer (explanations, then the correction report, 整改报告)',
  tags: ['supervision'],
  access: ['staff', 'regulator'],
  request: { path: IdPath, body: CaseStep },
  responses: { 200: { description: 'The case after the step', schema: CaseView } },
});

export const listCasesRoute = defineRoute({
  operationId: 'listMonitoringCases',
  method: 'GET',
  path: '/supervision/cases',
  summary: 'Monitoring cases, newest first: regulators see every one, staff every one but drafts',
  tags: ['supervision'],
  access: ['staff', 'regulator'],
  request: { query: CaseQuery },
  responses: { 200: { description: 'Cases', schema: z.object({ cases: z.array(CaseView) }) } },
});

export const getCaseRoute = defineRoute({
  operationId: 'getMonitoringCase',
  method: 'GET',
  path: '/supervision/cases/{id}',
  summary: 'One monitoring case with every step',
  tags: ['supervision'],
  access: ['staff', 'regulator'],
  request: { path: IdPath },
  responses: { 200: { description: 'The case', schema: CaseView } },
});

export const monthlyReportRoute = defineRoute({
  operationId: 'getSupervisionReport',
  method: 'GET',
  path: '/supervision/reports/{month}',
  summary:
    'The regulator’s monthly report (CSV): time limits met and missed per agency and step, every alert, the monitoring cases opened and completed',
  tags: ['supervision'],
  access: ['regulator'],
  request: { path: ReportPath },
  responses: { 200: { description: 'The report', schema: z.string(), contentType: 'text/csv' } },
});

export const supervisionRoutes = [
  alertsRoute,
  redFlagsRoute,
  kpisRoute,
  openCaseRoute,
  caseStepRoute,
  listCasesRoute,
  getCaseRoute,
  monthlyReportRoute,
] as const;
