import * as z from 'zod';
import { Role } from '../kernel';

/**
 * A route declared once: the handler parses with its schemas (`handlerSpec`), the CDK
 * stack serves it (`routeKey`, `routeAccess`) and the OpenAPI document describes it
 * (`openApiDocument` in ./openapi). This file imports only zod so that a Lambda bundle
 * which imports its route does not carry the document generator.
 */

/** The methods a route may use; `ANY` is left out because OpenAPI cannot describe it. */
export const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type Method = (typeof methods)[number];

/** `public`, or the roles whose token may call the route. */
export type Access = 'public' | readonly Role[];

/** Path parameters and query strings arrive as string maps, so both are zod objects. */
export type ParamsSchema = z.ZodObject<z.ZodRawShape, z.core.$ZodObjectConfig>;

export interface ResponseSpec {
  description: string;
  /** The body; absent for a response without one. Error statuses default to the shared Error body. */
  schema?: z.ZodType;
  /** Defaults to `application/json`. */
  contentType?: string;
}

export type Responses = Readonly<Record<number, ResponseSpec>>;

export interface RequestSpec<
  P extends ParamsSchema | undefined,
  Q extends ParamsSchema | undefined,
  B extends z.ZodType | undefined,
> {
  /** One key per `{name}` in the path template, no more, no fewer. */
  path?: P;
  query?: Q;
  /** The JSON body; optional in the request when the schema accepts `undefined`. */
  body?: B;
}

export interface RouteDefinition<
  M extends Method,
  T extends string,
  A extends Access,
  P extends ParamsSchema | undefined,
  Q extends ParamsSchema | undefined,
  B extends z.ZodType | undefined,
  R extends Responses,
  O extends string = string,
> {
  /** Unique across the API; also the name clients generate for the call, and its handler's key. */
  operationId: O;
  method: M;
  /** The URL template as API Gateway and OpenAPI write it: `/tenders/{id}`. */
  path: T;
  summary: string;
  description?: string;
  tags?: readonly string[];
  access: A;
  request?: RequestSpec<P, Q, B>;
  /** The responses the route itself returns; the error responses its access and inputs imply are added by the document. */
  responses: R;
  /**
   * API Gateway's own limit for this route, tighter than the stage's: for routes where every
   * accepted call is a permanent public record (an objection), requests per second and burst.
   */
  throttle?: Throttle;
}

export interface Throttle {
  rate: number;
  burst: number;
}

/** A declared route: frozen, with every schema's type kept for `z.infer`. */
export interface Route<
  M extends Method = Method,
  T extends string = string,
  A extends Access = Access,
  P extends ParamsSchema | undefined = ParamsSchema | undefined,
  Q extends ParamsSchema | undefined = ParamsSchema | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends Responses = Responses,
  O extends string = string,
> {
  readonly operationId: O;
  readonly method: M;
  readonly path: T;
  readonly summary: string;
  readonly description: string | undefined;
  readonly tags: readonly string[];
  readonly access: A;
  readonly request: { readonly path: P; readonly query: Q; readonly body: B };
  readonly responses: R;
  readonly throttle: Throttle | undefined;
}

/** Any declared route, whatever its schemas. */
export type AnyRoute = Route;

/** The names of the `{name}` parameters in a path template, in order. */
export const pathParameterNames = (path: string): string[] =>
  [...path.matchAll(/\{([^}]*)\}/g)].map((match) => match[1] ?? '');

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

type LooseDefinition = RouteDefinition<
  Method,
  string,
  Access,
  ParamsSchema | undefined,
  ParamsSchema | undefined,
  z.ZodType | undefined,
  Responses
>;

