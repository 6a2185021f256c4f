import { stringify } from 'csv-stringify/sync';
import { createHash } from 'node:crypto';
import { actorOf, AuditActor, platformActor } from '../audit-log';
import { Caller, DomainError, notFound } from '../kernel';
import { calendarFor, deadlineOf, type PeriodRule, yuan } from '../legal-rules';
import { procedureOf } from '../procedures';
import { requireTender, type Tender } from '../tenders';
import { balanceOf, post, transfer } from './ledger';
import {
  bondAccount,
  Counterparty,
  Forfeiture,
  RecordForfeiture,
  Refund,
  type RefundReason,
  SubAccount,
} from './model';
import { LedgerDeps } from './ports';
import { forfeitureReasons } from './rules';
import { applicantsSecret } from './sub-accounts';

/** The rule a refund is due by: the tender's procedure says (条例35/57 under 招标投标法, 5 working days in government procurement). */
const refundRule = (tender: Tender, reason: RefundReason): PeriodRule | undefined => {
  const { bondRefunds } = procedureOf(tender.procedure);
  const rules: Record<RefundReason, PeriodRule | undefined> = {
    withdrawal: bondRefunds?.withdrawal,
    contract: bondRefunds?.contract,
    result: bondRefunds?.othersAtResult,
    termination: bondRefunds?.termination,
  };
  return rules[reason];
};

/** What the sub-account holds, and who paid it in: the refund goes back where the money came from. */
const held = async (deps: LedgerDeps, subAccount: SubAccount) => {
  const account = bondAccount(subAccount.tenderId, subAccount.number);
  const [balance, postings] = await Promise.all([balanceOf(deps, account), deps.store.postings(account)]);
  const firstCredit = postings.find((p) => p.amount < 0);
  const paidBy = firstCredit ? (await deps.store.movement(firstCredit.movementId))?.counterparty : undefined;
  return { account, amount: 0 - balance, paidBy };
};

/**
 * Everything a sub-account holds becomes a refund due (应退), with the date its rule gives, from
 * `from`. Nothing held, nothing refunded: a retry after the refund finds the sub-account empty.
 */
const refundHeld = async (
  deps: LedgerDeps,
  actor: AuditActor,
  subAccount: SubAccount,
  reason: RefundReason,
  rule: PeriodRule,
  from: Date,
  basis: string,
): Promise<Refund | undefined> => {
  const { account, amount, paidBy } = await held(deps, subAccount);
  if (amount <= 0) return undefined;
  const digest = createHash('sha256')
    .update(`${subAccount.tenderId}\n${subAccount.number}\n${reason}\n${basis}`)
    .digest('hex');
  const now = deps.clock.now().toISOString();
  const refund: Refund = {
    id: `RF-${digest.slice(0, 16).toUpperCase()}`,
    tenderId: subAccount.tenderId,
    bidderOrg: subAccount.bidderOrg,
    subAccount: subAccount.number,
    amount,
    reason,
    rule: rule.id,
    article: rule.article,
    dueAt: deadlineOf(rule, from, await calendarFor(deps, from)).toISOString(),
    createdAt: now,
    payee: paidBy ?? ({ name: '', account: '' } satisfies Counterparty),
    status: 'due',
    version: 0,
  };
  await post(
    deps,
    actor,
    {
      id: `refund:${refund.id}`,
      kind: 'refund-due',
      at: now,
      tenderId: subAccount.tenderId,
      refundId: refund.id,
      rule: rule.article,
      postings: transfer(account, 'refunds-payable', amount),
    },
    { create: [{ kind: 'refund', value: refund }] },
  );
  return refund;
};

/** A bid withdrawn before the deadline: its bond is refunded within 5 days (条例35; 87号令38: 5 working days). */
export const refundOnWithdrawal = async (
  deps: LedgerDeps,
  tenderId: string,
  bidderOrg: string,
  bidId: string,
  withdrawnAt: Date,
): Promise<Refund | undefined> => {
  const subAccount = await deps.store.bidderSubAccount(tenderId, bidderOrg);
  const rule = subAccount && refundRule(await requireTender(deps, tenderId), 'withdrawal');
  if (!subAccount || !rule) return undefined;
  return refundHeld(deps, platformActor, subAccount, 'withdrawal', rule, withdrawnAt, bidId);
};

/** Every bond still held on the tender's sub-accounts but `except`'s becomes a refund due by `reason`'s rule, from `from`. */
const refundAllHeld = async (
  deps: LedgerDeps,
  tenderId: string,
  reason: RefundReason,
  from: Date,
  except?: string,
): Promise<Refund[]> => {
  const rule = refundRule(await requireTender(deps, tenderId), reason);
  if (!rule) return [];
  const subAccounts = await deps.store.subAccounts(tenderId);
  const refunds = [];
  // One at a time: each is its own movement, and a retry finds those already made.
  for (const subAccount of subAccounts.filter((s) => s.bidderOrg !== except)) {
    const refund = await refundHeld(deps, platformActor, subAccount, reason, rule, from, reason);
    if (refund) refunds.push(refund);
  }
  return refunds;
};

/**
 * After the contract (法46) every bond still held is refunded within 5 days of the signing
 * (条例57; in government procurement 5 working days, 87号令38, 74号令14). The day of signing is
 * not counted: the days run from the end of it (CST).
 */
export const refundsAfterContract = (deps: LedgerDeps, tenderId: string, signedOn: string) =>
  refundAllHeld(deps, tenderId, 'contract', new Date(Date.parse(`${signedOn}T00:00:00+08:00`) + 86_400_000));

