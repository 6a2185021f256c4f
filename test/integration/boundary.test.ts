import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, importJWK, JWK, SignJWT } from 'jose';
import { httpLogClient } from '../../packages/audit-log/http-log-client';
import { allRoutes } from '../../packages/api-catalog';
import { callApi, stackInfo, tokenFor } from '../support/local-stack';
import { hostileStrings, inputSchema, stringFields } from '../support/hostile-input';
import { allows, placeholderPath } from '../support/route-calls';
import { startStackProcess, StackProcess } from '../support/stack-process';

/** One demo user per role. */
const users = { staff: 'staff2', regulator: 'regulator2', bidder: 'bidder5' } as const;
type Role = keyof typeof users;
type AnyRoute = (typeof allRoutes)[number];

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Tokens API Gateway's JWT authorizer must refuse, each made from a real one: its payload changed
 * under the old signature, signed by another key under the issuer's key id, unsigned (`alg: none`),
 * and signed by the issuer's own key but expired or for another audience.
 */
const badTokens = async (real: string, dataDir: string): Promise<Record<string, string>> => {
  const [header, , signature] = real.split('.');
  const claims = decodeJwt(real);
  const { kid } = decodeProtectedHeader(real);
  const issuerKey = await importJWK(
    JSON.parse(readFileSync(path.join(dataDir, 'issuer-key.json'), 'utf8')) as JWK,
    'ES256',
  );
  const signWith = (key: Parameters<SignJWT['sign']>[0], changes: object) =>
    new SignJWT({ ...claims, ...changes }).setProtectedHeader({ alg: 'ES256', kid }).sign(key);
  const now = Math.floor(Date.now() / 1000);
  return {
    'a forged signature': `${header}.${base64url({ ...claims, 'cognito:groups': ['regulator', 'staff'] })}.${signature}`,
    'another key': await signWith((await generateKeyPair('ES256')).privateKey, {}),
    'alg none': `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`,
    'an expired token': await signWith(issuerKey, { iat: now - 7200, exp: now - 3600 }),
    'a wrong audience': await signWith(issuerKey, { aud: 'another-app' }),
  };
};

/**
 * The API's boundary, on a stack of its own so that nothing else writes while it is probed: who
 * may call what, and what a hostile body gets. Neither writes a single audit entry.
 */
describe('the boundary of the API', () => {
  let stack: StackProcess;
  let tokens: Record<Role, string>;
  let logSizeBefore: number;
  const logSize = async () => Number((await httpLogClient(stack.info.api).checkpoint()).split('\n')[1]);

  beforeAll(async () => {
    stack = await startStackProcess({ assembly: stackInfo().assemblyDir });
    logSizeBefore = await logSize();
    tokens = Object.fromEntries(
      await Promise.all(
        Object.entries(users).map(async ([role, user]) => [role, await tokenFor(user, stack.info)]),
      ),
    ) as Record<Role, string>;
  }, 180_000);

  afterAll(() => stack?.stop());

  const call = (route: AnyRoute, token: string | undefined, body?: unknown) =>
    callApi(placeholderPath(route), {
      info: stack.info,
      method: route.method,
      token,
      body: route.method === 'GET' ? undefined : (body ?? {}),
    });

  /**
   * Every route of the catalog against every kind of caller: nobody, each role, and every kind of
   * bad token. The answer follows the route's declared access and nothing else.
   */
  describe('the authorization matrix, generated from the route catalog', () => {
    let bad: Record<string, string>;
    beforeAll(async () => {
      bad = await badTokens(tokens.staff, stack.info.dataDir);
    });

    it.each(allRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
      '%s answers by its declared access',
      async (_, route) => {
        const callers: [string, string | undefined][] = [
          ['nobody', undefined],
          ...(Object.keys(users) as Role[]).map((role): [string, string] => [role, tokens[role]]),
          ...Object.entries(bad),
        ];
        const seen: Record<string, string | number> = {};
        const expected: Record<string, string | number> = {};
        for (const [kind, token] of callers) {
          const { status } = await call(route, token);
          seen[kind] =
            status === 401 || status === 403 ? status : status >= 500 ? `error ${status}` : 'through';
          const role = kind in users ? kind : undefined;
          // A public route has no authorizer: any token, good or bad, is not looked at.
          expected[kind] = route.access === 'public' || allows(route, role) ? 'through' : role ? 403 : 401;
        }
        expect(seen).toEqual(expected);
      },
    );
  });

  /**
   * Bodies built from each route's own schema, every one with a hostile value somewhere: each
   * answer is a 4xx naming the field (400) or the record (404), never a 5xx.
   */
  describe('hostile bodies, generated from each route schema', () => {
    /** The top-level property names of a body schema, through the members of a union (`oneOf`, `anyOf`). */
    const propertiesOf = (schema: object): string[] => {
      const {
        properties = {},
        oneOf = [],
        anyOf = [],
      } = schema as {
        properties?: object;
        oneOf?: object[];
        anyOf?: object[];
      };
      return [...Object.keys(properties), ...[...oneOf, ...anyOf].flatMap(propertiesOf)];
    };
    const hostile = fc.constantFrom(...Object.values(hostileStrings));
    const anyValue = fc.oneof(
      hostile,
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.double(),
      fc.integer(),
      fc.constant(null),
      fc.boolean(),
      fc.array(hostile, { minLength: 1, maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 8 }), hostile, { minKeys: 1, maxKeys: 3 }),
    );
    const routes = allRoutes.filter((route) => route.request.body !== undefined && route.access !== 'public');

    it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))(
      '%s answers 4xx naming the field',
      async (_, route) => {
        const schema = inputSchema(route.request.body!);
        const fields = stringFields(schema).filter((f) => f.path.length > 0);
        const properties = [...new Set(propertiesOf(schema))];
        // A hostile string in one string field (the shape of the rest left to chance), or no shape at all.
        const body = fc.oneof(
          ...(fields.length
            ? [
                fc
                  .tuple(
                    fc.constantFrom(...fields),
                    hostile,
                    properties.length
                      ? fc.dictionary(fc.constantFrom(...properties), anyValue)
                      : fc.constant({}),
                  )
                  .map(([field, value, rest]) => {
                    const placed = field.bodyWith(value) as Record<string, unknown>;
                    return { ...rest, ...placed };
                  }),
              ]
            : []),
          anyValue,
        );
        const token = tokens[(route.access as readonly Role[])[0]!];
        await fc.assert(
          fc.asyncProperty(body, async (sent) => {
            const { status, body: answer } = await call(route, token, sent);
            expect(status).toBeGreaterThanOrEqual(400);
            expect(status).toBeLessThan(500);
            const error = (answer as { error?: { code?: string; field?: string } }).error;
            expect(error?.code).toEqual(expect.any(String));
            // A 400 names the field it refuses; a 404 or 409 is about the record, not the body.
            expect(status !== 400 || /^(body|path|query)(\.|$)/.test(error?.field ?? '')).toBe(true);
          }),
          { numRuns: 12 },
        );
      },
    );
  });

  it('wrote nothing: the audit log has the size it had', async () => {
    expect(await logSize()).toBe(logSizeBefore);
  });
});
