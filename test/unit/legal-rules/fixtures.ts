import type { TenderSchedule } from '../../../packages/legal-rules/tender-schedule';

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

export const at = (iso: string): Date => new Date(iso);

/** 1,000,000.00 yuan in fen. */
export const ESTIMATED_PRICE = 100_000_000;

/** A lawful schedule: documents from Monday 2 March 2026, 09:00 CST, bids due 21 days later. */
export const aSchedule = (overrides: Partial<TenderSchedule> = {}): TenderSchedule => ({
  documentsFrom: '2026-03-02T09:00:00+08:00',
  documentsTo: '2026-03-09T17:00:00+08:00',
  bidDeadline: '2026-03-23T09:00:00+08:00',
  openingPlace: '市公共资源交易中心 第三开标室',
  bidBond: 2_000_000,
  bidValidityDays: 90,
  ...overrides,
});
