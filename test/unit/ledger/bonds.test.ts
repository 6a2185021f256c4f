import { withdrawBid } from '../../../packages/bidding/bids';
import { decryptBids, startOpening, submitShare } from '../../../packages/bidding/opening';
import { recordGuarantee } from '../../../packages/ledger/guarantees';
import { reconcile } from '../../../packages/ledger/reconciliation';
import { forfeitBond, listRefunds, refundFile, visibleRefunds } from '../../../packages/ledger/refunds';
import { importStatement } from '../../../packages/ledger/statements';
import { myBondAccount, openSubAccount, tenderBondAccounts } from '../../../packages/ledger/sub-accounts';
import { supervisionAlerts } from '../../../packages/supervision/alerts';
import { shareOf, submit } from '../bidding/sealed-bid-client';
import {
  bidder,
  DAY,
  failure,
  publishedTender,
  regulator,
  regulator2,
  staff,
} from '../tenders/published-tender';

const HEADER = 'valueDate,reference,subAccount,amount,counterpartyName,counterpartyAccount,memo';
const credit = (ref: string, number: string, yuan = '20000.00', payer = '华东建设集团有限公司') =>
  `2026-03-03,${ref},${number},${yuan},${payer},6222020200001234,`;
const statementOf = (...rows: string[]) => ({ csv: [HEADER, ...rows].join('\n') });

const withAccounts = async (bidders = [1, 2, 3]) => {
  const world = await publishedTender(bidders);
  const numbers: string[] = [];
  for (const n of bidders)
    numbers.push((await openSubAccount(world.deps, bidder(n), world.tender.id)).subAccount.number);
  return { world, numbers };
};

describe('virtual sub-accounts (虚拟子账户)', () => {
  it('gives each applicant a number that reveals nothing about it or the order of applying', async () => {
    const first = await withAccounts([1, 2, 3, 4]);
    const second = await withAccounts([1, 2, 3, 4]);
    for (const numbers of [first.numbers, second.numbers]) {
      expect(new Set(numbers).size).toBe(4);
      for (const number of numbers) expect(number).toMatch(/^\d{16}$/);
    }
    // The same organisations applying in the same order get unrelated numbers.
    expect(first.numbers.filter((n) => second.numbers.includes(n))).toEqual([]);
    const digitsDiffering = first.numbers.map(
      (n, i) => [...n].filter((digit, at) => digit !== second.numbers[i]![at]).length,
    );
    expect(Math.min(...digitsDiffering)).toBeGreaterThan(4);
    // Asking again gives the same number.
    const again = await openSubAccount(first.world.deps, bidder(2), first.world.tender.id);
    expect(again.subAccount.number).toBe(first.numbers[1]);
  });

  it('opens one only for a registered applicant, and keeps the mapping from staff before the deadline (法22)', async () => {
    const { world } = await withAccounts([1]);
    expect(await failure(openSubAccount(world.deps, bidder(5), world.tender.id))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await failure(tenderBondAccounts(world.deps, staff, world.tender.id))).toMatchObject({
      code: 'FORBIDDEN',
      rule: '法22',
    });
    expect((await tenderBondAccounts(world.deps, regulator, world.tender.id)).accounts).toHaveLength(1);
    world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
    expect((await tenderBondAccounts(world.deps, staff, world.tender.id)).accounts).toHaveLength(1);
  });
});

