import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { FunctionError, InvocationReport, LambdaRuntime } from './lambda-runtime';
import { LocalIssuer } from './issuer';
import { matchRoute, Route } from './routes';
import { SiteFile } from './site';

const textTypes = /^(application\/(json|xml|x-www-form-urlencoded|.*\+json)|text\/)/;

/**
 * How far ahead of the machine's clock a request asks to run (local stack only): lets a test or
 * a demo act after a deadline without moving the clock of anyone else's requests.
 */
export const clockOffset = (headers: Record<string, string | undefined>): number => {
  const offset = Number(headers['x-local-clock-offset-ms'] ?? '0');
  return Number.isSafeInteger(offset) && offset > 0 ? offset : 0;
};

/**
 * API Gateway (HTTP API) hands JWT claims to the function as strings: arrays become
 * `[a b]` and numbers their decimal text.
 */
export const flattenClaims = (payload: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(payload).map(([key, value]) => [
      key,
      Array.isArray(value)
        ? `[${value.join(' ')}]`
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value),
    ]),
  );

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

const send = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
};

interface ProxyResult {
  statusCode?: number;
  headers?: Record<string, string | number | boolean>;
  body?: string;
  isBase64Encoded?: boolean;
  cookies?: string[];
}

/** Payload format 2.0: a result without `statusCode` is a 200 JSON body. */
const writeResult = (res: ServerResponse, result: unknown): void => {
  const structured = result !== null && typeof result === 'object' && 'statusCode' in result;
  if (!structured) return send(res, 200, JSON.stringify(result ?? null));
  const { statusCode = 200, headers = {}, body = '', isBase64Encoded, cookies } = result as ProxyResult;
  const outHeaders: Record<string, string | string[]> = Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  if (cookies?.length) outHeaders['set-cookie'] = cookies;
  res.writeHead(statusCode, outHeaders);
  res.end(isBase64Encoded ? Buffer.from(body, 'base64') : body);
};

/** " · Function: cold start 120 ms, 3 running, queued 4 ms" — what Lambda's scaling cost this request. */
const describeInvocation = (functionId: string, report: InvocationReport): string =>
  [
    ` · ${functionId}: `,
    report.coldStartMs !== undefined ? `cold start ${report.coldStartMs} ms` : 'warm',
    `, ${report.concurrency} running`,
    report.queuedMs > 0 ? `, queued ${report.queuedMs} ms` : '',
  ].join('');

/** A path the local stack answers itself: a JSON body, or a string with the headers that type it. */
export type LocalPath = (
  req: IncomingMessage,
  body: Buffer,
) => Promise<{ status: number; body: unknown; headers?: Record<string, string> }>;

export interface GatewayOptions {
  routes: Route[];
  runtime: LambdaRuntime;
  /** Verifies tokens for routes with a JWT authorizer; a template without one needs none. */
  issuer?: LocalIssuer;
  apiId: string;
  /** Extra paths the local stack serves itself (the issuer's sign-in, the clock). */
  localPaths: Record<string, LocalPath>;
  log?: (line: string) => void;
  /** The web portal's files, served for a GET no API route matches (as CloudFront's default origin would). */
  site?: (urlPath: string) => SiteFile | undefined;
  /** Honour `x-local-clock-offset-ms` (test stacks only). */
  clockOffsets?: boolean;
  /**
   * Paths served straight from a bucket, as CloudFront would: `GET <prefix><key>` answers the
   * object `<key>`; `read` resolves undefined when there is none.
   */
  objects?: { prefix: string; read(key: string): Promise<Uint8Array | undefined> };
}

/**
 * The local API Gateway: matches the template's routes, verifies JWTs as the authorizer
 * does, and invokes the route's function with a payload 2.0 event.
 */
/**
 * How long an idle client connection stays open. Node's default (5 s) closes connections a busy
 * client still holds in its pool, which then fail on reuse ("other side closed"); API Gateway keeps
 * idle connections far longer.
 */
const KEEP_ALIVE_MS = 120_000;

