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

const allow = (
  principalId: string,
  methodArn: string,
  context: Record<string, string> = {},
): APIGatewayAuthorizerResult => ({
  principalId,
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: methodArn }],
  },
  context,
});

/**
 * The auction room's `$connect` (Lambda REQUEST authorizer): anyone may watch, so a connection
 * without `?token=` is let in as a watcher; one with a token is let in only if it is a valid ID
 * token of the user pool, and its caller (role, user, organisation) then rides with every message
 * of the connection. A bad token is refused (401) rather than demoted to watching, so a bidder
 * learns at once that it cannot bid.
 */
export const handler = async (
  event: APIGatewayRequestAuthorizerEvent,
): Promise<APIGatewayAuthorizerResult> => {
  const token = event.queryStringParameters?.token;
  if (!token) return allow('watcher', event.methodArn);
  try {
    const { payload } = await jwtVerify(token, keys, { issuer, audience });
    const { role, user, org } = callerFromClaims(payload);
    return allow(user, event.methodArn, { role, user, ...(org ? { org } : {}) });
  } catch (error) {
    if (!(error instanceof errors.JOSEError || error instanceof DomainError)) throw error;
    logger.info('a room connection was refused', { reason: error.message });
    // API Gateway answers 401 for exactly this error.
    throw new Error('Unauthorized');
  }
};
