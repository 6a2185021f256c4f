import * as z from 'zod';
import { ErrorBody, GatewayInternalError, GatewayUnauthorized } from './errors';
import {
  AnyRoute,
  hasInput,
  IDEMPOTENCY_KEY_PATTERN,
  Method,
  mutates,
  pathParameterNames,
  routeKey,
} from './route';
import type { Role } from '../kernel';

/**
 * The OpenAPI 3.1 document of a set of routes, built only from their declarations. It is
 * meant to be generated at build time or by a script, never inside a Lambda function, so
 * that handler bundles carry route.ts and not this file.
 */

export type JsonSchema = z.core.JSONSchema.BaseSchema;

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiMediaType {
  schema: JsonSchema;
}

export interface OpenApiRequestBody {
  required: boolean;
  content: Record<string, OpenApiMediaType>;
}

export interface OpenApiResponse {
  description: string;
  content?: Record<string, OpenApiMediaType>;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  parameters?: OpenApiParameter[];
  requestBody?: OpenApiRequestBody;
  responses: Record<string, OpenApiResponse>;
  security?: Record<string, string[]>[];
  /** The roles whose token the route accepts; the bearer scheme alone cannot say. */
  'x-sunlit-roles'?: Role[];
}

export type OpenApiPathItem = Partial<Record<Lowercase<Method>, OpenApiOperation>>;

export interface OpenApiSecurityScheme {
  type: 'http';
  scheme: 'bearer';
  bearerFormat: 'JWT';
  description: string;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: DocumentInfo;
  paths: Record<string, OpenApiPathItem>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes?: Record<string, OpenApiSecurityScheme>;
  };
}

export interface DocumentInfo {
  title: string;
  version: string;
  description?: string;
}

const JSON_TYPE = 'application/json';
const BEARER = 'bearerAuth';
const componentName = /^[A-Za-z0-9._-]+$/;
const componentRef = (name: string) => `#/components/schemas/${name}`;
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Where a schema sits, for error messages and for naming its anonymous recursive parts. */
interface Site {
  /** `GET /tenders body`, for errors. */
  where: string;
  /** `CreateTenderBody`: the component name an anonymous recursive schema here is given. */
  name: string;
}

const siteOf = (route: AnyRoute, part: string): Site => ({
  where: `${routeKey(route)} ${part}`,
  name: `${route.operationId.charAt(0).toUpperCase()}${route.operationId.slice(1)}${part
    .split(' ')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('')}`,
});

/** A deep copy of `value` with every `$ref` replaced by `replace(ref)`. */
const mapRefs = <T>(value: T, replace: (ref: string) => string): T => {
  if (Array.isArray(value)) return value.map((item: unknown) => mapRefs(item, replace)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) =>
      key === '$ref' && typeof item === 'string' ? [key, replace(item)] : [key, mapRefs(item, replace)],
    ),
  ) as T;
};

const refersTo = (value: unknown, target: string): boolean => {
  let found = false;
  mapRefs(value, (ref) => {
    found ||= ref === target;
    return ref;
  });
  return found;
};

/** `z.json()` as zod writes it, its self-references written `#`: every use of it becomes one `JsonValue`. */
let jsonValueShape: string | undefined;
const isJsonValue = (shape: string): boolean => {
  jsonValueShape ??= JSON.stringify(
    z.toJSONSchema(z.json(), { target: 'draft-2020-12' }),
    (key, value: unknown) => (key === '$schema' ? undefined : value),
  );
  return shape === jsonValueShape;
};

/**
 * The schemas of `components.schemas`. Zod writes a schema named with `.meta({ id })`, and a
 * recursive one without a name, under the converted schema's own `$defs`; a `#/$defs/…`
 * reference inside an OpenAPI document would resolve against the document's root, so every
 * definition is lifted here and the references rewritten to point at it.
 */
class Components {
  private readonly schemas = new Map<string, JsonSchema>();
  /** Anonymous recursive schemas by their shape, so the same one used twice is named once. */
  private readonly anonymous = new Map<string, string>();
  private readonly ownNames = new Set<string>();

  /** Adds `schema` under `name`; the same name must always mean the same schema. */
  add(name: string, schema: JsonSchema, where: string): { $ref: string } {
    if (!componentName.test(name)) throw new Error(`${where}: "${name}" cannot name a schema.`);
    const existing = this.schemas.get(name);
    if (existing && JSON.stringify(existing) !== JSON.stringify(schema)) {
      throw new Error(
        `${where}: two different schemas are named "${name}" (a transform makes a request's input differ from a response's output, or two schemas share an id).`,
      );
    }
    this.schemas.set(name, schema);
    return { $ref: componentRef(name) };
  }

  /** A schema of the document's own, converted once; a route's schema named the same is refused by `add`. */
  shared(name: string, schema: z.ZodType): { $ref: string } {
    if (!this.ownNames.has(name)) {
      this.add(name, this.convert(schema, 'output', { where: name, name }), name);
      this.ownNames.add(name);
    }
    return { $ref: componentRef(name) };
  }