export const createGateway = (options: GatewayOptions): Server => {
  const server = createServer(async (req, res) => {
    const started = Date.now();
    let invocation = '';
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    try {
      const body = await readBody(req);
      const local = options.localPaths[`${method} ${url.pathname}`];
      if (local) {
        const result = await local(req, body);
        return send(res, result.status, result.body, result.headers);
      }
      const objects = options.objects;
      if (objects && method === 'GET' && url.pathname.startsWith(objects.prefix)) {
        const object = await objects.read(url.pathname.slice(objects.prefix.length));
        if (!object) return send(res, 404, { message: 'Not Found' });
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'cache-control': 'public, max-age=31536000, immutable',
        });
        return res.end(object);
      }
      const match = matchRoute(options.routes, method, url.pathname);
      const file =
        !match && (method === 'GET' || method === 'HEAD') ? options.site?.(url.pathname) : undefined;
      if (file) {
        res.writeHead(200, file.headers);
        return res.end(method === 'HEAD' ? undefined : file.body);
      }
      if (!match) return send(res, 404, { message: 'Not Found' });

      let claims: Record<string, string> | undefined;
      if (match.route.authorizerId) {
        const header = req.headers.authorization ?? '';
        const token = header.replace(/^Bearer\s+/i, '');
        if (!token || !options.issuer)
          return send(res, 401, { message: 'Unauthorized' }, { 'www-authenticate': 'Bearer' });
        try {
          claims = flattenClaims(await options.issuer.verify(token));
        } catch {
          return send(
            res,
            401,
            { message: 'Unauthorized' },
            { 'www-authenticate': 'Bearer error="invalid_token"' },
          );
        }
      }

      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(',') : value;
      }
      const query: Record<string, string> = {};
      for (const [key, value] of url.searchParams)
        query[key] = key in query ? `${query[key]},${value}` : value;
      const isText = body.length === 0 || textTypes.test(headers['content-type'] ?? 'application/json');
      const now = new Date();
      const event = {
        version: '2.0',
        routeKey: match.route.routeKey,
        rawPath: url.pathname,
        rawQueryString: url.search.replace(/^\?/, ''),
        cookies: headers.cookie?.split(';').map((c) => c.trim()),
        headers,
        queryStringParameters: Object.keys(query).length ? query : undefined,
        pathParameters: Object.keys(match.pathParameters).length ? match.pathParameters : undefined,
        requestContext: {
          accountId: '000000000000',
          apiId: options.apiId,
          authorizer: claims ? { jwt: { claims, scopes: null } } : undefined,
          domainName: headers.host ?? 'localhost',
          domainPrefix: (headers.host ?? 'localhost').split('.')[0],
          http: {
            method,
            path: url.pathname,
            protocol: `HTTP/${req.httpVersion}`,
            sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
            userAgent: headers['user-agent'] ?? '',
          },
          requestId: randomUUID(),
          routeKey: match.route.routeKey,
          stage: '$default',
          time: now.toUTCString(),
          timeEpoch: now.getTime(),
        },
        body: body.length ? (isText ? body.toString('utf8') : body.toString('base64')) : undefined,
        isBase64Encoded: body.length > 0 && !isText,
      };
      try {
        const offset = options.clockOffsets ? clockOffset(headers) : 0;
        const { result, report } = await options.runtime.invokeReporting(
          match.route.functionId,
          event,
          offset,
        );
        invocation = describeInvocation(match.route.functionId, report);
        writeResult(res, result);
      } catch (error) {
        options.log?.(
          `${match.route.routeKey} failed: ${error instanceof FunctionError ? `${error.name}: ${error.message}` : String(error)}`,
        );
        send(res, 500, { message: 'Internal Server Error' });
      }
    } catch (error) {
      options.log?.(`${method} ${url.pathname}: ${String(error)}`);
      if (!res.headersSent) send(res, 500, { message: 'Internal Server Error' });
    } finally {
      options.log?.(
        `${method} ${url.pathname} → ${res.statusCode} in ${Date.now() - started} ms${invocation}`,
      );
    }
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  return server;
};
