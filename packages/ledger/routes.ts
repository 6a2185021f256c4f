import * as z from 'zod';
import { defineRoute } from '../api-contract';
import { Identifier, IdPath } from '../kernel';
import { IsoDate } from '../legal-rules';
import {
  Forfeiture,
  Guarantee,
  ImportStatement,
  RecordForfeiture,
  RecordGuarantee,
  Refund,
  Statement,
} from './model';
import { Reconciliation } from './reconciliation';
import { ServiceFeeView } from './service-fees';
import { BondAccountView } from './sub-accounts';

/** The center's ledger (统一收退), declared once for the handler, the stack and OpenAPI. */

export const openBondAccountRoute = defineRoute({
  operationId: 'openBondAccount',
  method: 'POST',
  path: '/tenders/{id}/bond-account',
  summary:
    "The caller's virtual sub-account (虚拟子账户) for the tender's bond, opened on first asking: a random number that names nobody",
  tags: ['ledger'],
  access: ['bidder'],
  request: { path: IdPath },
  responses: { 200: { description: 'The sub-account', schema: BondAccountView } },
});

export const myBondAccountRoute = defineRoute({
  operationId: 'getMyBondAccount',
  method: 'GET',
  path: '/tenders/{id}/bond-account',
  summary: "The caller's own sub-account: its number, what it holds, its e-guarantee and refunds",
  tags: ['ledger'],
  access: ['bidder'],
  request: { path: IdPath },
  responses: { 200: { description: 'The sub-account', schema: BondAccountView } },
});

export const recordGuaranteeRoute = defineRoute({
  operationId: 'recordGuarantee',
  method: 'PUT',
  path: '/tenders/{id}/bond-account/guarantee',
  summary:
    'An e-guarantee (电子保函) in place of a cash bond, before the deadline: ≤ 2 % of the estimated price and valid as long as the bid (条例26)',
  tags: ['ledger'],
  access: ['bidder'],
  request: { path: IdPath, body: RecordGuarantee },
  responses: { 200: { description: 'Recorded', schema: Guarantee } },
});

export const tenderBondAccountsRoute = defineRoute({
  operationId: 'listTenderBondAccounts',
  method: 'GET',
  path: '/tenders/{id}/bond-accounts',
  summary:
    "Every applicant's sub-account of a tender: regulators at any time, staff after the bid deadline (法22)",
  tags: ['ledger'],
  access: ['staff', 'regulator'],
  request: { path: IdPath },
  responses: {
    200: { description: 'The sub-accounts', schema: z.object({ accounts: z.array(BondAccountView) }) },
  },
});

export const forfeitBondRoute = defineRoute({
  operationId: 'forfeitBond',
  method: 'POST',
  path: '/tenders/{id}/forfeitures',
  summary:
    "Keep a bidder's bond (不予退还) for a legal reason: the winner refuses the contract (条例74), a withdrawal after the deadline (条例35)",
  tags: ['ledger'],
  access: ['staff'],
  request: { path: IdPath, body: RecordForfeiture },
  responses: { 200: { description: 'Kept', schema: Forfeiture } },
});

export const importStatementRoute = defineRoute({
  operationId: 'importBankStatement',
  method: 'POST',
  path: '/ledger/statements',
  summary:
    'Import a statement of the custody account (CSV): every row validated, all or nothing; credits matched to sub-accounts, debits to refunds, the rest listed; the same statement again changes nothing',
  tags: ['ledger'],
  access: ['staff'],
  request: { body: ImportStatement },
  responses: {
    200: {
      description: 'The import (repeated: the statement was imported before)',
      schema: z.object({ statement: Statement, repeated: z.boolean() }),
    },
  },
});

export const listRefundsRoute = defineRoute({
  operationId: 'listRefunds',
  method: 'GET',
  path: '/ledger/refunds',
  summary:
    'Bond refunds (退还保证金) with their due dates (条例35, 条例57), by due date: regulators all, staff those of tenders past their bid deadline (法22)',
  tags: ['ledger'],
  access: ['staff', 'regulator'],
  request: {
    query: z.object({ status: z.enum(['due', 'paid']).optional(), tenderId: Identifier.optional() }),
  },
  responses: { 200: { description: 'Refunds', schema: z.object({ refunds: z.array(Refund) }) } },
});

export const refundFileRoute = defineRoute({
  operationId: 'getRefundFile',
  method: 'GET',
  path: '/ledger/refund-file',
  summary:
    "The refund file for the bank (CSV): every refund due, its payee and due date; the bank's payment cites the refund's id",
  tags: ['ledger'],
  access: ['staff'],
  responses: { 200: { description: 'The refund file', schema: z.string(), contentType: 'text/csv' } },
});

export const reconciliationRoute = defineRoute({
  operationId: 'getReconciliation',
  method: 'GET',
  path: '/ledger/reconciliation',
  summary:
    "A day's reconciliation (对账): the custody account against the bonds it holds and owes, and every statement row matched or listed",
  tags: ['ledger'],
  access: ['staff', 'regulator'],
  request: { query: z.object({ day: IsoDate }) },
  responses: { 200: { description: 'The reconciliation', schema: Reconciliation } },
});

export const serviceFeeRoute = defineRoute({
  operationId: 'getServiceFee',
  method: 'GET',
  path: '/tenders/{id}/service-fee',
  summary:
    "The tender's service fee (交易服务费), charged to the winner at the result by the fee schedule: its amount worked out band by band, what is still owed, and its payment once the bank's statement shows it; for the winner, staff and regulators",
  tags: ['ledger'],
  access: ['bidder', 'staff', 'regulator'],
  request: { path: IdPath },
  responses: { 200: { description: 'The service fee', schema: ServiceFeeView } },
});

export const serviceFeeReceiptRoute = defineRoute({
  operationId: 'getServiceFeeReceipt',
  method: 'GET',
  path: '/tenders/{id}/service-fee/receipt.pdf',
  summary:
    "The receipt of the paid service fee (交易服务费收据) as PDF: the payer, the amount in figures and capitals, the computation, the day it was paid and the payment's audit log entry; 409 before the payment",
  tags: ['ledger'],
  access: ['bidder', 'staff', 'regulator'],
  request: { path: IdPath },
  responses: {
    200: { description: 'The receipt', schema: z.string(), contentType: 'application/pdf' },
  },
});

export const ledgerRoutes = [
  openBondAccountRoute,
  myBondAccountRoute,
  recordGuaranteeRoute,
  tenderBondAccountsRoute,
  forfeitBondRoute,
  importStatementRoute,
  listRefundsRoute,
  refundFileRoute,
  reconciliationRoute,
  serviceFeeRoute,
  serviceFeeReceiptRoute,
] as const;
