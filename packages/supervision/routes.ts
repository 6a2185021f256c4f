import * as z from 'zod';
import { defineRoute } from '../api-contract';
import { Alert } from './alerts';
import { KpiQuery, KpiReport } from './kpis';
import { RedFlag } from './red-flags';

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
  summary: 'Each agency’s on-time rate per step (限时办结) for the time limits due in a period',
  tags: ['supervision'],
  access: ['regulator'],
  request: { query: KpiQuery },
  responses: { 200: { description: 'On-time rates', schema: KpiReport } },
});

export const supervisionRoutes = [alertsRoute, redFlagsRoute, kpisRoute] as const;
