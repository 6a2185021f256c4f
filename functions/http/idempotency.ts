import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { IDEMPOTENCY_KEY_PATTERN } from '../../packages/api-contract';
import { DomainError } from '../../packages/kernel';
import { dynamoClient } from '../../packages/storage';

/** One logical request: who sent which key to which route, and what it asked. */
export interface Attempt {
  key: string;
  request: unknown;
}

/** How long a key answers with its first outcome. */
const KEY_LIFETIME_SECONDS = 24 * 60 * 60;

/** Refuses a malformed `Idempotency-Key` header, naming it. */
export const checkIdempotencyKey = (key: string): void => {
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'Idempotency-Key: must be 1–255 characters of A–Z, a–z, 0–9, ".", "_", ":" or "-".',
      { field: 'Idempotency-Key' },
    );
  }
};

/**
 * Runs a request once per key (Powertools' idempotency utility over its own DynamoDB table): the
 * first answer that changed something is kept, and a retry with the same key and the same request
 * gets it back without running again. A refusal is not kept (nothing changed; the retry is checked
 * afresh). A key reused for another request is refused; a key whose first attempt still runs
 * answers 503. Functions not bound to the table run as they are.
 */
export const idempotency = (tableName = process.env.IDEMPOTENCY_TABLE) => {
  if (!tableName) return undefined;
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'key',
    payloadValidationJmesPath: 'request',
    expiresAfterSeconds: KEY_LIFETIME_SECONDS,
    throwOnNoIdempotencyKey: true,
  });
  const once = makeIdempotent(<T>(_attempt: Attempt, run: () => Promise<T>) => run(), {
    persistenceStore: new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: dynamoClient() }),
    config,
    dataIndexArgument: 0,
  });
  return async <T>(attempt: Attempt, context: Context | undefined, run: () => Promise<T>): Promise<T> => {
    // The in-progress lock lasts as long as this invocation may run, no longer.
    if (context?.getRemainingTimeInMillis) config.registerLambdaContext(context);
    try {
      return (await once(attempt, run)) as T;
    } catch (error) {
      if (error instanceof IdempotencyValidationError) {
        throw new DomainError(
          'CONFLICT',
          'This Idempotency-Key was already used for a different request; use a new key for a new request.',
          { field: 'Idempotency-Key' },
        );
      }
      if (error instanceof IdempotencyAlreadyInProgressError) {
        throw new DomainError(
          'UNAVAILABLE',
          'The same request with this Idempotency-Key is still running; send it again in a moment.',
          { field: 'Idempotency-Key' },
        );
      }
      // Powertools wraps what the request itself threw.
      throw (error as { cause?: unknown }).cause instanceof DomainError
        ? (error as { cause: unknown }).cause
        : error;
    }
  };
};
