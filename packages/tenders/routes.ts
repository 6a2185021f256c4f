import * as z from 'zod';
import { defineRoute } from '../api-contract';
import { HolidayCalendarDates } from '../legal-rules';
import { RequestUpload } from './documents';
import {
  CreateTender,
  Notice,
  Project,
  PublishAmendment,
  RegisterProject,
  Registration,
  Tender,
} from './model';
import { NoticesQuery } from './notices';
import { Identifier, IdPath } from '../kernel';

/** The tender routes, declared once: handlers parse with these, the stack serves them, OpenAPI describes them. */

const VersionPath = z.object({
  id: Identifier,
  documentId: Identifier,
  version: z
    .string()
    .regex(/^[1-9][0-9]{0,3}$/, 'must be a version number')
    .transform(Number),
});
const NoticePage = z.object({ notices: z.array(Notice), next: z.string().optional() });

export const registerProjectRoute = defineRoute({
  operationId: 'registerProject',
  method: 'POST',
  path: '/projects',
  summary: 'Register a trading project (进场登记); send Idempotency-Key to make retries safe',
  tags: ['projects'],
  access: ['staff'],
  request: { body: RegisterProject },
  responses: {
    201: { description: 'Registered', schema: Project },
    200: { description: 'Already registered with this Idempotency-Key', schema: Project },
  },
});

export const acceptProjectRoute = defineRoute({
  operationId: 'acceptProject',
  method: 'POST',
  path: '/projects/{id}/accept',
  summary: 'Accept a registered project',
  tags: ['projects'],
  access: ['staff'],
  request: { path: IdPath },
  responses: { 200: { description: 'Accepted', schema: Project } },
});

export const getProjectRoute = defineRoute({
  operationId: 'getProject',
  method: 'GET',
  path: '/projects/{id}',
  summary: 'A project',
  tags: ['projects'],
  access: ['staff', 'regulator'],
  request: { path: IdPath },
  responses: { 200: { description: 'The project', schema: Project } },
});

export const createTenderRoute = defineRoute({
  operationId: 'createTender',
  method: 'POST',
  path: '/projects/{id}/tenders',
  summary: 'Create a tender (标段) with a lawful schedule; send Idempotency-Key to make retries safe',
  tags: ['tenders'],
  access: ['staff'],
  request: { path: IdPath, body: CreateTender },
  responses: {
    201: { description: 'Created', schema: Tender },
    200: { description: 'Already created with this Idempotency-Key', schema: Tender },
  },
});

export const requestUploadRoute = defineRoute({
  operationId: 'requestDocumentUpload',
  method: 'POST',
  path: '/tenders/{id}/documents',
  summary: 'Reserve a document version and get a presigned PUT for its bytes',
  tags: ['documents'],
  access: ['staff'],
  request: { path: IdPath, body: RequestUpload },
  responses: {
    201: {
      description: 'Upload slot',
      schema: z.object({
        documentId: z.string(),
        version: z.int(),
        uploadUrl: z.string(),
        method: z.literal('PUT'),
        headers: z.record(z.string(), z.string()),
        expiresAt: z.string(),
      }),
    },
  },
});

export const confirmUploadRoute = defineRoute({
  operationId: 'confirmDocumentUpload',
  method: 'POST',
  path: '/tenders/{id}/documents/{documentId}/versions/{version}/confirm',
  summary: 'Record an uploaded version with the SHA-256 and size of the stored bytes',
  tags: ['documents'],
  access: ['staff'],
  request: { path: VersionPath },
  responses: { 200: { description: 'Stored', schema: z.record(z.string(), z.unknown()) } },
});

export const publishTenderRoute = defineRoute({
  operationId: 'publishTender',
  method: 'POST',
  path: '/tenders/{id}/publish',
  summary: 'Publish the tender and its announcement (招标公告)',
  tags: ['tenders'],
  access: ['staff'],
  request: { path: IdPath },
  responses: { 200: { description: 'The announcement', schema: Notice } },
});

export const getTenderRoute = defineRoute({
  operationId: 'getTender',
  method: 'GET',
  path: '/tenders/{id}',
  summary: 'A published tender: schedule and documents with their hashes',
  tags: ['tenders'],
  access: 'public',
  request: { path: IdPath },
  responses: { 200: { description: 'The tender', schema: z.record(z.string(), z.unknown()) } },
});