  get(ref: string): JsonSchema | undefined {
    return ref.startsWith(componentRef(''))
      ? this.schemas.get(ref.slice(componentRef('').length))
      : undefined;
  }

  /** Sorted by name, so the document does not depend on which route named a schema first. */
  sorted(): Record<string, JsonSchema> {
    return Object.fromEntries([...this.schemas].sort(([a], [b]) => compare(a, b)));
  }

  /**
   * The JSON Schema of `schema` as a request (`input`: before transforms and defaults) or a
   * response (`output`) carries it, its named and recursive parts moved to components.
   */
  convert(schema: z.ZodType, io: 'input' | 'output', site: Site): JsonSchema {
    let generated: JsonSchema;
    try {
      generated = z.toJSONSchema(schema, {
        target: 'draft-2020-12',
        io,
        cycles: 'ref',
        reused: 'inline',
        override: io === 'output' ? allowExtraResponseKeys : undefined,
      });
    } catch (error) {
      throw new Error(`${site.where}: the schema has no JSON Schema form: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const { $schema: _dialect, $defs = {}, ...root } = generated;
    const names = new Map<string, string>();
    let anonymousCount = 0;
    for (const [name, definition] of Object.entries($defs)) {
      // Zod calls a recursive schema without an id `__schema0`, a name that would clash across routes.
      names.set(
        `#/$defs/${name}`,
        name.startsWith('__')
          ? this.nameOf(definition, `#/$defs/${name}`, `${site.name}_${++anonymousCount}`)
          : name,
      );
    }
    const recursiveRoot = refersTo(root, '#');
    if (recursiveRoot) names.set('#', this.nameOf(root, '#', site.name));
    const lift = <T>(value: T): T =>
      mapRefs(value, (ref) => {
        const name = names.get(ref);
        if (name === undefined)
          throw new Error(`${site.where}: zod wrote the reference ${ref}, which is not understood.`);
        return componentRef(name);
      });
    for (const [name, definition] of Object.entries($defs)) {
      this.add(names.get(`#/$defs/${name}`) ?? name, lift(definition), site.where);
    }
    return recursiveRoot ? this.add(names.get('#') ?? site.name, lift(root), site.where) : lift(root);
  }

  /** The component name of an anonymous recursive schema that refers to itself as `self`. */
  private nameOf(definition: JsonSchema, self: string, fallback: string): string {
    const shape = JSON.stringify(mapRefs(definition, (ref) => (ref === self ? '#' : ref)));
    if (isJsonValue(shape)) return 'JsonValue';
    // A shape that mentions another anonymous definition depends on zod's numbering: never shared.
    if (shape.includes('"#/$defs/__')) return fallback;
    const known = this.anonymous.get(shape);
    if (known) return known;
    this.anonymous.set(shape, fallback);
    return fallback;
  }
}

/**
 * Zod writes `additionalProperties: false` for the output of a plain `z.object`, because
 * parsing strips unknown keys. Handlers do not parse what they return, so a response may
 * carry more than its schema lists; promising otherwise would break strict clients the day
 * a field is added. Only `z.strictObject` keeps the promise.
 */
const allowExtraResponseKeys = ({
  zodSchema,
  jsonSchema,
}: {
  zodSchema: z.core.$ZodTypes;
  jsonSchema: JsonSchema;
}) => {
  if (zodSchema._zod.def.type === 'object' && zodSchema._zod.def.catchall === undefined) {
    delete jsonSchema.additionalProperties;
  }
};

/** One parameter per property of a path or query object, in the order the object declares them. */
const parameters = (
  components: Components,
  route: AnyRoute,
  location: 'path' | 'query',
): OpenApiParameter[] => {
  const schema = route.request[location];
  if (!schema) return [];
  const converted = components.convert(schema, 'input', siteOf(route, location));
  // An object given an id arrives as a reference; its properties are in the component.
  const object = (converted.$ref ? components.get(converted.$ref) : converted) ?? {};
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...propertySchema } = typeof property === 'boolean' ? {} : property;
    return {
      name,
      in: location,
      // defineRoute refuses optional path parameters, so each of those is required here.
      required: required.has(name),
      ...(description === undefined ? {} : { description }),
      schema: propertySchema,
    };
  });
};

interface ImpliedResponse {
  description: string;
  schema: () => JsonSchema;
}

/** The error responses every route of this shape can give, whatever it declares. */
const impliedResponses = (route: AnyRoute, components: Components): Map<number, ImpliedResponse> => {
  const error = () => components.shared('Error', ErrorBody);
  const either = (gateway: z.ZodType, name: string) => () => ({
    anyOf: [error(), components.shared(name, gateway)],
  });
  const implied = new Map<number, ImpliedResponse>();
  if (hasInput(route)) {
    implied.set(400, {
      description:
        'A parameter or the body fails its schema (VALIDATION_FAILED); `issues` names every field.',
      schema: error,
    });
  }
  if (route.access !== 'public') {
    implied.set(401, {
      description:
        'No valid bearer token (answered by API Gateway), or a token without a user name (UNAUTHENTICATED).',
      schema: either(GatewayUnauthorized, 'GatewayUnauthorized'),
    });
    implied.set(403, {
      description: `Only ${route.access.join(' or ')} tokens may call this, and a token must carry exactly one role (FORBIDDEN).`,
      schema: error,
    });
  }
  if (route.request.path) {
    implied.set(404, { description: 'Nothing exists at this path (NOT_FOUND).', schema: error });
  }
  implied.set(503, {
    description:
      'The outcome is not known yet (UNAVAILABLE): storage did not answer in time, or the same request with this Idempotency-Key is still running. Send it again with the same Idempotency-Key after `Retry-After` seconds.',
    schema: error,
  });
  implied.set(500, {
    description:
      'Something failed on our side (INTERNAL, quoting the request id), or the function failed without answering (answered by API Gateway).',
    schema: either(GatewayInternalError, 'GatewayInternalError'),
  });
  return implied;
};

