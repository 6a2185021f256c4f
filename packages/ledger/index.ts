/** The center's ledger (统一收退): bonds paid into virtual sub-accounts, e-guarantees, statements, refunds with due dates, forfeitures, service fees with their receipts, reconciliation. */
export { balanceOf, post, transfer, unbalanced } from './ledger';
export {
  Guarantee,
  Movement,
  Refund,
  ServiceFee,
  Statement,
  SubAccount,
  bondAccount,
  feeAccount,
  fixedAccounts,
} from './model';
export type { Posting } from './model';
export type { LedgerDeps, LedgerReads, LedgerRecord, LedgerStore, StoredPosting } from './ports';
export { bandLabel, defaultFeeSchedule, feeScheduleFrom } from './fee-schedule';
export type { FeeSchedule } from './fee-schedule';
export { recordGuarantee } from './guarantees';
export { reconcile } from './reconciliation';
export type { Reconciliation } from './reconciliation';
export {
  forfeitBond,
  listRefunds,
  refundFile,
  refundOnWithdrawal,
  refundsAfterContract,
  refundsAtResult,
  refundsAtTermination,
  visibleRefunds,
} from './refunds';
export { chargeServiceFee, feeReference, serviceFeeReceipt, serviceFeeView } from './service-fees';
export type { ServiceFeeView } from './service-fees';
export { settleResult } from './result';
export { importStatement, parseStatement, STATEMENT_COLUMNS } from './statements';
export { bondsGiven, myBondAccount, openSubAccount, tenderBondAccounts } from './sub-accounts';
export type { BondAccountView, BondGiven } from './sub-accounts';
export { ledgerRoutes } from './routes';
