import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { recordReport } from '../../../packages/award/evaluation';
import { startPublicity } from '../../../packages/award/publicity';
import { publishResult } from '../../../packages/award/result';
import { cstDate } from '../../../packages/legal-rules';
import { reconcile } from '../../../packages/ledger/reconciliation';
import { supervisionAlerts } from '../../../packages/supervision/alerts';
import { serviceFeeReceipt, serviceFeeView } from '../../../packages/ledger/service-fees';
import { importStatement } from '../../../packages/ledger/statements';
import { DOCUMENT_FONT } from '../../../packages/pdf/font';
import { pdfText } from '../../support/pdf-text';
import { evaluated } from '../award/evaluated-tender';
import { bidder, DAY, failure, regulator, staff } from '../tenders/published-tender';

const font = new Uint8Array(readFileSync(require.resolve(DOCUMENT_FONT)));
const HEADER = 'valueDate,reference,subAccount,amount,counterpartyName,counterpartyAccount,memo';
const transfer = (ref: string, yuan: string, memo: string) =>
  `2026-04-02,${ref},,${yuan},鑫源建设集团有限公司,6222020200005678,${memo}`;
const statementOf = (...rows: string[]) => ({ csv: [HEADER, ...rows].join('\n') });

/** 6000万元, 1980号's own example: works pay 22.55万元. */
const PRICE = 60_000_000_00;
const FEE = 225_500_00;

/** A tender whose result is out: ORG-BIDDER-2 won at `price` fen. */
const awarded = async (price = PRICE) => {
  const { world, members, reportFile } = await evaluated();
  const candidates = [
    { bidderOrg: 'ORG-BIDDER-2', price },
    { bidderOrg: 'ORG-BIDDER-3', price: price + 1 },
  ];
  await recordReport(world.deps, staff, world.tender.id, { candidates, signedBy: members, reportFile });
  await startPublicity(world.deps, staff, world.tender.id, 3);
  const before = await failure(serviceFeeView(world.deps, staff, world.tender.id));
  world.clock.advance(3 * DAY + 1);
  await publishResult(world.deps, staff, world.tender.id);
  return { world, id: world.tender.id, before };
};