/** Throws unless the route can be served by API Gateway and described by OpenAPI as declared. */
const check = (definition: LooseDefinition): void => {
  const where = `${definition.method} ${definition.path}`;
  const fail = (problem: string): never => {
    throw new Error(`Route ${where} (${definition.operationId}): ${problem}`);
  };
  if (!identifier.test(definition.operationId)) fail('operationId must be an identifier such as getTender.');
  if (!methods.includes(definition.method)) fail(`method must be one of ${methods.join(', ')}.`);
  if (!/^\/([^/\s?#]+(\/[^/\s?#]+)*)?$/.test(definition.path)) {
    fail('path must start with / and have no empty segment, trailing slash, query or fragment.');
  }
  const names = pathParameterNames(definition.path);
  for (const name of names) {
    // API Gateway's greedy `{name+}` has no OpenAPI equivalent.
    if (!identifier.test(name)) fail(`path parameter {${name}} must be a plain name.`);
  }
  if (new Set(names).size !== names.length) fail('a path parameter appears twice.');
  const declared = Object.keys(definition.request?.path?.shape ?? {});
  const missing = names.filter((name) => !declared.includes(name));
  const extra = declared.filter((name) => !names.includes(name));
  if (missing.length > 0) fail(`request.path declares no schema for ${missing.join(', ')}.`);
  if (extra.length > 0) fail(`request.path declares ${extra.join(', ')}, which the path does not have.`);
  for (const [name, schema] of Object.entries(definition.request?.path?.shape ?? {})) {
    // API Gateway matches the route only when every segment is there.
    if (schema._zod.optin !== undefined) fail(`path parameter {${name}} cannot be optional.`);
  }
  if (definition.request?.body && (definition.method === 'GET' || definition.method === 'HEAD')) {
    fail(`a ${definition.method} request has no body.`);
  }
  if (definition.access !== 'public') {
    if (definition.access.length === 0)
      fail("access lists no role; use 'public' for a route without a token.");
    for (const role of definition.access) {
      if (!Role.safeParse(role).success) fail(`access names the unknown role ${String(role)}.`);
    }
    if (new Set(definition.access).size !== definition.access.length) fail('access lists a role twice.');
  }
  const statuses = Object.keys(definition.responses).map(Number);
  for (const status of statuses) {
    if (!Number.isInteger(status) || status < 100 || status > 599)
      fail(`response ${status} is no HTTP status.`);
  }
  if (!statuses.some((status) => status < 400)) fail('responses declare no success.');
};

/**
 * Declares a route once. Throws at declaration time, so in the unit tests and at synth,
 * when the path template and the path schema disagree or the route is otherwise one API
 * Gateway or OpenAPI cannot take.
 *
 * @example
 * export const getTender = defineRoute({
 *   operationId: 'getTender',
 *   method: 'GET',
 *   path: '/tenders/{id}',
 *   summary: 'A tender',
 *   access: ['staff'],
 *   request: { path: z.object({ id: TenderId }) },
 *   responses: { 200: { description: 'The tender', schema: Tender } },
 * });
 */
export const defineRoute = <
  const M extends Method,
  const T extends string,
  const A extends Access,
  const R extends Responses,
  const O extends string,
  P extends ParamsSchema | undefined = undefined,
  Q extends ParamsSchema | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(
  definition: RouteDefinition<M, T, A, P, Q, B, R, O>,
): Route<M, T, A, P, Q, B, R, O> => {
  check(definition);
  const responses = Object.fromEntries(
    Object.entries(definition.responses).map(([status, response]) => [
      status,
      Object.freeze({ ...response }),
    ]),
  );
  return Object.freeze({
    operationId: definition.operationId,
    method: definition.method,
    path: definition.path,
    summary: definition.summary,
    description: definition.description,
    tags: Object.freeze([...(definition.tags ?? [])]),
    access: (definition.access === 'public' ? 'public' : Object.freeze([...definition.access])) as A,
    // Schemas are shared and left as they are: freezing a zod schema breaks its lazy caches.
    request: Object.freeze({
      path: definition.request?.path as P,
      query: definition.request?.query as Q,
      body: definition.request?.body as B,
    }),
    responses: Object.freeze(responses) as unknown as R,
    throttle: definition.throttle,
  });
};

/** `GET /tenders/{id}`: the route key API Gateway and the access logs use. */
export const routeKey = <M extends Method, T extends string>(route: Route<M, T>): `${M} ${T}` =>
  `${route.method} ${route.path}`;

/** Whether API Gateway must check a token before the route's function runs. */
export const routeAccess = (route: AnyRoute): 'public' | 'token' =>
  route.access === 'public' ? 'public' : 'token';

/** Whether the route changes something, and so takes an `Idempotency-Key`. */
export const mutates = (route: AnyRoute): boolean =>
  ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method);

/** What an `Idempotency-Key` may be: a client's own token for one logical request. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{1,255}$/;

/** Whether the route has a path, query or body schema, and so can answer 400. */
export const hasInput = (route: AnyRoute): boolean =>
  route.request.path !== undefined || route.request.query !== undefined || route.request.body !== undefined;

/** An absent schema as `httpHandler` reads it: a part that is always `undefined`. */
type Part<S> = S extends z.ZodType ? S : z.ZodUndefined;

/**
 * The parts `httpHandler` parses with, so the handler uses the declared schemas:
 * `export const handler = httpHandler(handlerSpec(getTender), async ({ path }) => …)`.
 */
export const handlerSpec = <
  A extends Access,
  P extends ParamsSchema | undefined,
  Q extends ParamsSchema | undefined,
  B extends z.ZodType | undefined,
>(
  route: Route<Method, string, A, P, Q, B, Responses>,
): { access: A; path?: Part<P>; query?: Part<Q>; body?: Part<B> } => ({
  access: route.access,
  path: route.request.path as Part<P> | undefined,
  query: route.request.query as Part<Q> | undefined,
  body: route.request.body as Part<B> | undefined,
});

/** The type a response's schema produces, for handlers that want to type what they return. */
export type ResponseBody<R extends AnyRoute, S extends keyof R['responses']> = R['responses'][S] extends {
  schema: infer Schema extends z.ZodType;
}
  ? z.output<Schema>
  : undefined;
