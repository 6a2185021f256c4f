import { clockFromEnvironment } from '../../packages/clock/clock';
import { documentClient, requiredEnv, s3Client } from '../../packages/storage/clients';
import { objectStore } from '../../packages/storage/object-store';
import { dynamoTradingStore } from '../../packages/storage/trading-store';
import { DocumentStore, TradingDeps } from '../../packages/tenders/ports';

const clock = clockFromEnvironment();

/**
 * Tender documents in the documents bucket. Only functions bound to the bucket get an S3 client,
 * so the others do not pay for one at cold start.
 */
const documentStore = (bucket = process.env.DOCUMENTS_BUCKET): DocumentStore => {
  if (!bucket) {
    const unbound = async (): Promise<never> => {
      throw new Error('Environment variable DOCUMENTS_BUCKET is not set.');
    };
    return { uploadUrl: unbound, downloadUrl: unbound, describe: unbound };
  }
  const store = objectStore(s3Client());
  return {
    uploadUrl: (key, contentType, expires) => store.presignPut(bucket, key, expires, contentType),
    downloadUrl: (key, expires, versionId) => store.presignGet(bucket, key, expires, versionId),
    async describe(key) {
      try {
        return await store.describe(bucket, key);
      } catch (error) {
        if ((error as Error).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
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
