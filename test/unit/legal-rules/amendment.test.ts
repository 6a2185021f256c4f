import { amendmentDeadline, assertLawfulAmendment } from '../../../packages/legal-rules/amendment';
import { demoCalendar } from '../../../packages/legal-rules/calendar';
import { at, DAY_MS } from './fixtures';

const publishedAt = at('2026-03-08T10:00:00+08:00');
const fifteenDaysLater = new Date(publishedAt.getTime() + 15 * DAY_MS); // 2026-03-23T10:00:00+08:00

describe('条例21: an amendment that may affect bids', () => {
  it('leaves the deadline where it is when exactly 15 × 24 h remain', () => {
    expect(
      amendmentDeadline({ publishedAt, currentDeadline: fifteenDaysLater, affectsBids: true }, demoCalendar),
    ).toEqual({ lawful: true });
  });

  it.each([
    ['one minute short of 15 days', '2026-03-23T09:59:00+08:00'],
    ['14 days', '2026-03-22T10:00:00+08:00'],
    ['one day', '2026-03-09T10:00:00+08:00'],
  ])('moves a deadline %s away to exactly publication + 15 days', (_, deadline) => {
    const verdict = amendmentDeadline(
      { publishedAt, currentDeadline: at(deadline), affectsBids: true },
      demoCalendar,
    );
    expect(verdict).toEqual({ lawful: false, earliestDeadline: fifteenDaysLater });
  });

  it('sets no minimum for an amendment that cannot affect bids', () => {
    const currentDeadline = at('2026-03-09T10:00:00+08:00');
    expect(amendmentDeadline({ publishedAt, currentDeadline, affectsBids: false }, demoCalendar)).toEqual({
      lawful: true,
    });
  });

  it('refuses a deadline too close, citing the rule and the field and stating the earliest lawful deadline in CST', () => {
    // Published at 02:00 UTC, which is 10:00 CST.
    expect(() =>
      assertLawfulAmendment(at('2026-03-08T02:00:00Z'), at('2026-03-22T10:00:00+08:00'), true, demoCalendar),
    ).toThrow(
      expect.objectContaining({
        code: 'RULE_VIOLATED',
        message: expect.stringContaining('bidDeadline at 2026-03-23T10:00:00+08:00 or later'),
        details: { rule: '条例21', field: 'schedule.bidDeadline' },
      }),
    );
  });

  it('accepts the deadline it proposed', () => {
    const verdict = amendmentDeadline(
      { publishedAt, currentDeadline: publishedAt, affectsBids: true },
      demoCalendar,
    );
    if (verdict.lawful) throw new Error('expected the deadline to move');
    expect(() =>
      assertLawfulAmendment(publishedAt, verdict.earliestDeadline, true, demoCalendar),
    ).not.toThrow();
  });
});
