import { demoCalendar, formatCst } from '../../../packages/legal-rules/calendar';
import type { PeriodRuleId } from '../../../packages/legal-rules/rules';
import { deadlineFor } from '../../../packages/legal-rules/time-limits';
import { at } from './fixtures';

describe('the deadline of a time limit', () => {
  it.each<[PeriodRuleId, string, string]>([
    ['publicity-start', '2026-06-01T10:00:00+08:00', '2026-06-04T10:00:00+08:00'],
    ['publicity-duration', '2026-06-04T10:00:00+08:00', '2026-06-07T10:00:00+08:00'],
    ['publicity-objection-answer', '2026-06-05T16:30:00+08:00', '2026-06-08T16:30:00+08:00'],
    ['withdrawal-bond-refund', '2026-03-10T11:00:00+08:00', '2026-03-15T11:00:00+08:00'],
    ['contract-signing', '2026-07-01T09:00:00+08:00', '2026-07-31T09:00:00+08:00'],
    ['complaint-filing', '2026-09-28T09:00:00+08:00', '2026-10-08T09:00:00+08:00'],
  ])('ends %s from %s at %s, counting calendar days', (ruleId, from, deadline) => {
    expect(formatCst(deadlineFor(ruleId, at(from), demoCalendar))).toBe(deadline);
  });

  it('ends a complaint acceptance 3 working days after receipt, past the National Day week', () => {
    expect(
      formatCst(deadlineFor('complaint-acceptance', at('2026-09-30T15:00:00+08:00'), demoCalendar)),
    ).toBe('2026-10-11T00:00:00+08:00');
  });

  it('ends a complaint decision 30 working days after acceptance', () => {
    expect(formatCst(deadlineFor('complaint-decision', at('2026-09-30T10:00:00+08:00'), demoCalendar))).toBe(
      '2026-11-18T00:00:00+08:00',
    );
  });

  it.each<[PeriodRuleId, string]>([
    ['document-objection', '2026-03-21T09:00:00+08:00'],
    ['amendment-notice', '2026-03-16T09:00:00+08:00'],
  ])('ends %s back from the bid deadline, at %s', (ruleId, latest) => {
    expect(formatCst(deadlineFor(ruleId, at('2026-03-31T09:00:00+08:00'), demoCalendar))).toBe(latest);
  });
});
