import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { clockOffset } from './gateway';
import { FunctionError, LambdaRuntime } from './lambda-runtime';
import { SynthesizedStack } from './template';

/** A Lambda REQUEST authorizer on `$connect`: its function and the request values it needs. */
export interface ConnectAuthorizer {
  functionId: string;
  /** `route.request.querystring.<name>` / `route.request.header.<name>`: each must be present. */
  identitySource: string[];
}

/** A WebSocket API of the template: its stage and, per route key, the function behind it. */
export interface WebSocketApiOf {
  apiId: string;
  stage: string;
  routeSelection: string;
  routes: Map<string, string>;
  connectAuthorizer?: ConnectAuthorizer;
}

const refOf = (value: unknown): string | undefined =>
  value && typeof value === 'object' && 'Ref' in value ? String((value as { Ref: unknown }).Ref) : undefined;

/** The template's WebSocket APIs, read as API Gateway reads them: route → integration → function. */
export const webSocketApisOf = (stack: SynthesizedStack): WebSocketApiOf[] =>
  stack
    .resourcesOfType('AWS::ApiGatewayV2::Api')
    .filter(([, api]) => api.Properties?.ProtocolType === 'WEBSOCKET')
    .map(([apiId, api]) => {
      const [, stage] =
        stack
          .resourcesOfType('AWS::ApiGatewayV2::Stage')
          .find(([, s]) => refOf(s.Properties?.ApiId) === apiId) ?? [];
      // A Lambda URI (an integration's or an authorizer's): arn:…:apigateway:…:lambda:path/2015-03-31/functions/<arn>/invocations
      const functionAt = (uri: string, what: string) => {
        const functionArn = /\/functions\/(.+)\/invocations$/.exec(uri)?.[1] ?? uri;
        const functionId = stack.logicalIdOf(functionArn);
        if (!functionId) throw new Error(`${what} targets ${uri}.`);
        return functionId;
      };
      const routes = new Map<string, string>();
      let connectAuthorizer: ConnectAuthorizer | undefined;
      for (const [routeId, route] of stack.resourcesOfType('AWS::ApiGatewayV2::Route')) {
        if (refOf(route.Properties?.ApiId) !== apiId) continue;
        const routeKey = String(route.Properties?.RouteKey);
        const integrationId = String(stack.property(routeId, 'Target')).replace(/^integrations\//, '');
        routes.set(
          routeKey,
          functionAt(String(stack.property(integrationId, 'IntegrationUri')), `WebSocket route ${routeKey}`),
        );
        if (route.Properties?.AuthorizationType !== 'CUSTOM') continue;
        // API Gateway authorizes a WebSocket connection once, on $connect, and nowhere else.
        const authorizerId = refOf(route.Properties?.AuthorizerId);
        if (routeKey !== '$connect' || !authorizerId)
          throw new Error(`WebSocket route ${routeKey} has an authorizer; only $connect may.`);
        connectAuthorizer = {
          functionId: functionAt(
            String(stack.property(authorizerId, 'AuthorizerUri')),
            `Authorizer ${authorizerId}`,
          ),
          identitySource: stack.property<string[]>(authorizerId, 'IdentitySource') ?? [],
        };
      }
      return {
        apiId,
        stage: String(stage?.Properties?.StageName ?? '$default'),
        routeSelection: String(api.Properties?.RouteSelectionExpression ?? '$request.body.action'),
        routes,
        connectAuthorizer,
      };
    });

interface ProxyAnswer {
  statusCode?: number;
  body?: string;
}

/** A Lambda authorizer's answer: an IAM policy for the connection, and the context it carries. */
interface PolicyStatement {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
}
interface PolicyAnswer {
  principalId?: unknown;
  policyDocument?: { Statement?: PolicyStatement | PolicyStatement[] };
  context?: Record<string, unknown>;
}

/** Whether an IAM resource pattern (`*` any run, `?` one character) names the ARN. */
const covers = (pattern: string, arn: string): boolean =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  ).test(arn);

/**
 * The connection's verdict from an authorizer's answer, as API Gateway reads it: a malformed
 * answer (no principal, no policy, a context value that is not a string, number or boolean) is the
 * authorizer's failure (500); the connection is let in only if a statement allows its `$connect`
 * and none denies it (else 403).
 */
export const authorizerVerdict = (
  answer: PolicyAnswer,
  methodArn: string,
): { context?: Record<string, unknown>; refused?: number } => {
  const statement = answer.policyDocument?.Statement;
  // IAM takes one statement as an object as well as a list of them.
  const statements = statement && !Array.isArray(statement) ? [statement] : statement;
  const scalar = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value);
  if (
    typeof answer.principalId !== 'string' ||
    !Array.isArray(statements) ||
    !Object.values(answer.context ?? {}).every(scalar)
  )
    return { refused: 500 };
  const applying = (effect: string) =>
    statements.some(
      (statement) =>
        statement.Effect === effect &&
        [statement.Action ?? []].flat().some((action) => covers(action, 'execute-api:Invoke')) &&
        [statement.Resource ?? []].flat().some((resource) => covers(resource, methodArn)),
    );
  if (!applying('Allow') || applying('Deny')) return { refused: 403 };
  return { context: { ...answer.context, principalId: answer.principalId } };
};

const statusText: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  500: 'Internal Server Error',
};

/**
 * One WebSocket API on this machine, as API Gateway runs it: a connection at `/<stage>` is first
 * put to the `$connect` authorizer if there is one (401 without its identity sources or when it
 * throws `Unauthorized`, 403 unless its policy allows the connection, 500 on a malformed answer; what it allows rides in every event of the connection as
 * `requestContext.authorizer`), then invokes `$connect` (whose answer accepts or refuses it), each message the route its `action` selects (or
 * `$default`), a close `$disconnect`; and `POST|DELETE /<stage>/@connections/<id>` is the management
 * API the functions push with. Functions run in the same sandboxes as behind the HTTP gateway.
 */
