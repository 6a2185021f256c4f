import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { callerFromClaims } from '../../packages/identity';
import { DomainError } from '../../packages/kernel';
import { requiredEnv } from '../../packages/storage';
import { logger } from '../http/logger';

const issuer = requiredEnv('ISSUER');
const audience = requiredEnv('CLIENT_ID');
// The user pool's signing keys, fetched once and cached by jose; the local stack serves its
// stand-in's keys at an address of its own.
const keys = createRemoteJWKSet(
  new URL(process.env.LOCAL_ISSUER_JWKS_URL ?? `${issuer}/.well-known/jwks.json`),
);

/** An IAM policy for the connection: Allow with the caller's context, or Deny (API Gateway's 403). */
const policy = (
  effect: 'Allow' | 'Deny',
  principalId: string,
  methodArn: string,
  context: Record<string, string | number> = {},
): APIGatewayAuthorizerResult => ({
  principalId,
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: methodArn }],
  },
  context,
});

// jose's errors that say the platform could not get the keys, not that the token is bad.
const unavailable = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID', 'ERR_JOSE_GENERIC']);

/**
 * The auction room's `$connect` (Lambda REQUEST authorizer): anyone may watch, so a connection
 * without `?token=` is let in as a watcher; one with a token is let in only if it is a valid ID
 * token of the user pool, and its caller (role, user, organisation) and the token's expiry then ride
 * with every message of the connection, so a bid after the expiry is refused. A bad token is
 * denied (403) rather than demoted to watching, so a bidder learns at once that it cannot bid; a
 * denial is an answer, not a failure, so it never trips the component's error alarm. Keys that
 * cannot be fetched are a failure (500), logged as one.
 */
export const handler = async (
  event: APIGatewayRequestAuthorizerEvent,
): Promise<APIGatewayAuthorizerResult> => {
  const token = event.queryStringParameters?.token;
  if (!token) return policy('Allow', 'watcher', event.methodArn);
  try {
    // Without `exp` a token would bid for as long as its connection lasts.
    const { payload } = await jwtVerify(token, keys, { issuer, audience, requiredClaims: ['exp'] });
    const { role, user, org } = callerFromClaims(payload);
    return policy('Allow', user, event.methodArn, {
      role,
      user,
      ...(org ? { org } : {}),
      tokenExpiresAt: payload.exp!,
    });
  } catch (error) {
    const refused =
      (error instanceof errors.JOSEError && !unavailable.has(error.code)) || error instanceof DomainError;
    if (!refused) throw error;
    logger.info('a room connection was refused', { reason: error.message });
    return policy('Deny', 'refused', event.methodArn);
  }
};
