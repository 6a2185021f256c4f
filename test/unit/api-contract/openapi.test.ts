import * as z from 'zod';
import { OpenApiDocument, openApiDocument } from '../../../packages/api-contract/openapi';
import { AnyRoute, defineRoute } from '../../../packages/api-contract/route';
import { createTender, getAuditRecord, getCheckpoint, listNotices, sampleRoutes } from './sample-routes';
import { structuralProblems } from './structural-check';

const info = { title: 'Sunlit', version: '1.0.0', description: 'Public-resource trading' };
const documentOf = (routes: readonly AnyRoute[] = sampleRoutes) => openApiDocument(routes, info);

const operationOf = (document: OpenApiDocument, path: string, method: 'get' | 'post' | 'put') => {
  const operation = document.paths[path]?.[method];
  if (!operation) throw new Error(`the document has no ${method} ${path}`);
  return operation;
};

const errorRef = { $ref: '#/components/schemas/Error' };

/** A public GET route answering 200 with `schema`. */
const route = (operationId: string, path: string, schema: z.ZodType) =>
  defineRoute({
    operationId,
    method: 'GET',
    path,
    summary: operationId,
    access: 'public',
    responses: { 200: { description: 'ok', schema } },
  });

describe('the OpenAPI document', () => {
  it('passes the structural check', () => {
    const document = documentOf();
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toEqual(info);
    expect(structuralProblems(JSON.parse(JSON.stringify(document)))).toEqual([]);
  });

  it('gives a public query route one parameter per key, with its schema, required flag and description', () => {
    const operation = operationOf(documentOf(), '/notices', 'get');
    expect(operation).toMatchObject({
      operationId: 'listNotices',
      summary: 'Published notices, newest first',
    });
    expect(operation.tags).toEqual(['notices']);
    expect(operation.parameters).toEqual([
      {
        name: 'status',
        in: 'query',
        required: false,
        description: 'Only notices in this state.',
        schema: { type: 'string', enum: ['open', 'closed'] },
      },
      {
        name: 'page',
        in: 'query',
        required: true,
        description: 'The page to read, from 0.',
        // The query arrives as text: the document shows the string the client sends, not the parsed number.
        schema: { type: 'string', pattern: '^(0|[1-9][0-9]{0,14})$' },
      },
    ]);
    expect(operation.requestBody).toBeUndefined();
  });

  it('requires a bearer token only on token routes, and names the roles each accepts', () => {
    const document = documentOf();
    expect(operationOf(document, '/tenders', 'post')).toMatchObject({
      security: [{ bearerAuth: [] }],
      'x-sunlit-roles': ['staff'],
    });
    expect(operationOf(document, '/audit/records/{index}', 'get')).toMatchObject({
      security: [{ bearerAuth: [] }],
      'x-sunlit-roles': ['regulator'],
    });
    for (const operation of [
      operationOf(document, '/notices', 'get'),
      operationOf(document, '/audit/checkpoint', 'get'),
    ]) {
      expect(operation).not.toHaveProperty('security');
      expect(operation).not.toHaveProperty('x-sunlit-roles');
    }
    expect(document.components.securitySchemes).toEqual({
      bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
    });
  });

  it('declares no security scheme when every route is public', () => {
    const document = documentOf([listNotices, getCheckpoint]);
    expect(document.components).not.toHaveProperty('securitySchemes');
    expect(Object.keys(document.components.schemas)).toEqual(['Error', 'GatewayInternalError']);
  });

  it('carries the constraints of the body into the request body schema', () => {
    expect(operationOf(documentOf(), '/tenders', 'post').requestBody).toEqual({
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: {
              title: { type: 'string', minLength: 3, maxLength: 200 },
              method: { type: 'string', enum: ['open', 'designated'] },
              lots: { type: 'integer', minimum: 1, maximum: 50 },
              note: { type: 'string' },
            },
            required: ['title', 'method', 'lots'],
          },
        },
      },
    });
  });

  it.each([
    ['optional', z.object({ reason: z.string() }).optional()],
    ['defaulted', z.object({ reason: z.string() }).default({ reason: 'none' })],
  ])('marks the body not required when its schema is %s', (_kind, body) => {
    const route = defineRoute({
      operationId: 'touchThing',
      method: 'POST',
      path: '/things',
      summary: 'Touches a thing',
      access: ['staff'],
      request: { body },
      responses: { 204: { description: 'Touched' } },
    });
    expect(operationOf(documentOf([route]), '/things', 'post').requestBody?.required).toBe(false);
  });

  it('declares a path parameter as required, with its schema and description', () => {
    expect(operationOf(documentOf(), '/audit/records/{index}', 'get').parameters).toEqual([
      {
        name: 'index',
        in: 'path',
        required: true,
        description: 'The entry index in the log.',
        schema: { type: 'string', pattern: '^(0|[1-9][0-9]{0,14})$' },
      },
    ]);
  });

  it('lists path parameters in the order of the template, then the query', () => {
    const route = defineRoute({
      operationId: 'getLotBid',
      method: 'GET',
      path: '/tenders/{tenderId}/lots/{lot}',
      summary: 'A bid on a lot',
      access: ['bidder'],
      request: {
        path: z.object({ lot: z.string(), tenderId: z.string() }),
        query: z.object({ version: z.string().optional() }),
      },
      responses: { 200: { description: 'The bid' } },
    });
    const parameters = operationOf(documentOf([route]), '/tenders/{tenderId}/lots/{lot}', 'get').parameters;
    expect(parameters?.map((p) => `${p.in} ${p.name}`)).toEqual([
      'path tenderId',
      'path lot',
      'query version',
    ]);
  });

  it('adds the error responses a route implies: 400 with input, 401 and 403 with a token, 404 with a path', () => {
    const document = documentOf();
    const statuses = (path: string, method: 'get' | 'post') =>
      Object.keys(operationOf(document, path, method).responses);
    expect(statuses('/audit/checkpoint', 'get')).toEqual(['200', '500', '503']);
    expect(statuses('/notices', 'get')).toEqual(['200', '400', '500', '503']);
    expect(statuses('/tenders', 'post')).toEqual(['201', '400', '401', '403', '422', '500', '503']);
    expect(statuses('/audit/records/{index}', 'get')).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '500',
      '503',
    ]);
  });

  it("describes the implied errors with the shared Error body, and 401 and 500 with API Gateway's too", () => {
    const responses = operationOf(documentOf(), '/audit/records/{index}', 'get').responses;
    const schemaOf = (status: string) => responses[status]?.content?.['application/json']?.schema;
    expect(schemaOf('400')).toEqual(errorRef);
    expect(schemaOf('403')).toEqual(errorRef);
    expect(schemaOf('404')).toEqual(errorRef);
    expect(schemaOf('401')).toEqual({
      anyOf: [errorRef, { $ref: '#/components/schemas/GatewayUnauthorized' }],
    });
    expect(schemaOf('500')).toEqual({
      anyOf: [errorRef, { $ref: '#/components/schemas/GatewayInternalError' }],
    });
    expect(responses['403']?.description).toContain('Only regulator tokens');
  });

  it('keeps a documented 422 with its own description and the Error body', () => {
    expect(operationOf(documentOf(), '/tenders', 'post').responses['422']).toEqual({
      description: 'The schedule breaks a rule of the ordinance; `rule` names it.',
      content: { 'application/json': { schema: errorRef } },
    });
  });

  it('lets a route reword an implied error and keep its body', () => {
    const route = defineRoute({
      ...getAuditRecord,
      responses: { ...getAuditRecord.responses, 404: { description: 'No entry has this index yet.' } },
    });
    expect(operationOf(documentOf([route]), '/audit/records/{index}', 'get').responses['404']).toEqual({
      description: 'No entry has this index yet.',
      content: { 'application/json': { schema: errorRef } },
    });
  });

  it('declares the Idempotency-Key header on every route that changes something, and on no other', () => {
    const document = documentOf();
    const headers = (path: string, method: 'get' | 'post') =>
      (operationOf(document, path, method).parameters ?? [])
        .filter((p) => p.in === 'header')
        .map((p) => p.name);
    expect(headers('/tenders', 'post')).toEqual(['Idempotency-Key']);
    expect(headers('/notices', 'get')).toEqual([]);
  });

  it('holds one Error schema whose code lists every DomainError code', () => {
    const error = documentOf().components.schemas.Error;
    expect(error).toMatchObject({
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          required: ['code', 'message'],
          properties: {
            code: {
              type: 'string',
              enum: [
                'VALIDATION_FAILED',
                'UNAUTHENTICATED',
                'FORBIDDEN',
                'NOT_FOUND',
                'CONFLICT',
                'RULE_VIOLATED',
                'DEADLINE_PASSED',
                'UNAVAILABLE',
                'INTERNAL',
              ],
            },
            field: { type: 'string' },
            rule: { type: 'string' },
            issues: { type: 'array' },
          },
        },
      },
    });
  });

  it('describes a response with its own content type', () => {
    expect(operationOf(documentOf(), '/audit/checkpoint', 'get').responses['200']).toEqual({
      description: 'A C2SP signed note',
      content: { 'text/plain': { schema: { type: 'string' } } },
    });
  });

  it('does not promise that a response has no other keys, unless its schema is strict', () => {
    const document = documentOf([
      route('plain', '/plain', z.object({ a: z.string() })),
      route('strict', '/strict', z.strictObject({ a: z.string() })),
    ]);
    const schemaOf = (path: string) =>
      operationOf(document, path, 'get').responses['200']?.content?.['application/json']?.schema;
    expect(schemaOf('/plain')).not.toHaveProperty('additionalProperties');
    expect(schemaOf('/strict')).toHaveProperty('additionalProperties', false);
  });

  it('sorts operations by path, then method', () => {
    const updateTender = defineRoute({
      operationId: 'updateTender',
      method: 'PUT',
      path: '/tenders',
      summary: 'Replaces a tender',
      access: ['staff'],
      request: { body: z.object({ title: z.string() }) },
      responses: { 200: { description: 'Replaced' } },
    });
    const document = documentOf([updateTender, getCheckpoint, createTender, listNotices, getAuditRecord]);
    const order = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
    expect(order).toEqual([
      'get /audit/checkpoint',
      'get /audit/records/{index}',
      'get /notices',
      'post /tenders',
      'put /tenders',
    ]);
  });

  it('gives byte-identical JSON for the same routes, in whatever order they come', () => {
    const first = JSON.stringify(documentOf(sampleRoutes));
    const again = JSON.stringify(documentOf(sampleRoutes));
    const reversed = JSON.stringify(documentOf([...sampleRoutes].reverse()));
    expect(again).toBe(first);
    expect(reversed).toBe(first);
  });
});

