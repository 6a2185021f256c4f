import { randomBytes } from 'node:crypto';
import { httpLogClient, verifyLog } from '../audit-log';
import { cast, DAY, Json, lifecycleAwaits, say, step, until, yuan } from './demo-kit';
import { localStackInfo } from './local-stack-info';

/**
 * Plays a single-source procurement (单一来源) through the API: staff publish its notice with the
 * ground and the one supplier (政府采购法31, 74号令38); the notice is public for 5 working days,
 * and another supplier objects to it (74号令39), which staff review once it ends (74号令40);
 * then, with no bids and no committee, staff negotiate the price with the supplier and record the
 * negotiation (74号令41–42), which the lifecycle publishes as the result (成交) with the 成交通知书;
 * the contract closes it, and the audit log is verified.
 */
export const playSingleSource = async (options: { url?: string; data?: string }) => {
  const url = options.url ?? localStackInfo(options.data).api;
  const { as, now: platformNow, moveTo } = await cast(url);
  const staff = as('staff1');
  const { procedures } = await staff('GET', '/procedures');
  const row = procedures.find((p: Json) => p.code === 'single-source');
  const publicity = row.periods.find((p: Json) => p.id === 'single-source-publicity');

  step(
    `Staff publish the ${row.announcement} (${row.law}), naming the ground and the one supplier (政府采购法31)`,
  );
  const project = await staff('POST', '/projects', {
    name: `政务云平台运维服务 ${randomBytes(2).toString('hex')}`,
    type: 'services',
    tendererOrg: 'ORG-TENDERER-1',
    stateFunded: true,
    estimatedPrice: 1_800_000_00,
  });
  await staff('POST', `/projects/${project.id}/accept`);
  const now = await platformNow();
  const tender = await staff('POST', `/projects/${project.id}/tenders`, {
    name: '原系统升级运维',
    procedure: 'single-source',
    singleSource: {
      ground: 'consistency',
      supplier: 'ORG-BIDDER-3',
      reasons: '原有政务云平台的升级与运维，须与原供应商保持一致（政府采购法三十一条第二项）',
    },
    schedule: {
      documentsFrom: new Date(now).toISOString(),
      documentsTo: new Date(now + 10 * DAY).toISOString(),
      // 5 working days of publicity (74号令38): ten calendar days hold them across a weekend.
      bidDeadline: new Date(now + 10 * DAY).toISOString(),
      openingPlace: '市公共资源交易中心 第二谈判室',
      // No bond: nobody competes (单一来源 takes none).
      bidBond: 0,
      bidValidityDays: 90,
    },
  });
  const document = new TextEncoder().encode(`%PDF-1.7\n单一来源采购文件：${tender.id}\n`);
  const slot = await staff('POST', `/tenders/${tender.id}/documents`, {
    fileName: '单一来源采购文件.pdf',
    contentType: 'application/pdf',
  });
  await fetch(slot.uploadUrl, { method: 'PUT', body: document, headers: slot.headers });
  await staff('POST', `/tenders/${tender.id}/documents/${slot.documentId}/versions/1/confirm`);
  const notice = await staff('POST', `/tenders/${tender.id}/publish`);
  const published = await as('bidder1')('GET', `/tenders/${tender.id}`);
  say(
    `tender ${tender.id} published by ${published.procedure} (${published.law}), deal code ${published.dealCode}`,
  );
  say(`${notice.title}: ${published.singleSource.supplier}, ground ${published.singleSource.ground}`);
  say(
    `public until ${published.schedule.bidDeadline}: at least ${publicity.value} working days (${publicity.article}); its lifecycle started`,
  );

  step('Another supplier objects to the notice while it is public, without registering (74号令39)');
  const objected = await as('bidder1')('POST', `/tenders/${tender.id}/challenges`, {
    kind: 'objection',
    subject: 'documents',
    text: '本公司同样能够提供原系统的升级与运维服务',
  });
  say(
    `objection 1 (${objected.items[0].rule}); the procurement waits: ${objected.hold.reason} (${objected.hold.article})`,
  );

  step('The publicity ends: staff review the objection (补充论证) and dismiss it (74号令40)');
  await moveTo(new Date(published.schedule.bidDeadline).getTime() + 1000);
  const reviewed = await staff('POST', `/tenders/${tender.id}/challenges/1/steps`, {
    step: 'answer',
    answer: '经补充论证，升级须与原系统保持一致，异议不成立',
    conclusion: 'dismissed',
  });
  say(`objection 1 ${reviewed.items[0].conclusion}; the procurement goes on`);

  step('Nothing to open: staff negotiate the price with the supplier and record it (74号令42)');
  await lifecycleAwaits(staff, tender.id, 'report', 'the negotiation record (谈判记录)');
  const recordSlot = await staff('POST', `/tenders/${tender.id}/evaluation/report-file`);
  await fetch(recordSlot.uploadUrl, {
    method: 'PUT',
    body: new TextEncoder().encode(`%PDF-1.7\n单一来源谈判记录：${tender.id}，商定价格 1,710,000 元\n`),
    headers: recordSlot.headers,
  });
  const agreed = 1_710_000_00;
  await staff('PUT', `/tenders/${tender.id}/evaluation`, {
    candidates: [{ bidderOrg: published.singleSource.supplier, price: agreed }],
    signedBy: ['staff1', 'staff2'],
    reportFile: recordSlot.objectKey,
  });
  say(`recorded: ${published.singleSource.supplier} at ${yuan(agreed)}, signed by the two negotiators`);

  step('The lifecycle publishes the result (成交结果公告) and the 成交通知书');
  const letter = await until<Json>('the letter', () => staff('GET', `/tenders/${tender.id}/award-letter`));
  const supplier = as(`bidder${published.singleSource.supplier.split('-').pop()}`);
  const inbox = await supplier('GET', '/me/notices?type=award&limit=5');
  say(`the supplier's inbox: ${inbox.notices.find((n: Json) => n.tenderId === tender.id)?.title}`);
  say(`成交通知书: a ${letter.size}-byte PDF, SHA-256 ${letter.sha256.slice(0, 16)}… as logged`);

  step('The contract (政府采购法46) closes it');
  await lifecycleAwaits(staff, tender.id, 'contract', 'the contract (政府采购法46: within 30 days)');
  await staff('POST', `/tenders/${tender.id}/contract`, {
    signedOn: new Date(await platformNow()).toISOString().slice(0, 10),
  });
  const closed = await until('the procurement to close', async () => {
    const current = await staff('GET', `/tenders/${tender.id}/lifecycle`);
    return current.closedAt ? current : undefined;
  });
  say(`tender ${tender.id} closed at ${closed.closedAt}`);

  step('Anyone verifies the audit log');
  const verified = await verifyLog(httpLogClient(url));
  say(
    `OK: ${verified.checkpoint.size} entries verified against the signed checkpoint of ${verified.checkpoint.origin}`,
  );
};