describe('bank statements', () => {
  it('matches credits to sub-accounts, lists the rest, and changes nothing when imported twice', async () => {
    const { world, numbers } = await withAccounts();
    const statement = statementOf(
      credit('B-1', numbers[0]!),
      credit('B-2', numbers[1]!),
      credit('B-3', '9999999999999999'),
      credit('B-4', '', '50.00'),
    );
    const first = await importStatement(world.deps, staff, statement);
    expect(first).toMatchObject({ repeated: false, statement: { rows: 4, matched: 2 } });
    expect(first.statement.unmatched.map((r) => [r.line, r.reference])).toEqual([
      [4, 'B-3'],
      [5, 'B-4'],
    ]);
    const logged = world.log.length;
    const items = world.items().length;
    expect(await importStatement(world.deps, staff, statement)).toMatchObject({ repeated: true });
    // A second file that repeats a row posts that row once: only the file's own import is new.
    await importStatement(world.deps, staff, statementOf(credit('B-2', numbers[1]!)));
    expect(world.log.length).toBe(logged + 1);
    expect(world.items().length).toBe(items + 1);
    expect((await myBondAccount(world.deps, bidder(2), world.tender.id)).balance).toBe(2_000_000);
    expect((await myBondAccount(world.deps, bidder(3), world.tender.id)).balance).toBe(0);
    expect(await reconcile(world.deps, '2026-03-02')).toMatchObject({
      custody: 4_000_000,
      bondsHeld: 4_000_000,
      balanced: true,
      statements: [
        { rows: 4, matched: 2 },
        { rows: 1, matched: 1 },
      ],
    });
    expect((await reconcile(world.deps, '2026-03-02')).unmatched).toHaveLength(2);
  });

  it('refuses a statement longer than one request can import', async () => {
    const { world, numbers } = await withAccounts([1]);
    const rows = Array.from({ length: 501 }, (_, i) => credit(`B-${i}`, numbers[0]!, '1.00'));
    expect(await failure(importStatement(world.deps, staff, statementOf(...rows)))).toMatchObject({
      field: 'csv',
      message: expect.stringMatching(/at most 500 rows/),
    });
  });

  it('refuses a statement with any bad row, naming its line and field, and imports none of it', async () => {
    const { world, numbers } = await withAccounts();
    const logged = world.log.length;
    const bad = statementOf(
      credit('B-1', numbers[0]!),
      credit('B-2', numbers[1]!, '12.345'),
      credit('B-1', numbers[2]!),
    );
    expect(await failure(importStatement(world.deps, staff, bad))).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'csv.rows.3.amount',
      issues: [
        { field: 'csv.rows.3.amount', message: expect.stringMatching(/^line 3: must be yuan/) },
        { field: 'csv.rows.4.reference', message: 'line 4: the same reference as line 2' },
      ],
    });
    expect(
      await failure(importStatement(world.deps, staff, { csv: 'date,amount\n2026-03-03,1' })),
    ).toMatchObject({
      field: 'csv.header',
    });
    expect(world.log.length).toBe(logged);
  });
});

describe('the opening record', () => {
  it("states each bidder's bond as the ledger holds it: paid, short or guaranteed", async () => {
    const { world, numbers } = await withAccounts([1, 2, 3]);
    const id = world.tender.id;
    await importStatement(
      world.deps,
      staff,
      statementOf(credit('B-1', numbers[0]!), credit('B-2', numbers[1]!, '10.00')),
    );
    await recordGuarantee(world.deps, bidder(3), id, {
      issuer: '中国银行',
      number: 'BG-3',
      amount: 2_000_000,
      validFrom: '2026-03-02',
      validUntil: '2026-12-31',
    });
    for (const n of [1, 2, 3]) await submit(world, n, n * 100);
    world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
    await startOpening(world.deps, staff, id);
    await submitShare(world.deps, regulator, id, await shareOf(world, 'regulator1'));
    await submitShare(world.deps, regulator2, id, await shareOf(world, 'regulator2'));
    const opened = await decryptBids(world.deps, id);
    expect(opened.rows!.map((r) => [r.bidderOrg, r.bond])).toEqual([
      ['ORG-BIDDER-1', 'paid'],
      ['ORG-BIDDER-2', 'short'],
      ['ORG-BIDDER-3', 'guaranteed'],
    ]);
  });
});

describe('e-guarantees (电子保函)', () => {
  const guarantee = { issuer: '中国银行', number: 'BG-2026-001', amount: 2_000_000, validFrom: '2026-03-02' };

  it('is at most 2 % of the estimated price and valid as long as the bid (条例26)', async () => {
    const { world } = await withAccounts([1]);
    const id = world.tender.id;
    // Deadline 2026-03-22, bid valid 90 days: to 2026-06-20.
    expect(
      await failure(
        recordGuarantee(world.deps, bidder(1), id, {
          ...guarantee,
          amount: 2_000_001,
          validUntil: '2026-07-01',
        }),
      ),
    ).toMatchObject({ code: 'RULE_VIOLATED', field: 'amount', rule: '条例26' });
    expect(
      await failure(recordGuarantee(world.deps, bidder(1), id, { ...guarantee, validUntil: '2026-06-19' })),
    ).toMatchObject({ code: 'RULE_VIOLATED', field: 'validUntil', rule: '条例26' });
    await recordGuarantee(world.deps, bidder(1), id, { ...guarantee, validUntil: '2026-06-20' });
    expect((await myBondAccount(world.deps, bidder(1), id)).guarantee).toMatchObject({ issuer: '中国银行' });
  });
});

