import { DomainError } from '../../../packages/kernel/errors';
import type { Expert } from '../../../packages/experts/expert';
import { parseExpertImport } from '../../../packages/experts/import-experts';

const catalog = new Set(['A010101', 'A080101', 'B020301', 'C010201']);
const HEADER = 'id,name,phone,employer,specialties,title,status,suspendedUntil,suspensionReason,conflicts';

const csv = (...lines: string[]): string => [HEADER, ...lines].join('\n');
const importCsv = (text: string) => parseExpertImport(text, 'csv', catalog);
const importJson = (value: unknown) => parseExpertImport(JSON.stringify(value), 'json', catalog);

/** The file-level error `run` throws, so a test can name its code and fields. */
const fileError = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
};

const anExpert: Expert = {
  id: 'E-00001',
  name: '王伟',
  phone: '13912345678',
  employer: 'ORG-EMP-01',
  specialties: ['A080101', 'B020301'],
  title: '高级工程师',
  status: { state: 'active' },
  conflicts: [],
};

describe('importing experts from CSV', () => {
  it('reads every column, splits the lists on ";" and reads a suspension', () => {
    const { experts, rejected } = importCsv(
      csv(
        'E-00001,王伟,13912345678,ORG-EMP-01,A080101;B020301,高级工程师,active,,,',
        'E-00002, 李娜 ,13800000000,ORG-EMP-02,C010201,教授,suspended,2026-06-30,年度考核不合格,ORG-BIDDER-1; ORG-BIDDER-2',
      ),
    );
    expect(rejected).toEqual([]);
    expect(experts).toEqual([
      anExpert,
      {
        id: 'E-00002',
        name: '李娜',
        phone: '13800000000',
        employer: 'ORG-EMP-02',
        specialties: ['C010201'],
        title: '教授',
        status: { state: 'suspended', until: '2026-06-30', reason: '年度考核不合格' },
        conflicts: ['ORG-BIDDER-1', 'ORG-BIDDER-2'],
      },
    ]);
  });

  it('takes the columns in any order', () => {
    const text = [
      'conflicts,status,title,specialties,employer,phone,name,id,suspensionReason,suspendedUntil',
      ',active,高级工程师,A080101;B020301,ORG-EMP-01,13912345678,王伟,E-00001,,',
    ].join('\n');
    expect(importCsv(text)).toEqual({ rows: 1, experts: [anExpert], rejected: [] });
  });

  it('reports every problem of every bad row by line, column and rule, and keeps the good rows', () => {
    const { rows, experts, rejected } = importCsv(
      csv(
        'E-00001,王伟,13912345678,ORG-EMP-01,A080101,高级工程师,active,,,',
        'E 2,李娜,2391234567,ORG-EMP-01,A080101,教授,active,,,',
        'E-00003,张敏,13912345679,ORG-EMP-01,,教授,suspended,2026-02-30,,',
        'E-00004,刘洋,13912345670,ORG-EMP-01,A080101;Z99,教授,retired,,,',
        'E-00005,陈静,13912345671,ORG-EMP-01,A080101,教授,active,2026-06-30,,',
      ),
    );
    expect(experts.map((e) => e.id)).toEqual(['E-00001']);
    // Five rows, four rejected: a row with several problems is reported once per problem.
    expect(rows).toBe(5);
    expect(rejected).toEqual([
      { row: 3, field: 'id', message: expect.stringMatching(/1–64 characters/) },
      { row: 3, field: 'phone', message: expect.stringMatching(/mobile number/) },
      { row: 4, field: 'specialties', message: 'must name at least one specialty' },
      { row: 4, field: 'suspendedUntil', message: expect.stringMatching(/YYYY-MM-DD/) },
      { row: 4, field: 'suspensionReason', message: 'must give the reason for the suspension' },
      { row: 5, field: 'status', message: 'must be "active" or "suspended"' },
      { row: 5, field: 'specialties', message: '"Z99" is not in the specialty catalog' },
      { row: 6, field: 'suspendedUntil', message: 'must be empty unless status is suspended' },
    ]);
  });

  it('numbers rows by the line the user sees, across blank lines, CRLF and line breaks inside quotes', () => {
    const text = [
      HEADER,
      '',
      'E-00001,"王伟",13912345678,ORG-EMP-01,A080101,"高级',
      '工程师",active,,,',
      ',,,,,,,,,',
      'E-00002,李娜,bad-phone,ORG-EMP-01,A080101,教授,active,,,',
      'E-00003,"张　伟",13912345679,ORG-EMP-01,A080101,高级工程师,active,,,',
      '',
    ].join('\r\n');
    const { experts, rejected } = importCsv(text);
    // A quoted line break is read, and refused: a title is one line.
    expect(rejected).toEqual([
      { row: 3, field: 'title', message: 'must be one line: no tab or line break' },
      { row: 6, field: 'phone', message: expect.any(String) },
    ]);
    expect(experts.map((e) => e.id)).toEqual(['E-00003']);
  });

  it('rejects a repeated id, naming the row that used it first', () => {
    const row = (id: string, phone: string) => `${id},王伟,${phone},ORG-EMP-01,A080101,教授,active,,,`;
    const { experts, rejected } = importCsv(
      csv(row('E-1', '13900000001'), row('E-2', '13900000002'), row('E-1', '13900000003'), row('E-1', 'x')),
    );
    expect(experts.map((e) => e.phone)).toEqual(['13900000001', '13900000002']);
    expect(rejected).toEqual([
      { row: 4, field: 'id', message: '"E-1" is already the id of row 2' },
      { row: 5, field: 'id', message: '"E-1" is already the id of row 2' },
      { row: 5, field: 'phone', message: expect.stringMatching(/mobile number/) },
    ]);
  });

  it('rejects a row with more or fewer cells than the header as a whole', () => {
    const { rejected } = importCsv(
      csv('E-1,王伟,13900000001', 'E-2,王伟,13900000002,ORG-EMP-01,A080101,教授,active,,,,extra'),
    );
    expect(rejected).toEqual([
      { row: 2, field: 'row', message: 'has 3 cells; the header has 10' },
      { row: 3, field: 'row', message: 'has 11 cells; the header has 10' },
    ]);
  });

  it('accepts a header-only file as an empty import', () => {
    expect(importCsv(`\uFEFF${HEADER}\n`)).toEqual({ rows: 0, experts: [], rejected: [] });
  });

  describe('refuses the whole file, naming the column, when the header is wrong', () => {
    it.each([
      ['an unknown column', HEADER.replace('phone', 'mobile'), ['header.mobile', 'header.phone']],
      ['a missing column', HEADER.replace(',conflicts', ''), ['header.conflicts']],
      ['a repeated column', `${HEADER},name`, ['header.name']],
      ['an unnamed column', `${HEADER},`, ['header.11']],
      [
        'no header at all',
        'E-1,王伟,13900000001,ORG-EMP-01,A080101,教授,active,,,',
        expect.arrayContaining(['header.E-1', 'header.id']),
      ],
    ])('%s', (_, header, fields) => {
      const error = fileError(() =>
        importCsv(`${header}\nE-1,王伟,13900000001,ORG-EMP-01,A080101,教授,active,,,`),
      );
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details.issues?.map((issue) => issue.field)).toEqual(fields);
    });

    it('names the unknown column and the expected ones in the message', () => {
      const error = fileError(() => importCsv(HEADER.replace('phone', 'mobile')));
      expect(error.message).toContain('unknown column "mobile"; expected id,name,phone,');
      expect(error.message).toContain('missing column "phone"');
    });
  });

  it.each([
    ['an empty file', ''],
    ['a file of blank lines', '\n\n  \n'],
  ])('refuses %s: the header is required', (_, text) => {
    const error = fileError(() => importCsv(text));
    expect(error.toJSON()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'file' });
    expect(error.message).toMatch(/no header row/);
  });

  it('refuses a file whose quoting is broken, with the line, since no later row can be trusted', () => {
    const error = fileError(() => importCsv(csv('E-1,"王伟,13900000001,ORG-EMP-01,A080101,教授,active,,,')));
    expect(error.toJSON()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'file' });
    expect(error.message).toMatch(/line \d+/);
  });
});

