/** Routes declared once (method, path, access, zod schemas, responses) and the OpenAPI document made from them. */
export { openApiDocument } from './openapi';
export { defineRoute, handlerSpec, IDEMPOTENCY_KEY_PATTERN, mutates, routeAccess, routeKey } from './route';
export type { AnyRoute, Method, ParamsSchema, Responses, Route } from './route';
