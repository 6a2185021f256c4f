import * as z from 'zod';
import { defineRoute } from '../api-contract';
import { Caller } from '../kernel';

export const CallerProfileSchema = Caller.extend({
  organisation: z.object({ id: z.string(), name: z.string(), kind: z.string() }).nullable(),
});

export const meRoute = defineRoute({
  operationId: 'getMe',
  method: 'GET',
  path: '/me',
  summary: "The caller's role, user and organisation, from the verified token",
  tags: ['platform'],
  access: ['bidder', 'staff', 'regulator'],
  responses: { 200: { description: 'The caller', schema: CallerProfileSchema } },
});
