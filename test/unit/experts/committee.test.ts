import { DomainError } from '../../../packages/kernel/errors';
import type { DrawQuota } from '../../../packages/expert-draw/schema';
import { assertLawfulCommittee } from '../../../packages/experts/committee';

const quota = (specialty: string, count: number, reserves = 1): DrawQuota => ({ specialty, count, reserves });

/** The error `run` throws, so a test can read its code, rule and fields. */
const refusal = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the committee to be refused');
};

describe('the evaluation committee (评标委员会, 法37)', () => {
  it.each([
    [[quota('A080101', 5)], 0, { experts: 5, tendererRepresentatives: 0, members: 5 }],
    [[quota('A080101', 3), quota('C010201', 1)], 1, { experts: 4, tendererRepresentatives: 1, members: 5 }],
    [
      [quota('A080101', 4), quota('C010201', 1, 0)],
      2,
      { experts: 5, tendererRepresentatives: 2, members: 7 },
    ],
    [[quota('A080101', 9)], 0, { experts: 9, tendererRepresentatives: 0, members: 9 }],
  ])('accepts quotas %j with %i representatives', (quotas, tendererRepresentatives, size) => {
    expect(assertLawfulCommittee({ quotas, tendererRepresentatives })).toEqual(size);
  });

  it('refuses 4 members: fewer than 5, and even', () => {
    const error = refusal(() =>
      assertLawfulCommittee({ quotas: [quota('A080101', 4)], tendererRepresentatives: 0 }),
    );
    expect(error.toJSON()).toMatchObject({ code: 'RULE_VIOLATED', rule: '法37', field: 'quotas' });
    expect(error.message).toBe(
      'The committee would have 4 members (4 experts + 0 tenderer representatives); 法37 requires at least 5 members; and an odd number of members.',
    );
  });

  it('refuses 6 members: even', () => {
    const error = refusal(() =>
      assertLawfulCommittee({
        quotas: [quota('A080101', 4), quota('C010201', 1)],
        tendererRepresentatives: 1,
      }),
    );
    expect(error.toJSON()).toMatchObject({ code: 'RULE_VIOLATED', rule: '法37', field: 'quotas' });
    expect(error.details.issues).toEqual([
      {
        field: 'quotas',
        message: '6 members (5 experts + 1 tenderer representatives); 法37 requires an odd number of members',
      },
    ]);
  });

  it('refuses 3 experts beside 2 representatives: 3 is less than two thirds of 5', () => {
    const error = refusal(() =>
      assertLawfulCommittee({ quotas: [quota('A080101', 3)], tendererRepresentatives: 2 }),
    );
    expect(error.toJSON()).toMatchObject({
      code: 'RULE_VIOLATED',
      rule: '法37',
      field: 'tendererRepresentatives',
    });
    expect(error.message).toContain('5 members (3 experts + 2 tenderer representatives)');
    expect(error.message).toContain('at most 1 tenderer representatives beside 3 experts');
  });

  it('does not count reserves as members', () => {
    expect(() =>
      assertLawfulCommittee({ quotas: [quota('A080101', 3, 4)], tendererRepresentatives: 0 }),
    ).toThrow(expect.objectContaining({ code: 'RULE_VIOLATED' }));
  });

  it('agrees with the article for every committee of up to 15 experts and 8 representatives', () => {
    const grid = Array.from({ length: 15 * 9 }, (_, i) => ({
      experts: 1 + (i % 15),
      representatives: Math.floor(i / 15),
    }));
    // "n members" when lawful, the error code when not, so one comparison shows every disagreement.
    const outcome = ({ experts, representatives }: (typeof grid)[number]): string => {
      try {
        const size = assertLawfulCommittee({
          quotas: [quota('A080101', experts)],
          tendererRepresentatives: representatives,
        });
        return `${size.members} members`;
      } catch (error) {
        return (error as DomainError).code;
      }
    };
    const byTheArticle = ({ experts, representatives }: (typeof grid)[number]): string => {
      const members = experts + representatives;
      const lawful = members >= 5 && members % 2 === 1 && experts * 3 >= members * 2;
      return lawful ? `${members} members` : 'RULE_VIOLATED';
    };
    expect(grid.map(outcome)).toEqual(grid.map(byTheArticle));
    expect(grid.filter((c) => byTheArticle(c) !== 'RULE_VIOLATED').length).toBeGreaterThan(20);
  });

  describe('refuses a malformed plan as VALIDATION_FAILED', () => {
    const catalog = new Set(['A080101', 'C010201']);

    it.each([
      ['a specialty asked for twice', [quota('A080101', 3), quota('A080101', 2)], 0, 'quotas.1.specialty'],
      ['a specialty not in the catalog', [quota('A080101', 4), quota('Z99', 1)], 0, 'quotas.1.specialty'],
      ['no quota', [], 5, 'quotas'],
      ['a count of 0', [quota('A080101', 5), quota('C010201', 0)], 0, 'quotas.1.count'],
      ['negative reserves', [quota('A080101', 5, -1)], 0, 'quotas.0.reserves'],
      ['fractional representatives', [quota('A080101', 5)], 0.5, 'tendererRepresentatives'],
    ])('%s', (_, quotas, tendererRepresentatives, field) => {
      const error = refusal(() =>
        assertLawfulCommittee({ quotas, tendererRepresentatives, knownSpecialties: catalog }),
      );
      expect(error.toJSON()).toMatchObject({ code: 'VALIDATION_FAILED', field });
    });

    it('names the quota that asked first', () => {
      const error = refusal(() =>
        assertLawfulCommittee({
          quotas: [quota('A080101', 3), quota('A080101', 2)],
          tendererRepresentatives: 0,
        }),
      );
      expect(error.message).toBe('quotas.1.specialty: A080101 is already asked for by quotas.0');
    });

    it('checks the catalog only when it is given', () => {
      expect(assertLawfulCommittee({ quotas: [quota('Z99', 5)], tendererRepresentatives: 0 }).members).toBe(
        5,
      );
    });
  });
});