describe('importing experts from JSON', () => {
  it('reads an array of experts, defaulting conflicts, and ignores a byte order mark', () => {
    const { conflicts: _, ...withoutConflicts } = anExpert;
    const text = `\uFEFF${JSON.stringify([withoutConflicts, { ...anExpert, id: 'E-00002', conflicts: ['ORG-1'] }])}`;
    expect(parseExpertImport(text, 'json', catalog)).toEqual({
      rows: 2,
      experts: [anExpert, { ...anExpert, id: 'E-00002', conflicts: ['ORG-1'] }],
      rejected: [],
    });
  });

  it('reports problems by array index and dotted path', () => {
    const { experts, rejected } = importJson([
      anExpert,
      { ...anExpert, id: 'E-2', status: { state: 'suspended', until: '2026-13-01', reason: '病假' } },
      { ...anExpert, id: 'E-3', specialties: ['A080101', 'D99'], phone: undefined },
      { ...anExpert, id: 'E-4', mobile: '13900000000' },
      { ...anExpert, id: 'E-00001' },
      'E-6',
    ]);
    expect(experts.map((e) => e.id)).toEqual(['E-00001']);
    expect(rejected).toEqual([
      { row: 1, field: 'status.until', message: expect.stringMatching(/YYYY-MM-DD/) },
      { row: 2, field: 'phone', message: 'is required' },
      { row: 2, field: 'specialties.1', message: '"D99" is not in the specialty catalog' },
      { row: 3, field: 'mobile', message: 'is not a field of an expert' },
      { row: 4, field: 'id', message: '"E-00001" is already the id of row 0' },
      { row: 5, field: 'row', message: 'must be an object with the fields of an expert' },
    ]);
  });

  it.each([
    ['not JSON', '[{"id": "E-1",', /not valid JSON/],
    ['not an array', JSON.stringify({ experts: [] }), /must be a JSON array/],
  ])('refuses a file that is %s', (_, text, message) => {
    const error = fileError(() => parseExpertImport(text, 'json', catalog));
    expect(error.toJSON()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'file', message });
  });
});

