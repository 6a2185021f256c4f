import { type Expert, isAvailableOn } from './expert';
import { byteOrder, type FieldProblem, invalidInput } from './invalid-input';
import { Identifier } from '../kernel';

/** An expert staff exclude from a draw, and why; the reason is logged with the draw. */
export interface StaffExclusion {
  expertId: string;
  reason: string;
}

export interface AvoidanceInput {
  tendererOrg: string;
  agencyOrg?: string;
  /** Every bidder organisation of the tender (or everyone who registered: a superset). */
  bidderOrgs: readonly string[];
  /** Experts who are also supervising staff of the project (监督人员). */
  supervisingExperts?: readonly string[];
  staffExclusions: readonly StaffExclusion[];
  pool: readonly Expert[];
  /** When the draw is frozen: suspensions are judged on this instant's CST date. */
  at: Date;
}

export interface OrgExclusion {
  org: string;
  reason: string;
}

export interface ExpertExclusion {
  expertId: string;
  reason: string;
}

/** Both lists sorted by id (byte order), each organisation and expert once. */
export interface ComputedExclusions {
  excludedOrgs: OrgExclusion[];
  excludedExperts: ExpertExclusion[];
}

const AVOIDANCE = '回避, 法37, 条例46';

const refuseUnreasonedExclusions = (input: AvoidanceInput): void => {
  const problems: FieldProblem[] = [];
  input.staffExclusions.forEach(({ expertId, reason }, at) => {
    if (!Identifier.safeParse(expertId).success) {
      problems.push({ field: `staffExclusions.${at}.expertId`, message: 'must be an expert id' });
    }
    const length = typeof reason === 'string' ? reason.trim().length : 0;
    if (length === 0) {
      problems.push({
        field: `staffExclusions.${at}.reason`,
        message: 'must say why the expert is excluded',
      });
    } else if (length > 200) {
      problems.push({ field: `staffExclusions.${at}.reason`, message: 'must be at most 200 characters' });
    }
  });
  (input.supervisingExperts ?? []).forEach((expertId, at) => {
    if (!Identifier.safeParse(expertId).success) {
      problems.push({ field: `supervisingExperts.${at}`, message: 'must be an expert id' });
    }
  });
  if (problems.length > 0) throw invalidInput(problems);
};

/** The parties of the tender by organisation, the first role winning if one holds two. */
const partiesOf = (input: AvoidanceInput): Map<string, string> => {
  const parties = new Map<string, string>();
  const add = (org: string, role: string) => {
    if (!parties.has(org)) parties.set(org, role);
  };
  add(input.tendererOrg, 'tenderer (招标人)');
  if (input.agencyOrg !== undefined) add(input.agencyOrg, 'tendering agency (招标代理)');
  for (const org of input.bidderOrgs) add(org, 'bidder (投标人)');
  return parties;
};

/**
 * 回避: who may not sit on the committee, each with the reason the log keeps.
 *
 * Organisations: the tenderer, its agency and every bidder. The draw skips every expert they
 * employ, so those experts are not listed one by one.
 *
 * Experts, each listed once with the first reason that applies, in this order (the law's
 * grounds before the pool's and the staff's, so a staff note cannot hide a conflict):
 * a declared conflict with a party, supervising staff of the project, suspension at `at`,
 * then staff exclusions with the staff's own reason (required). An exclusion of an id not in
 * the pool is kept: it costs nothing and records what staff asked for.
 *
 * There is no way to add an inclusion (条例46: nobody may name an expert).
 */
export const computeExclusions = (input: AvoidanceInput): ComputedExclusions => {
  refuseUnreasonedExclusions(input);
  const parties = partiesOf(input);
  const excludedOrgs = [...parties]
    .map(([org, role]) => ({ org, reason: `${role} of this tender (${AVOIDANCE})` }))
    .sort((a, b) => byteOrder(a.org, b.org));

  const reasons = new Map<string, string>();
  const exclude = (expertId: string, reason: string) => {
    if (!reasons.has(expertId)) reasons.set(expertId, reason);
  };
  for (const expert of input.pool) {
    const conflicts = [...new Set(expert.conflicts)].filter((org) => parties.has(org)).sort(byteOrder);
    if (conflicts.length === 0) continue;
    const named = conflicts.map((org) => `${org}, ${parties.get(org)}`).join('; ');
    exclude(expert.id, `declared a conflict of interest with ${named} (${AVOIDANCE})`);
  }
  for (const expertId of input.supervisingExperts ?? []) {
    exclude(expertId, 'supervising staff of this project (监督人员, 条例46)');
  }
  for (const expert of input.pool) {
    if (expert.status.state === 'suspended' && !isAvailableOn(expert, input.at)) {
      exclude(expert.id, `suspended until ${expert.status.until}: ${expert.status.reason}`);
    }
  }
  for (const { expertId, reason } of input.staffExclusions) exclude(expertId, reason.trim());

  const excludedExperts = [...reasons]
    .map(([expertId, reason]) => ({ expertId, reason }))
    .sort((a, b) => byteOrder(a.expertId, b.expertId));
  return { excludedOrgs, excludedExperts };
};
