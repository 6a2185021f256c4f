import type { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import * as z from 'zod';
import { httpHandler, HttpEvent, ok } from '../../../functions/http/http-handler';
import {
  defineRoute,
  handlerSpec,
  ResponseBody,
  routeAccess,
  routeKey,
} from '../../../packages/api-contract/route';
import { createTender, getAuditRecord, getCheckpoint, listNotices } from './sample-routes';

/** True only when A and B are the same type; a wrong inference fails to compile. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

const event = (path: string, pathParameters: Record<string, string>, groups?: string): HttpEvent =>
  ({
    version: '2.0',
    routeKey: 'GET /audit/records/{index}',
    rawPath: path,
    headers: {},
    isBase64Encoded: false,
    pathParameters,
    requestContext: {
      requestId: 'req-1',
      authorizer: groups
        ? {
            jwt: {
              claims: { token_use: 'id', 'cognito:username': 'reg1', 'cognito:groups': groups },
              scopes: [],
            },
          }
        : undefined,
    },
  }) as unknown as HttpEvent;

const minimal = {
  operationId: 'getThing',
  method: 'GET',
  path: '/things',
  summary: 'A thing',
  access: 'public',
  responses: { 200: { description: 'The thing' } },
} as const;

describe('a declared route', () => {
  it('gives the route key API Gateway uses', () => {
    const key = routeKey(getAuditRecord);
    // The key fits the CDK's `METHOD /path` template, so the stack can serve the route as declared.
    const forCdk: `${keyof typeof HttpMethod} /${string}` = key;
    expect(forCdk).toBe('GET /audit/records/{index}');
    expect(routeKey(createTender)).toBe('POST /tenders');
  });

  it('needs a token unless it is public', () => {
    expect(routeAccess(listNotices)).toBe('public');
    expect(routeAccess(createTender)).toBe('token');
    expect(routeAccess(getAuditRecord)).toBe('token');
  });

  it('is frozen, down to its roles and responses', () => {
    expect(Object.isFrozen(getAuditRecord)).toBe(true);
    expect(Object.isFrozen(getAuditRecord.access)).toBe(true);
    expect(Object.isFrozen(getAuditRecord.request)).toBe(true);
    expect(Object.isFrozen(getAuditRecord.responses)).toBe(true);
    expect(Object.isFrozen(getAuditRecord.responses[200])).toBe(true);
    expect(() => (getAuditRecord.access as unknown as string[]).push('bidder')).toThrow(TypeError);
  });

  it('does not share its role list with the caller that declared it', () => {
    const roles: ('staff' | 'regulator')[] = ['staff'];
    const route = defineRoute({ ...minimal, access: roles });
    roles.push('regulator');
    expect(route.access).toEqual(['staff']);
  });

  it('keeps the type of every schema for z.infer', () => {
    const body: Equal<
      z.infer<typeof createTender.request.body>,
      { title: string; method: 'open' | 'designated'; lots: number; note?: string | undefined }
    > = true;
    const path: Equal<z.infer<typeof getAuditRecord.request.path>, { index: number }> = true;
    const query: Equal<
      z.input<typeof listNotices.request.query>,
      { status?: 'open' | 'closed'; page: string }
    > = true;
    const created: Equal<ResponseBody<typeof createTender, 201>, { id: string }> = true;
    const noBody: Equal<typeof getCheckpoint.request.body, undefined> = true;
    expect([body, path, query, created, noBody]).toEqual([true, true, true, true, true]);
    expect(createTender.request.body.parse({ title: 'Lot A', method: 'open', lots: 2 })).toEqual({
      title: 'Lot A',
      method: 'open',
      lots: 2,
    });
  });

  it('keeps its literal method, path and roles', () => {
    const literal: Equal<
      [typeof getAuditRecord.method, typeof getAuditRecord.path, typeof getAuditRecord.access],
      ['GET', '/audit/records/{index}', readonly ['regulator']]
    > = true;
    expect(literal).toBe(true);
  });
});

describe('declaring a route', () => {
  it('refuses a path parameter that has no schema', () => {
    expect(() => defineRoute({ ...minimal, path: '/things/{id}' })).toThrow(
      'Route GET /things/{id} (getThing): request.path declares no schema for id.',
    );
  });

  it('refuses a path schema key that the path does not have', () => {
    expect(() =>
      defineRoute({
        ...minimal,
        path: '/things/{id}',
        request: { path: z.object({ id: z.string(), x: z.string() }) },
      }),
    ).toThrow('request.path declares x, which the path does not have');
  });

  it('refuses an optional path parameter, which API Gateway never leaves out', () => {
    expect(() =>
      defineRoute({
        ...minimal,
        path: '/things/{id}',
        request: { path: z.object({ id: z.string().default('a') }) },
      }),
    ).toThrow('path parameter {id} cannot be optional');
  });

  it("refuses API Gateway's greedy parameters, which OpenAPI cannot describe", () => {
    expect(() =>
      defineRoute({ ...minimal, path: '/files/{key+}', request: { path: z.object({ key: z.string() }) } }),
    ).toThrow('path parameter {key+} must be a plain name');
  });

  it.each([['things'], ['/things/'], ['/things//x'], ['/things?x=1']])('refuses the path %s', (path) => {
    expect(() => defineRoute({ ...minimal, path })).toThrow('path must start with /');
  });

  it('refuses a body on a GET', () => {
    expect(() => defineRoute({ ...minimal, request: { body: z.object({ a: z.string() }) } })).toThrow(
      'a GET request has no body',
    );
  });

  it('refuses unknown, repeated or no roles', () => {
    expect(() => defineRoute({ ...minimal, access: ['auditor' as 'staff'] })).toThrow('unknown role auditor');
    expect(() => defineRoute({ ...minimal, access: ['staff', 'staff'] })).toThrow('lists a role twice');
    expect(() => defineRoute({ ...minimal, access: [] })).toThrow('access lists no role');
  });

  it('refuses a route that declares no success', () => {
    expect(() => defineRoute({ ...minimal, responses: { 404: { description: 'Never there' } } })).toThrow(
      'responses declare no success',
    );
  });

  it('refuses an operationId that is not an identifier', () => {
    expect(() => defineRoute({ ...minimal, operationId: 'get thing' })).toThrow(
      'operationId must be an identifier',
    );
  });
});

describe('the handler spec of a route', () => {
  const handler = httpHandler(handlerSpec(getAuditRecord), async ({ path, caller }) =>
    ok({ index: path.index, by: caller.user }),
  );
  const context = {} as never;

  it('parses the path parameter with the declared schema', async () => {
    const result = await handler(event('/audit/records/7', { index: '7' }, '[regulator]'), context);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body!)).toEqual({ index: 7, by: 'reg1' });
  });

  it('answers a path parameter that fails its schema with 400 naming it', async () => {
    const result = await handler(event('/audit/records/x', { index: 'x' }, '[regulator]'), context);
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body!).error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'path.index' });
  });

  it('refuses a role the route does not list with 403', async () => {
    const result = await handler(event('/audit/records/7', { index: '7' }, '[staff]'), context);
    expect(result.statusCode).toBe(403);
  });
});

describe('the handler input typed from a route', () => {
  it('gives a public route no caller and its parsed query', async () => {
    const handler = httpHandler(handlerSpec(listNotices), async ({ caller, query, body, path }) => {
      const types: [
        Equal<typeof caller, undefined>,
        Equal<typeof query, { status?: 'open' | 'closed' | undefined; page: number }>,
        Equal<typeof body, undefined>,
        Equal<typeof path, undefined>,
      ] = [true, true, true, true];
      return ok({ types, query, absent: [caller, body, path].every((part) => part === undefined) });
    });
    const result = await handler(
      { ...event('/notices', {}), queryStringParameters: { page: '2', status: 'open' } },
      {} as never,
    );
    expect(JSON.parse(result.body!)).toEqual({
      types: [true, true, true, true],
      query: { page: 2, status: 'open' },
      absent: true,
    });
  });

  it('gives a token route its caller and parsed body', async () => {
    const handler = httpHandler(handlerSpec(createTender), async ({ caller, body }) => {
      const types: [Equal<typeof body, z.infer<typeof createTender.request.body>>] = [true];
      return ok({ types, lots: body.lots, by: caller.role });
    });
    const result = await handler(
      {
        ...event('/tenders', {}, '[staff]'),
        body: JSON.stringify({ title: 'Lot A', method: 'open', lots: 3 }),
      },
      {} as never,
    );
    expect(JSON.parse(result.body!)).toEqual({ types: [true], lots: 3, by: 'staff' });
  });
});