describe('refunds and forfeitures', () => {
  it('refunds a withdrawn bid within 5 days (条例35), alerts when the date passes, and the statement pays it', async () => {
    const { world, numbers } = await withAccounts([1, 2]);
    const id = world.tender.id;
    await importStatement(
      world.deps,
      staff,
      statementOf(credit('B-1', numbers[0]!), credit('B-2', numbers[1]!)),
    );
    await submit(world, 1, 300);
    await withdrawBid(world.deps, bidder(1), id);
    const [refund] = (await listRefunds(world.deps, {})).refunds;
    expect(refund).toMatchObject({
      bidderOrg: 'ORG-BIDDER-1',
      amount: 2_000_000,
      article: '条例35',
      status: 'due',
      dueAt: new Date(world.clock.now().getTime() + 5 * DAY).toISOString(),
      payee: { name: '华东建设集团有限公司', account: '6222020200001234' },
    });
    expect(await refundFile(world.deps)).toBe(
      `reference,amount,payeeName,payeeAccount,dueAt,rule\n${refund!.id},20000.00,华东建设集团有限公司,6222020200001234,${refund!.dueAt},条例35\n`,
    );
    // Before the deadline a refund tells who applied: staff pay it from the file, which names no tender (法22).
    expect((await visibleRefunds(world.deps, staff, {})).refunds).toEqual([]);
    expect((await visibleRefunds(world.deps, regulator, {})).refunds).toEqual([refund]);
    expect((await supervisionAlerts(world.deps)).alerts).toEqual([]);
    world.clock.advance(5 * DAY + 1);
    expect((await supervisionAlerts(world.deps)).alerts).toEqual([
      expect.objectContaining({
        tenderId: id,
        rule: 'withdrawal-bond-refund',
        article: '条例35',
        dueAt: refund!.dueAt,
      }),
    ]);
    const paid = statementOf(`2026-03-08,B-9,,-20000.00,华东建设集团有限公司,6222020200001234,${refund!.id}`);
    expect(await importStatement(world.deps, staff, paid)).toMatchObject({ statement: { matched: 1 } });
    expect((await supervisionAlerts(world.deps)).alerts).toEqual([]);
    expect((await listRefunds(world.deps, { status: 'due' })).refunds).toEqual([]);
    const day = await reconcile(world.deps, '2026-03-07');
    expect(day).toMatchObject({
      custody: 2_000_000,
      bondsHeld: 2_000_000,
      refundsPayable: 0,
      balanced: true,
    });
  });

  it('keeps a bond only with a legal reason, after the deadline', async () => {
    const { world, numbers } = await withAccounts([1]);
    const id = world.tender.id;
    await importStatement(world.deps, staff, statementOf(credit('B-1', numbers[0]!)));
    const forfeit = {
      bidderOrg: 'ORG-BIDDER-1',
      reason: 'winner-refuses-contract' as const,
      note: '中标人拒签合同',
    };
    expect(await failure(forfeitBond(world.deps, staff, id, forfeit))).toMatchObject({
      code: 'RULE_VIOLATED',
    });
    world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
    expect(await forfeitBond(world.deps, staff, id, forfeit)).toMatchObject({
      amount: 2_000_000,
      article: '条例74',
    });
    expect(await reconcile(world.deps, '2026-03-23')).toMatchObject({
      bondsHeld: 0,
      forfeitures: 2_000_000,
      balanced: true,
    });
    expect(await failure(forfeitBond(world.deps, staff, id, forfeit))).toMatchObject({ code: 'CONFLICT' });
  });
});
