import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { localEd25519Signer } from '../../packages/audit-log';
import { Receipt, verifyReceipt } from '../../packages/bidding';
import { commitment } from '../../packages/expert-draw/secrets';
import { signAnswerToken } from '../../packages/notifications';
import { reserveCommitment } from '../../packages/auctions';
import { beijing, localOfInstant } from '../../packages/portal/app/format';
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
import { announce } from './auction-fixture';
import { openedTender, seatedTender } from './award-fixture';
import { aForm, submitBid } from './bidding-client';
import { as } from './client';
import {
  competitiveNegotiation,
  DAY,
  Json,
  publishedTender,
  sha256,
  singleSourceNotice,
} from './tender-fixture';

/** The web portal in a real browser against the real local stack: each role's main flow. */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the web portal', () => {
  it('serves the page at / beside the API, which answers as before', async () => {
    const page = await fetch(`${stackInfo().api}/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<html lang="zh-CN">');
    expect((await fetch(`${stackInfo().api}/health`)).status).toBe(200);
    expect(await (await fetch(`${stackInfo().api}/no-such-route`)).json()).toEqual({ message: 'Not Found' });
  });

  it('shows the public feed and the sign-in page without serious accessibility violations', async () => {
    const { page, errors } = await newPortalPage(browser);
    await page.getByRole('heading', { name: '公告' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'public-feed');
    await page.goto(`${stackInfo().api}/#/signin`);
    await page.getByRole('button', { name: /^bidder1\b/ }).waitFor();
    expect(await page.getByRole('group', { name: '监管人员' }).getByRole('button').count()).toBeGreaterThan(
      0,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');
    expect(errors).toEqual([]);
  });

  it('follows a link taken while the page is still starting', async () => {
    const { page, errors } = await newPortalPage(browser);
    // The hash changes as soon as the document is parsed, before the app's effects have run.
    await page.addInitScript(`addEventListener('DOMContentLoaded', () => { location.hash = '#/signin'; })`);
    await page.reload();
    await page.getByRole('button', { name: /^bidder1\b/ }).waitFor();
    expect(errors).toEqual([]);
  });

  it('fits a phone: a tender page at 390 px wide scrolls down, never sideways', async () => {
    const { tender } = await publishedTender();
    const { page, errors } = await newPortalPage(browser, { viewport: { width: 390, height: 844 } });
    await page.goto(tenderUrl(tender.id));
    await page.getByRole('button', { name: '验证此公告' }).waitFor();
    // Evaluated in the page, where `document` is the DOM's (this file is typed for Node).
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'public-tender-phone');
    expect(errors).toEqual([]);
  });

  it('lets staff choose the procedure, checked as typed against the catalog, and shows everyone the procedures table', async () => {
    const { page, errors } = await newPortalPage(browser);
    await signIn(page, 'staff1');
    await page.getByRole('heading', { name: '进场登记并创建标段' }).waitFor();
    await page.getByLabel('项目名称').fill(`办公设备采购 ${randomBytes(3).toString('hex')}`);
    await page.getByLabel('项目类型').selectOption('goods');
    await page.getByLabel('估算价（元）').fill('5,000,000');
    // 询价 above the open-tendering threshold (政府采购法27: 4 million yuan by default) is refused as typed.
    await page.getByLabel('采购方式').selectOption('request-for-quotation');
    await page.locator('#procedure-hint', { hasText: '政府采购法27' }).waitFor();
    await page.getByLabel('估算价（元）').fill('3,600,000');
    await page.locator('#procedure-hint', { hasText: '采购方式' }).waitFor();
    // 邀请招标 asks for the invited bidders (法17), and refuses fewer than three.
    await page.getByLabel('项目类型').selectOption('works');
    await page.getByLabel('采购方式').selectOption('invited-tendering');
    await page.getByLabel('受邀投标人（单位编号，每行一个）').fill('ORG-BIDDER-1\nORG-BIDDER-2');
    await page.locator('#invitedBidders-hint', { hasText: '法17' }).waitFor();
    await page
      .getByLabel('受邀投标人（单位编号，每行一个）')
      .fill('ORG-BIDDER-1\nORG-BIDDER-2\nORG-BIDDER-3');
    await page.getByText('✔ 采购方式与时间安排符合规则').waitFor();
    await page.getByRole('button', { name: '登记并创建标段' }).click();
    await page.waitForURL(/#\/tenders\/T-/);
    const tenderId = page.url().split('/').at(-1)!;
    const created = await (await as('staff1')).get<Json>(`/tenders/${tenderId}/manage`);
    expect(created.body).toMatchObject({
      procedure: 'invited-tendering',
      invitedBidders: ['ORG-BIDDER-1', 'ORG-BIDDER-2', 'ORG-BIDDER-3'],
    });

    // The table the API enforces, for anyone: each procedure's periods with their day kinds and articles.
    await page.goto(`${stackInfo().api}/#/procedures`);
    const rfq = page.getByRole('table', { name: '询价的期限' });
    await rfq.waitFor();
    expect(await rfq.innerText()).toContain('74号令45');
    expect(await rfq.innerText()).toMatch(/不少于 3 个工作日/);
    expect(await page.getByRole('table', { name: '单一来源的期限' }).innerText()).toContain('74号令38');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('lets staff create a tender with the schedule checked as typed, keep the form on a refusal, upload and publish', async () => {
    const { page, errors } = await newPortalPage(browser);
    await signIn(page, 'staff1');
    await page.getByRole('heading', { name: '进场登记并创建标段' }).waitFor();
    const name = `滨江路改造工程 ${randomBytes(3).toString('hex')}`;
    await page.getByLabel('项目名称').fill(name);
    await page.getByLabel('估算价（元）').fill('1,200,000');
    await page.getByText('即 1,200,000.00 元').waitFor();
    const from = await page.getByLabel('招标文件发售起（北京时间）').inputValue();
    const lawfulDeadline = await page.getByLabel('投标截止（开标）时间（北京时间）').inputValue();
    await page.getByText('✔ 采购方式与时间安排符合规则').waitFor();

    // A deadline ten days after the documents go out breaks the minimum bid period, as typed.
    const early = new Date(Date.parse(`${from}:00+08:00`) + 10 * 86_400_000 + 8 * 3_600_000)
      .toISOString()
      .slice(0, 16);
    await page.getByLabel('投标截止（开标）时间（北京时间）').fill(early);
    await page.getByText(/尚不合规/).waitFor();
    const hint = await page.locator('#bidDeadline-hint').innerText();
    expect(hint).toMatch(/^(法|条例)\d+/);

    // Submitted anyway, the API refuses with the field and the article; nothing typed is lost.
    await page.getByRole('button', { name: '登记并创建标段' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('schedule.bidDeadline');
    expect(await refusal.locator('.rule').innerText()).toMatch(/^(法|条例)\d+/);
    expect(await page.getByLabel('项目名称').inputValue()).toBe(name);
    expect(await page.getByLabel('估算价（元）').inputValue()).toBe('1,200,000');
    await screenshot(page, 'staff-refusal');

    await page.getByLabel('投标截止（开标）时间（北京时间）').fill(lawfulDeadline);
    await page.getByRole('button', { name: '登记并创建标段' }).click();
    await page.waitForURL(/#\/tenders\/T-/);
    const tenderId = page.url().split('/').at(-1)!;
    await page.getByLabel('上传招标文件').setInputFiles({
      name: '招标文件.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(`%PDF-1.7\n${name}\n`),
    });
    await page.getByRole('button', { name: '上传', exact: true }).click();
    await page.getByText('招标文件.pdf 已上传并确认。').waitFor();
    await page.getByRole('button', { name: '发布招标公告' }).click();
    await page.getByText('已发布。').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'staff-tender');

    const published = await (await as('bidder1')).get<Json>(`/tenders/${tenderId}`);
    expect(published.body).toMatchObject({ status: 'published', name: '第一标段' });
    expect(published.body.documents).toEqual([expect.objectContaining({ fileName: '招标文件.pdf' })]);
    expect(errors).toEqual([]);
  });

  it('lets staff publish amendments with new document versions, one not affecting bids at once, one refused first for leaving fewer than 15 days (条例21) without losing its upload, and shows them to a registered bidder', async () => {
    // Ten days on, the deadline is eleven days away: an amendment affecting bids must move it.
    const { tender } = await publishedTender(['bidder5']);
    const laterMs = 10 * DAY;
    const staff = await newPortalPage(browser, { laterMs });
    await signIn(staff.page, 'staff1');
    await staff.page.goto(tenderUrl(tender.id));
    const form = staff.page
      .locator('section.card')
      .filter({ has: staff.page.getByRole('heading', { name: '澄清与修改' }) });
    const chooseFile = (text: string) =>
      form.getByLabel('选择文件（可不选）').setInputFiles({
        name: '招标文件.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(text),
      });
    // A clarification that does not affect bids, the deadline as it stands: published at once.
    await form.getByLabel('澄清或修改的内容').fill('第 1.1 条项目名称的笔误更正');
    await chooseFile(`%PDF-1.7\n招标文件（更正笔误）${tender.id}\n`);
    await form.getByRole('button', { name: '发布澄清/修改' }).click();
    await form.getByRole('status').filter({ hasText: '澄清/修改 第1号' }).waitFor();
    const unchanged = (await (await as('staff1')).get<Json>(`/tenders/${tender.id}`)).body;
    expect(unchanged.schedule.bidDeadline).toBe(tender.schedule.bidDeadline);

    await form.getByLabel('澄清或修改的内容').fill('第 3.2 条技术参数更正：沥青层厚度改为 6 cm');
    await form.getByLabel('可能影响投标文件编制').check();
    const revised = `%PDF-1.7\n招标文件（修改版）${tender.id}\n`;
    await chooseFile(revised);
    await form.getByRole('button', { name: '发布澄清/修改' }).click();
    const refusal = form.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.locator('.rule').innerText()).toBe('条例21');
    expect(await form.getByLabel('澄清或修改的内容').inputValue()).toContain('沥青层厚度');

    // Staff move the deadline out; the upload already made is the one published.
    const deadline = localOfInstant(new Date(Date.now() + laterMs + 16 * DAY).toISOString());
    await form.getByLabel('投标截止时间（北京时间）').fill(deadline);
    await form.getByRole('button', { name: '发布澄清/修改' }).click();
    await form.getByRole('status').filter({ hasText: '澄清/修改 第2号' }).waitFor();
    expect(await form.getByLabel('澄清或修改的内容').inputValue()).toBe('');
    const newDeadline = beijing(`${deadline}:00+08:00`);
    await staff.page.locator('dd', { hasText: newDeadline }).first().waitFor();
    const documents = staff.page.getByRole('table').filter({ hasText: 'SHA-256' }).first();
    await documents.getByText(sha256(Buffer.from(revised))).waitFor();
    // One upload for both submissions: no stray version waits to be published.
    expect(await staff.page.getByText(/^待发布的文件/).count()).toBe(0);
    expect(await seriousViolations(staff.page)).toEqual([]);

    const bidder = await newPortalPage(browser, { laterMs });
    await signIn(bidder.page, 'bidder5');
    await bidder.page.goto(tenderUrl(tender.id));
    const notice = bidder.page.locator('.notices li', { hasText: '澄清/修改 第2号' });
    await notice.getByText('第 3.2 条技术参数更正：沥青层厚度改为 6 cm').waitFor();
    await bidder.page.locator('dd', { hasText: newDeadline }).first().waitFor();
    expect(staff.refusals.filter((r) => !r.endsWith('/opening'))).toEqual([
      `422 POST /tenders/${tender.id}/amendments`,
    ]);
    expect([...staff.errors, ...bidder.errors]).toEqual([]);
  }, 60_000);

  it('lets a bidder register, download with the hash checked, seal and submit a bid in the browser, and keep a verified receipt', async () => {
    const { tender } = await publishedTender();
    const { page, errors } = await newPortalPage(browser);
    await signIn(page, 'bidder7');
    await page.goto(tenderUrl(tender.id));
    await page.getByLabel('投标报价（元）').fill('1,234,567.89');
    await page.getByText('即 1,234,567.89 元').waitFor();
    await page.getByLabel('主要条款（每行一条）').fill('质量标准：合格\n工期365日历天');
    await page.getByLabel('投标文件（可多选，不会以明文上传）').setInputFiles({
      name: '投标文件.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\n投标文件\n'),
    });

    // Not registered yet: the API refuses, and the form keeps the price typed.
    await page.getByRole('button', { name: '加密并递交' }).click();
    await page.getByText('Register for the tender before submitting a bid').waitFor();
    expect(await page.getByLabel('投标报价（元）').inputValue()).toBe('1,234,567.89');

    await page.getByRole('button', { name: '报名参加此标段' }).click();
    await page.getByText('✔ 已报名。').waitFor();
    const document = await downloaded(page, () => page.getByRole('button', { name: '下载并校验' }).click());
    expect(document.name).toBe('招标文件.pdf');
    await page.getByText(/SHA-256 与公布值一致/).waitFor();

    const saved = await downloaded(page, () => page.getByRole('button', { name: '加密并递交' }).click());
    await page.getByText(/回执已验证并保存为/).waitFor();
    const receipt = Receipt.parse(JSON.parse(saved.bytes.toString('utf8')));
    expect(saved.name).toBe(`receipt-${tender.id}-${receipt.bidId}.json`);
    expect(receipt).toMatchObject({ action: 'bid.received', tenderId: tender.id, bidderOrg: 'ORG-BIDDER-7' });
    const { verifierKey } = (await (await as('bidder7')).get<{ verifierKey: string }>('/audit/public-key'))
      .body;
    expect(() => verifyReceipt(receipt, verifierKey)).not.toThrow();
    // Only ciphertext left the browser: the platform holds a sealed bid of the receipt's hash.
    const mine = await (await as('bidder7')).get<Json>(`/tenders/${tender.id}/bids/mine`);
    expect(JSON.stringify(mine.body)).toContain(receipt.sha256);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'bidder-tender');
    expect(errors).toEqual([]);
  });

  it('lets anyone verify a notice in the browser against the signed checkpoint, and notice a forgery', async () => {
    const { tender } = await publishedTender();
    const { page, errors } = await newPortalPage(browser);
    await page.goto(tenderUrl(tender.id));
    await page.getByRole('button', { name: '验证此公告' }).click();
    const verified = page.getByText(/验证通过/);
    await verified.waitFor();
    expect(await verified.innerText()).toContain('documents、openingKey、schedule');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'public-tender');

    // The same check on a notice whose schedule was altered on its way to the browser fails.
    const forged = await newPortalPage(browser);
    await forged.page.route('**/notices?limit=100', async (route) => {
      const answer = (await (await route.fetch()).json()) as { notices: Json[] };
      for (const notice of answer.notices)
        if (notice.tenderId === tender.id) notice.body.schedule.openingPlace = '别处';
      await route.fulfill({ json: answer });
    });
    await forged.page.goto(tenderUrl(tender.id));
    await forged.page.getByRole('button', { name: '验证此公告' }).click();
    await forged.page.getByText(/「schedule」与审计日志记录不一致/).waitFor();
    expect(errors).toEqual([]);
  });

  it('shows anyone the signed checkpoint checked in the browser with the latest entries, refuses a forged one, and lets a regulator open the record behind an entry and see who registered', async () => {
    const { staff, tender } = await publishedTender(['bidder6']);
    const amended = await staff.post(`/tenders/${tender.id}/amendments`, {
      summary: '开标地点调整',
      affectsBids: false,
      schedule: { ...tender.schedule, openingPlace: '市公共资源交易中心 第四开标室' },
    });
    expect(amended.status).toBe(201);
    const size = Number((await callApi<string>('/audit/checkpoint')).body.split('\n')[1]);
    const { entries } = (await callApi<Json>(`/audit/entries?start=${Math.max(0, size - 50)}&end=${size}`))
      .body;
    const index = entries.find(
      (e: Json) => e.entry.action === 'tender.amended' && e.entry.subject.tenderId === tender.id,
    ).index;

    const { page, errors } = await newPortalPage(browser);
    await page.getByRole('link', { name: '审计日志' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /检查点签名已在浏览器中.*验证通过/ })
      .waitFor();
    expect(await page.getByLabel('已签名的检查点').innerText()).toMatch(/^\S+\n\d+\n/);
    const latest = page.getByRole('table', { name: '审计日志（新的在前）' });
    const row = latest
      .locator('tr', { hasText: `tenderId=${tender.id}` })
      .filter({ hasText: 'tender.amended' });
    await row.waitFor();
    expect(await row.innerText()).toContain(`${index}`);
    expect(await row.innerText()).toContain('✔ 已证明在已签名的树中');
    // The public page has no confidential record to open.
    expect(await page.getByRole('button', { name: '查看保密记录' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'public-audit');

    const forged = await newPortalPage(browser);
    await forged.page.route('**/audit/checkpoint', async (route) => {
      const note = await (await route.fetch()).text();
      const [origin, count, ...rest] = note.split('\n');
      await route.fulfill({ body: [origin, String(Number(count) + 1), ...rest].join('\n') });
    });
    await forged.page.goto(`${stackInfo().api}/#/audit`);
    expect(await forged.page.getByRole('alert').innerText()).toContain('signature does not verify');

    const regulator = await newPortalPage(browser);
    await signIn(regulator.page, 'regulator1');
    await regulator.page.goto(`${stackInfo().api}/#/audit`);
    await regulator.page.getByLabel('记录序号').fill(String(index));
    await regulator.page.getByRole('button', { name: '查看保密记录' }).click();
    expect(await regulator.page.getByLabel('保密记录').innerText()).toContain('ORG-BIDDER-6');
    await regulator.page.goto(tenderUrl(tender.id));
    const registered = regulator.page.getByRole('table', { name: '报名的投标人（1 家）' });
    await registered.getByText('ORG-BIDDER-6').waitFor();
    expect(await seriousViolations(regulator.page)).toEqual([]);
    expect([...errors, ...forged.errors, ...regulator.errors]).toEqual([]);
  }, 60_000);

  it('lets a bidder object and then complain, staff answer, and the regulator accept and decide, each refusal citing its article', async () => {
    const { tender } = await publishedTender(['bidder4']);
    const bidder = await newPortalPage(browser);
    await signIn(bidder.page, 'bidder4');
    await bidder.page.goto(tenderUrl(tender.id));
    const raise = async (kind: 'objection' | 'complaint', text: string) => {
      await bidder.page.getByLabel('类别', { exact: true }).selectOption(kind);
      await bidder.page.getByLabel('内容与理由').fill(text);
      await bidder.page.getByRole('button', { name: '提交', exact: true }).click();
    };
    // A complaint on the documents comes after an objection to the tenderer: refused, with its article.
    await raise('complaint', '资格条件排斥潜在投标人');
    const refusal = bidder.page.getByRole('alert').filter({ hasText: 'follows an objection' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('条例60');
    await raise('objection', '招标文件第三章资格条件排斥潜在投标人');
    await bidder.page.getByText('异议 第 1 号').waitFor();
    await bidder.page.getByText(/答复期限/).waitFor();

    const staff = await newPortalPage(browser);
    await signIn(staff.page, 'staff1');
    await staff.page.goto(tenderUrl(tender.id));
    await staff.page.getByText('异议 第 1 号').waitFor();
    // Before the result, who objected is not shown to staff (法22).
    expect(await staff.page.getByText('ORG-BIDDER-4').count()).toBe(0);
    await staff.page.getByLabel('答复第 1 号异议').fill('资格条件依据行业标准设定，不予修改。');
    await staff.page.getByRole('button', { name: '提交答复' }).click();
    await staff.page.getByText(/资格条件依据行业标准设定/).waitFor();

    // The answer reaches the objector's own notices (我的通知), with its article.
    await bidder.page.goto(`${stackInfo().api}/#/inbox`);
    const answerNotice = bidder.page.locator('.notices li', { hasText: '异议答复' });
    await answerNotice.getByText(/第 1 号异议的答复（条例22）：\s*资格条件依据行业标准设定/).waitFor();
    await bidder.page.goto(tenderUrl(tender.id));
    await raise('complaint', '对异议答复不满：资格条件排斥潜在投标人');
    await bidder.page.getByText('投诉 第 2 号').waitFor();
    await bidder.page.getByText(/先行异议（质疑）第 1 号/).waitFor();

    const regulator = await newPortalPage(browser);
    await signIn(regulator.page, 'regulator1');
    await regulator.page.goto(tenderUrl(tender.id));
    await regulator.page.getByText('状态：已提交，待受理').waitFor();
    await regulator.page.getByRole('button', { name: '受理', exact: true }).click();
    await regulator.page.getByText('状态：已受理').waitFor();
    await regulator.page.getByText(/决定期限/).waitFor();
    await regulator.page.getByLabel(/理由或处理决定/).fill('资格条件符合法律规定，投诉不成立。');
    await regulator.page.getByRole('button', { name: '驳回投诉' }).click();
    await regulator.page.getByText('状态：驳回投诉').waitFor();
    await regulator.page.getByText(/投诉不成立/).waitFor();
    expect(await seriousViolations(regulator.page)).toEqual([]);
    await screenshot(regulator.page, 'regulator-complaint');
    expect([...bidder.errors, ...staff.errors, ...regulator.errors]).toEqual([]);
  }, 60_000);

  it('lets any supplier object to a single-source notice, staff conclude the review once the publicity is over (74号令39–40), then record the price agreed with the one supplier and publish the result (74号令42)', async () => {
    const { tender } = await singleSourceNotice();
    // ORG-BIDDER-1 is not the supplier the notice names, and need not register to object.
    const bidder = await newPortalPage(browser);
    await signIn(bidder.page, 'bidder1');
    await bidder.page.goto(tenderUrl(tender.id));
    // The notice is tagged by its procedure's own name, not as a tendering's.
    await bidder.page.locator('.notices li .tag', { hasText: '单一来源采购公示' }).waitFor();
    await bidder.page.getByLabel('内容与理由').fill('本公司同样能够提供该升级运维服务');
    await bidder.page.getByRole('button', { name: '提交', exact: true }).click();
    await bidder.page.getByText('单一来源公示异议 第 1 号').waitFor();
    await bidder.page.getByRole('status').filter({ hasText: '74号令39' }).waitFor();

    // During the publicity there is no negotiation to record (74号令38).
    const during = await newPortalPage(browser);
    await signIn(during.page, 'staff1');
    await during.page.goto(tenderUrl(tender.id));
    // The objection, read from the API, shows after the page's own reckoning of the publicity.
    await during.page.getByText('单一来源公示异议 第 1 号').waitFor();
    await during.page.waitForLoadState('networkidle');
    expect(await during.page.getByRole('heading', { name: '记录谈判情况' }).count()).toBe(0);

    const afterPublicity = Date.parse(tender.schedule.bidDeadline) - Date.now() + 60_000;
    const staff = await newPortalPage(browser, { laterMs: afterPublicity });
    await signIn(staff.page, 'staff1');
    await staff.page.goto(tenderUrl(tender.id));
    await staff.page.getByLabel('第 1 号异议的补充论证意见').fill('经补充论证，该升级须与原系统保持一致。');
    await staff.page.getByLabel(/^论证结论/).selectOption('dismissed');
    await staff.page.getByRole('button', { name: '提交答复' }).click();
    const concluded = (page: typeof staff.page) =>
      page.locator('p.verified', { hasText: '异议不成立，继续单一来源采购' }).waitFor();
    await concluded(staff.page);
    expect(await staff.page.getByRole('status').filter({ hasText: '项目正在等待' }).count()).toBe(0);
    // 单一来源 opens nothing and draws no experts: the page shows the procedure's own path only.
    const path = staff.page.getByRole('list', { name: '流程路径' });
    await path.getByText('协商情况记录').waitFor();
    expect(await path.locator('li').allInnerTexts()).toEqual([
      expect.stringContaining('单一来源采购公示'),
      expect.stringContaining('协商情况记录'),
      expect.stringContaining('签订合同'),
    ]);
    for (const absent of ['开标', '专家抽取']) {
      expect(await staff.page.getByRole('heading', { name: absent, exact: true }).count()).toBe(0);
    }
    await bidder.page.reload();
    await concluded(bidder.page);
    expect(await seriousViolations(staff.page)).toEqual([]);
    await screenshot(staff.page, 'single-source-review');

    // With no bids and no committee, staff record the price agreed with the notice's one supplier (74号令42).
    const award = staff.page
      .locator('section.card')
      .filter({ has: staff.page.getByRole('heading', { name: '评标与成交' }) });
    await award.getByRole('heading', { name: '记录谈判情况' }).waitFor();
    expect(await award.getByLabel('供应商').inputValue()).toBe('ORG-BIDDER-3');
    expect(await award.getByLabel('供应商').getAttribute('readonly')).not.toBeNull();
    expect(await award.getByLabel('参加谈判并签字的人员（用户名，逗号分隔）').inputValue()).toBe('staff1');
    expect(await award.getByRole('button', { name: /^删除第/ }).count()).toBe(0);
    await award.getByLabel('谈判记录（PDF）').setInputFiles({
      name: '谈判记录.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7 单一来源谈判记录'),
    });
    // No price typed: refused in the page, the chosen file kept.
    await award.getByRole('button', { name: '记录谈判情况' }).click();
    expect(await award.getByRole('alert').innerText()).toContain('商定价格不是金额');
    await award.getByLabel('商定价格（元）').fill('1,710,000');
    await award.getByLabel('参加谈判并签字的人员（用户名，逗号分隔）').fill('staff1,staff2');
    await award.getByRole('button', { name: '记录谈判情况' }).click();
    const record = award.getByRole('table', { name: /^谈判记录（.*签字人员 staff1、staff2）/ });
    await record.waitFor();
    expect(await record.innerText()).toMatch(/ORG-BIDDER-3\s+1,710,000\.00 元/);
    await award.getByRole('button', { name: '发布成交结果' }).click();
    await award.getByText('成交结果已发布。').waitFor();
    expect(await seriousViolations(staff.page)).toEqual([]);
    expect([...bidder.errors, ...staff.errors, ...during.errors]).toEqual([]);
  }, 60_000);

  it('lets staff terminate a tender from its page on a ground its procedure gives, and shows everyone the termination (条例31)', async () => {
    const { tender } = await publishedTender(['bidder1']);
    const staff = await newPortalPage(browser);
    await signIn(staff.page, 'staff1');
    await staff.page.goto(tenderUrl(tender.id));
    await staff.page.getByLabel('终止依据').selectOption('cancelled');
    await staff.page.getByLabel(/^终止原因/).fill('项目因规划调整取消');
    await staff.page.getByRole('button', { name: '终止并发布终止公告' }).click();
    await staff.page.getByRole('status').filter({ hasText: '项目因规划调整取消' }).waitFor();
    expect(await staff.page.getByRole('button', { name: '终止并发布终止公告' }).count()).toBe(0);
    // The page follows at once: its notice, its lifecycle, and no opening to come.
    await staff.page.locator('.notices li', { hasText: '终止公告' }).waitFor();
    await staff.page.locator('p', { hasText: '当前：已终止' }).waitFor();
    await staff.page.getByText('本标段已终止，投标文件不予开启。').waitFor();
    expect(await seriousViolations(staff.page)).toEqual([]);
    await screenshot(staff.page, 'termination');

    const visitor = await newPortalPage(browser);
    await visitor.page.goto(tenderUrl(tender.id));
    await visitor.page.getByRole('status').filter({ hasText: '条例31' }).waitFor();
    const notice = visitor.page.locator('.notices li', { hasText: '终止公告' });
    await notice.getByRole('button', { name: '验证此公告' }).click();
    await notice.getByText('验证通过').waitFor();
    expect([...staff.errors, ...visitor.errors]).toEqual([]);
  }, 60_000);

  it('lets staff import the expert pool from a file on their machine, following the import, and name each bad row of a refused file by its line, field and rule', async () => {
    const { page, errors } = await newPortalPage(browser);
    await signIn(page, 'staff1');
    const card = page
      .locator('section.card')
      .filter({ has: page.getByRole('heading', { name: '评标专家库导入' }) });
    const header =
      'id,name,phone,employer,specialties,title,status,suspendedUntil,suspensionReason,conflicts';
    await card.getByText(header).waitFor();
    const suffix = randomBytes(3).toString('hex').toUpperCase();
    const importFile = async (lines: string[]) => {
      await card.getByLabel('专家名单文件').setInputFiles({
        name: 'experts.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from([header, ...lines].join('\n')),
      });
      await card.getByRole('button', { name: '上传并导入' }).click();
    };
    // A bad phone and an unknown specialty: nothing is imported, each row named.
    await importFile([
      `P-${suffix},周九,12345,ORG-EMP-01,A020101,工程师,active,,,`,
      `Q-${suffix},吴十,13911112222,ORG-EMP-01,NOPE,工程师,active,,,`,
    ]);
    const rejected = card.getByRole('table', { name: /^不合格的行/ });
    await rejected.waitFor();
    expect(await rejected.innerText()).toMatch(/第 2 行\s+phone/);
    expect(await rejected.innerText()).toMatch(/第 3 行\s+specialties/);
    expect(await card.getByRole('status').innerText()).toContain('未导入：文件有误');
    expect((await callApi(`/experts/P-${suffix}`, { token: (await as('staff1')).token })).status).toBe(404);
    expect(await seriousViolations(page)).toEqual([]);

    // Corrected, the file is imported whole; the expert is suspended, so no draw of another test meets them.
    await importFile([`P-${suffix},周九,13500003333,ORG-EMP-02,A020101,工程师,suspended,2027-06-30,进修,`]);
    await card.getByRole('status').filter({ hasText: '已导入：共 1 行，新增 1 名，更新 0 名。' }).waitFor();
    const imported = await callApi<Json>(`/experts/P-${suffix}`, { token: (await as('staff1')).token });
    expect(imported.body).toMatchObject({ name: '周九', status: { state: 'suspended' } });
    expect(errors).toEqual([]);
  }, 60_000);

  it("lets staff request the expert draw and record each expert's answer, a decline seating the reserve, until the committee can report", async () => {
    const { tender, elapsed } = await openedTender(['bidder1', 'bidder2', 'bidder3']);
    const laterMs = elapsed() + 1000;
    const staff = await newPortalPage(browser, { laterMs });
    await signIn(staff.page, 'staff1');
    await staff.page.goto(tenderUrl(tender.id));
    const draws = staff.page
      .locator('section.card')
      .filter({ has: staff.page.getByRole('heading', { name: '专家抽取' }) });
    // Before the committee exists, the report waits for it.
    await staff.page
      .getByText('评标委员会组建后记录评标报告：先在「专家抽取」中申请抽取评标专家。')
      .waitFor();
    await draws.getByLabel('评标专业').selectOption('A010101');
    await draws.getByLabel('人数', { exact: true }).fill('3');
    await draws.getByLabel('候补人数').fill('1');
    await draws.getByRole('button', { name: '增加专业' }).click();
    await draws.getByLabel('评标专业').nth(1).selectOption('A030101');
    await draws.getByLabel('人数', { exact: true }).nth(1).fill('2');
    await draws.getByLabel('候补人数').nth(1).fill('1');
    expect(await seriousViolations(staff.page)).toEqual([]);
    await draws.getByRole('button', { name: '申请抽取' }).click();
    // The draw is listed awaiting the commitments, and no second one can be asked for meanwhile.
    const requested = draws.getByRole('status').filter({ hasText: '已申请抽取' }).locator('code');
    await requested.waitFor();
    const drawId = (await requested.innerText()).trim();
    await draws.getByText('等待承诺').waitFor();
    expect(await draws.getByRole('button', { name: '申请抽取' }).count()).toBe(0);

    // The regulator commits and reveals (its own browser flow is tested above); the experts are summoned.
    const secret = randomBytes(32).toString('hex');
    const regulator = await as('regulator1', laterMs + 1000);
    expect(
      (await regulator.post(`/draws/${drawId}/commitments`, { commitment: commitment(secret) })).status,
    ).toBe(200);
    expect((await regulator.post(`/draws/${drawId}/reveals`, { secret })).status).toBe(200);

    const later = await newPortalPage(browser, { laterMs: laterMs + 2000 });
    await signIn(later.page, 'staff1');
    await later.page.goto(tenderUrl(tender.id));
    const seats = later.page.getByRole('table', { name: '席位已满' });
    await seats.waitFor();
    const notified = seats.getByRole('button', { name: /确认出席$/ });
    await notified.first().waitFor();
    expect(await notified.count()).toBe(5);
    // The first declines: a reserve of the same specialty takes the seat, to answer in turn.
    const first = (await notified.first().innerText()).replace(' 确认出席', '');
    await seats.getByRole('button', { name: `${first} 谢绝` }).click();
    await seats.getByRole('cell', { name: new RegExp(`（替补 ${first}）`) }).waitFor();
    while ((await notified.count()) > 0) {
      const next = notified.first();
      const name = await next.innerText();
      await next.click();
      await seats.getByRole('button', { name, exact: true }).waitFor({ state: 'detached' });
    }
    expect(await seats.getByText('已确认出席').count()).toBe(5);
    expect(await seats.getByText('谢绝').count()).toBe(1);
    // Seated as asked: three of the first specialty (the reserve among them), two of the second.
    const confirmedOf = (specialty: string) =>
      seats.getByRole('row').filter({ hasText: specialty }).filter({ hasText: '已确认出席' }).count();
    expect(await confirmedOf('A010101')).toBe(3);
    expect(await confirmedOf('A030101')).toBe(2);
    // With the whole committee seated, the report can be recorded, on the same page.
    await later.page.getByRole('button', { name: '记录评标报告' }).waitFor();
    // Nothing refused but the report's absence, which the page asks about before it is recorded.
    expect(new Set(later.refusals.filter((r) => !r.endsWith('/opening')))).toEqual(
      new Set([`404 GET /tenders/${tender.id}/evaluation`]),
    );
    expect([...staff.errors, ...later.errors]).toEqual([]);
  }, 120_000);

  it("lets staff record the committee's report with its file, start the publicity, answer a bidder's objection, publish the result and record the contract", async () => {
    const { tender, members, elapsed } = await seatedTender(['bidder1', 'bidder2', 'bidder3']);
    const laterMs = elapsed() + 1000;
    const staff = await newPortalPage(browser, { laterMs });
    await signIn(staff.page, 'staff1');
    await staff.page.goto(tenderUrl(tender.id));
    const panel = staff.page
      .locator('section.card')
      .filter({ has: staff.page.getByRole('heading', { name: '评标与定标' }) });
    // The opened bids are the candidates, ranked by price, and the confirmed members sign.
    await panel.getByRole('group', { name: '第 3 名候选人' }).waitFor();
    await panel.getByText(/^已确认到场的成员/).waitFor();
    expect(await seriousViolations(staff.page)).toEqual([]);
    expect(await panel.getByLabel('投标人').first().inputValue()).toBe('ORG-BIDDER-3');
    expect(await panel.getByLabel('签字的评标委员会成员（专家编号，逗号分隔）').inputValue()).toBe(
      members.join(','),
    );
    // Staff drop the third candidate and correct the second's evaluated price.
    await panel.getByRole('button', { name: '删除第 3 名' }).click();
    await panel.getByLabel('评标价（元）').nth(1).fill('885,000');
    await panel.getByLabel('评标报告（PDF）').setInputFiles({
      name: '评标报告.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7 评标报告'),
    });
    await panel.getByRole('button', { name: '记录评标报告' }).click();
    const report = panel.getByRole('table', { name: /^评标报告（/ });
    await report.waitFor();
    expect(await report.innerText()).toContain('ORG-BIDDER-2');
    expect(await report.innerText()).toContain('885,000.00 元');
    expect(await report.innerText()).not.toContain('ORG-BIDDER-1');
    await panel.getByRole('button', { name: '开始中标候选人公示' }).click();
    await panel.getByText(/^公示期：/).waitFor();

    const bidder = await newPortalPage(browser, { laterMs });
    await signIn(bidder.page, 'bidder1');
    await bidder.page.goto(tenderUrl(tender.id));
    await bidder.page.getByLabel('对中标候选人提出异议').fill('第一中标候选人业绩不实');
    await bidder.page.getByRole('button', { name: '提出异议' }).click();
    await bidder.page.getByText(/第 1 号异议.*第一中标候选人业绩不实/).waitFor();
    expect(await seriousViolations(bidder.page)).toEqual([]);

    await staff.page.reload();
    // The result waits for the answer (条例54): no result to publish yet.
    await panel.getByText('结果待异议答复后发布（条例54）。').waitFor();
    expect(await panel.getByRole('button', { name: '发布中标结果' }).count()).toBe(0);
    await panel.getByLabel('答复第 1 号公示异议').fill('经核查，业绩真实有效。');
    await panel.getByRole('button', { name: '答复第 1 号公示异议' }).click();
    await panel.getByText(/^答复（.*经核查，业绩真实有效。/).waitFor();
    expect(await seriousViolations(staff.page)).toEqual([]);
    await screenshot(staff.page, 'staff-award', panel);

    // Once the publicity is over (3 days), staff publish the result and then record the contract.
    const after = await newPortalPage(browser, { laterMs: laterMs + 4 * DAY });
    await signIn(after.page, 'staff1');
    await after.page.goto(tenderUrl(tender.id));
    const closing = after.page
      .locator('section.card')
      .filter({ has: after.page.getByRole('heading', { name: '评标与定标' }) });
    // A state-funded project awards its first candidate (条例55): the second is refused, naming the rule.
    await closing.getByLabel('中标人').selectOption('ORG-BIDDER-2');
    await closing.getByRole('button', { name: '发布中标结果' }).click();
    expect(await closing.getByRole('alert').innerText()).toContain('条例55');
    await closing.getByLabel('中标人').selectOption('ORG-BIDDER-3');
    await closing.getByRole('button', { name: '发布中标结果' }).click();
    await closing.getByText('中标结果已发布。').waitFor();
    const platformDay = new Date(Date.now() + laterMs + 4 * DAY + 8 * 3_600_000).toISOString().slice(0, 10);
    await closing.getByLabel('合同签订日期').fill(platformDay);
    await closing.getByRole('button', { name: '记录合同签订' }).click();
    await closing
      .getByRole('status')
      .filter({ hasText: `已记录合同签订：${platformDay}` })
      .waitFor();
    expect(after.refusals).toEqual([`422 POST /tenders/${tender.id}/result`]);
    expect(staff.refusals.filter((r) => !r.endsWith('/opening'))).toEqual([
      `404 GET /tenders/${tender.id}/evaluation`,
    ]);
    expect([...staff.errors, ...bidder.errors, ...after.errors]).toEqual([]);
  }, 120_000);

  it('lets staff record the rounds of a competitive negotiation and call for final quotes, each supplier quote once unseen by the others, and the purchaser confirm the lowest (74号令32–36)', async () => {
    const { tender, members, elapsed } = await seatedTender(
      ['bidder1', 'bidder2', 'bidder3'],
      competitiveNegotiation,
    );
    const laterMs = elapsed() + 1000;
    const negotiationOf = (page: Page) =>
      page.locator('section.card').filter({ has: page.getByRole('heading', { name: '谈判与最后报价' }) });
    const staff = await newPortalPage(browser, { laterMs });
    await signIn(staff.page, 'staff1');
    await staff.page.goto(tenderUrl(tender.id));
    const panel = negotiationOf(staff.page);
    await panel.getByText('尚未记录谈判轮次。').waitFor();
    // Final quotes follow the rounds: no call before one is recorded.
    expect(await panel.getByRole('button', { name: '结束谈判，要求最后报价' }).count()).toBe(0);
    await panel.getByLabel(/^本轮谈判情况/).fill('第一轮：交货期由 60 日调整为 45 日');
    await panel.getByRole('button', { name: '记录本轮谈判' }).click();
    await panel.getByText(/第 1 轮（.*）：第一轮：交货期由 60 日调整为 45 日/).waitFor();
    // The time offered is two hours on the platform's clock (which this page runs ahead on), kept as is.
    const offered = Date.parse(
      `${await panel.getByLabel('最后报价截止时间（北京时间）').inputValue()}:00+08:00`,
    );
    expect(Math.abs(offered - (Date.now() + laterMs + 2 * 3_600_000))).toBeLessThan(5 * 60_000);
    await panel.getByRole('button', { name: '结束谈判，要求最后报价' }).click();
    await panel.getByText(/最后报价截止于/).waitFor();
    await panel.getByText(/^尚无可查看的最后报价/).waitFor();
    expect(await panel.getByRole('button', { name: '记录本轮谈判' }).count()).toBe(0);
    expect(await seriousViolations(staff.page)).toEqual([]);

    // A supplier sees that a round was held, not what the team wrote of it, and quotes once.
    const bidder = await newPortalPage(browser, { laterMs });
    await signIn(bidder.page, 'bidder1');
    await bidder.page.goto(tenderUrl(tender.id));
    const room = negotiationOf(bidder.page);
    await room.getByText(/^第 1 轮（/).waitFor();
    expect(await room.innerText()).not.toContain('交货期');
    await room.getByLabel('最后报价（元）').fill('87万');
    await room.getByRole('button', { name: '提交最后报价' }).click();
    expect(await room.getByRole('alert').innerText()).toContain('body.price');
    await room.getByLabel('最后报价（元）').fill('870,000');
    await room.getByRole('button', { name: '提交最后报价' }).click();
    await room.getByRole('status').filter({ hasText: '您的最后报价：870,000.00 元' }).waitFor();
    expect(await room.getByRole('button', { name: '提交最后报价' }).count()).toBe(0);
    expect(await seriousViolations(bidder.page)).toEqual([]);
    await screenshot(bidder.page, 'bidder-final-quote', room);
    const other = await as('bidder2', laterMs);
    expect(
      (await other.put(`/tenders/${tender.id}/negotiation/final-quote`, { price: 86_000_000 })).status,
    ).toBe(200);
    // Until the time is over, staff see neither the quotes nor how many there are, nor a report form
    // ranking them; a supplier sees its own quote only.
    await staff.page.reload();
    await panel.getByText(/^尚无可查看的最后报价/).waitFor();
    expect(await staff.page.getByRole('heading', { name: '评标与成交' }).count()).toBe(0);
    await bidder.page.reload();
    await room.getByRole('status').filter({ hasText: '您的最后报价：870,000.00 元' }).waitFor();
    expect(await bidder.page.getByText('860,000').count()).toBe(0);
    const seen = (await (await as('bidder1', laterMs)).get<Json>(`/tenders/${tender.id}/negotiation`)).body;
    expect(seen.quotes.map((q: Json) => q.bidderOrg)).toEqual(['ORG-BIDDER-1']);

    const after = await newPortalPage(browser, { laterMs: laterMs + 3 * 3_600_000 });
    await signIn(after.page, 'staff1');
    await after.page.goto(tenderUrl(tender.id));
    const quotes = negotiationOf(after.page).getByRole('table', { name: '各供应商的最后报价' });
    await quotes.waitFor();
    expect(await quotes.innerText()).toMatch(/ORG-BIDDER-1\s+870,000\.00 元/);
    expect(await quotes.innerText()).toMatch(/ORG-BIDDER-2\s+860,000\.00 元/);
    // The report ranks the final quotes, lowest first; the third supplier gave none.
    const award = after.page
      .locator('section.card')
      .filter({ has: after.page.getByRole('heading', { name: '评标与成交' }) });
    await award.getByRole('group', { name: '第 2 名候选人' }).waitFor();
    expect(await award.getByRole('group', { name: '第 3 名候选人' }).count()).toBe(0);
    expect(await award.getByLabel('投标人').first().inputValue()).toBe('ORG-BIDDER-2');
    expect(await award.getByLabel('签字的评标委员会成员（专家编号，逗号分隔）').inputValue()).toBe(
      members.join(','),
    );
    await award.getByLabel('评标报告（PDF）').setInputFiles({
      name: '评审报告.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7 竞争性谈判评审报告'),
    });
    await award.getByRole('button', { name: '记录评标报告' }).click();
    await award.getByRole('table', { name: /^评标报告（/ }).waitFor();
    // The purchaser confirms the first of the report (74号令36): no choice, no candidate publicity.
    expect(await award.locator('#award-winner').innerText()).toContain('第 1 名 ORG-BIDDER-2');
    expect(await award.getByRole('button', { name: '开始中标候选人公示' }).count()).toBe(0);
    await award.getByRole('button', { name: '发布成交结果' }).click();
    await award.getByText('成交结果已发布。').waitFor();
    expect(await seriousViolations(after.page)).toEqual([]);
    // The one refusal of the negotiation is the amount the page could not read.
    expect(bidder.refusals.filter((r) => r.includes('/negotiation'))).toEqual([
      `400 PUT /tenders/${tender.id}/negotiation/final-quote`,
    ]);
    expect([...staff.errors, ...bidder.errors, ...after.errors]).toEqual([]);
  }, 120_000);

  it('lets a regulator open and start a monitoring case, staff answer it, and the regulator conclude and complete it', async () => {
    const { tender } = await publishedTender();
    const regulator = await newPortalPage(browser);
    await signIn(regulator.page, 'regulator1');
    await regulator.page.goto(`${stackInfo().api}/#/supervision`);
    await regulator.page.getByLabel('标段编号').fill(tender.id);
    await regulator.page.getByLabel('检查事项').fill('核查招标公告是否设置不合理条件');
    await regulator.page.getByRole('button', { name: '立案（草稿）' }).click();
    const asRegulator = regulator.page.locator('section.case', { hasText: tender.id });
    await asRegulator.getByText('草稿（仅监管可见）').waitFor();
    await asRegulator.getByRole('button', { name: '启动检查' }).click();
    await asRegulator.getByText('检查中').waitFor();

    const staff = await newPortalPage(browser);
    await signIn(staff.page, 'staff1');
    await staff.page.goto(`${stackInfo().api}/#/staff`);
    const asStaff = staff.page.locator('section.case', { hasText: tender.id });
    await asStaff.getByLabel('情况说明').fill('公告条件均有法定依据');
    await asStaff.getByRole('button', { name: '提交情况说明' }).click();
    await asStaff.getByText('公告条件均有法定依据').waitFor();

    await regulator.page.reload();
    await asRegulator.getByLabel('结论', { exact: true }).selectOption('violation');
    await asRegulator.getByLabel('违反条款').fill('法18');
    await asRegulator.getByLabel('结论说明').fill('以不合理条件限制潜在投标人');
    await asRegulator.getByRole('button', { name: '作出结论' }).click();
    await asRegulator.getByText('发现问题，待整改').waitFor();
    // Completion waits for the correction report, and says so beside the platform's rule.
    await asRegulator.getByLabel('办结意见').fill('整改到位');
    await asRegulator.getByRole('button', { name: '办结' }).click();
    await asRegulator.getByRole('alert').filter({ hasText: '平台规则' }).waitFor();

    await staff.page.reload();
    await asStaff.getByLabel('整改报告').fill('已修改招标公告并重新发布');
    await asStaff.getByRole('button', { name: '提交整改报告' }).click();
    await asStaff.getByText('已修改招标公告并重新发布').waitFor();
    await regulator.page.reload();
    await asRegulator.getByLabel('办结意见').fill('整改到位');
    await asRegulator.getByRole('button', { name: '办结' }).click();
    await asRegulator.getByText('已办结').waitFor();
    // The month's report, downloaded as its CSV, lists the case completed.
    const report = await downloaded(regulator.page, () =>
      regulator.page.getByRole('button', { name: '下载月度报告（CSV）' }).click(),
    );
    expect(report.name).toMatch(/^supervision-report-\d{4}-\d{2}\.csv$/);
    const caseId = (await asRegulator.locator('h3 code').first().textContent())!;
    expect(
      report.bytes
        .toString('utf8')
        .split('\n')
        .filter((line) => line.includes(caseId)),
    ).toEqual([expect.stringMatching(/,completed$/)]);
    // The year's on-time rates load beside it (a table, or the line saying nothing fell due), refused by nothing.
    const kpis = regulator.page.locator('section.card', {
      has: regulator.page.getByRole('heading', { name: '限时办结（本年度）' }),
    });
    await kpis
      .locator('table[aria-label="限时办结（本年度）"], p:text("本年度尚无到期的时限。")')
      .first()
      .waitFor();
    expect(await kpis.getByRole('alert').count()).toBe(0);
    expect(await seriousViolations(regulator.page)).toEqual([]);
    await screenshot(regulator.page, 'monitoring-case');
    expect([...staff.errors, ...regulator.errors]).toEqual([]);
  }, 60_000);

  it('lets custodians decrypt their shares from key files opened in the browser, and shows the opening record', async () => {
    const { tender } = await publishedTender(['bidder1', 'bidder2', 'bidder3']);
    const receipts: Json[] = [];
    for (const [i, name] of ['bidder1', 'bidder2', 'bidder3'].entries()) {
      const answer = await submitBid(await as(name), tender.id, aForm(5_000_000_00 - i * 1_000_00));
      expect(answer.status).toBe(200);
      receipts.push(answer.body as Json);
    }
    const laterMs = new Date(tender.schedule.bidDeadline).getTime() - Date.now() + 1000;
    expect((await (await as('staff1', laterMs)).post(`/tenders/${tender.id}/opening`)).status).toBe(200);
    const keyFile = (user: string) => path.join(stackInfo().dataDir, 'custodians', `${user}.key`);

    const staff = await newPortalPage(browser, { laterMs });
    await signIn(staff.page, 'staff1');
    await staff.page.goto(tenderUrl(tender.id));
    await staff.page.getByText('等待保管人提交密钥分片').waitFor();
    await staff.page.getByLabel(/保管人密钥文件/).setInputFiles(keyFile('staff1'));
    await staff.page.getByRole('button', { name: '解密并提交我的分片' }).click();
    await staff.page.getByText('✔ 分片已提交。').waitFor();

    const regulator = await newPortalPage(browser, { laterMs });
    await signIn(regulator.page, 'regulator1');
    await regulator.page.goto(tenderUrl(tender.id));
    // Another custodian's key file is refused before anything is sent.
    await regulator.page.getByLabel(/保管人密钥文件/).setInputFiles(keyFile('staff1'));
    await regulator.page.getByRole('button', { name: '解密并提交我的分片' }).click();
    await regulator.page.getByText('是 staff1 的密钥，不是 regulator1 的').waitFor();
    await regulator.page.getByLabel(/保管人密钥文件/).setInputFiles(keyFile('regulator1'));
    await regulator.page.getByRole('button', { name: '解密并提交我的分片' }).click();

    // The staff member's console shows the record as soon as the platform has decrypted the bids.
    const record = staff.page.getByRole('table', { name: '开标记录' });
    await record.waitFor({ timeout: 20_000 });
    const text = await record.innerText();
    expect(text).toContain('5,000,000.00 元');
    expect(text).toContain('4,999,000.00 元');
    expect(text.match(/已解密/g)).toHaveLength(3);
    // Anyone re-checks the record against the ciphertexts in the browser.
    await staff.page.getByRole('button', { name: '在本浏览器中验证开标记录' }).click();
    await staff.page.getByText('MATCH：开标记录与全部 3 份密文一致。').waitFor({ timeout: 30_000 });
    expect(await seriousViolations(staff.page)).toEqual([]);
    await screenshot(staff.page, 'custodian-opening');

    // From the opening, a bidder checks its saved receipt in the browser without signing in: the
    // process log against its anchors, and the promised entry in it.
    const bidder = await newPortalPage(browser, { laterMs });
    await bidder.page.goto(tenderUrl(tender.id));
    const receiptFile = (receipt: Json) => ({
      name: `receipt-${tender.id}-${receipt.bidId}.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(receipt)),
    });
    await bidder.page.getByLabel(/投标回执文件/).setInputFiles(receiptFile(receipts[1]!));
    await bidder.page.getByRole('button', { name: '核验回执是否被收录' }).click();
    const included = bidder.page.getByText(/✔ 已收录/);
    await included.waitFor({ timeout: 30_000 });
    expect(await included.innerText()).toContain(String(receipts[1]!.bidId));
    // A receipt whose hash was changed is not the platform's promise.
    const forged = { ...receipts[1]!, sha256: 'f'.repeat(64) };
    await bidder.page.getByLabel(/投标回执文件/).setInputFiles(receiptFile(forged));
    await bidder.page.getByRole('button', { name: '核验回执是否被收录' }).click();
    await bidder.page
      .getByRole('alert')
      .filter({ hasText: /receipt|回执/i })
      .waitFor();
    expect(await bidder.page.getByText(/✔ 已收录/).count()).toBe(0);
    expect([...staff.errors, ...regulator.errors, ...bidder.errors]).toEqual([]);
  }, 60_000);

  it('lets a regulator commit, reveal and verify a draw in the browser, and see a tampered record fail', async () => {
    const { tender } = await publishedTender(['bidder1', 'bidder2', 'bidder3']);
    const laterMs = 22 * DAY;
    const requested = await (
      await as('staff1', laterMs)
    ).post<Json>(`/tenders/${tender.id}/draws`, {
      quotas: [
        { specialty: 'A010101', count: 3, reserves: 1 },
        { specialty: 'A030101', count: 2, reserves: 1 },
      ],
    });
    expect(requested.status).toBe(201);
    const drawId = requested.body.id as string;

    const { page, errors } = await newPortalPage(browser, { laterMs });
    await signIn(page, 'regulator1');
    await page.getByRole('heading', { name: '超时预警' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'regulator-supervision');

    await page.goto(tenderUrl(tender.id));
    const draw = page.getByRole('article', { name: `抽取 ${drawId}` });
    await draw.getByText('等待承诺').waitFor();
    const secret = await downloaded(page, () =>
      draw.getByRole('button', { name: '生成抽取密钥并提交承诺' }).click(),
    );
    // Each step below is a logged write; on a loaded machine one may take longer than a click.
    await page.getByText(/已提交承诺/).waitFor({ timeout: 30_000 });
    expect(secret.name).toBe(`draw-${drawId}.secret`);
    const saved = JSON.parse(secret.bytes.toString('utf8')) as { drawId: string; commitment: string };
    expect(saved.drawId).toBe(drawId);
    // Only the commitment left the browser: the platform holds it, and no secret yet.
    const committed = (await (await as('regulator1', laterMs)).get<Json>(`/draws/${drawId}`)).body;
    expect(committed.commitments.regulator.commitment).toBe(saved.commitment);
    expect(committed.reveals.regulator).toBeUndefined();

    await draw.getByText('等待揭示').waitFor({ timeout: 30_000 });
    await draw.getByLabel(/抽取密钥文件/).setInputFiles({
      name: secret.name,
      mimeType: 'application/json',
      buffer: secret.bytes,
    });
    await draw.getByRole('button', { name: '揭示密钥并抽取' }).click();
    // Revealing runs the draw and verifying proves a dozen entries.
    await draw.getByText('已抽取', { exact: true }).waitFor({ timeout: 30_000 });
    await draw.getByRole('button', { name: '在本浏览器中验证此次抽取' }).click();
    await draw
      .getByText(new RegExp(`MATCH：抽取 ${drawId} 的全部 \\d+ 项核对一致`))
      .waitFor({ timeout: 30_000 });
    await page.getByRole('list', { name: '流程路径' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'regulator-draw');

    // The same check on a record whose outcome was altered on its way to the browser fails.
    const forged = await newPortalPage(browser, { laterMs });
    await signIn(forged.page, 'regulator1');
    await forged.page.route(`**/draws/${drawId}/record`, async (route) => {
      const record = (await (await route.fetch()).json()) as Json;
      record.outcome.seed = '00'.repeat(32);
      await route.fulfill({ json: record });
    });
    await forged.page.goto(tenderUrl(tender.id));
    const forgedDraw = forged.page.getByRole('article', { name: `抽取 ${drawId}` });
    await forgedDraw.getByRole('button', { name: '在本浏览器中验证此次抽取' }).click();
    await forgedDraw.getByText(/MISMATCH/).waitFor({ timeout: 30_000 });
    expect([...errors, ...forged.errors]).toEqual([]);
  }, 120_000);

  it('lets a bidder apply to an auction, staff qualify it, the bidder bid in its room with the price pushed live to a watcher, and staff publish the result from the reserve file', async () => {
    const { id, salt, bidsFrom } = await announce(
      'land-auction',
      null,
      '城北片区 C-03 地块国有建设用地使用权',
    );

    // The bidder applies in the browser with its bond's reference; staff qualify it.
    const applying = await newPortalPage(browser);
    await signIn(applying.page, 'bidder2');
    await applying.page.goto(`${stackInfo().api}/#/auctions`);
    await applying.page.getByRole('link', { name: '城北片区 C-03 地块国有建设用地使用权' }).click();
    await applying.page.getByLabel('保证金缴款凭证号').fill('BANK-20260001');
    await applying.page.getByRole('button', { name: '申请竞买' }).click();
    await applying.page.getByText('资格审核中').waitFor();
    const paddle = (await applying.page.locator('.paddle').innerText()).trim();
    expect(paddle).toMatch(/^\d{4}$/);
    const desk = await newPortalPage(browser);
    await signIn(desk.page, 'staff1');
    await desk.page.goto(`${stackInfo().api}/#/auctions/${id}`);
    await desk.page.getByRole('cell', { name: 'ORG-BIDDER-2' }).waitFor();
    await desk.page.getByRole('button', { name: '确认资格' }).click();
    await desk.page.getByRole('cell', { name: '已确认竞买资格' }).waitFor();
    // A session whose token the room's door refuses (here spoilt in the tab) watches, and says why.
    await applying.page.evaluate(`(() => {
      const session = JSON.parse(sessionStorage.getItem('sunlit.session'));
      sessionStorage.setItem('sunlit.session', JSON.stringify({ ...session, token: session.token + 'x' }));
    })()`);
    await applying.page.reload();
    await applying.page
      .getByText('竞价大厅未接受您的登录（可能已过期），现以旁观者身份连接：请重新登录后出价。')
      .waitFor();
    await applying.page.getByText('实时连接').waitFor();

    // Bidding opens some 6 s into the bidder's and a watcher's rooms: they show it without a reload.
    const laterMs = bidsFrom - 7000;
    const watcher = await newPortalPage(browser, { laterMs });
    await watcher.page.goto(`${stackInfo().api}/#/auctions/${id}`);
    await watcher.page.getByText('实时连接').waitFor();
    await watcher.page.getByText('（尚无应价）').waitFor();
    const bidder = await newPortalPage(browser, { laterMs });
    const posted: string[] = [];
    bidder.page.on('request', (request) => {
      if (request.method() === 'POST') posted.push(new URL(request.url()).pathname);
    });
    await signIn(bidder.page, 'bidder2');
    await bidder.page.goto(`${stackInfo().api}/#/auctions/${id}`);
    await bidder.page.getByText('已确认竞买资格').waitFor();
    // Its connection opened with its token (the door may take a cold start); bids go over it then.
    await bidder.page.getByText('实时连接').waitFor();
    await bidder.page.getByText(/剩余 \d\d:\d\d/).waitFor();
    await bidder.page.getByRole('button', { name: '出价 1,000,000.00 元' }).click({ timeout: 20_000 });
    await bidder.page.getByRole('button', { name: '出价 1,010,000.00 元' }).waitFor();
    // The bid went over the room, on the connection the bidder's token opened, not over HTTP.
    expect(posted.filter((pathname) => pathname.endsWith('/bids'))).toEqual([]);
    // The watcher did nothing: the room pushed the accepted bid.
    await watcher.page.getByText(`（${paddle} 号）`).waitFor();
    expect(await watcher.page.locator('.price strong').innerText()).toBe('1,000,000.00 元');
    await watcher.page.getByText(`第 1 口 · ${paddle} 号 · 1,000,000.00 元`).waitFor();
    expect(await seriousViolations(bidder.page)).toEqual([]);
    await screenshot(bidder.page, 'bidder-auction-room');

    // Past the countdown, staff open the sealed reserve (none here) from its file and publish.
    const closing = await newPortalPage(browser, { laterMs: bidsFrom + 6 * 60_000 });
    await signIn(closing.page, 'staff1');
    await closing.page.goto(`${stackInfo().api}/#/auctions/${id}`);
    await closing.page.getByLabel(/底价文件/).setInputFiles({
      name: 'reserve.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ reserveFen: null, salt })),
    });
    await closing.page.getByRole('button', { name: '开启底价并公布结果' }).click();
    await closing.page.getByText(`成交：${paddle} 号竞买人，1,000,000.00 元`).waitFor();
    // The result reaches the watcher's room too.
    await watcher.page.getByText(`成交：${paddle} 号竞买人，1,000,000.00 元`).waitFor();
    // Staff print the sale confirmation (成交确认书); a watcher who did not buy is offered none.
    const confirmation = await downloaded(closing.page, () =>
      closing.page.getByRole('button', { name: '下载成交确认书（PDF）' }).click(),
    );
    expect(confirmation.name).toBe(`成交确认书-${id}.pdf`);
    expect(confirmation.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await watcher.page.getByRole('button', { name: '下载成交确认书（PDF）' }).count()).toBe(0);
    // The refused handshake is the one thing Chromium reports, on the page whose token was spoilt.
    expect(applying.errors).toEqual([
      expect.stringMatching(/WebSocket handshake: Unexpected response code: 403/),
    ]);
    expect([desk, watcher, bidder, closing].flatMap((opened) => opened.errors)).toEqual([]);
  }, 60_000);

  it('lets staff announce a listing, its schedule checked as typed, the reserve sealed in the browser and saved as its file first', async () => {
    const staff = await newPortalPage(browser);
    await signIn(staff.page, 'staff1');
    await staff.page.goto(`${stackInfo().api}/#/auctions`);
    const page = staff.page;
    await page.getByLabel('标的名称').fill('城东 3 号地块国有建设用地使用权');
    await page.getByLabel('出让人（转让方）机构编号').fill('ORG-TENDERER-1');
    await page.getByLabel('起始价（元）').fill('1,000,000');
    await page.getByLabel('加价幅度（元）').fill('10,000');
    await page.getByLabel('竞买保证金（元）').fill('200,000');
    await page.getByLabel('底价（元）').fill('1,200,000');
    // Bidding ten days on is too soon, as typed: the announcement runs 20 days first (令39第10条).
    const opensAt = page.getByLabel('竞价开始（北京时间）');
    const lawful = await opensAt.inputValue();
    const tooSoon = new Date(Date.now() + 10 * DAY + 8 * 3_600_000).toISOString().slice(0, 16);
    await opensAt.fill(tooSoon);
    const flagged = page.locator('.field.invalid', { hasText: '令39第10条' });
    await flagged.waitFor();
    await opensAt.fill(lawful);
    await flagged.waitFor({ state: 'detached' });
    // Applications closing after bidding opens are refused as typed, as the API refuses them.
    const closes = page.getByLabel('报名截止（北京时间）');
    const before = await closes.inputValue();
    await closes.fill(
      new Date(Date.parse(`${lawful}:00+08:00`) + DAY + 8 * 3_600_000).toISOString().slice(0, 16),
    );
    const late = page.locator('.field.invalid', { hasText: 'close no later than bidding opens' });
    await late.waitFor();
    await closes.fill(before);
    await late.waitFor({ state: 'detached' });

    // Nothing is sent before the reserve's file is saved and chosen again.
    const publish = page.getByRole('button', { name: '发布公告', exact: true });
    expect(await publish.isDisabled()).toBe(true);
    const file = await downloaded(page, () =>
      page.getByRole('button', { name: '封存底价并保存底价文件' }).click(),
    );
    const opening = JSON.parse(file.bytes.toString('utf8'));
    expect(opening).toEqual({ reserveFen: 1_200_000_00, salt: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await publish.isDisabled()).toBe(true);
    const chosen = page.getByLabel(/选择刚保存的底价文件/);
    const otherSeal = JSON.stringify({ reserveFen: 1_200_000_00, salt: 'ab'.repeat(32) });
    await chosen.setInputFiles({
      name: 'other.json',
      mimeType: 'application/json',
      buffer: Buffer.from(otherSeal),
    });
    await page.getByRole('alert').filter({ hasText: '不是刚封存的底价文件' }).waitFor();
    await chosen.setInputFiles({ name: file.name, mimeType: 'application/json', buffer: file.bytes });
    await page.getByText('✔ 底价文件已确认').waitFor();
    await publish.click();
    await page.waitForURL(/#\/auctions\/[A-Za-z0-9._-]+$/);
    const view = (await callApi<Json>(`/auctions/${page.url().split('/').at(-1)}`)).body;
    // Only the commitment reached the platform; the file opens it.
    expect(view.reserveCommitment).toBe(reserveCommitment(opening));
    expect(file.name).toBe(`reserve-${view.reserveCommitment.slice(0, 12)}.json`);
    expect(view).toMatchObject({ kind: 'land-listing', startingPriceFen: 1_000_000_00, bondFen: 200_000_00 });
    expect(JSON.stringify(view)).not.toContain(opening.salt);
    await page.getByText('城东 3 号地块国有建设用地使用权').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(staff.errors).toEqual([]);
  }, 60_000);

  it('lets an expert confirm their seat from the link of their summons, without an account', async () => {
    const { tender } = await publishedTender(['bidder1', 'bidder2']);
    const staff = await as('staff1', 22 * DAY);
    const regulator = await as('regulator1', 22 * DAY);
    const drawId = (
      await staff.post<Json>(`/tenders/${tender.id}/draws`, {
        quotas: [
          { specialty: 'A010101', count: 3, reserves: 0 },
          { specialty: 'A030101', count: 2, reserves: 0 },
        ],
      })
    ).body.id as string;
    const secret = randomBytes(32).toString('hex');
    await regulator.post(`/draws/${drawId}/commitments`, { commitment: commitment(secret) });
    await regulator.post(`/draws/${drawId}/reveals`, { secret });
    const seat = ((await staff.get<Json>(`/tenders/${tender.id}/committee`)).body.seats as Json[])[0]!;
    // The link the relay would send: signed with the stack's answer-link key.
    const key = readFileSync(path.join(stackInfo().dataDir, 'expert-link-key.pem'), 'utf8');
    const token = await signAnswerToken(
      localEd25519Signer('sunlit-expert-link', key),
      { drawId, expertId: seat.expertId as string },
      new Date(),
    );

    const { page, errors } = await newPortalPage(browser);
    await page.goto(`${stackInfo().api}/#/experts/answer?token=${token}`);
    await page.getByRole('heading', { name: '评标专家回复' }).waitFor();
    await page.getByText(/本链接有效期至/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '确认参加' }).click();
    await page
      .getByRole('status')
      .getByText(/已记录：确认参加/)
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'expert-answer');
    const seats = (await staff.get<Json>(`/tenders/${tender.id}/committee`)).body.seats as Json[];
    expect(seats.find((s) => s.expertId === seat.expertId)).toMatchObject({ status: 'confirmed' });
    expect(errors).toEqual([]);
  }, 120_000);
});
