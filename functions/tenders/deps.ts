import { clockFromEnvironment } from '../../packages/clock/clock';
import { documentClient, requiredEnv, s3Client } from '../../packages/storage/clients';
import { objectStore } from '../../packages/storage/object-store';
import { dynamoTradingStore } from '../../packages/storage/trading-store';
import { DocumentStore, TradingDeps } from '../../packages/tenders/ports';

const clock = clockFromEnvironment();

const absentAsUndefined = async <T>(read: Promise<T>): Promise<T | undefined> => {
  try {
    return await read;
  } catch (error) {
    if ((error as Error).name === 'NoSuchKey') return undefined;
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

/** What every trading route works with; created once per function instance. */
export const deps: TradingDeps = {
  store: dynamoTradingStore(documentClient(), requiredEnv('TABLE_NAME'), clock),
  documents: documentStore(),
  clock,
};

/** The `Idempotency-Key` header, which makes a retried create return what the first attempt made. */
export const idempotencyKey = (headers: Record<string, string | undefined>): string | undefined =>
  headers['idempotency-key'];
