import fc from 'fast-check';
import {
  bandLabel,
  computeFee,
  defaultFeeSchedule,
  FeeRow,
  feeKindOf,
  feeKinds,
  feeScheduleFrom,
} from '../../../packages/ledger/fee-schedule';

const WAN = 1_000_000; // 万元, in fen
const works = defaultFeeSchedule.rows.works!;
const feeOf = (row: FeeRow, fen: number) => computeFee('works', row, fen).feeFen;

/** Any row a city could set: ascending band ends, rates of up to three decimals, maybe a minimum and a maximum. */
const anyRow: fc.Arbitrary<FeeRow> = fc
  .record({
    ends: fc.uniqueArray(fc.integer({ min: 1, max: 1e13 }), { minLength: 0, maxLength: 6 }),
    percents: fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 7, maxLength: 7 }),
    limits: fc.option(fc.tuple(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 1e9 }))),
  })
  .map(({ ends, percents, limits }) => {
    const sorted = [...ends].sort((a, b) => a - b);
    const bands = [...sorted, undefined].map((upToFen, i) => ({
      ...(upToFen === undefined ? {} : { upToFen }),
      percent: percents[i]! / 1000,
    }));
    const [low, high] = limits ? [Math.min(...limits), Math.max(...limits)] : [];
    return {
      name: '任意',
      bands,
      source: 'test',
      ...(low === undefined ? {} : { minimumFen: low, maximumFen: high }),
    };
  });
const anyAmount = fc.integer({ min: 0, max: 1e15 });

