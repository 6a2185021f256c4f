import * as z from 'zod';
import { defineRoute } from '../api-contract';
import { Expert } from './expert';
import { UpdateExpert } from './pool';
import { ExpertImport, StartImport } from './pool-model';
import { IdPath } from '../kernel';

/** The expert pool's routes (评标专家库), declared once for handlers, the stack and OpenAPI. */

export const startImportRoute = defineRoute({
  operationId: 'startExpertImport',
  method: 'POST',
  path: '/experts/imports',
  summary: 'Start a bulk import of experts (CSV or JSON) and get a presigned PUT for the file',
  tags: ['experts'],
  access: ['staff'],
  request: { body: StartImport },
  responses: {
    201: {
      description: 'Upload slot',
      schema: z.object({
        import: ExpertImport,
        uploadUrl: z.string(),
        method: z.literal('PUT'),
        headers: z.record(z.string(), z.string()),
        expiresAt: z.string(),
      }),
    },
  },
});

export const runImportRoute = defineRoute({
  operationId: 'runExpertImport',
  method: 'POST',
  path: '/experts/imports/{id}/run',
  summary:
    'Queue the uploaded file for import: every row is validated, then imported all or nothing; follow it at the import',
  tags: ['experts'],
  access: ['staff'],
  request: { path: IdPath },
  responses: {
    202: { description: 'Queued or running; poll the import (Location) for progress', schema: ExpertImport },
    200: { description: 'Already finished: imported or rejected', schema: ExpertImport },
  },
});

export const getImportRoute = defineRoute({
  operationId: 'getExpertImport',
  method: 'GET',
  path: '/experts/imports/{id}',
  summary: "An import's progress and its report of rejected rows",
  tags: ['experts'],
  access: ['staff', 'regulator'],
  request: { path: IdPath },
  responses: { 200: { description: 'The import', schema: ExpertImport } },
});

export const getExpertRoute = defineRoute({
  operationId: 'getExpert',
  method: 'GET',
  path: '/experts/{id}',
  summary: 'One expert of the pool',
  tags: ['experts'],
  access: ['staff', 'regulator'],
  request: { path: IdPath },
  responses: { 200: { description: 'The expert', schema: Expert } },
});

export const updateExpertRoute = defineRoute({
  operationId: 'updateExpert',
  method: 'PATCH',
  path: '/experts/{id}',
  summary: 'Suspend, reinstate or correct an expert (an audit entry)',
  tags: ['experts'],
  access: ['staff'],
  request: { path: IdPath, body: UpdateExpert },
  responses: { 200: { description: 'The expert', schema: Expert } },
});

export const listSpecialtiesRoute = defineRoute({
  operationId: 'listSpecialties',
  method: 'GET',
  path: '/specialties',
  summary: 'The catalog of evaluation specialties (评标专业)',
  tags: ['experts'],
  access: 'public',
  responses: {
    200: { description: 'Specialty codes', schema: z.object({ specialties: z.array(z.string()) }) },
  },
});

export const expertRoutes = [
  startImportRoute,
  runImportRoute,
  getImportRoute,
  getExpertRoute,
  updateExpertRoute,
  listSpecialtiesRoute,
] as const;
