/**
 * I-JSON (RFC 7493) as RFC 8785 needs it: a value the log accepts serializes to one canonical
 * text and parses back to itself. Checked before anything is hashed, so an entry that would
 * change on its way through JSON never reaches the log.
 */

/** The first field of `value` that is not I-JSON, and the rule it breaks; undefined if none. */
export const iJsonViolation = (value: unknown, path = ''): { field: string; rule: string } | undefined => {
  const field = path || '(value)';
  switch (typeof value) {
    case 'string':
      return value.isWellFormed()
        ? undefined
        : { field, rule: 'must be well-formed Unicode (no lone surrogate)' };
    case 'boolean':
      return undefined;
    case 'number':
      if (!Number.isFinite(value)) return { field, rule: 'must be a finite number' };
      if (Object.is(value, -0)) return { field, rule: 'must not be negative zero, which JSON writes as 0' };
      if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
        return { field, rule: 'must be an integer within ±(2^53 − 1), or a string' };
      }
      return undefined;
    case 'object':
      break;
    default:
      return {
        field,
        rule: `must be JSON (a string, number, boolean, null, array or object), not ${typeof value}`,
      };
  }
  if (value === null) return undefined;
  const at = (key: string | number) => (path ? `${path}.${key}` : String(key));
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      // JSON writes an array's undefined as null: the value would change.
      if (item === undefined) return { field: at(i), rule: 'must not be undefined' };
      const found = iJsonViolation(item, at(i));
      if (found) return found;
    }
    return undefined;
  }
  // A plain object's prototype is Object.prototype (of any realm: structuredClone's are another).
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype !== null && Object.getPrototypeOf(prototype) !== null) {
    return {
      field,
      rule: 'must be a plain object, array or primitive (a Date or class instance changes in JSON)',
    };
  }
  for (const [key, item] of Object.entries(value)) {
    if (!key.isWellFormed())
      return { field: at(key), rule: 'must be a well-formed Unicode name (no lone surrogate)' };
    // An undefined property is an absent one, in JSON as in the stores.
    if (item === undefined) continue;
    const found = iJsonViolation(item, at(key));
    if (found) return found;
  }
  return undefined;
};
