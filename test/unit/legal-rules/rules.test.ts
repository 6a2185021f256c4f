import { rules } from '../../../packages/legal-rules/rules';

const table = Object.entries(rules);

describe('the rule table', () => {
  it.each([
    ['documents-available', '条例16', 5, 'calendar'],
    ['bid-period', '法24', 20, 'calendar'],
    ['amendment-notice', '条例21', 15, 'calendar'],
    ['document-objection', '条例22', 10, 'calendar'],
    ['document-objection-answer', '条例22', 3, 'calendar'],
    ['withdrawal-bond-refund', '条例35', 5, 'calendar'],
    ['publicity-start', '条例54', 3, 'calendar'],
    ['publicity-duration', '条例54', 3, 'calendar'],
    ['publicity-objection-answer', '条例54', 3, 'calendar'],
    ['contract-signing', '法46', 30, 'calendar'],
    ['complaint-acceptance', '条例61', 3, 'working'],
    ['complaint-decision', '条例61', 30, 'working'],
  ])('holds %s as %s: %i %s days', (id, article, value, days) => {
    expect(rules[id as keyof typeof rules]).toMatchObject({ article, unit: 'days', value, days });
  });

  it('holds the bid bond ceiling as 2 % (条例26)', () => {
    expect(rules['bid-bond']).toMatchObject({
      article: '条例26',
      unit: 'percent',
      value: 2,
      limit: 'at-most',
    });
  });

  it('runs the amendment and objection minimums back from the bid deadline', () => {
    expect(rules['amendment-notice']).toMatchObject({
      limit: 'at-least',
      counts: 'before',
      seeAlso: ['法23'],
    });
    expect(rules['document-objection']).toMatchObject({ limit: 'at-least', counts: 'before' });
  });

  it.each(table)(
    "keys %s by its own id and cites an article of 法 or 条例, or the center's own rule",
    (key, rule) => {
      expect(rule.id).toBe(key);
      expect(rule.article).toMatch(/^((法|条例)\d+|平台规则)$/);
      expect(rule.description.length).toBeGreaterThan(10);
    },
  );

  it.each(table)('gives %s a value the checks can count exactly', (_, rule) => {
    // Periods are whole days; shares whole basis points, so money checks stay in integers.
    expect(Number.isInteger(rule.unit === 'days' ? rule.value : rule.value * 100)).toBe(true);
    expect(rule.value).toBeGreaterThan(0);
  });
});
