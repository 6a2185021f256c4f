import * as z from 'zod';
import { Caller, DomainError, FileName, Identifier, keyDigest, newId, notFound } from '../kernel';
import { actorOf, withheldBidder } from '../audit-log';
import { DocumentVersion } from './model';
import { TenderDeps } from './ports';
import { latestVersions, requireActiveTender, requireTender } from './tenders';
/** Upload and download URLs live this long: enough for a large file, short enough to be useless if leaked. */
export const UPLOAD_URL_SECONDS = 15 * 60;
export const DOWNLOAD_URL_SECONDS = 5 * 60;

export const RequestUpload = z.strictObject({
  fileName: FileName,
  contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a MIME type such as application/pdf'),
  /** A new version of an existing document; a new document when absent. */
  documentId: Identifier.optional(),
});
export type RequestUpload = z.infer<typeof RequestUpload>;

const versionOf = async (
  deps: TenderDeps,
  tenderId: string,
  documentId: string,
  version: number,
): Promise<DocumentVersion> => {
  const found = (await deps.store.documents(tenderId)).find(
    (d) => d.documentId === documentId && d.version === version,
  );
  if (!found) throw notFound('document version', `${documentId} v${version}`, 'documentId');
  return found;
};

/**
 * Reserves the next version of a document and returns a presigned PUT for it: the bytes go
 * straight to storage, never through a function. Published versions are never overwritten.
 */
export const requestDocumentUpload = async (
  deps: TenderDeps,
  caller: Caller,
  tenderId: string,
  request: RequestUpload,
  idempotencyKey?: string,
) => {
  await requireActiveTender(deps, tenderId);
  const now = deps.clock.now();
  const versions = await deps.store.documents(tenderId);
  const digest = idempotencyKey ? keyDigest(caller.user, idempotencyKey) : undefined;
  const reserved = digest ? versions.find((v) => v.keyDigest === digest) : undefined;
  if (reserved) return uploadSlot(deps, reserved, now);
  const documentId = request.documentId ?? newId('D', now);
  const existing = versions.filter((v) => v.documentId === documentId);
  if (request.documentId && existing.length === 0)
    throw notFound('document', request.documentId, 'body.documentId');
  const version = Math.max(0, ...existing.map((v) => v.version)) + 1;
  const objectKey = `tenders/${tenderId}/documents/${documentId}/v${version}/${request.fileName}`;
  const record: DocumentVersion = {
    documentId,
    version,
    fileName: request.fileName,
    contentType: request.contentType,
    objectKey,
    status: 'awaiting-upload',
    ...(digest ? { keyDigest: digest } : {}),
  };
  await deps.store.commit({
    entry: {
      actor: actorOf(caller),
      action: 'document.upload-requested',
      subject: { tenderId, documentId },
      data: { version, fileName: request.fileName },
    },
    create: [{ kind: 'document', tenderId, value: record }],
  });
  return uploadSlot(deps, record, now);
};

/** A presigned PUT for a reserved version. */
const uploadSlot = async (deps: TenderDeps, reserved: DocumentVersion, now: Date) => ({
  documentId: reserved.documentId,
  version: reserved.version,
  uploadUrl: await deps.documents.uploadUrl(reserved.objectKey, reserved.contentType, UPLOAD_URL_SECONDS),
  method: 'PUT' as const,
  headers: { 'content-type': reserved.contentType },
  expiresAt: new Date(now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString(),
});

/** Records an uploaded version with the SHA-256 and size of the bytes actually stored. */
export const confirmDocumentUpload = async (
  deps: TenderDeps,
  caller: Caller,
  tenderId: string,
  documentId: string,
  version: number,
): Promise<DocumentVersion> => {
  const pending = await versionOf(deps, tenderId, documentId, version);
  if (pending.status !== 'awaiting-upload') {
    throw new DomainError('CONFLICT', `Version ${version} of ${documentId} is already ${pending.status}.`, {
      field: 'version',
    });
  }
  const stored = await deps.documents.describe(pending.objectKey);
  if (!stored) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `Nothing was uploaded for ${documentId} v${version}; PUT the file to its upload URL first.`,
      {
        field: 'documentId',
      },
    );
  }
  const record: DocumentVersion = {
    ...pending,
    status: 'stored',
    sha256: stored.sha256,
    size: stored.size,
    s3VersionId: stored.versionId,
  };
  await deps.store.commit({
    entry: {
      actor: actorOf(caller),
      action: 'document.stored',
      subject: { tenderId, documentId },
      data: { version, fileName: pending.fileName, sha256: stored.sha256, size: stored.size },
    },
    replace: [
      { record: { kind: 'document', tenderId, value: record }, expect: { status: 'awaiting-upload' } },
    ],
  });
  return record;
};

/**
 * A registered bidder downloads the current published version of a document through a
 * short-lived URL; the download is recorded (who, which version and hash, when), confidentially.
 */
export const downloadDocument = async (
  deps: TenderDeps,
  caller: Caller,
  tenderId: string,
  documentId: string,
) => {
  // A terminated tender's documents stay downloadable to its registered bidders: they may challenge the termination.
  const tender = await requireTender(deps, tenderId);
  if (tender.status !== 'published' && tender.status !== 'terminated') throw notFound('tender', tenderId);
  const org = caller.org!;
  if (!(await deps.store.registration(tenderId, org))) {
    throw new DomainError(
      'FORBIDDEN',
      'Register for this tender (投标报名) before downloading its documents.',
      { field: 'tenderId' },
    );
  }
  const current = latestVersions(await deps.store.documents(tenderId), ['published']).find(
    (d) => d.documentId === documentId,
  );
  if (!current) throw notFound('document', documentId, 'documentId');
  const now = deps.clock.now();
  const at = now.toISOString();
  const download = {
    tenderId,
    bidderOrg: org,
    user: caller.user,
    documentId,
    version: current.version,
    sha256: current.sha256!,
    at,
  };
  await deps.store.commit({
    entry: {
      actor: withheldBidder,
      action: 'document.downloaded',
      subject: {},
      process: tenderId,
      confidential: { download },
    },
    create: [{ kind: 'download', value: download }],
  });
  return {
    documentId,
    version: current.version,
    fileName: current.fileName,
    sha256: current.sha256!,
    size: current.size!,
    url: await deps.documents.downloadUrl(current.objectKey, DOWNLOAD_URL_SECONDS, current.s3VersionId),
    expiresAt: new Date(now.getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString(),
  };
};