export const createWebSocketGateway = (
  api: WebSocketApiOf,
  runtime: LambdaRuntime,
  options: {
    /** Honour `x-local-clock-offset-ms` on the connection's request, for all its events (test stacks only). */
    clockOffsets?: boolean;
  } = {},
): Server => {
  const sockets = new Map<string, WebSocket>();
  const wss = new WebSocketServer({ noServer: true });

  const event = (
    routeKey: string,
    eventType: string,
    connectionId: string,
    extra: Record<string, unknown> = {},
    authorizer?: Record<string, unknown>,
  ) => ({
    requestContext: {
      ...(authorizer ? { authorizer } : {}),
      routeKey,
      eventType,
      connectionId,
      apiId: api.apiId,
      stage: api.stage,
      domainName: '127.0.0.1',
      requestId: randomUUID(),
      requestTimeEpoch: Date.now(),
      messageDirection: 'IN',
    },
    isBase64Encoded: false,
    ...extra,
  });

  const invoke = async (routeKey: string, payload: unknown, clockOffsetMs: number): Promise<ProxyAnswer> => {
    const functionId = api.routes.get(routeKey);
    if (!functionId) return { statusCode: 200 };
    return ((await runtime.invoke(functionId, payload, clockOffsetMs)) ?? {}) as ProxyAnswer;
  };

  /** The `$connect` authorizer's verdict: the connection's context, or the status refusing it. */
  const authorize = async (
    connectionId: string,
    query: Record<string, string>,
    headers: Record<string, string>,
    clockOffsetMs: number,
  ): Promise<{ context?: Record<string, unknown>; refused?: number }> => {
    const door = api.connectAuthorizer;
    if (!door) return {};
    const present = door.identitySource.every((source) => {
      const [, where, name = ''] = /^route\.request\.(querystring|header)\.(.+)$/.exec(source) ?? [];
      return where === 'querystring'
        ? Boolean(query[name])
        : where === 'header'
          ? Boolean(headers[name.toLowerCase()])
          : true;
    });
    if (!present) return { refused: 401 };
    const methodArn = `arn:aws:execute-api:local:000000000000:${api.apiId}/${api.stage}/$connect`;
    try {
      const answer = await runtime.invoke(
        door.functionId,
        {
          type: 'REQUEST',
          methodArn,
          headers,
          queryStringParameters: query,
          requestContext: event('$connect', 'CONNECT', connectionId).requestContext,
        },
        clockOffsetMs,
      );
      return authorizerVerdict((answer ?? {}) as PolicyAnswer, methodArn);
    } catch (error) {
      return { refused: error instanceof FunctionError && error.message === 'Unauthorized' ? 401 : 500 };
    }
  };

  const selectRoute = (body: string): string => {
    const field = /^\$request\.body\.(\w+)$/.exec(api.routeSelection)?.[1];
    try {
      const selected = field ? (JSON.parse(body) as Record<string, unknown>)[field] : undefined;
      if (typeof selected === 'string' && api.routes.has(selected)) return selected;
    } catch {
      // Not JSON: the default route takes it, as on AWS.
    }
    return '$default';
  };

  const server = createServer((req, res) => {
    const match = new RegExp(`^/${api.stage}/@connections/([^/?]+)$`).exec(req.url ?? '');
    const socket = match ? sockets.get(decodeURIComponent(match[1]!)) : undefined;
    if (!match) return res.writeHead(404).end();
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      res.writeHead(410, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ message: 'GoneException' }));
    }
    if (req.method === 'DELETE') {
      socket.close();
      return res.writeHead(204).end();
    }
    if (req.method !== 'POST') return res.writeHead(405).end();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      socket.send(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200).end();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== `/${api.stage}`) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    const connectionId = randomBytes(12).toString('base64url');
    const query = Object.fromEntries(url.searchParams);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const offset = options.clockOffsets ? clockOffset(headers) : 0;
    const refuse = (status: number, body = '') =>
      socket.end(
        `HTTP/1.1 ${status} ${statusText[status] ?? 'Refused'}\r\ncontent-type: application/json\r\n\r\n${body}`,
      );
    authorize(connectionId, query, headers, offset)
      .then(async ({ context, refused }) => {
        if (refused) return refuse(refused, JSON.stringify({ message: statusText[refused] }));
        const answer = await invoke(
          '$connect',
          event('$connect', 'CONNECT', connectionId, { queryStringParameters: query, headers }, context),
          offset,
        );
        const status = answer.statusCode ?? 200;
        if (status !== 200) return refuse(status, answer.body);
        wss.handleUpgrade(req, socket, head, (ws) => {
          sockets.set(connectionId, ws);
          ws.on('message', (data) => {
            const body = data.toString();
            const routeKey = selectRoute(body);
            void invoke(routeKey, event(routeKey, 'MESSAGE', connectionId, { body }, context), offset).catch(
              () => undefined,
            );
          });
          ws.on('close', () => {
            sockets.delete(connectionId);
            void invoke(
              '$disconnect',
              event('$disconnect', 'DISCONNECT', connectionId, {}, context),
              offset,
            ).catch(() => undefined);
          });
        });
      })
      .catch(() => socket.end('HTTP/1.1 500 Internal Server Error\r\n\r\n'));
  });
  server.on('close', () => {
    for (const ws of sockets.values()) ws.terminate();
  });
  return server;
};
