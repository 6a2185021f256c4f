import { lifecycleMilestones } from '../packages/lifecycle';
import { BidStore, ProcessLogs } from '../packages/bidding';
import { clockFromEnvironment, DocumentStore, Milestones, unobserved } from '../packages/kernel';
import {
  dynamoAuditLog,
  stepFunctionsWork,
  documentClient,
  requiredEnv,
  s3Client,
  dynamoTable,
  stepFunctionsLifecycle,
  signerFromEnvironment,
  objectStore,
  dynamoProcessLogs,
  lifecycleStore,
  ledgerStore,
  RecordTable,
  expertLinkKey,
  SigningKeySource,
} from '../packages/storage';
import { ResultLedger } from '../packages/award';
import { feeScheduleFrom, refundsAtTermination, settleResult } from '../packages/ledger';
import { logger } from './http/logger';

/**
 * The adapters a function's composition root (its `deps.ts`) picks from, each made from the
 * environment the stack gives the function: a function not bound to a bucket never makes an S3
 * client, and one not allowed to sign never loads KMS.
 */

export const clock = clockFromEnvironment();

let db: ReturnType<typeof documentClient> | undefined;
const dynamo = () => (db ??= documentClient());

/** The platform table, with its audit log. */
export const platformTable = () => dynamoTable(dynamo(), requiredEnv('TABLE_NAME'), clock);

/** The audit log alone, for the routes that read and sign it. */
export const auditLog = () => dynamoAuditLog(dynamo(), requiredEnv('TABLE_NAME'), clock);

const absentAsUndefined = async <T>(read: Promise<T>): Promise<T | undefined> => {
  try {
    return await read;
  } catch (error) {
    // Without s3:ListBucket, S3 answers a missing key with AccessDenied rather than NoSuchKey.
    if (['NoSuchKey', 'NotFound', 'AccessDenied'].includes((error as Error).name)) return undefined;
    throw error;
  }
};

/** Writes the audit log's tiles to their bucket, for the function bound to it (`AUDIT_TILES_BUCKET`). */
export const tilePublisher = (bucket = requiredEnv('AUDIT_TILES_BUCKET')) => {
  const store = objectStore(s3Client());
  return async (path: string, bytes: Uint8Array): Promise<void> => {
    await store.put(bucket, path, bytes);
  };
};

/** The documents bucket, for the functions bound to it (`DOCUMENTS_BUCKET`). */
export const documentStore = (bucket = requiredEnv('DOCUMENTS_BUCKET')): DocumentStore => {
  const store = objectStore(s3Client());
  return {
    uploadUrl: (key, contentType, expires) => store.presignPut(bucket, key, expires, contentType),
    downloadUrl: (key, expires, versionId) => store.presignGet(bucket, key, expires, versionId),
    describe: (key) => absentAsUndefined(store.describe(bucket, key)),
    async put(key, body, contentType) {
      await store.put(bucket, key, typeof body === 'string' ? Buffer.from(body) : body, contentType);
    },
    get: (key) => absentAsUndefined(store.get(bucket, key)),
  };
};

/** Sealed bids in the bids bucket (`BIDS_BUCKET`). */
export const bidStore = (bucket = requiredEnv('BIDS_BUCKET')): BidStore => {
  const store = objectStore(s3Client());
  return {
    uploadUrl: (key, declared, expires) => store.presignExactPut(bucket, key, expires, declared),
    describe: (key) => absentAsUndefined(store.describe(bucket, key)),
    get: (key, versionId) => store.get(bucket, key, versionId),
    downloadUrl: (key, expires, versionId) => store.presignGet(bucket, key, expires, versionId),
  };
};

/** A signer made on first use (KMS loads only then), and made again after a failure: the audit log's, or `source`'s. */
const signerOnFirstUse = (source?: SigningKeySource) => {
  let signer: ReturnType<typeof signerFromEnvironment> | undefined;
  return () =>
    (signer ??= signerFromEnvironment(process.env, source).catch((error: unknown) => {
      signer = undefined;
      throw error;
    }));
};

/** The audit log's checkpoint signer. */
export const checkpointSigner = () => signerOnFirstUse();

/** The experts' answer links' signer: the relay signs with it, the answer route reads its public half. */
export const answerLinkSigner = () => signerOnFirstUse(expertLinkKey);

/** The tenders' sealed process logs: receipts' promises and anchors, signed with the audit log's key. */
export const processLogs = (): ProcessLogs =>
  dynamoProcessLogs(dynamo(), requiredEnv('TABLE_NAME'), clock, checkpointSigner());

/** The tender lifecycle's executions, for the functions granted to start or resume them. */
export const lifecycleRunner = () => stepFunctionsLifecycle(process.env.LIFECYCLE_STATE_MACHINE);

/** The background-work state machine, for the functions granted to start its executions. */
export const backgroundWork = () => stepFunctionsWork(requiredEnv('BACKGROUND_WORK_STATE_MACHINE'));

/**
 * Where the tender's milestones go: to its lifecycle, in the functions granted to resume it
 * (`LIFECYCLE_RESUMES`); nowhere in the others.
 */
export const milestones = (table: RecordTable): Milestones =>
  process.env.LIFECYCLE_RESUMES
    ? lifecycleMilestones({ store: lifecycleStore(table), clock, lifecycle: lifecycleRunner() }, (error) =>
        logger.warn('the tender lifecycle could not be resumed', { error }),
      )
    : unobserved;

/**
 * Where the functions that publish results settle them in the ledger: the service fee by the
 * city's schedule (`SERVICE_FEE_SCHEDULE`, checked at synthesis) or the default, and the refunds
 * the procedure gives at the result.
 */
export const resultLedger = (table: RecordTable): ResultLedger => {
  const schedule = feeScheduleFrom(process.env.SERVICE_FEE_SCHEDULE);
  const ledger = { store: ledgerStore(table), clock };
  return {
    onResult: (...result) => settleResult(ledger, schedule, ...result),
    onTermination: (tenderId, at) => refundsAtTermination(ledger, tenderId, at),
  };
};

/**
 * Where an expert's answer link points: the portal (`PORTAL_URL`); on the local stack, which has
 * no CloudFront, the gateway that serves the portal (`LOCAL_PORTAL_URL`).
 */
export const portalUrl = (env: NodeJS.ProcessEnv = process.env): string =>
  env.LOCAL_PORTAL_URL ?? requiredEnv('PORTAL_URL', env);
