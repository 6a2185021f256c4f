import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { DomainError } from '../kernel';
import { DrawPool, DrawRequest, parseInput, PoolExpert } from './schema';

/** Only this module can seal, so a frozen input's hash always belongs to its content. */
const sealed = Symbol('sunlit-draw-v1 frozen input');

/** A validated, normalised request and its `requestHash`; made only by `freezeRequest`. */
export interface FrozenRequest {
  readonly request: DrawRequest;
  readonly hash: string;
  readonly [sealed]: true;
}

/** A validated, normalised pool snapshot and its `poolHash`; made only by `freezePool`. */
export interface FrozenPool {
  readonly experts: readonly PoolExpert[];
  readonly hash: string;
  readonly [sealed]: true;
}

/** SHA-256 of `data` (a string as UTF-8) in lowercase hex, as every hash of the spec is written. */
export const sha256Hex = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('hex');

// Identifiers are ASCII, where JavaScript's default (UTF-16 code unit) order is the spec's byte order.
const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const isAscending = (values: readonly string[]): boolean => {
  for (let i = 1; i < values.length; i++) if (values[i - 1]! > values[i]!) return false;
  return true;
};

const isSortedById = (experts: readonly PoolExpert[]): boolean => {
  for (let i = 1; i < experts.length; i++) if (experts[i - 1]!.id > experts[i]!.id) return false;
  return true;
};

const sortedUnique = (values: readonly string[]): string[] => [...new Set(values)].sort(byteOrder);

/**
 * Validates a request and brings it to the form that is hashed: exclusions sorted
 * ascending and de-duplicated, everything else as given (quota order matters).
 */
export const freezeRequest = (input: unknown): FrozenRequest => {
  const parsed = parseInput('request', DrawRequest, input);
  const request: DrawRequest = {
    ...parsed,
    excludedOrgs: sortedUnique(parsed.excludedOrgs),
    excludedExperts: sortedUnique(parsed.excludedExperts),
  };
  // canonicalize returns undefined only for undefined input.
  return { request, hash: sha256Hex(canonicalize(request)!), [sealed]: true };
};

/**
 * The pool's RFC 8785 form, written directly: keys in JCS order and identifiers that JSON
 * never escapes make it equal to `canonicalize(experts)` (a test holds it to that), while
 * the generic serialiser takes over ten times as long on a 100,000-expert pool.
 */
const canonicalPoolHash = (experts: readonly PoolExpert[]): string => {
  const hash = createHash('sha256');
  // Hashing in chunks keeps memory flat without paying per-expert update calls.
  let chunk = '[';
  for (let i = 0; i < experts.length; i++) {
    const { active, id, org, specialties } = experts[i]!;
    const list = specialties.length === 0 ? '' : `"${specialties.join('","')}"`;
    chunk += `${i === 0 ? '' : ','}{"active":${active},"id":"${id}","org":"${org}","specialties":[${list}]}`;
    if (chunk.length >= 1 << 16) {
      hash.update(chunk, 'latin1');
      chunk = '';
    }
  }
  return hash.update(`${chunk}]`, 'latin1').digest('hex');
};

const refuseDuplicateIds = (sorted: readonly PoolExpert[], input: unknown): void => {
  for (let i = 1; i < sorted.length; i++) {
    const id = sorted[i]!.id;
    if (sorted[i - 1]!.id !== id) continue;
    // Name the positions the caller sent, not the sorted ones.
    const [first, second] = (input as { id: string }[]).flatMap((expert, at) =>
      expert.id === id ? [at] : [],
    );
    const field = `pool.${second}.id`;
    const message = `"${id}" must be unique in the pool (it is also pool.${first}.id)`;
    throw new DomainError('VALIDATION_FAILED', `${field}: ${message}`, {
      field,
      issues: [{ field, message }],
    });
  }
};

const normalisePool = (input: unknown): PoolExpert[] => {
  // zod returns fresh objects and arrays, so sorting them leaves the caller's input alone.
  const experts = parseInput('pool', DrawPool, input);
  for (const expert of experts) if (!isAscending(expert.specialties)) expert.specialties.sort(byteOrder);
  // Snapshots usually arrive sorted; checking is far cheaper than sorting again.
  if (!isSortedById(experts)) experts.sort((a, b) => byteOrder(a.id, b.id));
  refuseDuplicateIds(experts, input);
  return experts;
};

/**
 * Validates a pool snapshot and brings it to the form that is hashed and drawn from:
 * sorted by id, each `specialties` sorted; a duplicate id is refused. Done once per
 * snapshot, when it is frozen and logged, so that the draw itself stays cheap.
 */
export const freezePool = (input: unknown): FrozenPool => {
  const experts = normalisePool(input);
  return { experts, hash: canonicalPoolHash(experts), [sealed]: true };
};

/** SHA-256 (lowercase hex) of the request's canonical JSON after normalisation. */
export const requestHash = (request: unknown): string => freezeRequest(request).hash;

/** SHA-256 (lowercase hex) of the pool's canonical JSON after normalisation. */
export const poolHash = (pool: unknown): string => canonicalPoolHash(normalisePool(pool));
