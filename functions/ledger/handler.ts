import {
  forfeitBond,
  importStatement,
  LedgerDeps,
  ledgerRoutes,
  myBondAccount,
  openSubAccount,
  reconcile,
  recordGuarantee,
  refundFile,
  tenderBondAccounts,
  visibleRefunds,
} from '../../packages/ledger';
import { ledgerStore } from '../../packages/storage';
import { clock, platformTable } from '../adapters';
import { contextHandler, ok, text } from '../http/http-handler';

const deps: LedgerDeps = { store: ledgerStore(platformTable()), clock };

/** The center's ledger (统一收退): sub-accounts, e-guarantees, statements, refunds, forfeitures, reconciliation. */
export const handler = contextHandler(ledgerRoutes, {
  openBondAccount: async ({ caller, path }) => ok(await openSubAccount(deps, caller, path.id)),
  getMyBondAccount: async ({ caller, path }) => ok(await myBondAccount(deps, caller, path.id)),
  recordGuarantee: async ({ caller, path, body }) => ok(await recordGuarantee(deps, caller, path.id, body)),
  listTenderBondAccounts: async ({ caller, path }) => ok(await tenderBondAccounts(deps, caller, path.id)),
  forfeitBond: async ({ caller, path, body }) => ok(await forfeitBond(deps, caller, path.id, body)),
  importBankStatement: async ({ caller, body }) => ok(await importStatement(deps, caller, body)),
  listRefunds: async ({ caller, query }) => ok(await visibleRefunds(deps, caller, query)),
  getRefundFile: async () => text(await refundFile(deps), 'text/csv; charset=utf-8'),
  getReconciliation: async ({ query }) => ok(await reconcile(deps, query.day)),
});
