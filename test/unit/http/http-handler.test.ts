import * as z from 'zod';
import { DomainError } from '../../../packages/kernel/errors';
import { httpHandler, HttpEvent, ok } from '../../../functions/http/http-handler';

const event = (overrides: Partial<HttpEvent> & { claims?: Record<string, string> } = {}): HttpEvent =>
  ({
    version: '2.0',
    routeKey: 'POST /things',
    rawPath: '/things',
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      requestId: 'req-1',
      authorizer: overrides.claims ? { jwt: { claims: overrides.claims, scopes: [] } } : undefined,
    },
    ...overrides,
  }) as unknown as HttpEvent;

const staff = { token_use: 'id', 'cognito:username': 'staff1', 'cognito:groups': '[staff]' };
const Thing = z.object({ name: z.string().min(1), count: z.number().int().positive() });
const context = {} as never;

describe('the HTTP handler wrapper', () => {
  const handler = httpHandler({ access: ['staff'], body: Thing }, async ({ body, caller }) =>
    ok({ body, by: caller.user }),
  );

  it('passes the parsed body and the caller to the route', async () => {
    const result = await handler(
      event({ claims: staff, body: JSON.stringify({ name: 'a', count: 2 }) }),
      context,
    );
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body!)).toEqual({ body: { name: 'a', count: 2 }, by: 'staff1' });
  });

  it('answers a bad body with 400 naming every field and its rule', async () => {
    const result = await handler(
      event({ claims: staff, body: JSON.stringify({ name: '', count: -1 }) }),
      context,
    );
    expect(result.statusCode).toBe(400);
    const { error } = JSON.parse(result.body!);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.field).toBe('body.name');
    expect(error.issues.map((i: { field: string }) => i.field)).toEqual(['body.name', 'body.count']);
  });

  it('answers a body that is not JSON with 400', async () => {
    const result = await handler(event({ claims: staff, body: '{oops' }), context);
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body!).error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body' });
  });

  it('answers a caller of the wrong role with 403', async () => {
    const result = await handler(
      event({ claims: { ...staff, 'cognito:groups': '[regulator]' }, body: '{}' }),
      context,
    );
    expect(result.statusCode).toBe(403);
  });

  it('maps a domain error to its status with its code, message and rule', async () => {
    const refusing = httpHandler({ access: 'public' }, async () => {
      throw new DomainError('RULE_VIOLATED', 'The bid deadline must be at least 20 days after issue.', {
        rule: '法24',
        field: 'bidDeadline',
      });
    });
    const result = await refusing(event(), context);
    expect(result.statusCode).toBe(422);
    expect(JSON.parse(result.body!)).toEqual({
      error: {
        code: 'RULE_VIOLATED',
        message: 'The bid deadline must be at least 20 days after issue.',
        rule: '法24',
        field: 'bidDeadline',
      },
    });
  });

  it('answers an error of unknown outcome with a retryable 503, without revealing it', async () => {
    const crashing = httpHandler({ access: 'public' }, async () => {
      throw new Error('secret internals');
    });
    const result = await crashing(event(), context);
    expect(result.statusCode).toBe(503);
    expect(result.headers).toMatchObject({ 'retry-after': '2' });
    expect(JSON.parse(result.body!).error.code).toBe('UNAVAILABLE');
    expect(result.body).not.toContain('secret');
    expect(result.body).toContain('req-1');
  });

  it('refuses a malformed Idempotency-Key, naming the header', async () => {
    const handler = httpHandler({ access: 'public' }, async () => ok({}));
    const result = await handler(event({ headers: { 'idempotency-key': 'no spaces allowed' } }), context);
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body!).error).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'Idempotency-Key',
    });
  });
});
