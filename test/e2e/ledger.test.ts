import { PDFDocument } from 'pdf-lib';
import { callApi } from '../support/local-stack';
import { pdfText } from '../support/pdf-text';
import { evaluatedTender } from './award-fixture';
import { aForm, submitBid } from './bidding-client';
import { as } from './client';
import { DAY, Json, publishedTender } from './tender-fixture';

const HEADER = 'valueDate,reference,subAccount,amount,counterpartyName,counterpartyAccount,memo';
const csv = (...rows: string[]) => ({ csv: [HEADER, ...rows].join('\n') });
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('the ledger, through the API', () => {
  it('pays bonds by statement, refunds a withdrawal with its due date, alerts when it passes, and reconciles', async () => {
    const { tender, staff } = await publishedTender(['bidder1', 'bidder2', 'bidder3']);
    const id = tender.id;
    const bidders = await Promise.all(['bidder1', 'bidder2', 'bidder3'].map((name) => as(name)));

    // Each applicant's number, the same when asked again; staff cannot map them before the deadline (法22).
    const numbers: string[] = [];
    for (const bidder of bidders) {
      const opened = await bidder.post<Json>(`/tenders/${id}/bond-account`);
      expect(opened.status).toBe(200);
      numbers.push(opened.body.subAccount.number);
    }
    expect(new Set(numbers).size).toBe(3);
    expect((await bidders[0]!.get<Json>(`/tenders/${id}/bond-account`)).body.subAccount.number).toBe(
      numbers[0],
    );
    expect((await staff.get<Json>(`/tenders/${id}/bond-accounts`)).body.error).toMatchObject({
      rule: '法22',
    });
    const regulator = await as('regulator1');
    expect((await regulator.get<Json>(`/tenders/${id}/bond-accounts`)).body.accounts).toHaveLength(3);

    // A bad row refuses the whole statement, naming its line and field.
    const row = (ref: string, number: string, amount: string, memo = '') =>
      `2026-03-03,${id}-${ref},${number},${amount},华东建设集团有限公司,6222020200001234,${memo}`;
    const bad = await staff.post<Json>(
      '/ledger/statements',
      csv(row('1', numbers[0]!, '20000.00'), row('2', numbers[1]!, 'abc')),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'csv.rows.3.amount' });
    expect((await bidders[0]!.get<Json>(`/tenders/${id}/bond-account`)).body.balance).toBe(0);

    const statement = csv(
      row('1', numbers[0]!, '20000.00'),
      row('2', numbers[1]!, '20000.00'),
      row('3', '', '10.00'),
    );
    const first = await staff.post<Json>('/ledger/statements', statement);
    expect(first.body).toMatchObject({ repeated: false, statement: { rows: 3, matched: 2 } });
    expect(first.body.statement.unmatched).toEqual([
      expect.objectContaining({ line: 4, reference: `${id}-3` }),
    ]);
    const again = await staff.post<Json>('/ledger/statements', statement);
    expect(again.body).toMatchObject({ repeated: true, statement: { id: first.body.statement.id } });
    expect((await bidders[0]!.get<Json>(`/tenders/${id}/bond-account`)).body).toMatchObject({
      balance: 2_000_000,
      required: 2_000_000,
    });

    // A withdrawal's bond is refunded within 5 days (条例35).
    expect((await submitBid(bidders[0]!, id, aForm(90_000_000))).status).toBe(200);
    expect((await bidders[0]!.post(`/tenders/${id}/bids/withdraw`)).status).toBe(200);
    const [refund] = (await bidders[0]!.get<Json>(`/tenders/${id}/bond-account`)).body.refunds;
    expect(refund).toMatchObject({ amount: 2_000_000, article: '条例35', status: 'due' });
    expect(Date.parse(refund.dueAt) - Date.now()).toBeGreaterThan(5 * DAY - 60_000);
    const file = await staff.get<string>('/ledger/refund-file');
    expect(file.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(file.body).toContain(
      `${refund.id},20000.00,华东建设集团有限公司,6222020200001234,${refund.dueAt},条例35`,
    );

    // Past its due date, the unpaid refund is a supervision alert; the bank's payment clears it.
    const alerts = async () =>
      (await (await as('regulator1', 6 * DAY)).get<Json>('/supervision/alerts')).body.alerts.filter(
        (a: Json) => a.tenderId === id,
      );
    expect(await alerts()).toEqual([
      expect.objectContaining({ rule: 'withdrawal-bond-refund', article: '条例35' }),
    ]);
    const paid = await staff.post<Json>('/ledger/statements', csv(row('4', '', '-20000.00', refund.id)));
    expect(paid.body.statement).toMatchObject({ matched: 1, unmatched: [] });
    expect(await alerts()).toEqual([]);

    // A guarantee above 2 % of the estimated price is refused at its field (条例26).
    const guarantee = {
      issuer: '中国银行',
      number: `BG-${id}`,
      amount: 2_000_001,
      validFrom: today(),
      validUntil: '2027-12-31',
    };
    const refused = await bidders[2]!.put<Json>(`/tenders/${id}/bond-account/guarantee`, guarantee);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ field: 'amount', rule: '条例26' });

    const books = await regulator.get<Json>(`/ledger/reconciliation?day=${today()}`);
    expect(books.body.balanced).toBe(true);
    expect(books.body.custody).toBe(
      books.body.bondsHeld + books.body.refundsPayable + books.body.forfeitures,
    );
    expect(books.body.unmatched).toEqual(
      expect.arrayContaining([expect.objectContaining({ reference: `${id}-3` })]),
    );
  });

  it("charges the winner's service fee once at the result, takes its payment from the statement, and prints its receipt", async () => {
    const { tender, later } = await evaluatedTender(
      ['bidder1', 'bidder2', 'bidder3'],
      [
        { bidderOrg: 'ORG-BIDDER-3', price: 88_000_000 },
        { bidderOrg: 'ORG-BIDDER-2', price: 89_000_000 },
      ],
    );
    const id = tender.id;
    const fee = `/tenders/${id}/service-fee`;
    const staff = await as('staff1');
    const regulator = await as('regulator1');
    const winner = await as('bidder3');
    const loser = await as('bidder1');
    expect((await (await later('staff1')).post(`/tenders/${id}/publicity`, { days: 3 })).status).toBe(201);
    const before = await staff.get<Json>(fee);
    expect(before.status).toBe(404);
    expect(before.body.error.message).toMatch(/charged when the result is published/);

    // Published, then published again (a retry): one charge, 1 % of 880,000 yuan (works, 1980号).
    const award = await (await later('staff1', 4)).post<Json>(`/tenders/${id}/result`, {});
    expect(award.status).toBe(200);
    expect((await (await later('staff1')).post<Json>(`/tenders/${id}/result`, {})).body).toEqual(award.body);
    const due = await winner.get<Json>(fee);
    expect(due.status).toBe(200);
    expect(due.body).toMatchObject({
      id: `SF-${id}`,
      payerOrg: 'ORG-BIDDER-3',
      amount: 880_000,
      outstanding: 880_000,
      status: 'due',
      computation: {
        kind: 'works',
        amountFen: 88_000_000,
        bands: [{ fromFen: 0, percent: 1, chargeFen: 880_000 }],
      },
    });
    expect((await regulator.get<Json>(fee)).body).toEqual(due.body);
    expect((await loser.get<Json>(fee)).status).toBe(403);
    expect((await staff.get<Json>('/tenders/T-2026-NOSUCHID/service-fee')).status).toBe(404);
    expect((await callApi(fee)).status).toBe(401);

    const early = await winner.get<Json>(`${fee}/receipt.pdf`);
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/not paid yet/),
    });

    // The winner's transfer cites the fee in its memo; the bank's statement pays it.
    const paid = await staff.post<Json>(
      '/ledger/statements',
      csv(`2026-03-05,${id}-FEE,,8800.00,恒信建筑工程有限公司,6222020200009876,SF-${id}`),
    );
    expect(paid.body.statement).toMatchObject({ matched: 1, unmatched: [] });
    const settled = (await staff.get<Json>(fee)).body;
    expect(settled).toMatchObject({ status: 'paid', outstanding: 0, payment: { reference: `${id}-FEE` } });

    const receipt = await winner.get<Uint8Array>(`${fee}/receipt.pdf`);
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(receipt.body.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = pdfText(await PDFDocument.load(receipt.body))
      .split('\n')
      .join('');
    for (const expected of [
      '交易服务费收据',
      '¥8,800.00（人民币捌仟捌佰元整）',
      '100万元以下部分：¥880,000.00 × 1% = ¥8,800.00',
      `第 ${settled.payment.entryIndex} 条`,
    ]) {
      expect(text).toContain(expected);
    }
    expect((await loser.get(`${fee}/receipt.pdf`)).status).toBe(403);

    // The fee is charged on the result's day, some weeks ahead on this test's clock.
    const day = new Date(Date.parse(award.body.awardedAt) + 8 * 3_600_000).toISOString().slice(0, 10);
    const books = await regulator.get<Json>(`/ledger/reconciliation?day=${day}`);
    expect(books.body.balanced).toBe(true);
    expect(books.body.serviceFees).toBeGreaterThanOrEqual(880_000);
  });
});
