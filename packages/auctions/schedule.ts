import { DomainError } from '../kernel';
import { HolidayCalendar, periodDays } from '../legal-rules';
import { DealKind, DealPeriod } from './deal-kinds';
import type { Relisting } from './model';

const assertPeriod = (
  period: DealPeriod,
  from: string,
  to: string,
  field: string,
  calendar: HolidayCalendar,
) => {
  const days = periodDays(new Date(from), new Date(to), period.dayKind, calendar);
  if (days < period.days) {
    const unit = period.dayKind === 'working' ? 'working days' : 'days';
    throw new DomainError(
      'RULE_VIOLATED',
      `${field} must be at least ${period.days} ${unit} after ${from}; it is ${days}.`,
      { field, rule: period.article },
    );
  }
};

/**
 * The announcement (公告, 信息披露) runs its period before bidding opens, and a listing runs
 * at least its listing period (挂牌期), each counted in its day kind. Applications and bonds
 * close no later than bidding opens: who may bid is known before the first bid.
 */
export const assertLawfulAuctionSchedule = (
  kind: DealKind,
  schedule: { announcedAt: string; applicationsCloseAt: string; opensAt: string; listingClosesAt?: string },
  calendar: HolidayCalendar,
): void => {
  assertPeriod(kind.announcement, schedule.announcedAt, schedule.opensAt, 'opensAt', calendar);
  if (kind.listing) {
    if (!schedule.listingClosesAt) {
      throw new DomainError('VALIDATION_FAILED', 'A listing needs the end of its listing period.', {
        field: 'listingClosesAt',
        rule: kind.listing.article,
      });
    }
    assertPeriod(kind.listing, schedule.opensAt, schedule.listingClosesAt, 'listingClosesAt', calendar);
  }
  if (Date.parse(schedule.applicationsCloseAt) > Date.parse(schedule.opensAt)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'body.applicationsCloseAt: applications and bonds close no later than bidding opens.',
      { field: 'body.applicationsCloseAt' },
    );
  }
};

/**
 * A relisting (重新披露) may lower the price; below the floor share of the appraisal only with the
 * approving body's written consent. Integer arithmetic: price × 100 < appraisal × percent.
 */
export const assertRelistingPrice = (
  kind: DealKind,
  prices: { appraisalFen: number; newPriceFen: number },
  consent?: Relisting['consent'],
): void => {
  const floor = kind.relistingFloor;
  if (!floor) return;
  if (prices.newPriceFen * 100 < prices.appraisalFen * floor.percent && !consent) {
    throw new DomainError(
      'RULE_VIOLATED',
      `A new price below ${floor.percent} % of the appraisal (${prices.appraisalFen} fen) needs the approving body's written consent: record it with the relisting.`,
      { field: 'body.relisting.consent', rule: floor.article },
    );
  }
};

/**
 * With a single qualified buyer (state property), the sale is signed directly at the higher of the
 * listing price and the buyer's quote, which may not be below the listing price.
 */
export const singleBuyerPrice = (kind: DealKind, listingPriceFen: number, quoteFen: number): number => {
  if (!kind.singleBuyer) {
    throw new DomainError('RULE_VIOLATED', `${kind.name} has no direct sale to a single buyer.`, {
      field: 'kind',
    });
  }
  if (quoteFen < listingPriceFen) {
    throw new DomainError(
      'RULE_VIOLATED',
      `The quote must be at least the listing price of ${listingPriceFen} fen.`,
      { field: 'quoteFen', rule: kind.singleBuyer.article },
    );
  }
  return Math.max(listingPriceFen, quoteFen);
};
