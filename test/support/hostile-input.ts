import * as z from 'zod';

/**
 * Strings no text field may accept (RFC 7493 I-JSON, Unicode bidi and invisible characters,
 * controls), and one far beyond any field's length.
 */
export const hostileStrings: Record<string, string> = {
  'a lone surrogate': 'ab\ud800cd',
  NUL: 'a\u0000b',
  'a control character': 'bell\u0007',
  'a bidi override': 'invoice\u202Efdp.exe',
  'a zero-width space': 'zero\u200Bwidth',
  'a BOM inside': 'a\uFEFFb',
  'a million characters': 'x'.repeat(1_000_000),
};

type JsonSchema = {
  type?: string | string[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

/** The request body as a client sends it, described as JSON Schema (what OpenAPI publishes). */
export const inputSchema = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** A string field, and how to make a body that holds a value there and nothing else. */
export interface StringField {
  path: (string | number)[];
  bodyWith: (value: unknown) => unknown;
}

/**
 * Every string-valued field of a body (array items at index 0), through objects, arrays and
 * unions. Inside a union branch the branch's constants (its discriminator) come along, so the
 * value reaches the field rather than stopping at the choice of branch.
 */
export const stringFields = (
  schema: JsonSchema,
  path: (string | number)[] = [],
  wrap: (value: unknown) => unknown = (value) => value,
): StringField[] => {
  const fields: StringField[] = [schema.type ?? []].flat().includes('string')
    ? [{ path, bodyWith: wrap }]
    : [];
  const constants = Object.fromEntries(
    Object.entries(schema.properties ?? {}).flatMap(([name, inner]) =>
      inner.const !== undefined ? [[name, inner.const]] : [],
    ),
  );
  for (const [name, inner] of Object.entries(schema.properties ?? {})) {
    if (inner.const !== undefined) continue;
    fields.push(...stringFields(inner, [...path, name], (value) => wrap({ ...constants, [name]: value })));
  }
  if (schema.items) fields.push(...stringFields(schema.items, [...path, 0], (value) => wrap([value])));
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])])
    fields.push(...stringFields(branch, path, wrap));
  // The same field reached through two union branches is one field.
  return [...new Map(fields.map((f) => [JSON.stringify(f.path), f])).values()];
};