/**
 * In government procurement the others' bonds do not wait for the contract: they are refunded
 * within 5 working days of the result notice (实施条例33, 87号令38, 74号令14). Under 招标投标法
 * the procedure has no such rule, and nothing is refunded here.
 */
export const refundsAtResult = (deps: LedgerDeps, tenderId: string, winnerOrg: string, notifiedAt: Date) =>
  refundAllHeld(deps, tenderId, 'result', notifiedAt, winnerOrg);

/**
 * A terminated process (终止) refunds every bond it still holds, from the termination: within 5
 * days under 招标投标法 (条例31, 及时), 5 working days in government procurement (87号令29).
 */
export const refundsAtTermination = (deps: LedgerDeps, tenderId: string, terminatedAt: Date) =>
  refundAllHeld(deps, tenderId, 'termination', terminatedAt);

/**
 * A bond paid into a sub-account of a tender already terminated (its statement came a day late)
 * becomes a refund due by the termination's rule, from the later of the termination and the payment.
 */
export const refundAfterTermination = async (
  deps: LedgerDeps,
  subAccount: SubAccount,
  paidAt: Date,
  reference: string,
): Promise<Refund | undefined> => {
  const tender = await requireTender(deps, subAccount.tenderId);
  const rule = tender.termination && refundRule(tender, 'termination');
  if (!tender.termination || !rule) return undefined;
  const terminatedAt = new Date(tender.termination.at);
  const from = paidAt > terminatedAt ? paidAt : terminatedAt;
  return refundHeld(deps, platformActor, subAccount, 'termination', rule, from, `late:${reference}`);
};

/** Staff keep a bond only for a reason the law gives (条例74, 条例35), recorded with the movement. */
export const forfeitBond = async (
  deps: LedgerDeps,
  caller: Caller,
  tenderId: string,
  input: RecordForfeiture,
) => {
  const tender = await requireTender(deps, tenderId);
  const reason = forfeitureReasons[input.reason];
  if (deps.clock.now() <= new Date(tender.schedule.bidDeadline)) {
    throw new DomainError(
      'RULE_VIOLATED',
      `${reason.article}: a bond can be kept only after the bid deadline.`,
      {
        field: 'reason',
        rule: reason.article,
      },
    );
  }
  const subAccount = await deps.store.bidderSubAccount(tenderId, input.bidderOrg);
  if (!subAccount) throw notFound('bond sub-account of', input.bidderOrg, 'bidderOrg');
  const { account, amount } = await held(deps, subAccount);
  if (amount <= 0) {
    throw new DomainError('CONFLICT', `${input.bidderOrg}'s sub-account holds nothing to keep.`, {
      field: 'bidderOrg',
    });
  }
  const forfeiture: Forfeiture = { ...input, tenderId, amount, article: reason.article };
  await post(deps, actorOf(caller), {
    id: `forfeit:${tenderId}:${subAccount.number}`,
    kind: 'forfeiture',
    at: deps.clock.now().toISOString(),
    tenderId,
    rule: reason.article,
    // The reason is kept with the movement itself: no bond is kept without one.
    reason: `${input.reason}: ${input.note}`,
    postings: transfer(account, 'forfeitures', amount),
  });
  return forfeiture;
};

/** Refunds, by due date, optionally only those of one status or tender. */
export const listRefunds = async (
  deps: LedgerDeps,
  query: { status?: Refund['status']; tenderId?: string },
) => ({
  refunds: (await deps.store.refunds()).filter(
    (r) => (!query.status || r.status === query.status) && (!query.tenderId || r.tenderId === query.tenderId),
  ),
});

/**
 * Refunds as the caller may see them: regulators all of them; staff those of tenders past their
 * bid deadline, since a refund before it tells who applied (法22). The refund file, which names
 * no tender, is how staff pay a withdrawal's refund before the deadline.
 */
export const visibleRefunds = async (
  deps: LedgerDeps,
  caller: Caller,
  query: { status?: Refund['status']; tenderId?: string },
) => {
  const { refunds } = await listRefunds(deps, query);
  if (caller.role !== 'staff') return { refunds };
  const now = deps.clock.now();
  const opened = new Map<string, Promise<boolean>>();
  const pastDeadline = (tenderId: string) => {
    if (!opened.has(tenderId)) {
      opened.set(
        tenderId,
        requireTender(deps, tenderId).then((t) => !applicantsSecret(t, now)),
      );
    }
    return opened.get(tenderId)!;
  };
  const shown = await Promise.all(refunds.map((r) => pastDeadline(r.tenderId)));
  return { refunds: refunds.filter((_, i) => shown[i]) };
};

/**
 * The refund file for the bank (退款文件): one line per refund due, by due date; the bank's
 * payment cites the refund's id, so the statement that shows it pays the refund.
 */
export const refundFile = async (deps: LedgerDeps): Promise<string> => {
  const { refunds } = await listRefunds(deps, { status: 'due' });
  return stringify(
    refunds.map((r) => ({
      reference: r.id,
      amount: yuan(BigInt(r.amount)).replaceAll(',', ''),
      payeeName: r.payee.name,
      payeeAccount: r.payee.account,
      dueAt: r.dueAt,
      rule: r.article,
    })),
    {
      header: true,
      columns: ['reference', 'amount', 'payeeName', 'payeeAccount', 'dueAt', 'rule'],
      // No formula escaping: the bank matches each payee's name exactly as its statement gave it.
    },
  );
};
