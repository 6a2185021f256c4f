import * as z from 'zod';
import { Expert } from './expert';
import { csvColumnOf, readExpertCsv, WHOLE_ROW } from './expert-csv';
import { invalidInput, type FieldProblem } from './invalid-input';
import { Identifier } from '../kernel';

export type ExpertImportFormat = 'csv' | 'json';

/** One problem of one rejected row; a row with three bad fields is rejected three times over. */
export interface RejectedRow {
  /** As the user sees it: the line number in a CSV file (header = 1), the array index in JSON. */
  row: number;
  /** A CSV column, or a dotted path in JSON (`status.until`, `specialties.2`); `row` for the whole row. */
  field: string;
  /** The rule the value breaks. */
  message: string;
}

export interface ExpertImportResult {
  /** Data rows read (blank lines aside); `rows - experts.length` of them were rejected. */
  rows: number;
  /** The rows that passed, in file order. */
  experts: Expert[];
  /** Every problem of every rejected row, by row. */
  rejected: RejectedRow[];
}

interface CandidateRow {
  row: number;
  value: unknown;
  problems: FieldProblem[];
}

type FieldNamer = (path: readonly PropertyKey[]) => string;

const jsonPathOf: FieldNamer = (path) => (path.length === 0 ? WHOLE_ROW : path.map(String).join('.'));

const readJsonRows = (text: string): CandidateRow[] => {
  let data: unknown;
  try {
    // Editors on Windows often save UTF-8 with a byte order mark, which JSON.parse refuses.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw invalidInput([{ field: 'file', message: `is not valid JSON: ${(error as Error).message}` }]);
  }
  if (!Array.isArray(data)) {
    throw invalidInput([{ field: 'file', message: 'must be a JSON array of experts' }]);
  }
  return data.map((value: unknown, row) => ({ row, value, problems: [] }));
};

const valueAt = (value: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (at, key) =>
      typeof at === 'object' && at !== null ? (at as Record<PropertyKey, unknown>)[key] : undefined,
    value,
  );

/** Zod's issues in the words of the file: a missing field is "required", an unknown key named. */
const problemsOf = (issue: z.core.$ZodIssue, value: unknown, fieldOf: FieldNamer): FieldProblem[] => {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      field: fieldOf([...issue.path, key]),
      message: 'is not a field of an expert',
    }));
  }
  const field = fieldOf(issue.path);
  if (issue.code !== 'invalid_type') return [{ field, message: issue.message }];
  if (issue.path.length === 0) return [{ field, message: 'must be an object with the fields of an expert' }];
  return [{ field, message: valueAt(value, issue.path) === undefined ? 'is required' : issue.message }];
};

const uncataloguedSpecialties = (
  value: unknown,
  knownSpecialties: ReadonlySet<string>,
  fieldOf: FieldNamer,
): FieldProblem[] => {
  const codes = valueAt(value, ['specialties']);
  if (!Array.isArray(codes)) return [];
  return codes.flatMap((code: unknown, at) =>
    // A malformed code already has its own problem; one message per mistake is enough.
    typeof code === 'string' && !knownSpecialties.has(code) && Identifier.safeParse(code).success
      ? [{ field: fieldOf(['specialties', at]), message: `"${code}" is not in the specialty catalog` }]
      : [],
  );
};

/**
 * Reads a bulk import of experts (CSV or a JSON array of `Expert` objects) and checks every
 * row: the expert's own rules, specialties against `knownSpecialties`, and ids unique in the
 * file (a repeated id is rejected, naming the row that used it first). Every problem of every
 * row is reported, not only the first. A file that cannot be read as a whole (bad header,
 * broken quoting, not JSON) is one VALIDATION_FAILED error instead.
 *
 * Nothing is imported here: the caller imports nothing at all when anything was rejected.
 */
export const parseExpertImport = (
  text: string,
  format: ExpertImportFormat,
  knownSpecialties: ReadonlySet<string>,
): ExpertImportResult => {
  const rows: CandidateRow[] =
    format === 'csv'
      ? readExpertCsv(text).map(({ line, ...row }) => ({ row: line, ...row }))
      : readJsonRows(text);
  const fieldOf = format === 'csv' ? csvColumnOf : jsonPathOf;
  const experts: Expert[] = [];
  const rejected: RejectedRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, value, problems } of rows) {
    if (value !== undefined) {
      const id = valueAt(value, ['id']);
      const first = typeof id === 'string' ? firstRowOf.get(id) : undefined;
      if (first !== undefined) {
        problems.push({ field: fieldOf(['id']), message: `"${id}" is already the id of row ${first}` });
      } else if (typeof id === 'string' && id !== '') {
        firstRowOf.set(id, row);
      }
      const parsed = Expert.safeParse(value);
      if (parsed.error) {
        problems.push(...parsed.error.issues.flatMap((issue) => problemsOf(issue, value, fieldOf)));
      }
      problems.push(...uncataloguedSpecialties(value, knownSpecialties, fieldOf));
      if (parsed.success && problems.length === 0) experts.push(parsed.data);
    }
    for (const problem of problems) rejected.push({ row, ...problem });
  }
  return { rows: rows.length, experts, rejected };
};
