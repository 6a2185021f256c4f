import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';

/**
 * The one factory for AWS clients. Endpoints come from the standard environment
 * variables (`AWS_ENDPOINT_URL_DYNAMODB`, `AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL_SFN`), so the
 * same code talks to AWS or to the local stack. Call it once, at module scope.
 */
export const documentClient = (): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(dynamoClient(), {
    marshallOptions: { removeUndefinedValues: true },
  });

/**
 * A request that hangs (a throttled partition, a network fault) fails within seconds and is retried,
 * so three attempts end well before a function behind the API must answer (it then says 503).
 */
const FAST_FAILING = { requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 }, maxAttempts: 3 };

export const dynamoClient = (): DynamoDBClient => new DynamoDBClient(FAST_FAILING);

export const s3Client = (): S3Client =>
  new S3Client({
    // Checksums only where S3 requires them: with the default, a streamed upload to an
    // S3-compatible server is stored with its aws-chunked framing as the body, without an error.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // A local endpoint has no per-bucket DNS names.
    forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3),
  });

/** Reads a required environment variable, naming it when it is missing. */
export const requiredEnv = (name: string, env: NodeJS.ProcessEnv = process.env): string => {
  const value = env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set.`);
  return value;
};
