import * as z from 'zod';
import { defineRoute } from '../api-contract';
import { Lifecycle, LifecycleStage } from './model';
import { Identifier } from '../kernel';

export const LifecycleView = Lifecycle.omit({ waiting: true, version: true }).extend({
  stage: LifecycleStage,
  /** While bids are taken: the deadline the execution waits for. */
  bidDeadline: z.iso.datetime().optional(),
  waiting: Lifecycle.shape.waiting.unwrap().omit({ token: true }).optional(),
});

export const getLifecycleRoute = defineRoute({
  operationId: 'getLifecycle',
  method: 'GET',
  path: '/tenders/{id}/lifecycle',
  summary:
    "Where the tender's lifecycle stands, in every state of the tender: what it waits for, since when and until when; its overdue steps and failure",
  tags: ['lifecycle'],
  access: ['staff', 'regulator'],
  request: { path: z.object({ id: Identifier }) },
  responses: { 200: { description: 'The lifecycle', schema: LifecycleView } },
});

export const lifecycleRoutes = [getLifecycleRoute] as const;
