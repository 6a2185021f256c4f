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
}

/** The committee a lawful plan gives: drawn experts plus representatives. */
export interface CommitteeSize {
  experts: number;
  tendererRepresentatives: number;
  members: number;
}

const MIN_MEMBERS = 5;

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
  const makeUp = `${members} members (${experts} experts + ${tendererRepresentatives} tenderer representatives)`;
  const broken: { field: string; requirement: string }[] = [];
  if (members < MIN_MEMBERS) broken.push({ field: 'quotas', requirement: `at least ${MIN_MEMBERS} members` });
  if (members % 2 === 0) broken.push({ field: 'quotas', requirement: 'an odd number of members' });
  // experts ≥ 2/3 · members, in integers.
  if (3 * experts < 2 * members) {
    broken.push({
      field: 'tendererRepresentatives',
      requirement: `experts to be at least two thirds of the members: at most ${Math.floor(experts / 2)} tenderer representatives beside ${experts} experts`,
    });
  }
  if (broken.length > 0) {
    const requirements = broken.map((b) => b.requirement).join('; and ');
    throw new DomainError(
      'RULE_VIOLATED',
      `The committee would have ${makeUp}; 法37 requires ${requirements}.`,
      {
        field: broken[0]!.field,
        rule: '法37',
        issues: broken.map(({ field, requirement }) => ({
          field,
          message: `${makeUp}; 法37 requires ${requirement}`,
        })),
      },
    );
  }
  return { experts, tendererRepresentatives, members };
};
