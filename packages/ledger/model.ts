import * as z from 'zod';
import { Identifier, LongText, Name, text } from '../kernel';
import { Fen } from '../legal-rules';
import { FeeComputation } from './fee-schedule';

/**
 * The chart of accounts (科目). Amounts are integer fen; a posting's amount is positive for a
 * debit and negative for a credit, so every movement's postings sum to zero.
 *
 * - `custody`: the center's bond custody account at the bank (保证金专户), an asset;
 * - `bond:<tender>:<number>`: one applicant's bond sub-account (虚拟子账户), what the center owes it;
 * - `refunds-payable`: refunds due and not yet paid out by the bank;
 * - `forfeitures`: bonds kept with a recorded legal reason (不予退还);
 * - `service-fees`: the center's service fees (交易服务费), earned when charged;
 * - `fee:<tender>`: the service fee the tender's winner owes (应收), until its payment reaches custody.
 */
export const fixedAccounts = ['custody', 'refunds-payable', 'forfeitures', 'service-fees'] as const;
export type FixedAccount = (typeof fixedAccounts)[number];

/** A bond sub-account's ledger account names the tender and the number, never the applicant. */
export const bondAccount = (tenderId: string, number: string): string => `bond:${tenderId}:${number}`;
export const isBondAccount = (account: string): boolean => account.startsWith('bond:');
/** What a tender's winner owes of its service fee. */
export const feeAccount = (tenderId: string): string => `fee:${tenderId}`;
export const isFeeAccount = (account: string): boolean => account.startsWith('fee:');

export const AccountId = z.union([
  z.enum(fixedAccounts),
  z.string().regex(/^bond:[A-Za-z0-9._-]{1,64}:\d{16}$/, 'must be a bond sub-account'),
  z.string().regex(/^fee:[A-Za-z0-9._-]{1,64}$/, "must be a tender's service fee"),
]);

export const Posting = z.object({ account: AccountId, amount: z.int() });
export type Posting = z.infer<typeof Posting>;

export const movementKinds = [
  'bond-paid',
  'refund-due',
  'refund-paid',
  'forfeiture',
  'fee-charged',
  'fee-paid',
] as const;
export type MovementKind = (typeof movementKinds)[number];

/** A bank counterparty as the statement names it: who paid a bond, and where its refund goes. */
export const Counterparty = z.object({ name: z.string(), account: z.string() });
export type Counterparty = z.infer<typeof Counterparty>;

/** One movement (记账凭证): a balanced set of postings, written once under its id and never changed. */
export const Movement = z.object({
  /** Derived from what caused it (a bank reference, a refund), so a retry names the same movement. */
  id: z.string(),
  kind: z.enum(movementKinds),
  at: z.iso.datetime(),
  tenderId: Identifier.optional(),
  postings: z.array(Posting).min(2),
  /** The bank's reference of the statement row that moved the money, if one did. */
  reference: z.string().optional(),
  counterparty: Counterparty.optional(),
  refundId: z.string().optional(),
  /** The article that allows the movement (a refund's or a forfeiture's). */
  rule: z.string().optional(),
  /** Why a bond is kept, as staff recorded it. */
  reason: z.string().optional(),
});
export type Movement = z.infer<typeof Movement>;

/** A virtual sub-account number (虚拟子账号): 16 random digits, nothing derived from its applicant. */
export const SubAccountNumber = z.string().regex(/^\d{16}$/, 'must be a 16-digit sub-account number');

/** Which applicant pays into which number: confidential before the opening (法22). */
export const SubAccount = z.object({
  number: SubAccountNumber,
  tenderId: Identifier,
  bidderOrg: Identifier,
  openedAt: z.iso.datetime(),
});
export type SubAccount = z.infer<typeof SubAccount>;

