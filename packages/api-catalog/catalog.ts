import * as z from 'zod';
import { AnyRoute, defineRoute } from '../api-contract';
import { auctionDocumentRoutes, auctionRoutes } from '../auctions';
import { auditReadRoutes, checkpointRoutes } from '../audit-log';
import { awardRoutes } from '../award';
import { complaintRoutes } from '../complaints';
import { ledgerRoutes } from '../ledger';
import { lifecycleRoutes } from '../lifecycle';
import { openDataRoutes } from '../open-data';
import { supervisionRoutes } from '../supervision';
import { biddingRoutes } from '../bidding';
import { custodyRoutes } from '../custody';
import { drawRoutes } from '../draw-ceremony';
import { expertRoutes } from '../experts';
import { healthRoute } from '../health';
import { meRoute } from '../identity';
import { listProceduresRoute } from '../procedures';
import { tenderRoutes } from '../tenders';
import { venueRoutes } from '../venues';

export const openApiRoute = defineRoute({
  operationId: 'getOpenApi',
  method: 'GET',
  path: '/openapi.json',
  summary: 'This API, as an OpenAPI 3.1 document generated from the schemas the handlers use',
  tags: ['platform'],
  access: 'public',
  responses: { 200: { description: 'The OpenAPI document', schema: z.record(z.string(), z.unknown()) } },
});

/** The platform's own routes: whether it is up, who calls, this API described, and the procedures it enforces. */
export const platformRoutes = [healthRoute, meRoute, openApiRoute, listProceduresRoute] as const;

/** Every route of the platform; the stack serves exactly these and the OpenAPI document describes them. */
export const allRoutes: readonly AnyRoute[] = [
  ...platformRoutes,
  ...checkpointRoutes,
  ...auditReadRoutes,
  ...tenderRoutes,
  ...venueRoutes,
  ...expertRoutes,
  ...drawRoutes,
  ...custodyRoutes,
  ...biddingRoutes,
  ...awardRoutes,
  ...complaintRoutes,
  ...ledgerRoutes,
  ...supervisionRoutes,
  ...lifecycleRoutes,
  ...openDataRoutes,
  ...auctionRoutes,
  ...auctionDocumentRoutes,
];