describe('named schemas in the OpenAPI document', () => {
  const Money = z
    .object({ amount: z.string().regex(/^\d+$/), currency: z.literal('JPY') })
    .meta({ id: 'Money', description: 'An amount in yen' });

  it('lifts a schema named with .meta({ id }) into components and points every use at it', () => {
    const route = defineRoute({
      operationId: 'placeBid',
      method: 'POST',
      path: '/bids',
      summary: 'Places a bid',
      access: ['bidder'],
      request: { body: z.object({ price: Money, deposit: Money }) },
      responses: { 201: { description: 'Placed', schema: z.object({ price: Money }) } },
    });
    const document = documentOf([route]);
    const operation = operationOf(document, '/bids', 'post');
    expect(operation.requestBody?.content['application/json']?.schema).toMatchObject({
      properties: {
        price: { $ref: '#/components/schemas/Money' },
        deposit: { $ref: '#/components/schemas/Money' },
      },
    });
    expect(document.components.schemas.Money).toMatchObject({
      description: 'An amount in yen',
      type: 'object',
    });
    expect(JSON.stringify(document)).not.toContain('$defs');
    expect(structuralProblems(JSON.parse(JSON.stringify(document)))).toEqual([]);
  });

  it('names a recursive schema once, in components', () => {
    const Section = z
      .object({
        title: z.string(),
        get sections(): z.ZodArray<typeof Section> {
          return z.array(Section);
        },
      })
      .meta({ id: 'Section' });
    const route = defineRoute({
      operationId: 'getSpecification',
      method: 'GET',
      path: '/specification',
      summary: 'The specification',
      access: 'public',
      responses: { 200: { description: 'Its sections', schema: Section } },
    });
    const document = documentOf([route]);
    expect(document.components.schemas.Section).toMatchObject({
      properties: { sections: { type: 'array', items: { $ref: '#/components/schemas/Section' } } },
    });
    expect(structuralProblems(JSON.parse(JSON.stringify(document)))).toEqual([]);
  });

  it('names a recursive schema without an id after its route', () => {
    const Node = z.object({
      label: z.string(),
      get children(): z.ZodArray<typeof Node> {
        return z.array(Node);
      },
    });
    const tree = (operationId: string, path: string) =>
      defineRoute({
        operationId,
        method: 'GET',
        path,
        summary: 'A tree',
        access: 'public',
        responses: { 200: { description: 'The tree', schema: z.object({ root: Node, spare: Node }) } },
      });
    const document = documentOf([tree('getTree', '/tree'), tree('getOtherTree', '/other-tree')]);
    const schemaOf = (path: string) =>
      operationOf(document, path, 'get').responses['200']?.content?.['application/json']?.schema;
    // Both routes and both uses share one component: the first route in path order names it.
    const ref = { $ref: '#/components/schemas/GetOtherTreeResponse200_1' };
    expect(schemaOf('/tree')).toMatchObject({ properties: { root: ref, spare: ref } });
    expect(schemaOf('/other-tree')).toMatchObject({ properties: { root: ref, spare: ref } });
    expect(document.components.schemas.GetOtherTreeResponse200_1).toMatchObject({
      properties: { children: { type: 'array', items: ref } },
    });
    expect(structuralProblems(JSON.parse(JSON.stringify(document)))).toEqual([]);
  });

  it('describes every z.json() as one JsonValue schema, even as a whole response', () => {
    const route = defineRoute({
      operationId: 'putSettings',
      method: 'PUT',
      path: '/settings',
      summary: 'Replaces the settings',
      access: ['staff'],
      request: { body: z.object({ data: z.record(z.string(), z.json()), extra: z.json() }) },
      responses: { 200: { description: 'The settings', schema: z.json() } },
    });
    const document = documentOf([route]);
    const operation = operationOf(document, '/settings', 'put');
    const jsonValue = { $ref: '#/components/schemas/JsonValue' };
    expect(operation.requestBody?.content['application/json']?.schema).toMatchObject({
      properties: { data: { additionalProperties: jsonValue }, extra: jsonValue },
    });
    expect(operation.responses['200']?.content?.['application/json']?.schema).toEqual(jsonValue);
    expect(document.components.schemas.JsonValue).toMatchObject({
      anyOf: expect.arrayContaining([{ type: 'array', items: jsonValue }]),
    });
    expect(JSON.stringify(document)).not.toMatch(/\$defs|__schema|"#"/);
    expect(structuralProblems(JSON.parse(JSON.stringify(document)))).toEqual([]);
  });

  it('refuses two different schemas with one id', () => {
    const document = () =>
      documentOf([
        route('getA', '/a', z.object({ a: z.string() }).meta({ id: 'Thing' })),
        route('getB', '/b', z.object({ b: z.string() }).meta({ id: 'Thing' })),
      ]);
    expect(document).toThrow('GET /b response 200: two different schemas are named "Thing"');
  });

  it("refuses a route's schema that takes the name of the shared Error schema", () => {
    const route = defineRoute({
      ...getCheckpoint,
      responses: { 200: { description: 'ok', schema: z.object({ oops: z.string() }).meta({ id: 'Error' }) } },
    });
    expect(() => documentOf([route])).toThrow('two different schemas are named "Error"');
  });
});