/** 电子保函: a bank's or insurer's guarantee in place of a cash bond. */
export const RecordGuarantee = z.strictObject({
  issuer: Name(100, 2, 'must name the issuing bank or insurer'),
  number: Name(64, 1, 'must give the guarantee number'),
  amount: Fen.min(1, 'must be at least 1 fen'),
  validFrom: z.iso.date(),
  validUntil: z.iso.date(),
});
export type RecordGuarantee = z.infer<typeof RecordGuarantee>;
export const Guarantee = RecordGuarantee.extend({
  tenderId: Identifier,
  bidderOrg: Identifier,
  recordedAt: z.iso.datetime(),
});
export type Guarantee = z.infer<typeof Guarantee>;

/** Why a bond goes back: a withdrawal, the contract, (government procurement) the result for those who did not win, or a termination. */
export const refundReasons = ['withdrawal', 'contract', 'result', 'termination'] as const;
export type RefundReason = (typeof refundReasons)[number];

/** A bond refund (退还保证金) with the date the law gives for it. */
export const Refund = z.object({
  id: z.string(),
  tenderId: Identifier,
  bidderOrg: Identifier,
  subAccount: SubAccountNumber,
  amount: Fen,
  reason: z.enum(refundReasons),
  /** The procedure's refund rule, id and article (条例35 after a withdrawal, 条例57 after the contract, 87号令38 …). */
  rule: z.string(),
  article: z.string(),
  dueAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
  payee: Counterparty,
  status: z.enum(['due', 'paid']),
  paidAt: z.iso.datetime().optional(),
  version: z.int().nonnegative(),
});
export type Refund = z.infer<typeof Refund>;

/** A bond kept (不予退还) only with a recorded legal reason. */
export const RecordForfeiture = z.strictObject({
  bidderOrg: Identifier,
  reason: z.enum(['winner-refuses-contract', 'withdrawn-after-deadline']),
  note: LongText(500, 1),
});
export type RecordForfeiture = z.infer<typeof RecordForfeiture>;
export const Forfeiture = RecordForfeiture.extend({ tenderId: Identifier, amount: Fen, article: z.string() });
export type Forfeiture = z.infer<typeof Forfeiture>;

/** A statement row that matched nothing, for staff to clear by hand. */
export const UnmatchedRow = z.object({
  line: z.int(),
  reference: z.string(),
  amount: z.int(),
  reason: z.string(),
});

/** A bank statement as imported: by its SHA-256, so the same file twice is one import. */
export const Statement = z.object({
  id: z.string(),
  importedAt: z.iso.datetime(),
  importedBy: z.string(),
  rows: z.int(),
  matched: z.int(),
  unmatched: z.array(UnmatchedRow),
});
export type Statement = z.infer<typeof Statement>;

export const ImportStatement = z.strictObject({
  /** The statement file as the bank exports it (CSV, UTF-8, a header row). */
  csv: text({ max: 500_000, multiline: true, tooShort: 'must hold the statement' }),
});
export type ImportStatement = z.infer<typeof ImportStatement>;

/** A service fee's payment as the bank's statement showed it, and the audit entry that posted it. */
export const FeePayment = z.object({
  /** The bank's reference of the statement row. */
  reference: z.string(),
  counterparty: Counterparty,
  paidAt: z.iso.datetime(),
  /** The index of the payment's entry in the audit log. */
  entryIndex: z.int().nonnegative(),
});

/** 交易服务费: the center's fee on a result, charged to the winner by the schedule, paid by bank transfer. */
export const ServiceFee = z.object({
  /** What the transfer's memo cites to pay it: `SF-<tender>`. */
  id: z.string(),
  tenderId: Identifier,
  /** The winner, who pays it. */
  payerOrg: Identifier,
  /** The fee, in fen. */
  amount: Fen,
  computation: FeeComputation,
  /** Who charges it and signs the receipt: the center, as the schedule names it. */
  collector: z.string(),
  chargedAt: z.iso.datetime(),
  /** When it is to be paid by, from the rule `service-fee-payment`: past it unpaid, a supervision alert. */
  dueAt: z.iso.datetime(),
  status: z.enum(['due', 'paid']),
  payment: FeePayment.optional(),
  version: z.int().nonnegative(),
});
export type ServiceFee = z.infer<typeof ServiceFee>;
