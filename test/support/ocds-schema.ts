import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The official OCDS 1.1.5 schemas and codelists, read from the shared folder beside the repository
 * (they are not part of it), compiled with ajv's draft-04 support, references resolved locally.
 */
const folder = path.resolve(__dirname, '../../../shared/ocds/1.1.5');
const read = (name: string) =>
  JSON.parse(readFileSync(path.join(folder, name), 'utf8')) as Record<string, unknown>;

type Json = Record<string, unknown>;

/** RFC 7386 JSON merge patch, which is how an OCDS extension's schema applies to the core schema. */
const mergePatch = (target: unknown, patch: unknown): unknown => {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const result: Json =
    typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Json) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
};

const compile = (release: Json) => {
  // The schemas carry OCDS's own keywords (codelist, openCodelist, deprecated…): not strict.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(release);
  // The record package refers to the versioned-release schema, which is not in the shared folder:
  // Sunlit publishes no versioned release, so this stand-in rejects any that would appear.
  ajv.addSchema({
    id: 'https://standard.open-contracting.org/schema/1__1__5/versioned-release-validation-schema.json',
    not: {},
  });
  return {
    release: ajv.getSchema(release.id as string)!,
    releasePackage: ajv.compile(read('release-package-schema.json')),
    recordPackage: ajv.compile(read('record-package-schema.json')),
  };
};

const official = compile(read('release-schema.json'));
const extensionPatch = JSON.parse(
  readFileSync(
    path.resolve(__dirname, '../../packages/open-data/extension/audit-entry/release-schema.json'),
    'utf8',
  ),
);
const extended = compile(mergePatch(read('release-schema.json'), extensionPatch) as Json);

export type OcdsKind = 'releasePackage' | 'recordPackage';

/** The schema errors of a package, against the official schema and against it with the audit-entry extension; [] when valid. */
export const ocdsErrors = (kind: OcdsKind, data: unknown) =>
  [official, extended].flatMap((schemas) => {
    const validate = schemas[kind];
    return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  });

/** The codes of an official codelist. */
export const codelist = (name: string): string[] =>
  (
    parse(readFileSync(path.join(folder, 'codelists', `${name}.csv`)), { columns: true }) as {
      Code: string;
    }[]
  ).map((row) => row.Code);

/** Every value found under `key` anywhere in `data`. */
export const valuesOf = (data: unknown, key: string): unknown[] => {
  if (Array.isArray(data)) return data.flatMap((item) => valuesOf(item, key));
  if (typeof data !== 'object' || data === null) return [];
  return Object.entries(data).flatMap(([k, v]) => [...(k === key ? [v] : []), ...valuesOf(v, key)]);
};
