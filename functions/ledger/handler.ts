import { readFileSync } from 'node:fs';
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
  serviceFeeReceipt,
  serviceFeeView,
  tenderBondAccounts,
  visibleRefunds,
} from '../../packages/ledger';
import { DOCUMENT_FONT_FILE } from '../../packages/pdf';
import { ledgerStore } from '../../packages/storage';
import { clock, platformTable } from '../adapters';
import { binary, contextHandler, ok, text } from '../http/http-handler';

const deps: LedgerDeps = { store: ledgerStore(platformTable()), clock };
let fontBytes: Uint8Array | undefined;
/** The receipts' font ships beside the bundle; read on the first receipt, not at every cold start. */
const font = () =>
  (fontBytes ??= new Uint8Array(readFileSync(new URL(`./${DOCUMENT_FONT_FILE}`, import.meta.url))));

/** The center's ledger (统一收退): sub-accounts, e-guarantees, statements, refunds, forfeitures, service fees, reconciliation. */
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
  getServiceFee: async ({ caller, path }) => ok(await serviceFeeView(deps, caller, path.id)),
  getServiceFeeReceipt: async ({ caller, path }) =>
    binary(await serviceFeeReceipt({ ...deps, font: font() }, caller, path.id), 'application/pdf'),
});
