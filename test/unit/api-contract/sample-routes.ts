import * as z from 'zod';
import { defineRoute } from '../../../packages/api-contract/route';

/** A count as a query string or path segment carries it: digits, read as a number. */
const Count = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,14})$/, 'must be a whole number ≥ 0')
  .transform(Number);

const Notice = z.object({ id: z.string(), title: z.string(), publishedAt: z.iso.datetime() });

/** Public, with a query: anyone may list published notices. */
export const listNotices = defineRoute({
  operationId: 'listNotices',
  method: 'GET',
  path: '/notices',
  summary: 'Published notices, newest first',
  tags: ['notices'],
  access: 'public',
  request: {
    query: z.object({
      status: z.enum(['open', 'closed']).optional().describe('Only notices in this state.'),
      page: Count.meta({ description: 'The page to read, from 0.' }),
    }),
  },
  responses: { 200: { description: 'A page of notices', schema: z.object({ notices: z.array(Notice) }) } },
});

export const NewTender = z.object({
  title: z.string().min(3).max(200),
  method: z.enum(['open', 'designated']),
  lots: z.number().int().min(1).max(50),
  note: z.string().optional(),
});

/** A token route with a body, for staff, that documents a 422. */
export const createTender = defineRoute({
  operationId: 'createTender',
  method: 'POST',
  path: '/tenders',
  summary: 'Opens a tender',
  access: ['staff'],
  request: { body: NewTender },
  responses: {
    201: { description: 'The tender, as created', schema: z.object({ id: z.string() }) },
    422: { description: 'The schedule breaks a rule of the ordinance; `rule` names it.' },
  },
});

/** A token route with a path parameter, for regulators. */
export const getAuditRecord = defineRoute({
  operationId: 'getAuditRecord',
  method: 'GET',
  path: '/audit/records/{index}',
  summary: "An entry's confidential record",
  access: ['regulator'],
  request: { path: z.object({ index: Count.describe('The entry index in the log.') }) },
  responses: {
    200: {
      description: 'The record',
      schema: z.object({ index: z.number().int(), record: z.record(z.string(), z.unknown()) }),
    },
  },
});

/** Public, with a text body and no input. */
export const getCheckpoint = defineRoute({
  operationId: 'getCheckpoint',
  method: 'GET',
  path: '/audit/checkpoint',
  summary: 'The signed checkpoint',
  access: 'public',
  responses: { 200: { description: 'A C2SP signed note', schema: z.string(), contentType: 'text/plain' } },
});

export const sampleRoutes = [listNotices, createTender, getAuditRecord, getCheckpoint];
