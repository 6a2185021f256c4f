import * as z from 'zod';
import { defineRoute } from '../api-contract';

export const Health = z.object({
  status: z.enum(['ok', 'unavailable']),
  time: z.string(),
  checks: z.object({ table: z.string() }),
});

export const healthRoute = defineRoute({
  operationId: 'getHealth',
  method: 'GET',
  path: '/health',
  summary: 'Whether the platform is up and its table answers',
  tags: ['platform'],
  access: 'public',
  responses: {
    200: { description: 'Up', schema: Health },
    503: { description: 'The table does not answer', schema: Health },
  },
});
