import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import * as z from 'zod';
import {
  AnyRoute,
  handlerSpec,
  Method,
  ParamsSchema,
  Responses,
  Route,
  routeKey,
} from '../../packages/api-contract';
import { callerFromClaims, requireRole } from '../../packages/identity';
import { Caller, Role, DomainError, httpStatusOf, validationFailed } from '../../packages/kernel';
import { checkIdempotencyKey, idempotency } from './idempotency';
import { logger } from './logger';

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
  /** The `Idempotency-Key` header: a retry with the same key gets the first attempt's outcome. */
  idempotencyKey: string | undefined;
  event: HttpEvent;
}

export const json = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});

export const ok = (body: unknown): HttpResult => json(200, body);
export const created = (body: unknown): HttpResult => json(201, body);
/** Work handed off: the body is the status resource as it stands, `location` where to poll it. */
export const accepted = (body: unknown, location: string): HttpResult => json(202, body, { location });
export const text = (body: string, contentType = 'text/plain; charset=utf-8'): HttpResult => ({
  statusCode: 200,
  // Reports and checkpoints change with every step and may be confidential: no cache keeps them.
  headers: { 'content-type': contentType, 'cache-control': 'no-store' },
  body,
});
/** A file answered as itself (a PDF): API Gateway passes base64 on as the bytes. */
export const binary = (bytes: Uint8Array, contentType: string): HttpResult => ({
  statusCode: 200,
  headers: { 'content-type': contentType, 'cache-control': 'no-store' },
  body: Buffer.from(bytes).toString('base64'),
  isBase64Encoded: true,
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

/** How long a client should wait before sending a request whose outcome is unknown again. */
const RETRY_AFTER_SECONDS = '2';

/**
 * Maps any thrown value to a response: domain errors by their code; anything else (storage not
 * answering in time, a fault) leaves the outcome unknown, so it is a retryable 503 saying how to
 * retry safely, never a bare 500.
 */
const errorResponse = (error: unknown, event: HttpEvent): HttpResult => {
  if (error instanceof DomainError) {
    const response = json(httpStatusOf(error), { error: error.toJSON() });
    return error.code === 'UNAVAILABLE'
      ? { ...response, headers: { ...response.headers, 'retry-after': RETRY_AFTER_SECONDS } }
      : response;
  }
  logger.error('unanswered request', { error: error as Error });
  return json(
    503,
    {
      error: {
        code: 'UNAVAILABLE',
        message: `The outcome is not known yet (request ${event.requestContext.requestId}); send the same request again with the same Idempotency-Key.`,
      },
    },
    { 'retry-after': RETRY_AFTER_SECONDS },
  );
};

const once = idempotency();
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type RouteFn<A extends Access, Q, B, P> = (input: RouteInput<A, Q, B, P>) => Promise<HttpResult>;

/**
 * One route's handling: checks access, parses path, query and body with their schemas, calls
 * `fn`, and maps domain errors to HTTP. Handlers only translate; rules live in packages/.
 */
const handleRoute =
  <A extends Access, Q extends z.ZodType, B extends z.ZodType, P extends z.ZodType>(
    spec: RouteSpec<A, Q, B, P>,
    fn: RouteFn<A, z.infer<Q>, z.infer<B>, z.infer<P>>,
  ) =>
  async (event: HttpEvent, context?: Context): Promise<HttpResult> => {
    try {
      const caller =
        spec.access === 'public'
          ? undefined
          : requireRole(
              callerFromClaims(event.requestContext.authorizer?.jwt?.claims),
              ...(spec.access as readonly Role[]),
            );
      // Who calls by role only: user names and tokens stay out of the logs.
      if (caller) logger.appendKeys({ role: caller.role });
      const idempotencyKey = event.headers?.['idempotency-key'];
      if (idempotencyKey !== undefined) checkIdempotencyKey(idempotencyKey);
      const path = parse('path', spec.path, event.pathParameters ?? {});
      const query = parse('query', spec.query, event.queryStringParameters ?? {});
      const body = parse('body', spec.body, parseBody(event));
      const run = () =>
        fn({
          query,
          body,
          caller: caller as RouteInput<A, unknown, unknown, unknown>['caller'],
          idempotencyKey,
          event,
          path,
        });
      const method = event.requestContext.http?.method ?? event.routeKey.split(' ')[0] ?? '';
      if (!once || idempotencyKey === undefined || !MUTATING.has(method)) return await run();
      // The key is the caller's own: another user's identical key names another request.
      const attempt = {
        key: `${event.routeKey} ${caller?.user ?? 'public'} ${idempotencyKey}`,
        request: {
          path: event.pathParameters ?? {},
          query: event.queryStringParameters ?? {},
          body: event.body ?? '',
        },
      };
      return await once(attempt, context, run);
    } catch (error) {
      return errorResponse(error, event);
    }
  };

/** How long before the function's own timeout a request that has not finished is answered 503. */
const MARGIN_MS = 1_000;

/**
 * The function answers before its own timeout, which is within API Gateway's 29 s: a request still
 * running then (storage hung) is answered 503, retryable with the same Idempotency-Key.
 */
const answerInTime = async (answer: Promise<HttpResult>, event: HttpEvent, context: Context) => {
  const remaining = context?.getRemainingTimeInMillis?.();
  if (remaining === undefined) return answer;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<HttpResult>((resolve) => {
    timer = setTimeout(
      () => resolve(errorResponse(new Error('the function ran out of time'), event)),
      Math.max(0, remaining - MARGIN_MS),
    );
  });
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
};

/** A handler for one ad-hoc spec (tests of the wrapper itself); routes use `contextHandler`. */
export const httpHandler = <
  A extends Access,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  P extends z.ZodType = z.ZodUndefined,
>(
  spec: RouteSpec<A, Q, B, P>,
  fn: RouteFn<A, z.infer<Q>, z.infer<B>, z.infer<P>>,
) => middy<HttpEvent, HttpResult>().handler(handleRoute(spec, fn));

/** The function a declared route's handler is: typed by the route's own access and schemas. */
export type HandlerOf<R> =
  R extends Route<Method, string, infer A, infer P, infer Q, infer B, Responses, string>
    ? RouteFn<
        A,
        z.infer<Exclude<Q, undefined> extends ParamsSchema ? Exclude<Q, undefined> : z.ZodUndefined>,
        z.infer<Exclude<B, undefined> extends z.ZodType ? Exclude<B, undefined> : z.ZodUndefined>,
        z.infer<Exclude<P, undefined> extends ParamsSchema ? Exclude<P, undefined> : z.ZodUndefined>
      >
    : never;

/** One handler per route of the list, keyed by operation id: a route without one does not compile. */
export type Handlers<Rs extends readonly AnyRoute[]> = {
  [O in Rs[number]['operationId']]: HandlerOf<Extract<Rs[number], { operationId: O }>>;
};

/**
 * A context's function: API Gateway has already matched the route and names it in
 * `event.routeKey`, so the function looks its handler up by that key over the context's own
 * route list; access and schemas come from the declarations, so the handler, the stack and the
 * OpenAPI document cannot disagree. Each request is logged with its request id and route.
 */
export const contextHandler = <const Rs extends readonly AnyRoute[]>(routes: Rs, handlers: Handlers<Rs>) => {
  const byKey = new Map<string, (event: HttpEvent, context: Context) => Promise<HttpResult>>();
  for (const route of routes) {
    const fn = (handlers as Record<string, RouteFn<Access, unknown, unknown, unknown> | undefined>)[
      route.operationId
    ];
    if (!fn) throw new Error(`Route ${routeKey(route)} (${route.operationId}) has no handler.`);
    byKey.set(routeKey(route), handleRoute(handlerSpec(route), fn as never));
  }
  return middy<HttpEvent, HttpResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event, context) => {
      logger.appendKeys({ route: event.routeKey });
      const handle = byKey.get(event.routeKey);
      if (handle) return answerInTime(handle(event, context), event, context);
      logger.error('no handler for the route');
      return json(404, {
        error: { code: 'NOT_FOUND', message: `This function does not serve ${event.routeKey}.` },
      });
    });
};
