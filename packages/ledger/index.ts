/** The center's ledger (统一收退): bonds paid into virtual sub-accounts, e-guarantees, statements, refunds with due dates, forfeitures, reconciliation. */
export { balanceOf, post, transfer, unbalanced } from './ledger';
export { Guarantee, Movement, Refund, Statement, SubAccount, bondAccount, fixedAccounts } from './model';
export type { Posting } from './model';
export type { LedgerDeps, LedgerReads, LedgerRecord, LedgerStore, StoredPosting } from './ports';
export { recordGuarantee } from './guarantees';
export { reconcile } from './reconciliation';
export type { Reconciliation } from './reconciliation';
export {
  forfeitBond,
  listRefunds,
  refundFile,
  refundOnWithdrawal,
  refundsAfterContract,
  visibleRefunds,
} from './refunds';
export { importStatement, parseStatement, STATEMENT_COLUMNS } from './statements';
export { bondsGiven, myBondAccount, openSubAccount, tenderBondAccounts } from './sub-accounts';
export type { BondAccountView, BondGiven } from './sub-accounts';
export { ledgerRoutes } from './routes';
