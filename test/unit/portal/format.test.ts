import {
  addDays,
  amountHint,
  dayOf,
  fenOf,
  mondayOf,
  startOfDay,
  timeOf,
  yuan,
} from '../../../packages/portal/app/format';

describe("the portal's amounts", () => {
  it('reads 元 as typed into integer fen exactly, with no binary fraction', () => {
    // 0.29 * 100 is 28.999999999999996 in floating point; the portal never multiplies a fraction.
    expect(fenOf('0.29')).toBe(29);
    expect(fenOf('20,000.00')).toBe(2_000_000);
    expect(fenOf('1，234，567.8')).toBe(123_456_780);
    expect(fenOf(' 4503599627370.49 ')).toBe(450_359_962_737_049);
  });

  it('refuses what is not an amount of at most two decimals', () => {
    for (const typed of ['', '1.234', '-1', '1e3', '12.', '.5', '２０'])
      expect({ typed, fen: fenOf(typed) }).toEqual({ typed, fen: undefined });
  });

  it('says under a field what the amount typed reads as', () => {
    expect(amountHint('')).toBe('以元为单位，最多两位小数');
    expect(amountHint('20000.1')).toBe('即 20,000.10 元');
    expect(amountHint('20000.001', '20,000.00')).toBe('请输入金额，如 20,000.00');
  });

  it('writes fen back as 元 with thousands separators', () => {
    expect(yuan(123_456_789)).toBe('1,234,567.89 元');
    expect(yuan(-5)).toBe('-0.05 元');
  });
});

describe("the portal's calendar days", () => {
  it('puts an instant on its Beijing day, whatever the machine’s zone', () => {
    expect(dayOf('2026-12-06T15:59:59.999Z')).toBe('2026-12-06');
    expect(dayOf('2026-12-06T16:00:00.000Z')).toBe('2026-12-07');
    expect(startOfDay('2026-12-07')).toBe('2026-12-06T16:00:00.000Z');
    expect(timeOf('2026-12-07T01:30:00.000Z')).toBe('09:30');
  });

  it('runs a week from Monday to Sunday, across a month and a year', () => {
    expect(mondayOf('2026-12-07')).toBe('2026-12-07');
    expect(mondayOf('2026-12-13')).toBe('2026-12-07');
    expect(mondayOf('2027-01-02')).toBe('2026-12-28');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
  });
});
