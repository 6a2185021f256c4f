import * as z from 'zod';
import { Fen } from '../legal-rules';
import { Law, ProjectKind } from '../procedures';

/**
 * The center's service fees (交易服务费) as data: a differential-rate schedule (差额定率累进)
 * per deal kind. The amount a result names (the winning price) is cut into bands; each band's
 * part is charged at its own rate and the charges are added up; a row may set a minimum and a
 * maximum fee. Each city's price authority (价格主管部门) sets its own schedule, so the default
 * below is a stand-in that cites where it comes from, and a deployment replaces it whole
 * (`SERVICE_FEE_SCHEDULE`, from `cdk -c serviceFeeSchedule=…`).
 *
 * Rounding: each band's charge is rounded half up to the fen on its own, then the charges are
 * added. Bands that end on whole yuan are charged exactly, so only the band the amount ends in
 * can round; and since a band's charge never falls as its part grows, the fee never falls as the
 * amount grows.
 *
 * 1980号 = 招标代理服务收费管理暂行办法 (国家计委 计价格〔2002〕1980号), its table of 招标代理服务收费标准;
 * 534号 = 国家发展改革委 发改价格〔2011〕534号, which added the band above 10亿元.
 */

/** The kinds of deal a schedule charges: tendering under 招标投标法 by project kind, and government procurement. */
export const feeKinds = ['works', 'goods', 'services', 'government-procurement'] as const;
export const FeeKind = z.enum(feeKinds);
export type FeeKind = z.infer<typeof FeeKind>;

/** A rate as a percentage with at most three decimals (0.005 %), kept exact as thousandths of a percent. */
const Percent = z
  .number()
  .positive('must be more than 0')
  .max(100, 'must be at most 100')
  .refine((p) => Math.abs(p * 1000 - Math.round(p * 1000)) < 1e-6, 'must have at most three decimals');

export const FeeBand = z.strictObject({
  /** Where the band ends, in fen, that amount included; the last band has no end. */
  upToFen: Fen.min(1, 'must be more than 0').optional(),
  percent: Percent,
});
export type FeeBand = z.infer<typeof FeeBand>;

export const FeeRow = z
  .strictObject({
    /** The kind of deal as the schedule names it. */
    name: z.string().min(1).max(100),
    bands: z
      .array(FeeBand)
      .min(1)
      .max(12)
      .superRefine((bands, ctx) => {
        bands.forEach((band, i) => {
          const last = i === bands.length - 1;
          if (last !== (band.upToFen === undefined)) {
            ctx.addIssue({
              code: 'custom',
              path: [i, 'upToFen'],
              message: last ? 'the last band has no end' : 'every band but the last ends somewhere',
            });
          }
          const previous = bands[i - 1]?.upToFen;
          if (band.upToFen !== undefined && previous !== undefined && band.upToFen <= previous) {
            ctx.addIssue({
              code: 'custom',
              path: [i, 'upToFen'],
              message: 'must end above the band before it',
            });
          }
        });
      }),
    minimumFen: Fen.optional(),
    maximumFen: Fen.optional(),
    /** The document the row comes from. */
    source: z.string().min(1).max(200),
    /** Set where the row awaits a check against the city's own document. */
    toConfirm: z.string().max(300).optional(),
  })
  .refine(
    (row) => row.minimumFen === undefined || row.maximumFen === undefined || row.minimumFen <= row.maximumFen,
    {
      message: 'must not be above maximumFen',
      path: ['minimumFen'],
    },
  );
export type FeeRow = z.infer<typeof FeeRow>;

export const FeeSchedule = z.strictObject({
  /** Who charges the fee and signs its receipt: the trading center. */
  collector: z.string().min(1).max(100),
  /** A kind of deal without a row is charged nothing. */
  rows: z.partialRecord(FeeKind, FeeRow),
});
export type FeeSchedule = z.infer<typeof FeeSchedule>;

const WAN_YUAN = 10_000 * 100;
/** 1980号's bands, in 万元: up to 100, 500, 1000, 5000, 10000, 100000, and above. */
const BAND_ENDS_WAN = [100, 500, 1_000, 5_000, 10_000, 100_000];

const banded = (percents: readonly number[]): FeeBand[] =>
  percents.map((percent, i) => {
    const end = BAND_ENDS_WAN[i];
    return end === undefined ? { percent } : { upToFen: end * WAN_YUAN, percent };
  });

const SOURCE = '计价格〔2002〕1980号 招标代理服务收费标准；发改价格〔2011〕534号';
const TO_CONFIRM =
  "1980号's rates stand in for the city's own: confirm against the price authority's (物价局/发展改革委) document on 公共资源交易服务费";

