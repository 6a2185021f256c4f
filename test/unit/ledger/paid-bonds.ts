import { listRefunds } from '../../../packages/ledger/refunds';
import { importStatement } from '../../../packages/ledger/statements';
import { openSubAccount } from '../../../packages/ledger/sub-accounts';
import { World } from '../bidding/sealed-bid-client';
import { bidder, staff } from '../tenders/published-tender';

const HEADER = 'valueDate,reference,subAccount,amount,counterpartyName,counterpartyAccount,memo';

/** Bidders 1–3 pay their 20,000-yuan bonds into their sub-accounts, by one bank statement. */
export const payBonds = async (world: World) => {
  const rows = [];
  for (const n of [1, 2, 3]) {
    const { subAccount } = await openSubAccount(world.deps, bidder(n), world.tender.id);
    rows.push(`2026-03-03,B-${n},${subAccount.number},20000.00,供应商${n},622202020000123${n},`);
  }
  await importStatement(world.deps, staff, { csv: [HEADER, ...rows].join('\n') });
};

/** The tender's refunds, as staff list them. */
export const refundsOf = async (world: World) =>
  (await listRefunds(world.deps, {})).refunds.filter((r) => r.tenderId === world.tender.id);
