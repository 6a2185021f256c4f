import { DomainError, Identifier } from '../kernel';
import type { DrawQuota } from '../expert-draw';
import { type FieldProblem, invalidInput } from './invalid-input';

export interface CommitteePlan {
  /** The experts to draw, per specialty. */
  quotas: readonly DrawQuota[];
  /** The tenderer's own representatives (招标人代表) who sit beside the drawn experts. */
  tendererRepresentatives: number;
  /** The specialty catalog; when given, every quota must name one of its codes. */
  knownSpecialties?: ReadonlySet<string>;
  /** The body the procedure's row asks for (its least size already chosen for the budget); 评标委员会 under 法37 by default. */
  body?: BodyRule;
}

/** What a procedure requires of its evaluating body: 评标委员会 (法37), 谈判小组 (74号令7), 磋商小组 (214号14) … */
export interface BodyRule {
  name: string;
  minSize: number;
  odd: boolean;
  expertShare: { numerator: number; denominator: number };
  article: string;
}

const tenderCommittee: BodyRule = {
  name: 'committee',
  minSize: 5,
  odd: true,
  expertShare: { numerator: 2, denominator: 3 },
  article: '法37',
};

/** The committee a lawful plan gives: drawn experts plus representatives. */
export interface CommitteeSize {
  experts: number;
  tendererRepresentatives: number;
  members: number;
}

const isCount = (n: number, min: number): boolean => Number.isInteger(n) && n >= min;

const refuseMalformedPlan = ({ quotas, tendererRepresentatives, knownSpecialties }: CommitteePlan): void => {
  const problems: FieldProblem[] = [];
  if (quotas.length === 0) problems.push({ field: 'quotas', message: 'must hold at least one quota' });
  const firstQuotaOf = new Map<string, number>();
  quotas.forEach(({ specialty, count, reserves }, at) => {
    const field = `quotas.${at}`;
    const first = firstQuotaOf.get(specialty);
    if (!Identifier.safeParse(specialty).success) {
      problems.push({ field: `${field}.specialty`, message: 'must be a specialty code' });
    } else if (first !== undefined) {
      problems.push({
        field: `${field}.specialty`,
        message: `${specialty} is already asked for by quotas.${first}`,
      });
    } else if (knownSpecialties && !knownSpecialties.has(specialty)) {
      problems.push({ field: `${field}.specialty`, message: `${specialty} is not in the specialty catalog` });
    }
    if (first === undefined) firstQuotaOf.set(specialty, at);
    if (!isCount(count, 1)) {
      problems.push({ field: `${field}.count`, message: 'must be an integer of at least 1' });
    }
    if (!isCount(reserves, 0)) {
      problems.push({ field: `${field}.reserves`, message: 'must be an integer of at least 0' });
    }
  });
  if (!isCount(tendererRepresentatives, 0)) {
    problems.push({ field: 'tendererRepresentatives', message: 'must be an integer of at least 0' });
  }
  if (problems.length > 0) throw invalidInput(problems);
};

/**
 * 评标委员会 (法37): at least five members and an odd number of them, of whom the experts are
 * at least two thirds (so the tenderer's representatives at most one third). Reserves do not
 * sit, so only `count` adds to the committee. Refuses with RULE_VIOLATED citing 法37 and
 * stating the numbers; a malformed plan (a specialty twice, or not in the catalog) is
 * VALIDATION_FAILED.
 */
export const assertLawfulCommittee = (plan: CommitteePlan): CommitteeSize => {
  refuseMalformedPlan(plan);
  const experts = plan.quotas.reduce((sum, quota) => sum + quota.count, 0);
  const { tendererRepresentatives } = plan;
  const members = experts + tendererRepresentatives;
  const body = plan.body ?? tenderCommittee;
  const { numerator, denominator } = body.expertShare;
  const makeUp = `${members} members (${experts} experts + ${tendererRepresentatives} tenderer representatives)`;
  const broken: { field: string; requirement: string }[] = [];
  if (members < body.minSize)
    broken.push({ field: 'quotas', requirement: `at least ${body.minSize} members` });
  if (body.odd && members % 2 === 0)
    broken.push({ field: 'quotas', requirement: 'an odd number of members' });
  // experts ≥ share · members, in integers.
  if (denominator * experts < numerator * members) {
    const most = Math.floor((experts * (denominator - numerator)) / numerator);
    broken.push({
      field: 'tendererRepresentatives',
      requirement: `experts to be at least ${numerator === 2 && denominator === 3 ? 'two thirds' : `${numerator}/${denominator}`} of the members: at most ${most} tenderer representatives beside ${experts} experts`,
    });
  }
  if (broken.length > 0) {
    const requirements = broken.map((b) => b.requirement).join('; and ');
    throw new DomainError(
      'RULE_VIOLATED',
      `The ${body.name} would have ${makeUp}; ${body.article} requires ${requirements}.`,
      {
        field: broken[0]!.field,
        rule: body.article,
        issues: broken.map(({ field, requirement }) => ({
          field,
          message: `${makeUp}; ${body.article} requires ${requirement}`,
        })),
      },
    );
  }
  return { experts, tendererRepresentatives, members };
};
