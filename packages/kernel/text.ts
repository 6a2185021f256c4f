import * as z from 'zod';

/**
 * Characters no text the platform keeps may hold: C0 controls (tabs and line breaks are allowed
 * in long texts only), DEL and C1 controls, zero-width characters, the word joiner and invisible
 * operators, bidirectional embeddings, overrides and isolates (which can make a notice read other
 * than it is stored), the byte order mark and interlinear annotations.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- the point is to find control characters.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/u;
const LINE_BREAK = /[\t\n\r]/;

export interface TextOptions {
  /** Length limit, in characters after normalization. */
  max: number;
  min?: number;
  /** Long texts (a summary, an objection) may hold tabs and line breaks; names may not. */
  multiline?: boolean;
  /** What to say when it is shorter than `min`, when the field has a better word for it. */
  tooShort?: string;
}

/**
 * Text at the boundary: well-formed Unicode (I-JSON, RFC 7493: no lone surrogate, which RFC 8785
 * canonicalization refuses and independent verifiers break on), NFC-normalized and trimmed, with no
 * control, zero-width or bidirectional formatting character, within its length limit. Every string
 * a user gives the platform is one of these, so nothing else reaches a notice or the audit log.
 */
export const text = ({ max, min = 1, multiline = false, tooShort }: TextOptions) =>
  z
    .string()
    .refine((value) => value.isWellFormed(), 'must be well-formed Unicode (no lone surrogate)')
    .trim()
    .normalize('NFC')
    .min(min, tooShort ?? `must be at least ${min} character${min === 1 ? '' : 's'}`)
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !INVISIBLE.test(value), 'must not contain control, zero-width or bidi characters')
    .refine((value) => multiline || !LINE_BREAK.test(value), 'must be one line: no tab or line break');

/** A name or title: one line, at most `max` characters. */
export const Name = (max = 200, min = 2, tooShort?: string) => text({ max, min, tooShort });

/** A long text such as a summary, an objection or an answer: line breaks allowed. */
export const LongText = (max = 2000, min = 2) => text({ max, min, multiline: true });

/**
 * A file name as a bidder or staff member's own machine names it: one line, no path (`/`, `\`),
 * no `.` or `..` alone, at most 200 characters.
 */
export const FileName = text({ max: 200 }).refine(
  (name) => !/[/\\]/.test(name) && name !== '.' && name !== '..',
  'must be a plain file name: no slash, backslash, "." or ".."',
);

/** Whether every string anywhere in `value` is well-formed Unicode; the first path that is not, if any. */
export const malformedStringAt = (value: unknown, path = ''): string | undefined => {
  if (typeof value === 'string') return value.isWellFormed() ? undefined : path || '(value)';
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = malformedStringAt(item, path ? `${path}.${i}` : String(i));
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (!key.isWellFormed()) return at;
      const found = malformedStringAt(item, at);
      if (found) return found;
    }
  }
  return undefined;
};
