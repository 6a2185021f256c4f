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
});
