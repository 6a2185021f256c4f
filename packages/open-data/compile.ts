import { Release } from './releases';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const hasIds = (items: unknown[]): items is Json[] =>
  items.length > 0 && items.every((item) => isObject(item) && item.id !== undefined);

/**
 * OCDS merging: objects merge field by field, arrays of objects with ids merge item by item on
 * `id`, any other value replaces the earlier one, and null removes it.
 */
const merge = (earlier: unknown, later: unknown): unknown => {
  if (isObject(earlier) && isObject(later)) {
    const merged: Json = { ...earlier };
    for (const [key, value] of Object.entries(later)) {
      if (value === null) delete merged[key];
      else merged[key] = key in earlier ? merge(earlier[key], value) : value;
    }
    return merged;
  }
  if (Array.isArray(earlier) && Array.isArray(later) && hasIds(earlier) && hasIds(later)) {
    const byId = new Map(earlier.map((item) => [String(item.id), item as unknown]));
    for (const item of later) byId.set(String(item.id), merge(byId.get(String(item.id)), item));
    return [...byId.values()];
  }
  return later;
};

/** The compiled release of a process: its releases merged oldest first, tagged `compiled`. */
export const compileReleases = (releases: Release[]): Release => {
  const merged = releases.reduce<unknown>(
    (compiled, { auditEntry: _provenance, ...release }) => merge(compiled, release),
    {},
  ) as Release;
  const latest = releases[releases.length - 1]!;
  return { ...merged, id: `${latest.ocid}-compiled`, date: latest.date, tag: ['compiled'] };
};
