import * as z from 'zod';
import { defineRoute } from '../api-contract';
import { Alert } from './alerts';

export const alertsRoute = defineRoute({
  operationId: 'listSupervisionAlerts',
  method: 'GET',
  path: '/supervision/alerts',
  summary: 'Time limits that passed without their step (电子监察), oldest first',
  tags: ['supervision'],
  access: ['regulator'],
  responses: { 200: { description: 'Open alerts', schema: z.object({ alerts: z.array(Alert) }) } },
});

export const supervisionRoutes = [alertsRoute] as const;