describe('generating the OpenAPI document', () => {
  it('refuses two routes with one operationId', () => {
    const twin = defineRoute({ ...getCheckpoint, path: '/audit/checkpoint-again' });
    expect(() => documentOf([getCheckpoint, twin])).toThrow(
      'Two routes share the operationId getCheckpoint: getCheckpoint and getCheckpoint.',
    );
  });

  it('refuses two routes with one method and path', () => {
    const twin = defineRoute({ ...getCheckpoint, operationId: 'getCheckpointAgain' });
    expect(() => documentOf([getCheckpoint, twin])).toThrow(
      'Two routes share the route GET /audit/checkpoint',
    );
  });

  it('names the route whose schema has no JSON Schema form', () => {
    const route = defineRoute({
      operationId: 'getClock',
      method: 'GET',
      path: '/clock',
      summary: 'The time',
      access: 'public',
      responses: { 200: { description: 'Now', schema: z.object({ now: z.date() }) } },
    });
    expect(() => documentOf([route])).toThrow('GET /clock response 200: the schema has no JSON Schema form');
  });
});

describe('the structural check', () => {
  const broken = (change: (document: Record<string, unknown>) => void): string[] => {
    const document = JSON.parse(JSON.stringify(documentOf())) as Record<string, unknown>;
    change(document);
    return structuralProblems(document);
  };
  const record = (document: Record<string, unknown>) =>
    (document.paths as Record<string, Record<string, Record<string, unknown>>>)['/audit/records/{index}']!
      .get!;

  it('catches a version other than 3.1.0', () => {
    expect(broken((d) => (d.openapi = '3.0.3'))).toEqual(['openapi is 3.0.3, not 3.1.0']);
  });

  it('catches a path parameter that is not declared, or not required', () => {
    expect(broken((d) => (record(d).parameters = []))).toEqual([
      'GET /audit/records/{index} does not declare its path parameter index',
    ]);
    expect(broken((d) => ((record(d).parameters as { required: boolean }[])[0]!.required = false))).toEqual([
      'GET /audit/records/{index} does not require its path parameter index',
    ]);
  });

  it('catches a reference that does not resolve', () => {
    expect(
      broken((d) => delete (d.components as { schemas: Record<string, unknown> }).schemas.Error),
    ).toContain(
      '#/paths/~1audit~1checkpoint/get/responses/500/content/application~1json/schema/anyOf/0 refers to #/components/schemas/Error, which does not resolve',
    );
  });

  it('catches a repeated operationId', () => {
    expect(broken((d) => (record(d).operationId = 'listNotices'))).toEqual([
      'GET /notices reuses operationId listNotices of GET /audit/records/{index}',
    ]);
  });
});
