import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { LambdaRuntime } from './lambda-runtime';
import { SynthesizedStack } from './template';

/** A WebSocket API of the template: its stage and, per route key, the function behind it. */
export interface WebSocketApiOf {
  apiId: string;
  stage: string;
  routeSelection: string;
  routes: Map<string, string>;
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
      const routes = new Map<string, string>();
      for (const [routeId, route] of stack.resourcesOfType('AWS::ApiGatewayV2::Route')) {
        if (refOf(route.Properties?.ApiId) !== apiId) continue;
        const integrationId = String(stack.property(routeId, 'Target')).replace(/^integrations\//, '');
        // A Lambda proxy integration's URI: arn:…:apigateway:…:lambda:path/2015-03-31/functions/<arn>/invocations
        const uri = String(stack.property(integrationId, 'IntegrationUri'));
        const functionArn = /\/functions\/(.+)\/invocations$/.exec(uri)?.[1] ?? uri;
        const functionId = stack.logicalIdOf(functionArn);
        if (!functionId)
          throw new Error(`WebSocket route ${String(route.Properties?.RouteKey)} targets ${uri}.`);
        routes.set(String(route.Properties?.RouteKey), functionId);
      }
      return {
        apiId,
        stage: String(stage?.Properties?.StageName ?? '$default'),
        routeSelection: String(api.Properties?.RouteSelectionExpression ?? '$request.body.action'),
        routes,
      };
    });

interface ProxyAnswer {
  statusCode?: number;
  body?: string;
}

/**
 * One WebSocket API on this machine, as API Gateway runs it: a connection at `/<stage>` invokes
 * `$connect` (whose answer accepts or refuses it), each message the route its `action` selects (or
 * `$default`), a close `$disconnect`; and `POST|DELETE /<stage>/@connections/<id>` is the management
 * API the functions push with. Functions run in the same sandboxes as behind the HTTP gateway.
 */
export const createWebSocketGateway = (api: WebSocketApiOf, runtime: LambdaRuntime): Server => {
  const sockets = new Map<string, WebSocket>();
  const wss = new WebSocketServer({ noServer: true });

  const event = (
    routeKey: string,
    eventType: string,
    connectionId: string,
    extra: Record<string, unknown> = {},
  ) => ({
    requestContext: {
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

  const invoke = async (routeKey: string, payload: unknown): Promise<ProxyAnswer> => {
    const functionId = api.routes.get(routeKey);
    if (!functionId) return { statusCode: 200 };
    return ((await runtime.invoke(functionId, payload)) ?? {}) as ProxyAnswer;
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
    invoke('$connect', event('$connect', 'CONNECT', connectionId, { queryStringParameters: query, headers }))
      .then((answer) => {
        const status = answer.statusCode ?? 200;
        if (status !== 200) {
          socket.end(
            `HTTP/1.1 ${status} Refused\r\ncontent-type: application/json\r\n\r\n${answer.body ?? ''}`,
          );
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => {
          sockets.set(connectionId, ws);
          ws.on('message', (data) => {
            const body = data.toString();
            void invoke(selectRoute(body), event(selectRoute(body), 'MESSAGE', connectionId, { body })).catch(
              () => undefined,
            );
          });
          ws.on('close', () => {
            sockets.delete(connectionId);
            void invoke('$disconnect', event('$disconnect', 'DISCONNECT', connectionId)).catch(
              () => undefined,
            );
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