export const manageTenderRoute = defineRoute({
  operationId: 'manageTender',
  method: 'GET',
  path: '/tenders/{id}/manage',
  summary: 'A tender with its drafts, for staff and regulators',
  tags: ['tenders'],
  access: ['staff', 'regulator'],
  request: { path: IdPath },
  responses: {
    200: { description: 'The tender and its draft documents', schema: z.record(z.string(), z.unknown()) },
  },
});

export const registerForTenderRoute = defineRoute({
  operationId: 'registerForTender',
  method: 'POST',
  path: '/tenders/{id}/registrations',
  summary: "Register the caller's organisation for the tender (投标报名); repeating it is harmless",
  tags: ['bidders'],
  access: ['bidder'],
  request: { path: IdPath },
  responses: { 200: { description: 'Registered', schema: Registration } },
});

export const listRegistrationsRoute = defineRoute({
  operationId: 'listRegistrations',
  method: 'GET',
  path: '/tenders/{id}/registrations',
  summary: 'Who registered and downloaded: regulators only before the opening (法22)',
  tags: ['supervision'],
  access: ['regulator'],
  request: { path: IdPath },
  responses: {
    200: {
      description: 'Registrations and downloads',
      schema: z.object({
        registrations: z.array(Registration),
        downloads: z.array(z.record(z.string(), z.unknown())),
      }),
    },
  },
});

export const downloadDocumentRoute = defineRoute({
  operationId: 'downloadDocument',
  method: 'GET',
  path: '/tenders/{id}/documents/{documentId}',
  summary: 'A short-lived download URL for the current version of a document (registered bidders)',
  tags: ['bidders'],
  access: ['bidder'],
  request: { path: z.object({ id: Identifier, documentId: Identifier }) },
  responses: {
    200: {
      description: 'Download',
      schema: z.object({
        documentId: z.string(),
        version: z.int(),
        fileName: z.string(),
        sha256: z.string(),
        size: z.int(),
        url: z.string(),
        expiresAt: z.string(),
      }),
    },
  },
});

export const publishAmendmentRoute = defineRoute({
  operationId: 'publishAmendment',
  method: 'POST',
  path: '/tenders/{id}/amendments',
  summary: 'Publish an amendment (澄清/修改) to every registered bidder',
  tags: ['tenders'],
  access: ['staff'],
  request: { path: IdPath, body: PublishAmendment },
  responses: { 201: { description: 'The amendment notice', schema: z.object({ notice: Notice }) } },
});

export const listNoticesRoute = defineRoute({
  operationId: 'listNotices',
  method: 'GET',
  path: '/notices',
  summary: 'The public notice feed, newest first',
  tags: ['notices'],
  access: 'public',
  request: { query: NoticesQuery },
  responses: { 200: { description: 'A page of notices', schema: NoticePage } },
});

export const myNoticesRoute = defineRoute({
  operationId: 'myNotices',
  method: 'GET',
  path: '/me/notices',
  summary: "Notices delivered to the caller's organisation",
  tags: ['bidders'],
  access: ['bidder'],
  request: { query: NoticesQuery },
  responses: { 200: { description: 'A page of notices', schema: NoticePage } },
});

const YearPath = z.object({
  year: z
    .string()
    .regex(/^20[0-9]{2}$/, 'must be a year such as 2026')
    .transform(Number),
});

export const setCalendarRoute = defineRoute({
  operationId: 'setHolidayCalendar',
  method: 'PUT',
  path: '/calendar/{year}',
  summary: "Set a year's public holidays and make-up working days (调休)",
  tags: ['calendar'],
  access: ['staff'],
  request: { path: YearPath, body: HolidayCalendarDates },
  responses: { 200: { description: 'The calendar', schema: z.record(z.string(), z.unknown()) } },
});

export const getCalendarRoute = defineRoute({
  operationId: 'getHolidayCalendar',
  method: 'GET',
  path: '/calendar/{year}',
  summary: "A year's public holidays and make-up working days",
  tags: ['calendar'],
  access: 'public',
  request: { path: YearPath },
  responses: { 200: { description: 'The calendar', schema: z.record(z.string(), z.unknown()) } },
});

export const tenderRoutes = [
  registerProjectRoute,
  acceptProjectRoute,
  getProjectRoute,
  createTenderRoute,
  requestUploadRoute,
  confirmUploadRoute,
  publishTenderRoute,
  getTenderRoute,
  manageTenderRoute,
  registerForTenderRoute,
  listRegistrationsRoute,
  downloadDocumentRoute,
  publishAmendmentRoute,
  listNoticesRoute,
  myNoticesRoute,
  setCalendarRoute,
  getCalendarRoute,
] as const;
