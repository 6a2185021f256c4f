import { parse } from 'csv-parse/sync';
import { invalidInput, type FieldProblem } from './invalid-input';

/** The columns of an expert CSV file. A header row naming each once is required; any order. */
export const EXPERT_CSV_COLUMNS = [
  'id',
  'name',
  'phone',
  'employer',
  'specialties',
  'title',
  'status',
  'suspendedUntil',
  'suspensionReason',
  'conflicts',
] as const;
export type ExpertCsvColumn = (typeof EXPERT_CSV_COLUMNS)[number];

/** Separates the codes of the list columns, `specialties` and `conflicts`. */
export const LIST_SEPARATOR = ';';

/** The field a problem names when a whole row is at fault, e.g. one with too many cells. */
export const WHOLE_ROW = 'row';

/** One data row of the file: its line number (header = 1) and the expert it describes. */
export interface CsvExpertRow {
  line: number;
  /** The candidate expert, in the shape of `Expert`, unchecked; undefined when the row cannot be read. */
  value: unknown;
  /** What is wrong with the row before the expert itself is checked. */
  problems: FieldProblem[];
}

const isColumn = (name: string): name is ExpertCsvColumn =>
  (EXPERT_CSV_COLUMNS as readonly string[]).includes(name);

const readRecords = (text: string): string[][] => {
  try {
    return parse(text, {
      bom: true,
      trim: true,
      // A row with the wrong number of cells is that row's problem, not the file's.
      relax_column_count: true,
      // Both, so that a file edited on two systems still splits into lines.
      record_delimiter: ['\r\n', '\n'],
    });
  } catch (error) {
    // A syntax error (an unclosed quote, say) leaves every row after it in doubt: refuse the file.
    const { lines, message } = error as { lines?: number; message: string };
    throw invalidInput([{ field: 'file', message: lines ? `line ${lines}: ${message}` : message }]);
  }
};

/** Index of each column in the header, or a file-level error naming every column at fault. */
const columnIndex = (header: readonly string[]): Record<ExpertCsvColumn, number> => {
  const problems: FieldProblem[] = [];
  const index: Partial<Record<ExpertCsvColumn, number>> = {};
  const expected = EXPERT_CSV_COLUMNS.join(',');
  header.forEach((name, at) => {
    if (name === '') {
      problems.push({
        field: `header.${at + 1}`,
        message: `column ${at + 1} has no name; expected ${expected}`,
      });
    } else if (!isColumn(name)) {
      problems.push({ field: `header.${name}`, message: `unknown column "${name}"; expected ${expected}` });
    } else if (index[name] !== undefined) {
      problems.push({ field: `header.${name}`, message: `column "${name}" appears more than once` });
    } else {
      index[name] = at;
    }
  });
  for (const column of EXPERT_CSV_COLUMNS) {
    if (index[column] === undefined) {
      problems.push({ field: `header.${column}`, message: `missing column "${column}"` });
    }
  }
  if (problems.length > 0) throw invalidInput(problems);
  return index as Record<ExpertCsvColumn, number>;
};

const listOf = (cell: string): string[] =>
  cell
    .split(LIST_SEPARATOR)
    .map((code) => code.trim())
    .filter((code) => code !== '');

const rowOf = (
  line: number,
  record: readonly string[],
  width: number,
  at: Record<ExpertCsvColumn, number>,
): CsvExpertRow => {
  if (record.length !== width) {
    const message = `has ${record.length} cells; the header has ${width}`;
    return { line, value: undefined, problems: [{ field: WHOLE_ROW, message }] };
  }
  const cell = (column: ExpertCsvColumn): string => record[at[column]]!;
  const state = cell('status');
  const problems: FieldProblem[] = [];
  if (state !== 'suspended') {
    for (const column of ['suspendedUntil', 'suspensionReason'] as const) {
      if (cell(column) !== '') {
        problems.push({ field: column, message: 'must be empty unless status is suspended' });
      }
    }
  }
  const value = {
    id: cell('id'),
    name: cell('name'),
    phone: cell('phone'),
    employer: cell('employer'),
    specialties: listOf(cell('specialties')),
    title: cell('title'),
    status:
      state === 'suspended'
        ? { state, until: cell('suspendedUntil'), reason: cell('suspensionReason') }
        : { state },
    conflicts: listOf(cell('conflicts')),
  };
  return { line, value, problems };
};

// Line breaks inside quoted cells move every later row down; the user's editor counts them.
const lineBreaksIn = (record: readonly string[]): number => {
  let breaks = 0;
  for (const cell of record) {
    for (let at = cell.indexOf('\n'); at >= 0; at = cell.indexOf('\n', at + 1)) breaks++;
  }
  return breaks;
};

const isBlank = (record: readonly string[]): boolean => record.every((cell) => cell === '');

/**
 * Reads an expert CSV: the first non-blank line is the header, each later non-blank line one
 * expert. Blank lines (also `,,,` as spreadsheets write them) are skipped but counted, so
 * every row keeps the line number the user sees.
 */
export const readExpertCsv = (text: string): CsvExpertRow[] => {
  const rows: CsvExpertRow[] = [];
  let at: Record<ExpertCsvColumn, number> | undefined;
  let width = 0;
  let line = 1;
  for (const record of readRecords(text)) {
    const start = line;
    line += 1 + lineBreaksIn(record);
    if (isBlank(record)) continue;
    if (at === undefined) {
      at = columnIndex(record);
      width = record.length;
    } else {
      rows.push(rowOf(start, record, width, at));
    }
  }
  if (at === undefined) {
    const message = `has no header row; the first line must be ${EXPERT_CSV_COLUMNS.join(',')}`;
    throw invalidInput([{ field: 'file', message }]);
  }
  return rows;
};

/** The CSV column a field of `Expert` comes from, so that a rejection names what the user typed. */
export const csvColumnOf = (path: readonly PropertyKey[]): string => {
  const [field, part] = path;
  if (field === undefined) return WHOLE_ROW;
  if (field !== 'status') return String(field);
  return part === 'until' ? 'suspendedUntil' : part === 'reason' ? 'suspensionReason' : 'status';
};
