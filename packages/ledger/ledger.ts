import { AuditActor, Change } from '../audit-log';
import { DomainError } from '../kernel';
import { Movement, Posting } from './model';
import { LedgerDeps, LedgerRecord } from './ports';

/**
 * Why a set of postings is not a movement, or undefined when it is one: at least two postings,
 * each a non-zero whole number of fen on its own account, summing to zero (借贷必相等).
 */
export const unbalanced = (postings: readonly Posting[]): string | undefined => {
  if (postings.length < 2) return 'a movement has at least two postings';
  if (postings.some((p) => !Number.isSafeInteger(p.amount) || p.amount === 0))
    return 'every posting is a non-zero whole number of fen';
  if (new Set(postings.map((p) => p.account)).size !== postings.length)
    return 'a movement posts to each account once';
  // BigInt: a sum of safe integers may pass 2^53.
  const sum = postings.reduce((total, p) => total + BigInt(p.amount), 0n);
  return sum === 0n ? undefined : `the postings sum to ${sum} fen, not zero`;
};

/** `amount` fen from one account to another: the debit and the credit of one movement. */
export const transfer = (debit: string, credit: string, amount: number): Posting[] => [
  { account: debit, amount },
  { account: credit, amount: -amount },
];

/** An account's balance, derived from its postings (debits positive). */
export const balanceOf = async (deps: LedgerDeps, account: string): Promise<number> =>
  (await deps.store.postings(account)).reduce((total, p) => total + p.amount, 0);

/** Movements of bond money: each tells that someone applied, paid or withdrew. */
const BOND_MOVEMENTS = new Set<Movement['kind']>(['bond-paid', 'refund-due', 'refund-paid']);

const sameMovement = (a: Movement, b: Movement) =>
  a.kind === b.kind && JSON.stringify(a.postings) === JSON.stringify(b.postings);

/**
 * Posts a movement once: the movement and its postings are created on condition that the
 * movement's id is new, with its audit entry and `writes`, all or nothing (`cite` for records
 * that name the entry's index). The same movement again (a retry, a statement imported twice)
 * changes nothing and answers `false`; another movement under the same id is a CONFLICT.
 */
export const post = async (
  deps: LedgerDeps,
  actor: AuditActor,
  movement: Movement,
  writes: Pick<Change<LedgerRecord>, 'create' | 'replace' | 'cite'> = {},
): Promise<boolean> => {
  const problem = unbalanced(movement.postings);
  if (problem) throw new DomainError('INTERNAL', `Movement ${movement.id} does not balance: ${problem}.`);
  const posted = async () => {
    const existing = await deps.store.movement(movement.id);
    if (!existing) return undefined;
    if (sameMovement(existing, movement)) return false;
    throw new DomainError('CONFLICT', `Movement ${movement.id} was already posted differently.`, {
      field: 'id',
    });
  };
  if ((await posted()) === false) return false;
  const commit = deps.store.commit({
    // The ledger names tenders and sub-accounts, which tell who applied (法22): all of it
    // confidential, and a tender's bond movements in its sealed process log, where nothing counts
    // them. Fees follow the result and are cited by their receipts in the public log.
    entry: {
      actor,
      action: `ledger.${movement.kind}`,
      subject: {},
      ...(movement.tenderId && BOND_MOVEMENTS.has(movement.kind) ? { process: movement.tenderId } : {}),
      confidential: { movement },
    },
    create: [
      { kind: 'movement', value: movement },
      ...movement.postings.map((p): LedgerRecord => ({
        kind: 'posting',
        value: { ...p, movementId: movement.id, at: movement.at },
      })),
      ...(writes.create ?? []),
    ],
    replace: writes.replace,
    cite: writes.cite,
  });
  try {
    await commit;
    return true;
  } catch (error) {
    // A concurrent attempt of the same movement got there first.
    if (error instanceof DomainError && error.code === 'CONFLICT' && (await posted()) === false) return false;
    throw error;
  }
};
