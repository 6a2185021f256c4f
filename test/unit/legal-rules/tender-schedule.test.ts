import { demoCalendar } from '../../../packages/legal-rules/calendar';
import {
  assertLawfulSchedule,
  scheduleViolations,
  TenderSchedule,
} from '../../../packages/legal-rules/tender-schedule';
import { aSchedule, ESTIMATED_PRICE } from './fixtures';

const violationsOf = (schedule: TenderSchedule, estimatedPrice = ESTIMATED_PRICE) =>
  scheduleViolations(schedule, { estimatedPrice }, demoCalendar);

const issuesOf = (input: unknown) =>
  TenderSchedule.safeParse(input).error?.issues.map((issue) => ({
    field: issue.path.join('.'),
    message: issue.message,
  }));

describe('the tender schedule schema', () => {
  it('accepts a complete schedule as it is', () => {
    const schedule = aSchedule({ maxPrice: 95_000_000 });
    expect(TenderSchedule.parse(schedule)).toEqual(schedule);
  });

  it.each([
    [
      'a date-time without offset',
      { bidDeadline: '2026-03-23T09:00:00' },
      'bidDeadline',
      /with seconds and an offset/,
    ],
    ['a date-time without seconds', { documentsFrom: '2026-03-02T09:00+08:00' }, 'documentsFrom', /offset/],
    ['a bond in fractional fen', { bidBond: 20_000.5 }, 'bidBond', /whole number of fen/],
    ['a bond written as yuan text', { bidBond: '20000.00' }, 'bidBond', /whole number of fen/],
    ['a negative bond', { bidBond: -1 }, 'bidBond', /not be negative/],
    ['a fractional maximum price', { maxPrice: 1.5 }, 'maxPrice', /whole number of fen/],
    ['a validity of no days', { bidValidityDays: 0 }, 'bidValidityDays', /at least 1 day/],
    ['a blank opening place', { openingPlace: '  ' }, 'openingPlace', /opening place/],
    [
      'documents that stop before they start',
      { documentsTo: '2026-03-01T09:00:00+08:00' },
      'documentsTo',
      /after documentsFrom/,
    ],
    [
      'documents still issued after the bid deadline',
      { documentsTo: '2026-03-23T09:00:01+08:00' },
      'documentsTo',
      /at or before bidDeadline/,
    ],
  ])('refuses %s, naming the field', (_, overrides, field, message) => {
    expect(issuesOf({ ...aSchedule(), ...overrides })).toEqual([
      { field, message: expect.stringMatching(message) },
    ]);
  });

  it('refuses a key it does not know rather than dropping it', () => {
    expect(issuesOf({ ...aSchedule(), bidOpening: 'x' })).toEqual([
      { field: '', message: expect.stringMatching(/bidOpening/) },
    ]);
  });
});

describe('法24: from the documents to the bid deadline', () => {
  it.each([
    ['exactly 20 × 24 h', '2026-03-22T09:00:00+08:00'],
    ['20 days given in another offset', '2026-03-22T01:00:00Z'],
    ['21 days', '2026-03-23T09:00:00+08:00'],
  ])('accepts a bid deadline %s after the documents are first issued', (_, bidDeadline) => {
    expect(violationsOf(aSchedule({ bidDeadline }))).toEqual([]);
  });

  it.each([
    ['one minute short of 20 days', '2026-03-22T08:59:00+08:00'],
    ['19 days', '2026-03-21T09:00:00+08:00'],
  ])('refuses a bid deadline %s after, naming the earliest lawful deadline', (_, bidDeadline) => {
    expect(violationsOf(aSchedule({ bidDeadline }))).toEqual([
      {
        rule: '法24',
        field: 'schedule.bidDeadline',
        message: expect.stringContaining('set bidDeadline to 2026-03-22T09:00:00+08:00 or later'),
      },
    ]);
  });
});

describe('条例16: documents available for at least 5 days', () => {
  it('accepts documents available exactly 5 × 24 h', () => {
    expect(violationsOf(aSchedule({ documentsTo: '2026-03-07T09:00:00+08:00' }))).toEqual([]);
  });

  it('refuses documents available for 4 days, naming the earliest lawful end', () => {
    expect(violationsOf(aSchedule({ documentsTo: '2026-03-06T09:00:00+08:00' }))).toEqual([
      {
        rule: '条例16',
        field: 'schedule.documentsTo',
        message: expect.stringContaining('set documentsTo to 2026-03-07T09:00:00+08:00 or later'),
      },
    ]);
  });
});

