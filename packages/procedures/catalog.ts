import * as z from 'zod';
import { DomainError, Identifier, LongText } from '../kernel';
import { yuan } from '../legal-rules';
import { type Procedure, ProcedureCode, procedureOf } from './procedures';

/**
 * The catalog (目录统一): a project's kind and estimated amount decide which procedures are
 * lawful for it, as data. Land and state property are traded by listing and auction, which
 * are not in this catalog yet.
 */
export const ProjectKind = z.enum(['works', 'goods', 'services', 'land', 'state-property']);
export type ProjectKind = z.infer<typeof ProjectKind>;

const YUAN = 100;

/** The amounts, in fen, at or above which the law prescribes the procedure. */
export interface Thresholds {
  /**
   * 必须招标 (国家发改委令16号 第五条): a construction project's works from 4 million yuan, its
   * important goods from 2 million, its services (survey, design, supervision) from 1 million
   * must be tendered under 招标投标法.
   */
  readonly mandatoryTendering: {
    readonly works: number;
    readonly goods: number;
    readonly services: number;
    readonly article: string;
  };
  /**
   * 政府采购公开招标数额标准: goods and services of government procurement at or above it are
   * openly tendered (政府采购法27). Each province sets it; 4 million yuan by default.
   */
  readonly gpOpenTendering: { readonly goods: number; readonly services: number; readonly article: string };
}

export const defaultThresholds: Thresholds = {
  mandatoryTendering: {
    works: 4_000_000 * YUAN,
    goods: 2_000_000 * YUAN,
    services: 1_000_000 * YUAN,
    article: '发改委令16号5',
  },
  gpOpenTendering: { goods: 4_000_000 * YUAN, services: 4_000_000 * YUAN, article: '政府采购法27' },
};

/**
 * 统一交易标识码: the code a deal carries in every notice and in open data. It is derived from
 * the project's id alone, which never changes, so every context that publishes for the project
 * writes the same code without reading anything, and anyone can recompute it.
 */
export const dealCodeOf = (projectId: string): string => `SL${projectId.replace(/-/g, '')}`;

/** 单一来源's grounds (政府采购法31): the only source; an emergency; consistency with an earlier purchase. */
export const SingleSourceJustification = z.strictObject({
  ground: z.enum(['only-source', 'emergency', 'consistency']),
  /** The one supplier, a registered bidder organisation. */
  supplier: Identifier,
  /** Why, as the public notice states it (74号令38). */
  reasons: LongText(),
});
export type SingleSourceJustification = z.infer<typeof SingleSourceJustification>;

/** What a tender says of its procedure when it is created. */
export const ProcedureTerms = z.strictObject({
  /** The procedure's code (see `GET /procedures`); open tendering under 招标投标法 when absent. */
  procedure: ProcedureCode.optional(),
  /** 邀请招标: the invited bidder organisations (法17: three or more). */
  invitedBidders: z
    .array(Identifier)
    .max(50, 'must list at most 50 organisations')
    .refine((ids) => new Set(ids).size === ids.length, 'must name each organisation once')
    .optional(),
  singleSource: SingleSourceJustification.optional(),
});
export type ProcedureTerms = z.infer<typeof ProcedureTerms>;

/** The project facts the catalog decides by. */
export interface Deal {
  kind: ProjectKind;
  /** 估算价 / 采购预算, in fen. */
  estimatedPrice: number;
  /** Goods or services of a construction project (与工程建设有关的货物、服务), which 16号令 covers. */
  constructionRelated?: boolean;
}

const refuse = (rule: string, field: string, message: string): never => {
  throw new DomainError('RULE_VIOLATED', `${rule}: ${message}`, { rule, field });
};

const amount = (fen: number) => `${yuan(BigInt(fen))} yuan`;

