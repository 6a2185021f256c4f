import { addDays, demoCalendar, formatCst, periodDays } from '../../../packages/legal-rules/calendar';
import {
  challengeProcedures,
  challengeRules,
  type ChallengeRuleId,
} from '../../../packages/legal-rules/challenge-rules';
import { rules } from '../../../packages/legal-rules/rules';
import { deadlineFor } from '../../../packages/legal-rules/time-limits';
import { at } from './fixtures';

describe('the rules of challenges and complaints', () => {
  it.each<[ChallengeRuleId, string, number, string]>([
    ['document-objection', '条例22', 10, 'calendar'],
    ['document-objection-answer', '条例22', 3, 'calendar'],
    ['complaint-filing', '条例60', 10, 'calendar'],
    ['complaint-acceptance', '条例61', 3, 'working'],
    ['complaint-decision', '条例61', 30, 'working'],
    ['procurement-query', '法52', 7, 'working'],
    ['procurement-query-answer', '法53', 7, 'working'],
    ['procurement-complaint-filing', '法55', 15, 'working'],
    ['procurement-complaint-decision', '法56', 30, 'working'],
    ['procurement-suspension', '法57', 30, 'calendar'],
    // The publicity is the window: the row ends at its end.
    ['single-source-objection', '74号令39', 0, 'calendar'],
    ['single-source-review', '74号令40', 5, 'working'],
  ])('holds %s as %s: %i %s days', (id, article, value, days) => {
    expect(challengeRules[id]).toMatchObject({ id, article, unit: 'days', value, days });
  });

  it('shares the 招标投标法 rows with the rule table instead of copying them', () => {
    const shared = Object.entries(challengeRules).filter(([id]) => id in rules);
    expect(shared.map(([id]) => id)).toEqual([
      'document-objection',
      'document-objection-answer',
      'complaint-filing',
      'complaint-acceptance',
      'complaint-decision',
    ]);
    for (const [id, rule] of shared) expect(rule).toBe(rules[id as keyof typeof rules]);
  });

  it('names, for each law, only rows of the table, and the articles that require a prior challenge', () => {
    for (const procedure of Object.values(challengeProcedures)) {
      for (const id of [
        procedure.objection,
        procedure.objectionAnswer,
        procedure.complaint,
        procedure.decision,
        ...(procedure.acceptance ? [procedure.acceptance] : []),
        ...(procedure.suspension.limit ? [procedure.suspension.limit] : []),
      ]) {
        expect(challengeRules).toHaveProperty([id]);
      }
    }
    expect(challengeProcedures['招标投标法'].priorChallenge).toEqual({
      article: '条例60',
      subjects: { documents: '条例22', opening: '条例44', result: '条例54' },
    });
    expect(challengeProcedures['政府采购法'].priorChallenge.article).toBe('法55');
    expect(challengeProcedures['招标投标法'].suspension).toEqual({ article: '条例62' });
    expect(challengeProcedures['政府采购法'].suspension).toEqual({
      article: '法57',
      limit: 'procurement-suspension',
    });
  });

  // 2026 demo calendar: 国庆节 1–7 October off, Saturday 10 October a make-up working day.
  it.each<[ChallengeRuleId, string, string]>([
    // 29, 30 Sep; 8, 9, 10 (Saturday, make-up), 12, 13 Oct.
    ['procurement-query', '2026-09-28T10:00:00+08:00', '2026-10-14T00:00:00+08:00'],
    ['procurement-query-answer', '2026-09-28T10:00:00+08:00', '2026-10-14T00:00:00+08:00'],
    // 30 Sep; 8, 9, 10, 12–16, 19–23, 26 Oct.
    ['procurement-complaint-filing', '2026-09-29T00:00:00+08:00', '2026-10-27T00:00:00+08:00'],
    ['complaint-acceptance', '2026-09-30T15:00:00+08:00', '2026-10-11T00:00:00+08:00'],
    ['procurement-complaint-decision', '2026-09-30T10:00:00+08:00', '2026-11-18T00:00:00+08:00'],
    ['procurement-suspension', '2026-09-30T10:00:00+08:00', '2026-10-30T10:00:00+08:00'],
  ])('ends %s from %s at %s, across the holiday and the make-up day', (id, from, end) => {
    const due = deadlineFor(id, at(from), demoCalendar);
    expect(formatCst(due)).toBe(end);
    const rule = challengeRules[id];
    // Both sides of the boundary: the period has run at the instant, and not a millisecond before.
    expect(periodDays(at(from), due, rule.days, demoCalendar)).toBe(rule.value);
    expect(periodDays(at(from), new Date(due.getTime() - 1), rule.days, demoCalendar)).toBe(rule.value - 1);
    expect(addDays(at(from), rule.value, rule.days, demoCalendar)).toEqual(due);
  });

  it('counts a make-up Saturday as a working day and a holiday weekday as none', () => {
    // Friday 9 October 2026 → the make-up Saturday the 10th is the first working day after it.
    expect(formatCst(addDays(at('2026-10-09T12:00:00+08:00'), 1, 'working', demoCalendar))).toBe(
      '2026-10-11T00:00:00+08:00',
    );
    // Wednesday 30 September → Thursday 1 October is a holiday: the first working day is the 8th.
    expect(formatCst(addDays(at('2026-09-30T12:00:00+08:00'), 1, 'working', demoCalendar))).toBe(
      '2026-10-09T00:00:00+08:00',
    );
  });
});
