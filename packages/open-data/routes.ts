import * as z from 'zod';
import { defineRoute } from '../api-contract';
import { ChangePage, ChangesQuery } from './changes';
import { OcidPath, ReleasesQuery } from './publish';

const OcdsPackage = z.record(z.string(), z.unknown());

export const releasesRoute = defineRoute({
  operationId: 'listOcdsReleases',
  method: 'GET',
  path: '/ocds/releases',
  summary: 'Open data: an OCDS 1.1 release package of every tender step, oldest first; follow links.next',
  tags: ['open data'],
  access: 'public',
  request: { query: ReleasesQuery },
  responses: { 200: { description: 'A release package', schema: OcdsPackage } },
});

export const recordRoute = defineRoute({
  operationId: 'getOcdsRecord',
  method: 'GET',
  path: '/ocds/records/{ocid}',
  summary: 'Open data: the OCDS record package of one tender, its releases and the compiled release',
  tags: ['open data'],
  access: 'public',
  request: { path: OcidPath },
  responses: { 200: { description: 'A record package', schema: OcdsPackage } },
});

export const noticeChangesRoute = defineRoute({
  operationId: 'listNoticeChanges',
  method: 'GET',
  path: '/notices/changes',
  summary:
    'Every published notice across tenders in log order, paged by the log index (cursor, next), to mirror them all',
  tags: ['open data'],
  access: 'public',
  request: { query: ChangesQuery },
  responses: { 200: { description: 'A page of changes', schema: ChangePage } },
});

export const openDataRoutes = [releasesRoute, recordRoute, noticeChangesRoute] as const;
