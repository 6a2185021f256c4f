import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { DomainError, httpStatusOf, validationFailed } from '../../packages/kernel/errors';
import { callerFromClaims, requireRole } from '../../packages/identity/caller';
import { logger } from './logger';
import { handlerSpec, Method, ParamsSchema, Responses, Route } from '../../packages/api-contract/route';
import { Caller, Role } from '../../packages/kernel/caller';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export type Access = 'public' | readonly Role[];

export interface RouteSpec<A extends Access, Q extends z.ZodType, B extends z.ZodType, P extends z.ZodType> {
  /** `public`, or the roles allowed to call the route. */
  access: A;
  /** Path parameters (`/tenders/{id}`). */
  path?: P;
  query?: Q;
  body?: B;
}

export interface RouteInput<A extends Access, Q, B, P> {
  path: P;
  query: Q;
  body: B;
  /** The verified caller; only public routes have none. */
  caller: A extends 'public' ? undefined : Caller;
  event: HttpEvent;
}

export const json = (statusCode: number, body: unknown): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

export const ok = (body: unknown): HttpResult => json(200, body);
export const created = (body: unknown): HttpResult => json(201, body);
export const text = (body: string, contentType = 'text/plain; charset=utf-8'): HttpResult => ({
  statusCode: 200,
  headers: { 'content-type': contentType },
  body,
});

type Where = 'path' | 'query' | 'body';

const parse = <T extends z.ZodType>(where: Where, schema: T | undefined, value: unknown): z.infer<T> => {
  if (!schema) return undefined as z.infer<T>;
  const result = schema.safeParse(value);
  if (!result.success) throw validationFailed(where, result.error.issues);
  return result.data;
};

const parseBody = (event: HttpEvent): unknown => {
  if (event.body === undefined || event.body === '') return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(raw);
  } catch {
    throw new DomainError('VALIDATION_FAILED', 'The request body is not valid JSON.', { field: 'body' });
  }
};

/** Maps any thrown value to a response: domain errors by their code, the rest as 500 without details. */
const errorResponse = (error: unknown, event: HttpEvent): HttpResult => {
  if (error instanceof DomainError) return json(httpStatusOf(error), { error: error.toJSON() });
  logger.error('unhandled error', { error: error as Error, route: event.routeKey });
  return json(500, {
    error: {
      code: 'INTERNAL',
      message: `Something went wrong on our side; quote request ${event.requestContext.requestId}.`,
    },
  });
};

/**
 * A route handler: checks access, parses query and body with their schemas, calls `fn`,
 * and maps domain errors to HTTP. Handlers only translate; rules live in packages/.
 */
export const httpHandler = <
  A extends Access,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  P extends z.ZodType = z.ZodUndefined,
>(
  spec: RouteSpec<A, Q, B, P>,
  fn: (input: RouteInput<A, z.infer<Q>, z.infer<B>, z.infer<P>>) => Promise<HttpResult>,
) =>
  middy<HttpEvent, HttpResult>().handler(async (event) => {
    try {
      const caller =
        spec.access === 'public'
          ? undefined
          : requireRole(
              callerFromClaims(event.requestContext.authorizer?.jwt?.claims),
              ...(spec.access as readonly Role[]),
            );
      const path = parse('path', spec.path, event.pathParameters ?? {});
      const query = parse('query', spec.query, event.queryStringParameters ?? {});
      const body = parse('body', spec.body, parseBody(event));
      return await fn({
        query,
        body,
        caller: caller as RouteInput<A, unknown, unknown, unknown>['caller'],
        event,
        path,
      });
    } catch (error) {
      return errorResponse(error, event);
    }
  });

/**
 * The handler of a declared route: its access and schemas come from the declaration, so the
 * handler, the stack and the OpenAPI document cannot disagree.
 */
export const routeHandler = <
  A extends Access,
  P extends ParamsSchema | undefined,
  Q extends ParamsSchema | undefined,
  B extends z.ZodType | undefined,
>(
  route: Route<Method, string, A, P, Q, B, Responses>,
  fn: (
    input: RouteInput<
      A,
      z.infer<Exclude<Q, undefined>>,
      z.infer<Exclude<B, undefined>>,
      z.infer<Exclude<P, undefined>>
    >,
  ) => Promise<HttpResult>,
) => httpHandler(handlerSpec(route), fn as never);