/** The 必须招标 threshold the deal reaches (国家发改委令16号), or undefined. */
export const mandatoryTenderingThreshold = (
  { kind, estimatedPrice, constructionRelated = false }: Deal,
  thresholds: Thresholds = defaultThresholds,
): number | undefined => {
  const covered = kind === 'works' || (constructionRelated && (kind === 'goods' || kind === 'services'));
  const threshold = covered
    ? thresholds.mandatoryTendering[kind as 'works' | 'goods' | 'services']
    : undefined;
  return threshold !== undefined && estimatedPrice >= threshold ? threshold : undefined;
};

/** The kind and amount against the catalog: a procedure the law does not allow for the deal is refused, citing the rule. */
const assertKindAndAmount = (procedure: Procedure, deal: Deal, thresholds: Thresholds): void => {
  const field = 'body.procedure';
  if (deal.kind === 'land' || deal.kind === 'state-property') {
    refuse(
      deal.kind === 'land' ? '国土资源部令39号' : '国资委 财政部令32号',
      field,
      `${deal.kind} is transferred by listing or auction, not by ${procedure.name}; no such procedure is in the catalog yet.`,
    );
  }
  if (procedure.law !== '政府采购法') return;
  const mandatory = mandatoryTenderingThreshold(deal, thresholds);
  if (mandatory !== undefined) {
    refuse(
      thresholds.mandatoryTendering.article,
      field,
      `${deal.kind} of a construction project from ${amount(mandatory)} must be tendered under 招标投标法 (政府采购法实施条例7); the estimate is ${amount(deal.estimatedPrice)}: use open-tendering or invited-tendering.`,
    );
  }
  if (procedure.code === 'gp-open-tendering' && deal.kind === 'works') {
    refuse(
      '87号令2',
      field,
      'government procurement tendering under 87号令 is for goods and services; works are tendered under 招标投标法 (政府采购法4): use open-tendering.',
    );
  }
  if (procedure.code === 'request-for-quotation' && deal.kind !== 'goods') {
    refuse(
      '政府采购法32',
      field,
      'a request for quotations (询价) buys goods of uniform specifications only; choose another procedure.',
    );
  }
  const competitive = ['competitive-negotiation', 'request-for-quotation', 'competitive-consultation'];
  if (competitive.includes(procedure.code) && (deal.kind === 'goods' || deal.kind === 'services')) {
    const open = thresholds.gpOpenTendering[deal.kind];
    if (deal.estimatedPrice >= open) {
      refuse(
        thresholds.gpOpenTendering.article,
        field,
        `${deal.kind} from ${amount(open)} are bought by open tendering (公开招标数额标准); the estimate is ${amount(deal.estimatedPrice)}: use gp-open-tendering.`,
      );
    }
  }
};

/**
 * Refuses a procedure that is not lawful for the deal, or whose terms it lacks: the catalog
 * (kind and thresholds), invited tendering's invitations (法17), single source's
 * justification (政府采购法31). RULE_VIOLATED naming the field and the article.
 */
export const assertLawfulProcedure = (
  deal: Deal,
  terms: ProcedureTerms,
  thresholds: Thresholds = defaultThresholds,
): Procedure => {
  const procedure = procedureOf(terms.procedure);
  assertKindAndAmount(procedure, deal, thresholds);
  const { invitation, justification } = procedure;
  if (invitation) {
    const invited = terms.invitedBidders?.length ?? 0;
    if (invited < invitation.value) {
      refuse(
        invitation.article,
        'body.invitedBidders',
        `${procedure.name} invites at least ${invitation.value} bidder organisations; ${invited} named.`,
      );
    }
  } else if (terms.invitedBidders) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `body.invitedBidders: only invited tendering names invited bidders; ${procedure.name} is announced publicly.`,
      { field: 'body.invitedBidders' },
    );
  }
  if (justification && !terms.singleSource) {
    refuse(
      justification.article,
      'body.singleSource',
      `${procedure.name} needs its justification: the ground (only-source, emergency or consistency), the supplier and the reasons the notice states.`,
    );
  }
  if (!justification && terms.singleSource) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `body.singleSource: only single-source procurement names its one supplier; ${procedure.name} is competed.`,
      { field: 'body.singleSource' },
    );
  }
  return procedure;
};