describe('条例26: the bid bond at most 2 % of the estimated price', () => {
  it.each([
    ['no bond', 0],
    ['exactly 2 % (20,000.00 of 1,000,000.00 yuan)', 2_000_000],
  ])('accepts %s', (_, bidBond) => {
    expect(violationsOf(aSchedule({ bidBond }))).toEqual([]);
  });

  it.each([
    ['2.01 % (20,100.00 yuan)', 2_010_000],
    ['one fen over 2 %', 2_000_001],
  ])('refuses %s, naming the largest lawful bond', (_, bidBond) => {
    expect(violationsOf(aSchedule({ bidBond }))).toEqual([
      {
        rule: '条例26',
        field: 'schedule.bidBond',
        message: expect.stringContaining('set bidBond to 2000000 fen (20,000.00 yuan) or less'),
      },
    ]);
  });

  it('rounds the ceiling down to whole fen when 2 % is not whole', () => {
    // 2 % of 123.45 yuan is 2.469 yuan: 246 fen is lawful, 247 fen is not.
    expect(violationsOf(aSchedule({ bidBond: 246 }), 12_345)).toEqual([]);
    expect(violationsOf(aSchedule({ bidBond: 247 }), 12_345)).toEqual([
      expect.objectContaining({ rule: '条例26', message: expect.stringContaining('246 fen (2.46 yuan)') }),
    ]);
  });

  it('stays exact at the largest amount a number holds exactly', () => {
    const estimatedPrice = Number.MAX_SAFE_INTEGER;
    const ceiling = 180_143_985_094_819; // ⌊(2^53 − 1) × 2 / 100⌋
    expect(violationsOf(aSchedule({ bidBond: ceiling }), estimatedPrice)).toEqual([]);
    expect(violationsOf(aSchedule({ bidBond: ceiling + 1 }), estimatedPrice)).toHaveLength(1);
  });
});

describe('the maximum price', () => {
  it('accepts a maximum price up to the estimated price', () => {
    expect(violationsOf(aSchedule({ maxPrice: ESTIMATED_PRICE }))).toEqual([]);
  });

  it('refuses a maximum price above the estimated price as inconsistent', () => {
    expect(violationsOf(aSchedule({ maxPrice: ESTIMATED_PRICE + 1 }))).toEqual([
      {
        rule: 'consistency',
        field: 'schedule.maxPrice',
        message: expect.stringContaining('set maxPrice to 100000000 fen (1,000,000.00 yuan) or less'),
      },
    ]);
  });
});

describe('a schedule breaking several rules', () => {
  const unlawful = aSchedule({
    documentsTo: '2026-03-05T09:00:00+08:00',
    bidDeadline: '2026-03-20T09:00:00+08:00',
    bidBond: 3_000_000,
    maxPrice: ESTIMATED_PRICE * 2,
  });

  it('lists every violation in the order of the form, each citing its rule and field', () => {
    expect(violationsOf(unlawful).map(({ rule, field }) => [rule, field])).toEqual([
      ['条例16', 'schedule.documentsTo'],
      ['法24', 'schedule.bidDeadline'],
      ['条例26', 'schedule.bidBond'],
      ['consistency', 'schedule.maxPrice'],
    ]);
  });

  it('is refused with the first violation, and all of them as issues', () => {
    expect(() => assertLawfulSchedule(unlawful, { estimatedPrice: ESTIMATED_PRICE }, demoCalendar)).toThrow(
      expect.objectContaining({
        code: 'RULE_VIOLATED',
        message: expect.stringMatching(/^条例16: documentsTo must be at least 5 days after documentsFrom/),
        details: {
          rule: '条例16',
          field: 'schedule.documentsTo',
          issues: [
            expect.objectContaining({ field: 'schedule.documentsTo' }),
            expect.objectContaining({
              field: 'schedule.bidDeadline',
              message: expect.stringMatching(/^法24: /),
            }),
            expect.objectContaining({
              field: 'schedule.bidBond',
              message: expect.stringMatching(/^条例26: /),
            }),
            expect.objectContaining({ field: 'schedule.maxPrice' }),
          ],
        },
      }),
    );
  });

  it('lets a lawful schedule through', () => {
    expect(() =>
      assertLawfulSchedule(aSchedule(), { estimatedPrice: ESTIMATED_PRICE }, demoCalendar),
    ).not.toThrow();
  });
});
