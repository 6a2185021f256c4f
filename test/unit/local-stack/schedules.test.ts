import { ratePeriodMs } from '../../../packages/local-stack/schedules';

describe('schedule expressions on the local stack', () => {
  it('reads rate expressions in minutes, hours and days, singular or plural', () => {
    expect(ratePeriodMs('rate(1 minute)')).toBe(60_000);
    expect(ratePeriodMs('rate(5 minutes)')).toBe(300_000);
    expect(ratePeriodMs('rate(2 hours)')).toBe(7_200_000);
    expect(ratePeriodMs('rate(1 day)')).toBe(86_400_000);
  });

  it('runs no cron expression, nor a malformed rate', () => {
    expect(ratePeriodMs('cron(0 12 * * ? *)')).toBeUndefined();
    expect(ratePeriodMs('rate(1 second)')).toBeUndefined();
    expect(ratePeriodMs('rate(minutes)')).toBeUndefined();
  });
});
