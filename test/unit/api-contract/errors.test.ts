import * as z from 'zod';
import { httpHandler, HttpEvent, ok } from '../../../functions/http/http-handler';
import {
  ErrorBody,
  ErrorCode,
  GatewayInternalError,
  GatewayNotFound,
  GatewayUnauthorized,
} from '../../../packages/api-contract/errors';
import { DomainError, httpStatusOf } from '../../../packages/kernel/errors';

describe('the error body', () => {
  it('accepts what a DomainError with every detail turns into', () => {
    const error = new DomainError('RULE_VIOLATED', 'The bid deadline is too close.', {
      field: 'schedule.bidDeadline',
      rule: '法24',
      issues: [{ field: 'schedule.bidDeadline', message: 'too close' }],
    });
    expect(ErrorBody.safeParse(JSON.parse(JSON.stringify({ error }))).success).toBe(true);
  });

  it('knows exactly the codes the HTTP status mapper knows', () => {
    const statuses = ErrorCode.options.map((code) => httpStatusOf(new DomainError(code, 'x')));
    expect(statuses.every((status) => Number.isInteger(status))).toBe(true);
    expect(ErrorCode.options).toHaveLength(new Set(ErrorCode.options).size);
  });

  it('refuses a code DomainError does not have', () => {
    expect(ErrorBody.safeParse({ error: { code: 'TEAPOT', message: 'x' } }).success).toBe(false);
  });

  it('describes the 400 the handler wrapper writes for a bad body', async () => {
    const handler = httpHandler({ access: 'public', body: z.object({ name: z.string().min(1) }) }, async () =>
      ok({}),
    );
    const event = {
      requestContext: { requestId: 'req-1' },
      isBase64Encoded: false,
      body: JSON.stringify({ name: '' }),
    } as unknown as HttpEvent;
    const result = await handler(event, {} as never);
    expect(result.statusCode).toBe(400);
    expect(ErrorBody.parse(JSON.parse(result.body!)).error.issues?.[0]?.field).toBe('body.name');
  });
});

describe("API Gateway's own error bodies", () => {
  it.each([
    ['401', GatewayUnauthorized, 'Unauthorized'],
    ['404', GatewayNotFound, 'Not Found'],
    ['500', GatewayInternalError, 'Internal Server Error'],
  ])('match the %s body word for word', (_status, schema, message) => {
    expect(schema.safeParse({ message }).success).toBe(true);
    expect(schema.safeParse({ message: message.toLowerCase() }).success).toBe(false);
  });
});