const responses = (route: AnyRoute, components: Components): Record<string, OpenApiResponse> => {
  const implied = impliedResponses(route, components);
  const statuses = [...new Set([...Object.keys(route.responses).map(Number), ...implied.keys()])];
  return Object.fromEntries(
    statuses
      .sort((a, b) => a - b)
      .map((status): [string, OpenApiResponse] => {
        const declared = route.responses[status];
        const fallback = implied.get(status);
        const description = declared?.description ?? fallback?.description ?? '';
        const schema = declared?.schema
          ? components.convert(declared.schema, 'output', siteOf(route, `response ${status}`))
          : fallback
            ? fallback.schema()
            : status >= 400
              ? components.shared('Error', ErrorBody)
              : undefined;
        if (!schema) return [String(status), { description }];
        return [
          String(status),
          { description, content: { [declared?.contentType ?? JSON_TYPE]: { schema } } },
        ];
      }),
  );
};

/** The header every mutating route accepts: a retry with the same key gets the first attempt's outcome. */
const idempotencyKeyParameter: OpenApiParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    "Any unique string (1–255 of A–Z a–z 0–9 . _ : -) per logical request: a retry with the same key and body gets the first attempt's answer, and the change is made once.",
  schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source, minLength: 1, maxLength: 255 },
};

const operation = (route: AnyRoute, components: Components): OpenApiOperation => {
  const pathParameters = parameters(components, route, 'path');
  // Path parameters in the order the template names them, then the query in declared order.
  const order = pathParameterNames(route.path);
  pathParameters.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  const allParameters = [
    ...pathParameters,
    ...parameters(components, route, 'query'),
    ...(mutates(route) ? [idempotencyKeyParameter] : []),
  ];
  const body = route.request.body;
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description === undefined ? {} : { description: route.description }),
    ...(route.tags.length === 0 ? {} : { tags: [...route.tags] }),
    ...(allParameters.length === 0 ? {} : { parameters: allParameters }),
    ...(body === undefined
      ? {}
      : {
          requestBody: {
            // The handler hands an absent body to the schema as `undefined`; optional or defaulted schemas take it.
            required: body._zod.optin === undefined,
            content: { [JSON_TYPE]: { schema: components.convert(body, 'input', siteOf(route, 'body')) } },
          },
        }),
    responses: responses(route, components),
    ...(route.access === 'public'
      ? {}
      : { security: [{ [BEARER]: [] }], 'x-sunlit-roles': [...route.access] }),
  };
};

/**
 * The OpenAPI 3.1.0 document of `routes`: parameters, bodies and responses from their
 * schemas, plus the error responses their access and inputs imply. Operations are sorted
 * by path then method, so the same routes always give the same JSON.
 *
 * Throws when two routes share an operationId or a method and path, or when a schema has
 * no JSON Schema form (such as `z.date()`, or a transform in a response).
 */
export const openApiDocument = (routes: readonly AnyRoute[], info: DocumentInfo): OpenApiDocument => {
  const seen = new Map<string, string>();
  for (const route of routes) {
    for (const key of [`operationId ${route.operationId}`, `route ${routeKey(route)}`]) {
      const other = seen.get(key);
      if (other) throw new Error(`Two routes share the ${key}: ${other} and ${route.operationId}.`);
      seen.set(key, route.operationId);
    }
  }

  const components = new Components();
  const paths: Record<string, OpenApiPathItem> = {};
  const sorted = [...routes].sort((a, b) => compare(a.path, b.path) || compare(a.method, b.method));
  for (const route of sorted) {
    const item = (paths[route.path] ??= {});
    item[route.method.toLowerCase() as Lowercase<Method>] = operation(route, components);
  }

  const tokenRoutes = routes.some((route) => route.access !== 'public');
  return {
    openapi: '3.1.0',
    info: {
      title: info.title,
      version: info.version,
      ...(info.description ? { description: info.description } : {}),
    },
    paths,
    components: {
      schemas: components.sorted(),
      ...(tokenRoutes
        ? {
            securitySchemes: {
              [BEARER]: {
                type: 'http',
                scheme: 'bearer',
                bearerFormat: 'JWT',
                description:
                  'A Cognito ID token from the Sunlit user pool. Its cognito:groups claim must hold exactly one role; x-sunlit-roles lists the roles each operation accepts.',
              },
            },
          }
        : {}),
    },
  };
};
