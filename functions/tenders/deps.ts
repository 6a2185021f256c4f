import { clockFromEnvironment } from '../../packages/clock/clock';
import { documentClient, requiredEnv, s3Client } from '../../packages/storage/clients';
import { objectStore } from '../../packages/storage/object-store';
import { dynamoTradingStore } from '../../packages/storage/trading-store';
import { DocumentStore, TradingDeps } from '../../packages/tenders/ports';

const clock = clockFromEnvironment();

/** Tender documents in the documents bucket, when the function is bound to it. */
const documentStore = (): DocumentStore => {
  const bucket = process.env.DOCUMENTS_BUCKET;
  const store = objectStore(s3Client());
  const required = () => {
    if (!bucket) throw new Error('Environment variable DOCUMENTS_BUCKET is not set.');
    return bucket;
  };
  return {
    uploadUrl: (key, contentType, expires) => store.presignPut(required(), key, expires, contentType),
    downloadUrl: (key, expires, versionId) => store.presignGet(required(), key, expires, versionId),
    async describe(key) {
      try {
        return await store.describe(required(), key);
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
