import type { Browser, Page } from 'playwright-core';
import { STATEMENT_COLUMNS } from '../../packages/ledger';
import { callApi, stackInfo } from '../support/local-stack';
import {
  downloaded,
  launchBrowser,
  newPortalPage,
  screenshot,
  seriousViolations,
  signIn,
  tenderUrl,
} from '../support/browser';
import { evaluatedTender } from './award-fixture';
import { aForm, submitBid } from './bidding-client';
import { as } from './client';
import { DAY, iso, Json, publishedTender, schedule, setUpTender } from './tender-fixture';

/** The center's services in the portal: a bidder's bond, the ledger and its reconciliation, the venue calendar. */

const HOUR = 3_600_000;
const CST = 8 * HOUR;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A portal page whose waits allow for a loaded machine: each step below is a logged write or several reads. */
const open = async (options: Parameters<typeof newPortalPage>[1] = {}) => {
  const opened = await newPortalPage(browser, options);
  opened.page.setDefaultTimeout(30_000);
  return opened;
};

const portal = (hash: string) => `${stackInfo().api}/#${hash}`;

/** The platform's day (CST), which names the day a statement is imported on. */
const platformDay = async () => {
  const { now } = (await callApi<{ now: string }>('/.local/clock')).body;
  return new Date(Date.parse(now) + CST).toISOString().slice(0, 10);
};

/** An instant as the portal writes it in Beijing time: "2027/01/15 10:00:00". */
const asShown = (instant: string) =>
  new Date(Date.parse(instant) + CST).toISOString().slice(0, 19).replace('T', ' ').replaceAll('-', '/');

/** A statement of the custody account; each row `[reference, subAccount, amount in yuan, memo?]`. */
const statement = (...rows: [string, string, string, string?][]) =>
  [
    STATEMENT_COLUMNS.join(','),
    ...rows.map(([reference, subAccount, amount, memo = '']) =>
      ['2026-12-01', reference, subAccount, amount, '华东建设集团有限公司', '6222020200001234', memo].join(
        ',',
      ),
    ),
  ].join('\n');

const csvFile = (name: string, csv: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });

const card = (page: Page, title: string) =>
  page.locator('section.card', { has: page.getByRole('heading', { name: title, exact: true }) });

/**
 * The API's refusals a page met, but for the opening record a bidder's tender page asks for, which
 * does not exist before the deadline (404).
 */
const besidesOpening = (refusals: string[]) =>
  refusals.filter((r) => !/^404 GET \/tenders\/[^/]+\/opening$/.test(r));

/** The page is no wider than the phone: it scrolls down, never sideways. */
const pageWidth = (page: Page) => page.evaluate('document.documentElement.scrollWidth');

