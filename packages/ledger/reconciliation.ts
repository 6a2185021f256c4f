import * as z from 'zod';
import { DomainError } from '../kernel';
import { IsoDate } from '../legal-rules';
import { unbalanced } from './ledger';
import { isBondAccount, isFeeAccount, UnmatchedRow } from './model';
import { LedgerDeps } from './ports';

export const Reconciliation = z.object({
  day: IsoDate,
  /** Balances at the end of the day (CST), in fen, each as held: what the custody account holds and what it owes. */
  custody: z.int(),
  bondsHeld: z.int(),
  refundsPayable: z.int(),
  forfeitures: z.int(),
  /** Service fees charged (交易服务费), earned whether paid or not. */
  serviceFees: z.int(),
  /** Service fees charged and not yet paid into custody (应收). */
  feesDue: z.int(),
  /**
   * custody = bonds held + refunds payable + forfeitures + service fees − fees due, and every
   * movement balances: custody holds the bonds it owes and the fees paid into it.
   */
  balanced: z.boolean(),
  movements: z.int(),
  statements: z.array(z.object({ id: z.string(), rows: z.int(), matched: z.int() })),
  unmatched: z.array(UnmatchedRow.extend({ statement: z.string() })),
});
export type Reconciliation = z.infer<typeof Reconciliation>;

/**
 * The day's reconciliation (对账): balances derived from every movement up to the day's end, the
 * custody account against the bonds it owes and the service fees paid into it, and each
 * statement imported that day with every row it could not match.
 */
export const reconcile = async (deps: LedgerDeps, day: string): Promise<Reconciliation> => {
  const end = Date.parse(`${day}T00:00:00+08:00`) + 86_400_000;
  if (Number.isNaN(end))
    throw new DomainError('VALIDATION_FAILED', 'day: must be YYYY-MM-DD', { field: 'day' });
  const start = new Date(end - 86_400_000).toISOString();
  const [movements, statements] = await Promise.all([deps.store.movements(), deps.store.statements(day)]);
  const upTo = movements.filter((m) => Date.parse(m.at) < end);
  const totals = {
    custody: 0,
    bondsHeld: 0,
    refundsPayable: 0,
    forfeitures: 0,
    serviceFees: 0,
    feesDue: 0,
    other: 0,
  };
  for (const { account, amount } of upTo.flatMap((m) => m.postings)) {
    if (account === 'custody') totals.custody += amount;
    else if (isBondAccount(account)) totals.bondsHeld -= amount;
    else if (account === 'refunds-payable') totals.refundsPayable -= amount;
    else if (account === 'forfeitures') totals.forfeitures -= amount;
    else if (account === 'service-fees') totals.serviceFees -= amount;
    // A receivable is a debit balance: what the winner owes, not what custody holds.
    else if (isFeeAccount(account)) totals.feesDue += amount;
    else totals.other -= amount;
  }
  const { other, ...balances } = totals;
  const balanced =
    upTo.every((m) => unbalanced(m.postings) === undefined) &&
    other === 0 &&
    totals.custody ===
      totals.bondsHeld + totals.refundsPayable + totals.forfeitures + totals.serviceFees - totals.feesDue;
  return {
    day,
    ...balances,
    balanced,
    movements: upTo.filter((m) => m.at >= start).length,
    statements: statements.map((s) => ({ id: s.id, rows: s.rows, matched: s.matched })),
    unmatched: statements.flatMap((s) => s.unmatched.map((row) => ({ ...row, statement: s.id }))),
  };
};
