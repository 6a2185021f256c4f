import * as z from 'zod';
import { AnyRoute, defineRoute } from '../api-contract/route';
import { auditRoutes } from '../audit-log/routes';
import { awardRoutes } from '../award/routes';
import { lifecycleRoutes } from '../lifecycle/routes';
import { supervisionRoutes } from '../supervision/routes';
import { biddingRoutes } from '../bidding/routes';
import { custodyRoutes } from '../custody/routes';
import { drawRoutes } from '../draw-ceremony/routes';
import { expertRoutes } from '../experts/routes';
import { healthRoute } from '../health/routes';
import { meRoute } from '../identity/routes';
import { tradingRoutes } from '../tenders/routes';

export const openApiRoute = defineRoute({
  operationId: 'getOpenApi',
  method: 'GET',
  path: '/openapi.json',
  summary: 'This API, as an OpenAPI 3.1 document generated from the schemas the handlers use',
  tags: ['platform'],
  access: 'public',
  responses: { 200: { description: 'The OpenAPI document', schema: z.record(z.string(), z.unknown()) } },
});

/** Every route of the platform; the stack serves exactly these and the OpenAPI document describes them. */
export const allRoutes: readonly AnyRoute[] = [
  healthRoute,
  meRoute,
  openApiRoute,
  ...auditRoutes,
  ...tradingRoutes,
  ...expertRoutes,
  ...drawRoutes,
  ...custodyRoutes,
  ...biddingRoutes,
  ...awardRoutes,
  ...supervisionRoutes,
  ...lifecycleRoutes,
];
