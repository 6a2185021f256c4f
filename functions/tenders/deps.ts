import { clockFromEnvironment } from '../../packages/kernel/clock';
import { documentClient, requiredEnv, s3Client } from '../../packages/storage/clients';
import { objectStore } from '../../packages/storage/object-store';
import { dynamoTradingStore } from '../../packages/storage/trading-store';
import { dynamoAuditLog } from '../../packages/storage/audit-log-store';
import { signerFromEnvironment } from '../../packages/storage/note-signers';
import { dynamoReceiptLog } from '../../packages/storage/receipt-log';
import { stepFunctionsLifecycle } from '../../packages/storage/lifecycle-runner';
import { resumingLifecycles } from '../../packages/lifecycle/resume';
import { logger } from '../http/logger';
import { BidStore, DocumentStore, ReceiptLog, TradingDeps } from '../../packages/tenders/ports';

const clock = clockFromEnvironment();

const absentAsUndefined = async <T>(read: Promise<T>): Promise<T | undefined> => {
  try {
    return await read;
  } catch (error) {
    // Without s3:ListBucket, S3 answers a missing key with AccessDenied rather than NoSuchKey.
    if (['NoSuchKey', 'NotFound', 'AccessDenied'].includes((error as Error).name)) return undefined;
    throw error;
  }
};

/**
 * Tender documents in the documents bucket. Only functions bound to the bucket get an S3 client,
 * so the others do not pay for one at cold start.
 */
const documentStore = (bucket = process.env.DOCUMENTS_BUCKET): DocumentStore => {
  if (!bucket) {
    const unbound = async (): Promise<never> => {
      throw new Error('Environment variable DOCUMENTS_BUCKET is not set.');
    };
    return { uploadUrl: unbound, downloadUrl: unbound, describe: unbound, put: unbound, get: unbound };
  }
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

/** Sealed bids in the bids bucket, for the functions bound to it. */
const bidStore = (bucket = process.env.BIDS_BUCKET): BidStore | undefined => {
  if (!bucket) return undefined;
  const store = objectStore(s3Client());
  return {
    uploadUrl: (key, declared, expires) => store.presignExactPut(bucket, key, expires, declared),
    describe: (key) => absentAsUndefined(store.describe(bucket, key)),
    get: (key, versionId) => store.get(bucket, key, versionId),
    downloadUrl: (key, expires, versionId) => store.presignGet(bucket, key, expires, versionId),
  };
};

const table = requiredEnv('TABLE_NAME');
const db = documentClient();

/** Receipts for the functions allowed to sign checkpoints; the signer is made on first use. */
const receiptLog = (): ReceiptLog | undefined => {
  if (!process.env.AUDIT_LOG_ORIGIN) return undefined;
  let signer: ReturnType<typeof signerFromEnvironment> | undefined;
  // A failed attempt is not kept: the next receipt tries again.
  const sign = () =>
    (signer ??= signerFromEnvironment().catch((error: unknown) => {
      signer = undefined;
      throw error;
    }));
  return dynamoReceiptLog(dynamoAuditLog(db, table, clock), sign);
};

/** Functions granted the lifecycle start its executions (publication) or resume them (the people's steps). */
const lifecycle = () => {
  const { LIFECYCLE_STATE_MACHINE: machine, LIFECYCLE_RESUMES: resumes } = process.env;
  return machine || resumes ? stepFunctionsLifecycle(machine) : undefined;
};

/** What every trading route works with; created once per function instance. */
export const deps: TradingDeps = resumingLifecycles(
  {
    store: dynamoTradingStore(db, table, clock),
    documents: documentStore(),
    clock,
    bids: bidStore(),
    receipts: receiptLog(),
    lifecycle: lifecycle(),
  },
  (error) => logger.warn('the tender lifecycle could not be resumed', { error }),
);

/** The `Idempotency-Key` header, which makes a retried create return what the first attempt made. */
export const idempotencyKey = (headers: Record<string, string | undefined>): string | undefined =>
  headers['idempotency-key'];
