import {
  assertLawfulAuctionSchedule,
  assertRelistingPrice,
  dealKindCodes,
  dealKinds,
  dealKindOf,
  singleBuyerPrice,
} from '../../../packages/auctions';
import { demoCalendar } from '../../../packages/legal-rules/calendar';

const DAY_MS = 86_400_000;
const land = dealKindOf('land-listing');
const property = dealKindOf('property-auction');
const consent = {
  approvingBody: '市国资委',
  documentNumber: '国资产权〔2026〕12号',
  documentSha256: 'c'.repeat(64),
};

describe('deal kinds as data', () => {
  it('has a source for every period and rule', () => {
    for (const code of dealKindCodes) {
      const kind = dealKinds[code];
      expect(kind.code).toBe(code);
      for (const period of [kind.announcement, kind.listing, kind.resultPublication].filter(Boolean)) {
        expect(period?.article).toMatch(/\S/);
        expect(period?.days).toBeGreaterThan(0);
      }
      expect(kind.form === 'listing').toBe(kind.listing !== undefined);
    }
  });

  // Values read from secondary sources, pinned so a correction happens here and is seen.
  it.each([
    ['land-listing', 'announcement', 20, 'calendar', '令39第10条'],
    ['land-listing', 'listing', 10, 'calendar', '令39第19条'],
    ['land-auction', 'resultPublication', 10, 'working', '令39第21条'],
    ['mining-listing', 'announcement', 20, 'working', '交易规则第21条'],
    ['mining-listing', 'listing', 10, 'working', '交易规则'],
    ['property-auction', 'announcement', 20, 'working', '令32第13条'],
  ] as const)('pins %s %s at %i %s days (%s)', (code, period, days, dayKind, article) => {
    expect(dealKinds[code][period]).toMatchObject({ days, dayKind, article });
  });
});

describe('the schedule', () => {
  const announcedAt = '2026-12-01T02:00:00.000Z';
  const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

  it('opens a land listing 20 days after its announcement, not a millisecond sooner', () => {
    const opensAt = plus(announcedAt, 20 * DAY_MS);
    const listingClosesAt = plus(opensAt, 10 * DAY_MS);
    expect(() =>
      assertLawfulAuctionSchedule(
        land,
        { announcedAt, applicationsCloseAt: opensAt, opensAt, listingClosesAt },
        demoCalendar,
      ),
    ).not.toThrow();
    expect(() =>
      assertLawfulAuctionSchedule(
        land,
        { announcedAt, applicationsCloseAt: announcedAt, opensAt: plus(opensAt, -1), listingClosesAt },
        demoCalendar,
      ),
    ).toThrow(
      expect.objectContaining({ code: 'RULE_VIOLATED', details: { field: 'opensAt', rule: '令39第10条' } }),
    );
  });

  it('closes applications and bonds no later than bidding opens, not a millisecond after', () => {
    const opensAt = plus(announcedAt, 20 * DAY_MS);
    const listingClosesAt = plus(opensAt, 10 * DAY_MS);
    const check = (applicationsCloseAt: string) => () =>
      assertLawfulAuctionSchedule(
        land,
        { announcedAt, applicationsCloseAt, opensAt, listingClosesAt },
        demoCalendar,
      );
    expect(check(opensAt)).not.toThrow();
    expect(check(plus(opensAt, 1))).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', details: { field: 'body.applicationsCloseAt' } }),
    );
  });

  it('lists at least 10 days', () => {
    const opensAt = plus(announcedAt, 20 * DAY_MS);
    expect(() =>
      assertLawfulAuctionSchedule(
        land,
        {
          announcedAt,
          applicationsCloseAt: announcedAt,
          opensAt,
          listingClosesAt: plus(opensAt, 10 * DAY_MS - 1),
        },
        demoCalendar,
      ),
    ).toThrow(expect.objectContaining({ details: { field: 'listingClosesAt', rule: '令39第19条' } }));
  });

  it('discloses state property 20 working days, skipping the National Day week and counting its make-up Saturday', () => {
    // From Wednesday 16 Sep 2026 (中秋 25–27 Sep and 1–7 Oct off, Sundays 20 Sep and Saturday 10 Oct worked): the 20th working day is Tuesday 20 Oct.
    const from = '2026-09-16T02:00:00.000Z';
    expect(() =>
      assertLawfulAuctionSchedule(
        property,
        { announcedAt: from, applicationsCloseAt: from, opensAt: '2026-10-20T16:00:00.000Z' },
        demoCalendar,
      ),
    ).not.toThrow();
    expect(() =>
      assertLawfulAuctionSchedule(
        property,
        { announcedAt: from, applicationsCloseAt: from, opensAt: '2026-10-20T15:59:59.999Z' },
        demoCalendar,
      ),
    ).toThrow(expect.objectContaining({ details: { field: 'opensAt', rule: '令32第13条' } }));
  });
});

describe('state property', () => {
  it('relists at 90 % of the appraisal without consent, a fen below only with it', () => {
    expect(() =>
      assertRelistingPrice(property, { appraisalFen: 10_000_000, newPriceFen: 9_000_000 }),
    ).not.toThrow();
    expect(() =>
      assertRelistingPrice(property, { appraisalFen: 10_000_000, newPriceFen: 8_999_999 }),
    ).toThrow(
      expect.objectContaining({
        code: 'RULE_VIOLATED',
        details: { field: 'body.relisting.consent', rule: '令32第18条' },
      }),
    );
    expect(() =>
      assertRelistingPrice(property, { appraisalFen: 10_000_000, newPriceFen: 5_000_000 }, consent),
    ).not.toThrow();
  });

  it('sells to a single buyer at no less than the listing price', () => {
    expect(singleBuyerPrice(property, 10_000_000, 10_000_000)).toBe(10_000_000);
    expect(singleBuyerPrice(property, 10_000_000, 10_500_000)).toBe(10_500_000);
    expect(() => singleBuyerPrice(property, 10_000_000, 9_999_999)).toThrow(
      expect.objectContaining({ details: { field: 'quoteFen', rule: '令32第22条' } }),
    );
    expect(() => singleBuyerPrice(land, 10_000_000, 10_000_000)).toThrow(
      expect.objectContaining({ details: { field: 'kind' } }),
    );
  });
});
