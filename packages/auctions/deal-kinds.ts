import type { DayKind } from '../legal-rules';

/**
 * The deals sold to the highest bidder, as data: land use rights and mining rights (招标/拍卖/挂牌)
 * and state-owned property rights (国有产权交易). A flow reads its periods, its form and its
 * countdown from here, and a refusal cites the row's source.
 *
 * 令39 = 招标拍卖挂牌出让国有建设用地使用权规定 (国土资源部令第39号, 2007);
 * 交易规则 = 矿业权交易规则 (国土资规〔2017〕7号);
 * 令32 = 企业国有资产交易监督管理办法 (国务院国资委 财政部令第32号, 2016);
 * 平台规则 = the trading center's own bidding rules, which the law leaves to it.
 */

/** A period between two steps of a deal, with its day kind and its source. */
export interface DealPeriod {
  readonly days: number;
  readonly dayKind: DayKind;
  readonly article: string;
  /** Set where the value or article is read from a secondary source and awaits a check against the text. */
  readonly toConfirm?: string;
}

/**
 * How bidding runs:
 * - `listing` (挂牌): bids at any time during the listing period; at its close, a timed round
 *   (限时竞价) follows if two or more bidders want to go on, else the highest listing bid decides;
 * - `auction` (拍卖, 网络竞价): a timed round from the start, its countdown restarting on every valid bid.
 */
export type BiddingForm = 'listing' | 'auction';

export const dealKindCodes = [
  'land-listing',
  'land-auction',
  'mining-listing',
  'mining-auction',
  'property-auction',
] as const;
export type DealKindCode = (typeof dealKindCodes)[number];

export interface DealKind {
  readonly code: DealKindCode;
  /** Its name as the center lists it. */
  readonly name: string;
  readonly asset: 'land' | 'mining-right' | 'state-property';
  readonly form: BiddingForm;
  /** The announcement (公告) or information disclosure (信息披露) before bidding starts. */
  readonly announcement: DealPeriod;
  /** The listing period (挂牌期); listings only. */
  readonly listing?: DealPeriod;
  /** The timed round's countdown, restarted by every valid bid. */
  readonly countdown: { readonly ms: number; readonly article: string };
  /** Bids are at or above the starting price, in whole increments of 加价幅度 above it. */
  readonly increment: { readonly article: string };
  /** The highest bid below the reserve (底价/保留价) is no sale (流拍). */
  readonly reserve: { readonly article: string };
  /** The result is published within this period of the close. */
  readonly resultPublication: DealPeriod;
  /** State property: a relisting below this share of the appraisal needs the approving body's written consent. */
  readonly relistingFloor?: { readonly percent: number; readonly article: string };
  /** State property: with a single qualified buyer, a sale at no less than the listing price. */
  readonly singleBuyer?: { readonly article: string };
}

const FOUR_MINUTES = 4 * 60_000;
const centerCountdown = { ms: FOUR_MINUTES, article: '平台规则' } as const;

const land = {
  asset: 'land',
  announcement: { days: 20, dayKind: 'calendar', article: '令39第10条' },
  countdown: centerCountdown,
  increment: { article: '令39第15条' },
  reserve: { article: '令39第15条' },
  resultPublication: {
    days: 10,
    dayKind: 'working',
    article: '令39第21条',
    toConfirm: 'article number read from a summary of 令39',
  },
} as const;

const mining = {
  asset: 'mining-right',
  announcement: {
    days: 20,
    dayKind: 'working',
    article: '交易规则第21条',
    toConfirm: 'value and article read from a summary of 国土资规〔2017〕7号',
  },
  countdown: centerCountdown,
  increment: { article: '交易规则' },
  reserve: { article: '交易规则' },
  resultPublication: { days: 10, dayKind: 'working', article: '交易规则', toConfirm: 'taken as for land' },
} as const;

/** Every deal kind, keyed by code. */
export const dealKinds: Readonly<Record<DealKindCode, DealKind>> = {
  'land-listing': {
    ...land,
    code: 'land-listing',
    name: '国有建设用地使用权挂牌出让',
    form: 'listing',
    listing: { days: 10, dayKind: 'calendar', article: '令39第19条' },
  },
  'land-auction': { ...land, code: 'land-auction', name: '国有建设用地使用权拍卖出让', form: 'auction' },
  'mining-listing': {
    ...mining,
    code: 'mining-listing',
    name: '矿业权挂牌出让',
    form: 'listing',
    listing: {
      days: 10,
      dayKind: 'working',
      article: '交易规则',
      toConfirm: 'value read from a summary of 国土资规〔2017〕7号',
    },
  },
  'mining-auction': { ...mining, code: 'mining-auction', name: '矿业权拍卖出让', form: 'auction' },
  'property-auction': {
    code: 'property-auction',
    name: '企业国有产权转让网络竞价',
    asset: 'state-property',
    form: 'auction',
    announcement: { days: 20, dayKind: 'working', article: '令32第13条' },
    countdown: centerCountdown,
    increment: { article: '平台规则' },
    reserve: { article: '令32第13条' },
    resultPublication: { days: 5, dayKind: 'working', article: '平台规则', toConfirm: 'the center sets it' },
    relistingFloor: { percent: 90, article: '令32第18条' },
    singleBuyer: { article: '令32第22条' },
  },
};

export const dealKindOf = (code: DealKindCode): DealKind => dealKinds[code];
