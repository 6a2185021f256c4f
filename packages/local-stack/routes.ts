import { SynthesizedStack } from './template';

export interface Route {
  routeKey: string;
  method: string;
  /** Path segments: literal, `{name}` or the greedy `{name+}`. */
  segments: string[];
  functionId: string;
  /** Logical id of the JWT authorizer, when the route needs a token. */
  authorizerId?: string;
}

export interface RouteMatch {
  route: Route;
  pathParameters: Record<string, string>;
}

/** The HTTP API's routes, read from the template: route → integration → function. */
export const routesOf = (stack: SynthesizedStack): Route[] => {
  const httpApis = new Set(stack.httpApiIds());
  return stack
    .resourcesOfType('AWS::ApiGatewayV2::Route')
    .filter(([, route]) =>
      httpApis.has(String((route.Properties?.ApiId as { Ref?: string } | undefined)?.Ref)),
    )
    .map(([id]) => {
      const routeKey = String(stack.property(id, 'RouteKey'));
      const target = String(stack.property(id, 'Target'));
      const integrationId = target.replace(/^integrations\//, '');
      const uri = String(stack.property(integrationId, 'IntegrationUri'));
      const functionId = stack.logicalIdOf(uri);
      if (!functionId)
        throw new Error(`Route ${routeKey} targets ${uri}, which is not a function of the template.`);
      const [method = '', path = ''] = routeKey === '$default' ? ['ANY', '/{proxy+}'] : routeKey.split(' ');
      const authorizationType = stack.property(id, 'AuthorizationType') ?? 'NONE';
      // Served unauthenticated, a route of another kind would be open here and closed on AWS.
      if (authorizationType !== 'NONE' && authorizationType !== 'JWT')
        throw new Error(
          `Route ${routeKey} uses ${String(authorizationType)} authorization; the local gateway serves NONE and JWT.`,
        );
      return {
        routeKey,
        method,
        segments: path.split('/').filter(Boolean),
        functionId,
        authorizerId: authorizationType === 'JWT' ? String(stack.property(id, 'AuthorizerId')) : undefined,
      };
    });
};

/** Literal segments beat parameters, parameters beat greedy ones, and a method beats ANY, as in API Gateway. */
const specificity = (route: Route): number[] => [
  ...route.segments.map((s) => (s.endsWith('+}') ? 0 : s.startsWith('{') ? 1 : 2)),
  route.method === 'ANY' ? 0 : 1,
];

const compare = (a: number[], b: number[]): number => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (b[i] ?? -1) - (a[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
};

const decodeOrUndefined = (part: string): string | undefined => {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
};

const matchSegments = (route: Route, parts: string[]): Record<string, string> | undefined => {
  const params: Record<string, string> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const segment = route.segments[i] as string;
    if (segment.startsWith('{') && segment.endsWith('+}')) {
      if (i >= parts.length) return undefined;
      params[segment.slice(1, -2)] = parts.slice(i).join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (segment.startsWith('{') && segment.endsWith('}')) {
      // A malformed %-escape matches no route (404) instead of throwing.
      const decoded = decodeOrUndefined(part);
      if (decoded === undefined) return undefined;
      params[segment.slice(1, -1)] = decoded;
    } else if (segment !== part) return undefined;
  }
  return parts.length === route.segments.length ? params : undefined;
};

export const matchRoute = (routes: Route[], method: string, path: string): RouteMatch | undefined => {
  const parts = path.split('/').filter(Boolean);
  const candidates = routes
    .filter((route) => route.method === method || route.method === 'ANY')
    .map((route) => ({ route, pathParameters: matchSegments(route, parts) }))
    .filter((m): m is RouteMatch => m.pathParameters !== undefined)
    .sort((a, b) => compare(specificity(a.route), specificity(b.route)));
  return candidates[0];
};
