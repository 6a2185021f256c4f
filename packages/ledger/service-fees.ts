import * as z from 'zod';
import { platformActor } from '../audit-log';
import { Caller, DomainError, required } from '../kernel';
import { calendarFor, deadlineFor, yuan } from '../legal-rules';
import { procedureOf } from '../procedures';
import { requireTender } from '../tenders';
import { computeFee, FeeSchedule, feeKindOf } from './fee-schedule';
import { renderFeeReceipt } from './fee-receipt';
import { balanceOf, post, transfer } from './ledger';
import { feeAccount, ServiceFee } from './model';
import { LedgerDeps } from './ports';

const REFERENCE_PREFIX = 'SF-';

/** What a transfer's memo cites to pay a tender's service fee; the result has made the tender's winner public. */
export const feeReference = (tenderId: string): string => `${REFERENCE_PREFIX}${tenderId}`;

/** The tender whose fee a memo cites, if it cites one. */
export const tenderOfFeeReference = (memo: string): string | undefined =>
  memo.startsWith(REFERENCE_PREFIX) ? memo.slice(REFERENCE_PREFIX.length) : undefined;

/**
 * The service fee (交易服务费) on a result, charged to the winner once by the schedule's row for
 * the deal's kind, on the winning price: a movement from the winner's receivable `fee:<tender>` to
 * `service-fees`, under an id derived from the tender, so publishing the result again charges
 * nothing more. It is due within the rule `service-fee-payment` (the center's own). A kind of deal
 * the schedule has no row for, or a fee of nothing, is not charged.
 */
export const chargeServiceFee = async (
  deps: LedgerDeps,
  schedule: FeeSchedule,
  tenderId: string,
  winnerOrg: string,
  price: number,
  awardedAt: Date,
): Promise<ServiceFee | undefined> => {
  const charged = await deps.store.serviceFee(tenderId);
  if (charged) return charged;
  const tender = await requireTender(deps, tenderId);
  const project = await required(deps.store.project(tender.projectId), 'project', tender.projectId);
  const kind = feeKindOf(project.type, procedureOf(tender.procedure).law);
  const row = kind && schedule.rows[kind];
  if (!kind || !row) return undefined;
  const computation = computeFee(kind, row, price);
  if (computation.feeFen === 0) return undefined;
  // Dated by the result, so every attempt writes the very same fee.
  const at = awardedAt.toISOString();
  const fee: ServiceFee = {
    id: feeReference(tenderId),
    tenderId,
    payerOrg: winnerOrg,
    amount: computation.feeFen,
    computation,
    collector: schedule.collector,
    chargedAt: at,
    dueAt: deadlineFor('service-fee-payment', awardedAt, await calendarFor(deps, awardedAt)).toISOString(),
    status: 'due',
    version: 0,
  };
  await post(
    deps,
    platformActor,
    {
      id: `fee:${tenderId}`,
      kind: 'fee-charged',
      at,
      tenderId,
      rule: row.source,
      postings: transfer(feeAccount(tenderId), 'service-fees', fee.amount),
    },
    { create: [{ kind: 'serviceFee', value: fee }] },
  );
  return (await deps.store.serviceFee(tenderId)) ?? fee;
};

/** A service fee with what the winner still owes of it, derived from the postings. */
export const ServiceFeeView = ServiceFee.extend({ outstanding: z.int() });
export type ServiceFeeView = z.infer<typeof ServiceFeeView>;

/** The tender's fee, for its winner, staff and regulators; charged only once the result is public. */
const visibleFee = async (deps: LedgerDeps, caller: Caller, tenderId: string): Promise<ServiceFee> => {
  await requireTender(deps, tenderId);
  const fee = await deps.store.serviceFee(tenderId);
  if (!fee) {
    throw new DomainError(
      'NOT_FOUND',
      `Tender ${tenderId} has no service fee: it is charged when the result is published.`,
      { field: 'id' },
    );
  }
  if (caller.role === 'bidder' && caller.org !== fee.payerOrg) {
    throw new DomainError(
      'FORBIDDEN',
      "Only the winner pays the tender's service fee and receives its receipt.",
      {
        field: 'id',
      },
    );
  }
  return fee;
};

/** The tender's service fee: its amount, its computation band by band, and whether it is paid. */
export const serviceFeeView = async (
  deps: LedgerDeps,
  caller: Caller,
  tenderId: string,
): Promise<ServiceFeeView> => {
  const fee = await visibleFee(deps, caller, tenderId);
  return { ...fee, outstanding: await balanceOf(deps, feeAccount(tenderId)) };
};

/**
 * 交易服务费收据: the receipt of a paid fee as PDF, made from the fee's record whenever it is
 * asked for, so every copy has the same bytes. Before the payment there is none.
 */
export const serviceFeeReceipt = async (
  deps: LedgerDeps & { font: Uint8Array },
  caller: Caller,
  tenderId: string,
): Promise<Uint8Array> => {
  const fee = await visibleFee(deps, caller, tenderId);
  if (!fee.payment) {
    throw new DomainError(
      'CONFLICT',
      `The service fee ${fee.id} of ${yuan(BigInt(fee.amount))} yuan is not paid yet: its receipt (交易服务费收据) is issued once the bank's statement shows a transfer of that amount whose memo is ${fee.id}.`,
      { field: 'id' },
    );
  }
  const tender = await requireTender(deps, tenderId);
  const [project, payer] = await Promise.all([
    required(deps.store.project(tender.projectId), 'project', tender.projectId),
    deps.store.organisation(fee.payerOrg),
  ]);
  return renderFeeReceipt(
    {
      fee: { ...fee, payment: fee.payment },
      tenderName: tender.name,
      projectName: project.name,
      payerName: payer?.name ?? fee.payerOrg,
    },
    deps.font,
  );
};