describe('service fees (交易服务费)', () => {
  it('charges the winner once when the result is published, band by band, and charges nothing more when it is published again', async () => {
    const { world, id, before } = await awarded();
    expect(before).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/charged when the result/),
    });
    const fee = await serviceFeeView(world.deps, staff, id);
    expect(fee).toMatchObject({
      id: `SF-${id}`,
      payerOrg: 'ORG-BIDDER-2',
      amount: FEE,
      outstanding: FEE,
      status: 'due',
      computation: { kind: 'works', amountFen: PRICE, subtotalFen: FEE, feeFen: FEE },
    });
    expect(fee.computation.bands.map((b) => b.chargeFen)).toEqual([
      10_000_00, 28_000_00, 27_500_00, 140_000_00, 20_000_00,
    ]);

    const logged = world.log.length;
    await publishResult(world.deps, staff, id);
    expect(world.log.length).toBe(logged);
    expect(await serviceFeeView(world.deps, regulator, id)).toEqual(fee);
    expect(world.log.filter((e) => e.action === 'ledger.fee-charged')).toHaveLength(1);
    expect(await reconcile(world.deps, cstDate(world.clock.now()))).toMatchObject({
      custody: 0,
      serviceFees: FEE,
      feesDue: FEE,
      balanced: true,
    });
  });

  it('shows the fee to its winner, staff and regulators, and to no other bidder', async () => {
    const { world, id } = await awarded();
    expect((await serviceFeeView(world.deps, bidder(2), id)).amount).toBe(FEE);
    expect(await failure(serviceFeeView(world.deps, bidder(3), id))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(serviceFeeReceipt({ ...world.deps, font }, bidder(1), id))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await failure(serviceFeeView(world.deps, staff, 'T-2026-NOSUCHID'))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('raises a supervision alert when the fee stays unpaid past its due date, and closes it once paid', async () => {
    const { world, id } = await awarded();
    const fee = await serviceFeeView(world.deps, staff, id);
    // Charged at the result; due 15 days later by the center's own rule.
    expect(fee).toMatchObject({ chargedAt: '2026-03-25T01:00:00.002Z', dueAt: '2026-04-09T01:00:00.002Z' });
    const feeAlerts = async () =>
      (await supervisionAlerts(world.deps)).alerts.filter((a) => a.rule === 'service-fee-payment');
    world.clock.advance(new Date(fee.dueAt).getTime() - world.clock.now().getTime());
    expect(await feeAlerts()).toEqual([]);
    world.clock.advance(1);
    expect(await feeAlerts()).toEqual([
      {
        tenderId: id,
        rule: 'service-fee-payment',
        article: '平台规则',
        message: expect.stringContaining(
          `service fee SF-${id} of 225,500.00 yuan was not paid by ${fee.dueAt}`,
        ),
        dueAt: fee.dueAt,
      },
    ]);
    await importStatement(world.deps, staff, statementOf(transfer('FEE-1', '225500.00', `SF-${id}`)));
    expect(await feeAlerts()).toEqual([]);
  });

  it('is paid by a transfer citing it for its amount, once, and then has its receipt', async () => {
    const { world, id } = await awarded();
    const deps = { ...world.deps, font };
    expect(await failure(serviceFeeReceipt(deps, bidder(2), id))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(new RegExp(`not paid yet.*memo is SF-${id}`)),
    });

    const short = await importStatement(
      world.deps,
      staff,
      statementOf(transfer('FEE-1', '225000.00', `SF-${id}`)),
    );
    expect(short.statement.unmatched).toEqual([
      expect.objectContaining({
        reference: 'FEE-1',
        reason: 'no service fee with this id (memo) and amount',
      }),
    ]);
    const statement = statementOf(transfer('FEE-2', '225500.00', `SF-${id}`));
    expect((await importStatement(world.deps, staff, statement)).statement).toMatchObject({ matched: 1 });
    expect(await importStatement(world.deps, staff, statement)).toMatchObject({ repeated: true });
    const twice = await importStatement(
      world.deps,
      staff,
      statementOf(transfer('FEE-3', '225500.00', `SF-${id}`)),
    );
    expect(twice.statement.unmatched[0]!.reason).toBe(`service fee SF-${id} was already paid by another row`);

    const paidEntry = world.log.find((e) => e.action === 'ledger.fee-paid')!;
    const fee = await serviceFeeView(world.deps, bidder(2), id);
    expect(fee).toMatchObject({
      status: 'paid',
      outstanding: 0,
      payment: {
        reference: 'FEE-2',
        counterparty: { name: '鑫源建设集团有限公司', account: '6222020200005678' },
        entryIndex: paidEntry.index,
      },
    });
    expect(await reconcile(world.deps, cstDate(world.clock.now()))).toMatchObject({
      custody: FEE,
      serviceFees: FEE,
      feesDue: 0,
      balanced: true,
    });

    const pdf = await serviceFeeReceipt(deps, bidder(2), id);
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getTitle()).toBe(`交易服务费收据 SF-${id}`);
    // A PDF date holds whole seconds.
    expect(doc.getCreationDate()!.toISOString().slice(0, 19)).toBe(fee.payment!.paidAt.slice(0, 19));
    // Read as one run of text, wherever the lines broke.
    const text = pdfText(doc).split('\n').join('');
    expect(text).not.toContain('\ufffd');
    for (const expected of [
      '交易服务费收据',
      `编号：SF-${id}`,
      `（招标编号：${id}）`,
      '¥225,500.00（人民币贰拾贰万伍仟伍佰元整）',
      '¥60,000,000.00',
      '工程招标，差额定率累进（计价格〔2002〕1980号',
      '100万元以下部分：¥1,000,000.00 × 1% = ¥10,000.00',
      '5000万元至10000万元部分：¥10,000,000.00 × 0.2% = ¥20,000.00',
      'FEE-2',
      `第 ${paidEntry.index} 条`,
      cstDate(new Date(fee.payment!.paidAt)).replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日'),
      '市公共资源交易中心',
    ]) {
      expect(text).toContain(expected);
    }
    // Printed again, the very same bytes.
    expect(Buffer.from(await serviceFeeReceipt(deps, staff, id)).equals(Buffer.from(pdf))).toBe(true);
  });
});