describe('the service fee schedule (交易服务费, 差额定率累进)', () => {
  it("charges 1980号's own example: works won at 6000万元 pay 22.55万元", () => {
    const computed = computeFee('works', works, 6_000 * WAN);
    expect(computed.feeFen).toBe(225_500_00);
    expect(computed.bands.map((b) => [bandLabel(b), b.baseFen / WAN, b.percent, b.chargeFen / 100])).toEqual([
      ['100万元以下', 100, 1, 10_000],
      ['100万元至500万元', 400, 0.7, 28_000],
      ['500万元至1000万元', 500, 0.55, 27_500],
      ['1000万元至5000万元', 4_000, 0.35, 140_000],
      ['5000万元至10000万元', 1_000, 0.2, 20_000],
    ]);
    expect(computed).toMatchObject({ subtotalFen: 225_500_00, name: '工程招标', source: works.source });
    expect(computed.limit).toBeUndefined();
  });

  it('cites its source on every row, and marks each as a stand-in for the city’s own document', () => {
    for (const kind of feeKinds) {
      const row = defaultFeeSchedule.rows[kind]!;
      expect(row.source).toContain('1980号');
      expect(row.toConfirm).toMatch(/price authority/);
      expect(FeeRow.safeParse(row).success).toBe(true);
    }
    expect(bandLabel(computeFee('goods', defaultFeeSchedule.rows.goods!, 2e11).bands.at(-1)!)).toBe(
      '100000万元以上',
    );
  });

  it('rounds each band half up to the fen', () => {
    // 1 % of 49 fen is 0.49 fen; of 50 fen, 0.5 fen; of 150 fen, 1.5 fen.
    expect([49, 50, 150, 151].map((fen) => feeOf(works, fen))).toEqual([0, 1, 2, 2]);
    // 0.7 % of 1 fen above the first band: 0.007 fen, nothing.
    expect(feeOf(works, 100 * WAN + 1)).toBe(10_000_00);
  });

  it('never falls as the amount grows, charges whole fen, and adds up band by band', () => {
    fc.assert(
      fc.property(anyRow, anyAmount, anyAmount, (row, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const lower = computeFee('goods', row, low);
        const higher = computeFee('goods', row, high);
        expect(lower.feeFen).toBeLessThanOrEqual(higher.feeFen);
        for (const computed of [lower, higher]) {
          expect(Number.isSafeInteger(computed.feeFen)).toBe(true);
          expect(computed.bands.reduce((sum, band) => sum + band.baseFen, 0)).toBe(computed.amountFen);
          expect(computed.bands.reduce((sum, band) => sum + band.chargeFen, 0)).toBe(computed.subtotalFen);
          for (const band of computed.bands) {
            // Within half a fen of the exact charge, a half rounded up (in 1/100000 fen, exactly).
            const off =
              BigInt(band.chargeFen) * 100_000n -
              BigInt(band.baseFen) * BigInt(Math.round(band.percent * 1000));
            expect(off > -50_000n && off <= 50_000n).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('charges each whole band exactly at its end, for every kind of deal', () => {
    for (const kind of feeKinds) {
      const row = defaultFeeSchedule.rows[kind]!;
      let exact = 0;
      let from = 0;
      for (const { upToFen, percent } of row.bands.slice(0, -1)) {
        // Whole yuan at a rate of whole thousandths of a percent: a whole number of fen, no rounding.
        exact += ((upToFen! - from) * Math.round(percent * 1000)) / 100_000;
        expect(Number.isInteger(exact)).toBe(true);
        expect(computeFee(kind, row, upToFen!).feeFen).toBe(exact);
        // A fen above the end is charged at the next band's rate, from the same total.
        expect(computeFee(kind, row, upToFen! + 1).bands.at(-1)!.baseFen).toBe(1);
        from = upToFen!;
      }
    }
  });

  it('holds a fee within the row’s minimum and maximum, and says which one decided it', () => {
    const limited = { ...works, minimumFen: 500_00, maximumFen: 50_000_00 };
    expect(computeFee('works', limited, 10_000_00)).toMatchObject({
      subtotalFen: 100_00,
      feeFen: 500_00,
      limit: 'minimum',
    });
    expect(computeFee('works', limited, 10_000 * WAN)).toMatchObject({ feeFen: 50_000_00, limit: 'maximum' });
    expect(computeFee('works', limited, 100 * WAN).limit).toBeUndefined();
  });

  it('refuses an amount that is not whole fen', () => {
    for (const bad of [-1, 0.5, Number.NaN, 2 ** 53]) expect(() => feeOf(works, bad)).toThrow(RangeError);
  });

  it("takes a city's schedule whole from its JSON, and refuses one that breaks a rule, naming the field", () => {
    expect(feeScheduleFrom(undefined)).toBe(defaultFeeSchedule);
    const city = {
      collector: '某市公共资源交易中心',
      rows: {
        works: {
          name: '工程交易服务费',
          bands: [{ upToFen: 100 * WAN, percent: 0.3 }, { percent: 0.1 }],
          maximumFen: 100_000_00,
          source: '某价费〔2020〕12号',
        },
      },
    };
    const schedule = feeScheduleFrom(JSON.stringify(city));
    expect(schedule).toEqual(city);
    expect(schedule.rows.goods).toBeUndefined();
    const refusals: [unknown, RegExp][] = [
      [
        { ...city, rows: { works: { ...city.rows.works, bands: [{ upToFen: 1, percent: 1 }] } } },
        /bands\.0\.upToFen the last band has no end/,
      ],
      [
        {
          ...city,
          rows: {
            works: {
              ...city.rows.works,
              bands: [{ upToFen: 9, percent: 1 }, { upToFen: 5, percent: 1 }, { percent: 1 }],
            },
          },
        },
        /bands\.1\.upToFen must end above/,
      ],
      [
        { ...city, rows: { works: { ...city.rows.works, bands: [{ percent: 0.0005 }] } } },
        /percent must have at most three decimals/,
      ],
      [
        { ...city, rows: { works: { ...city.rows.works, minimumFen: 200_000_00 } } },
        /minimumFen must not be above maximumFen/,
      ],
      [{ ...city, rows: { land: city.rows.works } }, /schedule\.rows/],
    ];
    for (const [bad, message] of refusals)
      expect(() => feeScheduleFrom(JSON.stringify(bad))).toThrow(message);
    expect(() => feeScheduleFrom('{')).toThrow(/not JSON/);
  });

  it('charges government procurement by its law, tendering by the project’s kind, and nothing else', () => {
    expect(feeKindOf('goods', '政府采购法')).toBe('government-procurement');
    expect(feeKindOf('services', '招标投标法')).toBe('services');
    expect(feeKindOf('works', '招标投标法')).toBe('works');
    expect(feeKindOf('land', '招标投标法')).toBeUndefined();
  });
});