describe("the center's services in the web portal", () => {
  it('lets a bidder open its bond sub-account and see it paid once staff import the statement; a bad statement is refused at its line and field; the day reconciles', async () => {
    const { tender } = await publishedTender(['bidder4']);
    const bidder = await open();
    await signIn(bidder.page, 'bidder4');
    await bidder.page.goto(tenderUrl(tender.id));
    const bond = card(bidder.page, '投标保证金');
    await bond.getByRole('button', { name: '开设保证金子账户' }).click();
    const shown = await bond.locator('[data-bond-number]').innerText();
    const number = shown.replace(/\s/g, '');
    expect(number).toMatch(/^\d{16}$/);
    const bidderApi = await as('bidder4');
    expect((await bidderApi.get<Json>(`/tenders/${tender.id}/bond-account`)).body.subAccount.number).toBe(
      number,
    );
    await bond.getByText('尚差 20,000.00 元').waitFor();

    const staff = await open();
    await signIn(staff.page, 'staff1');
    await staff.page.goto(portal('/ledger'));
    const ref = (n: number) => `${tender.id}-${n}`;
    const file = staff.page.getByLabel('对账单文件');
    const importButton = staff.page.getByRole('button', { name: '导入', exact: true });

    // One bad cell refuses the whole file, at its line and column; nothing is paid.
    await file.setInputFiles(
      csvFile('bad.csv', statement([ref(1), number, '20000.00'], [ref(2), number, '二万元'])),
    );
    await importButton.click();
    await staff.page.getByText('对账单第 3 行的 amount 列有误，整个文件未导入').waitFor();
    expect(await staff.page.getByRole('alert').innerText()).toContain('csv.rows.3.amount');
    expect((await bidderApi.get<Json>(`/tenders/${tender.id}/bond-account`)).body.balance).toBe(0);

    // The bidder's payment matches its number; a payment into no sub-account is listed by its line.
    const good = statement([ref(1), number, '20000.00'], [ref(3), '', '10.00']);
    await file.setInputFiles(csvFile('statement.csv', good));
    await importButton.click();
    const result = staff.page.getByText('✔ 已导入 statement.csv');
    await result.waitFor();
    expect(await result.innerText()).toContain('共 2 行，已匹配 1 行，未匹配 1 行');
    const unmatched = card(staff.page, '导入银行对账单').getByRole('table', {
      name: '未匹配的行（需人工核对）',
    });
    expect(await unmatched.innerText()).toMatch(new RegExp(`3\\s+${ref(3)}\\s+10\\.00 元`));
    // The same file again changes nothing, and says so.
    await importButton.click();
    await staff.page.getByText('statement.csv 此前已导入过').waitFor();

    // The day's reconciliation balances and lists the row left unmatched.
    const books = card(staff.page, '对账');
    await books.getByLabel('日期（北京时间）').fill(await platformDay());
    await books.getByText(/^✔ \d{4}-\d{2}-\d{2} 账务平衡/).waitFor();
    await books.getByRole('table', { name: '未匹配的行（需人工核对）' }).getByText(ref(3)).waitFor();
    expect(await seriousViolations(staff.page)).toEqual([]);
    await screenshot(staff.page, 'staff-ledger');

    // The bidder sees its bond paid.
    await bidder.page.reload();
    await bond.getByText('✔ 已足额缴纳').waitFor();
    expect(await bond.locator('dl').innerText()).toMatch(/子账户余额\s+20,000\.00 元/);

    // An e-guarantee of a fen more than 2 % of the estimate is refused at its field (条例26); 20,000.00 元 is 2,000,000 fen exactly.
    await bond.getByLabel('出具保函的银行或保险机构').fill('中国银行');
    await bond.getByLabel('保函编号').fill(`BG-${tender.id}`);
    await bond.getByLabel('保函金额（元）').fill('20,000.01');
    await bond.getByText('即 20,000.01 元').waitFor();
    await bond.getByRole('button', { name: '登记电子保函' }).click();
    const refusal = bond.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.locator('.rule').innerText()).toBe('条例26');
    expect(await bond.getByLabel('保函金额（元）').getAttribute('aria-invalid')).toBe('true');
    await bond.getByLabel('保函金额（元）').fill('20,000.00');
    await bond.getByRole('button', { name: '登记电子保函' }).click();
    await bond.getByText('✔ 电子保函已登记：中国银行').waitFor();
    expect((await bidderApi.get<Json>(`/tenders/${tender.id}/bond-account`)).body.guarantee).toMatchObject({
      issuer: '中国银行',
      amount: 2_000_000,
    });
    expect(await seriousViolations(bidder.page)).toEqual([]);
    await screenshot(bidder.page, 'bidder-bond');

    expect([...bidder.errors, ...staff.errors]).toEqual([]);
    // Before it was opened, the bidder's page asked for its sub-account and was told there is none.
    expect(besidesOpening(bidder.refusals)).toEqual([
      `404 GET /tenders/${tender.id}/bond-account`,
      `422 PUT /tenders/${tender.id}/bond-account/guarantee`,
    ]);
    expect(staff.refusals).toEqual(['400 POST /ledger/statements']);
  }, 180_000);

  it("shows a withdrawal's refund with its due date to the bidder, marks it overdue for the regulator, and gives staff the refund file", async () => {
    const { tender } = await publishedTender(['bidder5']);
    const id = tender.id;
    const bidderApi = await as('bidder5');
    const number = (await bidderApi.post<Json>(`/tenders/${id}/bond-account`)).body.subAccount.number;
    const paid = await (
      await as('staff1')
    ).post<Json>('/ledger/statements', {
      csv: statement([`${id}-1`, number, '20000.00']),
    });
    expect(paid.body.statement).toMatchObject({ matched: 1 });
    expect((await submitBid(bidderApi, id, aForm(90_000_000))).status).toBe(200);
    expect((await bidderApi.post(`/tenders/${id}/bids/withdraw`)).status).toBe(200);
    const [refund] = (await bidderApi.get<Json>(`/tenders/${id}/bond-account`)).body.refunds;
    expect(refund).toMatchObject({ article: '条例35', status: 'due' });

    // The bidder, on a phone: the refund with its due date, and the page no wider than the screen.
    const bidder = await open({ viewport: { width: 390, height: 844 } });
    await signIn(bidder.page, 'bidder5');
    await bidder.page.goto(tenderUrl(id));
    const refunds = card(bidder.page, '投标保证金').getByRole('table', { name: '本标段保证金的退款' });
    const row = refunds.getByRole('row', { name: new RegExp(refund.id) });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('20,000.00 元');
    expect(text).toContain('撤回投标（条例35）');
    expect(text).toContain(asShown(refund.dueAt));
    expect(text).toContain('待退还');
    expect(await pageWidth(bidder.page)).toBeLessThanOrEqual(390);
    await screenshot(bidder.page, 'bidder-refund-phone');

    // Six days on, the regulator reads the refund as overdue (条例35: within 5 days); it may not import.
    const laterMs = 6 * DAY;
    const regulator = await open({ laterMs });
    await signIn(regulator.page, 'regulator1');
    await regulator.page.clock.setFixedTime(Date.now() + laterMs);
    await regulator.page.goto(portal('/ledger'));
    await regulator.page.reload();
    const overdue = regulator.page.locator('tr.overdue', { hasText: refund.id });
    await overdue.waitFor();
    expect(await overdue.innerText()).toContain('已逾期，尚未退还');
    expect(await regulator.page.getByRole('heading', { name: '导入银行对账单' }).count()).toBe(0);
    expect(await regulator.page.getByRole('button', { name: /退款文件/ }).count()).toBe(0);
    expect(await seriousViolations(regulator.page)).toEqual([]);
    await screenshot(regulator.page, 'regulator-ledger');

    // Staff download the refund file for the bank: the refund is in it, though the tender is not named.
    const staff = await open();
    await signIn(staff.page, 'staff1');
    await staff.page.goto(portal('/ledger'));
    const saved = await downloaded(staff.page, () =>
      staff.page.getByRole('button', { name: '下载退款文件（银行用）' }).click(),
    );
    expect(saved.name).toMatch(/^refund-file-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = saved.bytes.toString('utf8').trim().split('\n');
    expect(lines[0]).toBe('reference,amount,payeeName,payeeAccount,dueAt,rule');
    expect(lines).toContain(
      `${refund.id},20000.00,华东建设集团有限公司,6222020200001234,${refund.dueAt},条例35`,
    );
    expect(saved.bytes.toString('utf8')).not.toContain(id);
    await staff.page.getByText(`✔ 已下载 ${saved.name}：${lines.length - 1} 笔待退款项`).waitFor();

    expect([...bidder.errors, ...regulator.errors, ...staff.errors]).toEqual([]);
    expect(besidesOpening([...bidder.refusals, ...regulator.refusals, ...staff.refusals])).toEqual([]);
  }, 180_000);

  it('shows the winner its service fee band by band and how to pay it, then its receipt once the statement pays it; another bidder sees none', async () => {
    const { tender, later, elapsed } = await evaluatedTender(
      ['bidder1', 'bidder2', 'bidder3'],
      [
        { bidderOrg: 'ORG-BIDDER-3', price: 88_000_000 },
        { bidderOrg: 'ORG-BIDDER-2', price: 89_000_000 },
      ],
    );
    expect((await (await later('staff1')).post(`/tenders/${tender.id}/publicity`, { days: 3 })).status).toBe(
      201,
    );
    expect((await (await later('staff1', 4)).post(`/tenders/${tender.id}/result`, {})).status).toBe(200);
    const laterMs = elapsed();

    const winner = await open({ laterMs });
    await signIn(winner.page, 'bidder3');
    await winner.page.goto(tenderUrl(tender.id));
    await winner.page.getByRole('heading', { name: '交易服务费' }).waitFor();
    // 1 % of 880,000 yuan (works, 1980号), charged to the winner at the result.
    await winner.page.getByText('向中标人 ORG-BIDDER-3 收取：8,800.00 元').waitFor();
    await winner.page.getByText(/尚欠 8,800.00 元 · 缴费期限/).waitFor();
    expect(await winner.page.getByRole('cell', { name: '1%' }).count()).toBe(1);
    await winner.page.getByText(`SF-${tender.id}`).waitFor();

    const other = await open({ laterMs });
    await signIn(other.page, 'bidder1');
    // Only once the page has the API's answer (403) does the missing card show anything.
    const feeAnswer = other.page.waitForResponse((r) =>
      r.url().endsWith(`/tenders/${tender.id}/service-fee`),
    );
    await other.page.goto(tenderUrl(tender.id));
    expect((await feeAnswer).status()).toBe(403);
    await other.page.getByRole('heading', { name: '开标' }).waitFor();
    expect(await other.page.getByRole('heading', { name: '交易服务费' }).count()).toBe(0);

    // The winner's transfer cites the fee in its memo; staff import the bank's statement.
    const imported = await (
      await later('staff1')
    ).post<Json>('/ledger/statements', {
      csv: statement([`${tender.id}-FEE`, '', '8800.00', `SF-${tender.id}`]),
    });
    expect(imported.body.statement).toMatchObject({ matched: 1, unmatched: [] });
    await winner.page.reload();
    await winner.page.getByText('已缴清').waitFor();
    const receipt = await downloaded(winner.page, () =>
      winner.page.getByRole('button', { name: '下载收据（PDF）' }).click(),
    );
    expect(receipt.name).toBe(`交易服务费收据-${tender.id}.pdf`);
    expect(receipt.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await seriousViolations(winner.page)).toEqual([]);
    await screenshot(winner.page, 'winner-service-fee');
    expect([...winner.errors, ...other.errors]).toEqual([]);
  }, 120_000);

  it('shows the week of each room, books an opening hall, refuses a clashing booking with the time it clashes with, cancels, and shows an evaluation room only as occupied to a bidder', async () => {
    // Two tenders whose openings fall seconds apart at 10:00, 45 days on: no other test books a hall
    // then, and a two-hour booking stays in one day's cell whatever the time of day the test runs.
    const openingAt = Math.floor((Date.now() + 45 * DAY + CST) / DAY) * DAY - CST + 10 * HOUR;
    const { tender: first } = await setUpTender({ ...schedule(0, 45), bidDeadline: iso(openingAt) });
    const { tender: second } = await setUpTender({
      ...schedule(0, 45),
      bidDeadline: iso(openingAt + 30_000),
    });

    const staff = await open();
    await signIn(staff.page, 'staff1');
    await staff.page.goto(tenderUrl(first.id));
    await staff.page.getByRole('link', { name: '为本标段预约开标室或评标室' }).click();
    const form = card(staff.page, '预约场地');
    await form.getByLabel('场地', { exact: true }).selectOption('HALL-1');
    await form.getByText(`投标截止（开标）时间 ${asShown(first.schedule.bidDeadline)}`).waitFor();
    await form.getByLabel('时长（小时）').fill('2');
    await form.getByRole('button', { name: '预约', exact: true }).click();
    await form.getByText('✔ 已预约 第一开标室').waitFor();

    // The calendar moves to the booking's week and shows it in the hall's row.
    const calendar = card(staff.page, '场地预约日历');
    const hall = calendar.getByRole('row', { name: /^第一开标室/ });
    await hall.getByText(first.id).waitFor();
    expect(await hall.innerText()).toContain(asShown(first.schedule.bidDeadline).slice(11, 16));
    expect(await seriousViolations(staff.page)).toEqual([]);
    await screenshot(staff.page, 'staff-venues');

    // The second tender's opening, seconds later in the same hall, is refused with the booking it clashes with.
    await form.getByLabel('标段编号').fill(second.id);
    await form.getByRole('button', { name: '查询' }).click();
    await form.getByText(`投标截止（开标）时间 ${asShown(second.schedule.bidDeadline)}`).waitFor();
    await form.getByRole('button', { name: '预约', exact: true }).click();
    const refusal = form.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/CONFLICT · HTTP 409/);
    expect(await refusal.innerText()).toContain('body.start');
    const clash = form.getByText('与第一开标室的以下预约时间重叠').locator('..');
    await clash.waitFor();
    expect(await clash.innerText()).toContain(`${asShown(first.schedule.bidDeadline)}（北京时间） 至`);
    expect(await clash.innerText()).toContain(first.id);
    await screenshot(staff.page, 'staff-venue-conflict');

    // Staff cancel the first booking; the second then takes the hall.
    await hall.getByRole('button', { name: /^取消第一开标室/ }).click();
    await calendar.getByText('✔ 已取消').waitFor();
    await form.getByRole('button', { name: '预约', exact: true }).click();
    await hall.getByText(second.id).waitFor();
    expect(await hall.innerText()).not.toContain(first.id);

    // The committee of the first tender sits at 09:00 the day after its opening: a bidder sees the room
    // only as occupied.
    const sitting = openingAt + DAY - HOUR;
    const evaluation = await (
      await as('staff1')
    ).post<Json>('/venues/EVAL-1/bookings', {
      purpose: 'evaluation',
      tenderId: first.id,
      start: iso(sitting),
      end: iso(sitting + 4 * HOUR),
    });
    expect(evaluation.status).toBe(201);
    const bidder = await open({ viewport: { width: 390, height: 844 } });
    await signIn(bidder.page, 'bidder1');
    await bidder.page.goto(portal('/venues'));
    await bidder.page.getByLabel('跳到日期').fill(new Date(sitting + CST).toISOString().slice(0, 10));
    const room = bidder.page.getByRole('row', { name: /^第一评标室/ });
    await room.getByText('占用').waitFor();
    expect(await room.innerText()).not.toContain(first.id);
    expect(await bidder.page.getByRole('button', { name: /^取消/ }).count()).toBe(0);
    expect(await pageWidth(bidder.page)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(bidder.page)).toEqual([]);
    await screenshot(bidder.page, 'bidder-venues-phone');

    expect([...staff.errors, ...bidder.errors]).toEqual([]);
    expect(staff.refusals).toEqual(['409 POST /venues/HALL-1/bookings']);
    expect(bidder.refusals).toEqual([]);
  }, 180_000);
});