describe('a pool of 100,000 experts', () => {
  const SIZE = 100_000;
  const specialties = [...catalog];
  // Every 1,000th row has a bad phone and every 2,500th repeats the previous row's id.
  const rowOf = (i: number): string => {
    const id = `E-${String(i % 2500 === 0 ? i - 1 : i).padStart(6, '0')}`;
    const phone = i % 1000 === 0 ? '0571-1234567' : `139${String(i).padStart(8, '0')}`;
    const codes = `${specialties[i % 4]};${specialties[(i + 1) % 4]}`;
    const status = i % 10 === 0 ? 'suspended,2026-12-31,暂停' : 'active,,';
    return `${id},专家${i},${phone},ORG-EMP-${i % 12},${codes},高级工程师,${status},ORG-BIDDER-${i % 8}`;
  };
  const badPhones = SIZE / 1000;
  // 40 repeated ids, but the 20 rows at multiples of 5,000 are already counted as bad phones.
  const repeatedOnly = SIZE / 2500 - SIZE / 5000;

  it('imports from CSV, rejecting exactly the bad rows', () => {
    const rows = Array.from({ length: SIZE }, (_, i) => rowOf(i + 1));
    const { rows: read, experts, rejected } = importCsv(csv(...rows));
    expect(read).toBe(SIZE);
    // Lengths, not arrays: a failure should not print 100,000 experts.
    expect(experts.length).toBe(SIZE - badPhones - repeatedOnly);
    expect(new Set(rejected.map((r) => r.row)).size).toBe(badPhones + repeatedOnly);
    expect(rejected.filter((r) => r.field === 'id')).toHaveLength(SIZE / 2500);
    expect(rejected.find((r) => r.field === 'phone')).toEqual({
      row: 1001,
      field: 'phone',
      message: expect.any(String),
    });
  });

  it('imports from JSON', () => {
    const experts = Array.from({ length: SIZE }, (_, i) => ({ ...anExpert, id: `E-${i}`, name: `专家${i}` }));
    const result = importJson(experts);
    expect(result.experts.length).toBe(SIZE);
    expect(result.rejected).toEqual([]);
  });
});
