import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { actorOf } from '../audit-log';
import { Caller, DomainError, notFound } from '../kernel';
import { requireActiveTender, requireTender, type Tender } from '../tenders';
import { balanceOf } from './ledger';
import { bondAccount, Guarantee, Refund, SubAccount } from './model';
import { LedgerDeps, LedgerStore } from './ports';

/**
 * 16 digits from the system's CSPRNG (bytes ≥ 250 are dropped, so each digit is uniform):
 * nothing in a number comes from its applicant, its tender or the order of applying, so neither
 * the bank's statement nor staff can tell who paid (法22).
 */
const randomNumber = (): string => {
  let digits = '';
  while (digits.length < 16) {
    for (const byte of randomBytes(16)) if (byte < 250 && digits.length < 16) digits += String(byte % 10);
  }
  return digits;
};

/** A sub-account with what it holds: its balance, the bond the tender asks, any e-guarantee, its refunds. */
export const BondAccountView = z.object({
  subAccount: SubAccount,
  /** The bond the tender asks, in fen. */
  required: z.int(),
  /** What the sub-account holds, in fen. */
  balance: z.int(),
  guarantee: Guarantee.optional(),
  refunds: z.array(Refund),
});
export type BondAccountView = z.infer<typeof BondAccountView>;

/** One sub-account as its applicant, staff or the regulator see it; `refunds` read once for many. */
const viewOf = async (
  deps: LedgerDeps,
  subAccount: SubAccount,
  refunds: Promise<Refund[]> = deps.store.refunds(),
): Promise<BondAccountView> => {
  const [tender, held, guarantee, all] = await Promise.all([
    requireTender(deps, subAccount.tenderId),
    balanceOf(deps, bondAccount(subAccount.tenderId, subAccount.number)),
    deps.store.guarantee(subAccount.tenderId, subAccount.bidderOrg),
    refunds,
  ]);
  return {
    subAccount,
    required: tender.schedule.bidBond,
    // The center owes what the sub-account was credited: a credit balance, shown as held.
    balance: 0 - held,
    ...(guarantee ? { guarantee } : {}),
    refunds: all.filter((r) => r.tenderId === subAccount.tenderId && r.subAccount === subAccount.number),
  };
};

/** The tender, if the caller's organisation registered for it: only applicants give bonds. */
export const registeredBidder = async (deps: LedgerDeps, caller: Caller, tenderId: string) => {
  const tender = await requireTender(deps, tenderId);
  if (tender.status === 'draft' || !(await deps.store.registration(tenderId, caller.org!))) {
    throw new DomainError('FORBIDDEN', 'Register for the tender (投标报名) before giving its bond.', {
      field: 'id',
    });
  }
  return tender;
};

/**
 * The caller's sub-account for the tender's bond, opened on first asking: a registered bidder
 * pays its bond to this number. Asking again gives the same number.
 */
export const openSubAccount = async (
  deps: LedgerDeps,
  caller: Caller,
  tenderId: string,
): Promise<BondAccountView> => {
  await registeredBidder(deps, caller, tenderId);
  const org = caller.org!;
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await deps.store.bidderSubAccount(tenderId, org);
    if (existing) return viewOf(deps, existing);
    // A terminated tender (终止) takes no bond: no new number to pay one into.
    await requireActiveTender(deps, tenderId);
    const subAccount: SubAccount = {
      number: randomNumber(),
      tenderId,
      bidderOrg: org,
      openedAt: deps.clock.now().toISOString(),
    };
    try {
      await deps.store.commit({
        entry: {
          actor: actorOf(caller),
          action: 'ledger.sub-account-opened',
          subject: {},
          process: tenderId,
          confidential: { subAccount },
        },
        // Both created on condition: a number is never given twice, nor an applicant two numbers.
        create: [
          { kind: 'subAccount', value: subAccount },
          { kind: 'bidderSubAccount', value: subAccount },
        ],
      });
      return viewOf(deps, subAccount);
    } catch (error) {
      // The number was taken, or a concurrent request opened the applicant's: look again.
      if (!(error instanceof DomainError && error.code === 'CONFLICT')) throw error;
    }
  }
  throw new DomainError('UNAVAILABLE', 'No free sub-account number was found; try again.');
};

/** The caller's own sub-account, balance and refunds. */
export const myBondAccount = async (deps: LedgerDeps, caller: Caller, tenderId: string) => {
  await registeredBidder(deps, caller, tenderId);
  const subAccount = await deps.store.bidderSubAccount(tenderId, caller.org!);
  if (!subAccount) throw notFound('bond sub-account for your organisation in tender', tenderId);
  return viewOf(deps, subAccount);
};

/**
 * Whether who applied for the tender is still secret from staff at `now` (法22): until its bid
 * deadline, and for good when it was terminated (终止) before it, as it never opens.
 */
export const applicantsSecret = (tender: Tender, now: Date): boolean => {
  const deadline = new Date(tender.schedule.bidDeadline);
  return now <= deadline || (tender.termination !== undefined && new Date(tender.termination.at) <= deadline);
};

/**
 * Every applicant's sub-account of a tender, for regulators at any time and for staff once the
 * bids are opened: before the deadline, who applied is secret (法22).
 */
export const tenderBondAccounts = async (deps: LedgerDeps, caller: Caller, tenderId: string) => {
  const tender = await requireTender(deps, tenderId);
  if (caller.role === 'staff' && applicantsSecret(tender, deps.clock.now())) {
    throw new DomainError(
      'FORBIDDEN',
      'Who applied for a tender stays confidential until its bid deadline (法22); staff see the bonds after it.',
      { field: 'id', rule: '法22' },
    );
  }
  const [subAccounts, refunds] = [await deps.store.subAccounts(tenderId), deps.store.refunds()];
  return { accounts: await Promise.all(subAccounts.map((s) => viewOf(deps, s, refunds))) };
};

/** What an applicant gave as its bond, as the opening record states it (投标保证金). */
export type BondGiven = 'guaranteed' | 'paid' | 'short';

/**
 * Each applicant's bond by organisation, from the ledger: an e-guarantee, or what its sub-account
 * holds against the bond the tender asks. An applicant that gave nothing is absent.
 */
export const bondsGiven = async (
  deps: { store: Pick<LedgerStore, 'subAccounts' | 'postings' | 'guarantees'> },
  tenderId: string,
  required: number,
): Promise<Map<string, BondGiven>> => {
  const [subAccounts, guarantees] = await Promise.all([
    deps.store.subAccounts(tenderId),
    deps.store.guarantees(tenderId),
  ]);
  const given = new Map<string, BondGiven>();
  for (const s of subAccounts) {
    const postings = await deps.store.postings(bondAccount(tenderId, s.number));
    const held = -postings.reduce((total, p) => total + p.amount, 0);
    if (held > 0) given.set(s.bidderOrg, held >= required ? 'paid' : 'short');
  }
  for (const g of guarantees) given.set(g.bidderOrg, 'guaranteed');
  return given;
};
