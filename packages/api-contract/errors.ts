import * as z from 'zod';
import type { ErrorCode as DomainErrorCode } from '../kernel';

/**
 * The bodies a client can get back when a call fails: the `{ error }` body every route
 * writes for a DomainError, and the `{ message }` bodies API Gateway writes itself when it
 * refuses a request before any function runs.
 */

// An object keyed by code, not a list: `satisfies` then fails to compile when a code is
// added to DomainError and not here, or the other way round.
const codes = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RULE_VIOLATED: 'RULE_VIOLATED',
  DEADLINE_PASSED: 'DEADLINE_PASSED',
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const satisfies { [Code in DomainErrorCode]: Code };

export const ErrorCode = z.enum(codes).describe('What went wrong, stable across releases.');
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorIssue = z.object({
  field: z.string().describe('The input at fault, as a dotted path (`body.schedule.bidDeadline`).'),
  message: z.string(),
});

/** The body of every error a route returns (`DomainError.toJSON()` under `error`). */
export const ErrorBody = z
  .object({
    error: z.object({
      code: ErrorCode,
      message: z.string().describe('What happened and what to do, for a person to read.'),
      field: z.string().optional().describe('The input at fault, as a dotted path.'),
      rule: z.string().optional().describe('The legal rule that refuses the request, such as 法24.'),
      issues: z.array(ErrorIssue).optional().describe('Every field that failed validation, with its rule.'),
    }),
  })
  .describe('An error answered by the route: a stable code and a message a person can act on.');
export type ErrorBody = z.infer<typeof ErrorBody>;

/** API Gateway's 401 body, when the JWT authorizer finds no valid token. */
export const GatewayUnauthorized = z
  .object({ message: z.literal('Unauthorized') })
  .describe("API Gateway's own answer when the bearer token is missing, expired or not from our user pool.");

/** API Gateway's 404 body, when no route matches the method and path. */
export const GatewayNotFound = z
  .object({ message: z.literal('Not Found') })
  .describe("API Gateway's own answer when no route matches the method and path.");

/** API Gateway's 500 body, when the function fails before it can answer (a crash at start-up). */
export const GatewayInternalError = z
  .object({ message: z.literal('Internal Server Error') })
  .describe("API Gateway's own answer when the function fails without answering.");