/** The schedule until a city gives its own: 1980号's table, its columns by kind of deal. */
export const defaultFeeSchedule: FeeSchedule = {
  collector: '市公共资源交易中心',
  rows: {
    works: {
      name: '工程招标',
      bands: banded([1, 0.7, 0.55, 0.35, 0.2, 0.05, 0.01]),
      source: SOURCE,
      toConfirm: TO_CONFIRM,
    },
    goods: {
      name: '货物招标',
      bands: banded([1.5, 1.1, 0.8, 0.5, 0.25, 0.05, 0.01]),
      source: SOURCE,
      toConfirm: TO_CONFIRM,
    },
    services: {
      name: '服务招标',
      bands: banded([1.5, 0.8, 0.45, 0.25, 0.1, 0.05, 0.01]),
      source: SOURCE,
      toConfirm: TO_CONFIRM,
    },
    'government-procurement': {
      name: '政府采购',
      bands: banded([1.5, 1.1, 0.8, 0.5, 0.25, 0.05, 0.01]),
      source: SOURCE,
      toConfirm: `${TO_CONFIRM}; 1980号's goods column is taken for government procurement`,
    },
  },
};

/**
 * The schedule of a deployment: the city's own, as JSON in `SERVICE_FEE_SCHEDULE`, which replaces
 * the default whole; the default when it is absent. A schedule that breaks a rule is refused,
 * naming the field.
 */
export const feeScheduleFrom = (json: string | undefined): FeeSchedule => {
  if (json === undefined) return defaultFeeSchedule;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new RangeError('The service fee schedule is not JSON.');
  }
  const parsed = FeeSchedule.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RangeError(
      `The service fee schedule's ${['schedule', ...issue.path].join('.')} ${issue.message}.`,
    );
  }
  return parsed.data;
};

/** Which row of the schedule charges a deal: government procurement by its law, tendering by the project's kind. */
export const feeKindOf = (type: ProjectKind, law: Law): FeeKind | undefined => {
  if (law === '政府采购法') return 'government-procurement';
  return type === 'works' || type === 'goods' || type === 'services' ? type : undefined;
};

/** One band's part of the amount and its charge, in fen. */
export const BandCharge = z.object({
  fromFen: z.int(),
  /** Absent for the last band. */
  toFen: z.int().optional(),
  percent: z.number(),
  /** The part of the amount within the band. */
  baseFen: z.int(),
  chargeFen: z.int(),
});
export type BandCharge = z.infer<typeof BandCharge>;

/** A fee shown band by band, as the receipt states it. */
export const FeeComputation = z.object({
  kind: FeeKind,
  /** The row's name and source. */
  name: z.string(),
  source: z.string(),
  /** The amount charged on (the winning price), in fen. */
  amountFen: z.int(),
  bands: z.array(BandCharge),
  /** The band charges added up. */
  subtotalFen: z.int(),
  /** Set when the row's minimum or maximum decided the fee. */
  limit: z.enum(['minimum', 'maximum']).optional(),
  feeFen: z.int(),
});
export type FeeComputation = z.infer<typeof FeeComputation>;

/** `percent` % of `base` fen, rounded half up to the fen; exact in BigInt, whatever the amount. */
const chargeOf = (baseFen: number, percent: number): number =>
  Number((BigInt(baseFen) * BigInt(Math.round(percent * 1000)) + 50_000n) / 100_000n);

/** The fee a row charges on `amountFen` (a whole number of fen, not negative), band by band. */
export const computeFee = (kind: FeeKind, row: FeeRow, amountFen: number): FeeComputation => {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) {
    throw new RangeError(`${amountFen} is not an amount in whole fen.`);
  }
  const bands: BandCharge[] = [];
  let fromFen = 0;
  for (const { upToFen, percent } of row.bands) {
    if (amountFen <= fromFen) break;
    const baseFen = Math.min(amountFen, upToFen ?? amountFen) - fromFen;
    bands.push({
      fromFen,
      ...(upToFen === undefined ? {} : { toFen: upToFen }),
      percent,
      baseFen,
      chargeFen: chargeOf(baseFen, percent),
    });
    if (upToFen === undefined) break;
    fromFen = upToFen;
  }
  const subtotalFen = bands.reduce((sum, band) => sum + band.chargeFen, 0);
  const limit =
    row.minimumFen !== undefined && subtotalFen < row.minimumFen
      ? 'minimum'
      : row.maximumFen !== undefined && subtotalFen > row.maximumFen
        ? 'maximum'
        : undefined;
  const feeFen = limit === 'minimum' ? row.minimumFen! : limit === 'maximum' ? row.maximumFen! : subtotalFen;
  return {
    kind,
    name: row.name,
    source: row.source,
    amountFen,
    bands,
    subtotalFen,
    ...(limit ? { limit } : {}),
    feeFen,
  };
};

/** An amount in 万元 where it is whole 万元 (as fee tables write it), else in yuan. */
const tableAmount = (fen: number): string =>
  fen % WAN_YUAN === 0 ? `${fen / WAN_YUAN}万元` : `${(fen / 100).toFixed(2)}元`;

/** How a fee table names a band: `100万元以下`, `100万元至500万元`, `100000万元以上`. */
export const bandLabel = (band: Pick<BandCharge, 'fromFen' | 'toFen'>): string =>
  band.toFen === undefined
    ? `${tableAmount(band.fromFen)}以上`
    : band.fromFen === 0
      ? `${tableAmount(band.toFen)}以下`
      : `${tableAmount(band.fromFen)}至${tableAmount(band.toFen)}`;
