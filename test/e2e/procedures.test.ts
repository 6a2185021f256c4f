import { randomBytes } from 'node:crypto';
import { callApi } from '../support/local-stack';
import { as } from './client';
import { DAY, iso, Json, schedule, singleSourceNotice, uploadDocument } from './tender-fixture';

const YUAN = 100;

/** An accepted project of `type` estimated at `yuan`, registered by staff. */
const acceptedProject = async (type: 'works' | 'goods', yuan: number) => {
  const staff = await as('staff1');
  const project = await staff.post<Json>('/projects', {
    name: `办公设备采购 ${randomBytes(3).toString('hex')}`,
    type,
    tendererOrg: 'ORG-TENDERER-1',
    stateFunded: true,
    estimatedPrice: yuan * YUAN,
  });
  expect(project.status).toBe(201);
  expect((await staff.post(`/projects/${project.body.id}/accept`)).status).toBe(200);
  return { staff, project: project.body };
};

/** Documents available for ten days (5 working days under 87号令18 fit in any ten), bids due in 21. */
const tenDaysOfDocuments = () => {
  const lawful = schedule(0, 21);
  return { ...lawful, documentsTo: iso(Date.parse(lawful.documentsFrom) + 10 * DAY) };
};

describe('procedures as data', () => {
  it('lists every procedure publicly, with its law and its rows and their articles', async () => {
    const answer = await callApi<Json>('/procedures');
    expect(answer.status).toBe(200);
    const byCode = Object.fromEntries(answer.body.procedures.map((p: Json) => [p.code, p]));
    expect(Object.keys(byCode).sort()).toEqual([
      'competitive-consultation',
      'competitive-negotiation',
      'gp-open-tendering',
      'invited-tendering',
      'open-tendering',
      'request-for-quotation',
      'single-source',
    ]);
    expect(byCode['open-tendering']).toMatchObject({ law: '招标投标法', name: '公开招标' });
    expect(byCode['competitive-negotiation'].periods).toContainEqual(
      expect.objectContaining({ value: 3, days: 'working', article: '74号令29' }),
    );
    expect(answer.body.thresholds.gpOpenTendering).toContainEqual({
      kind: 'goods',
      fromFen: 4_000_000 * YUAN,
      article: '政府采购法27',
    });
    const openApi = await callApi<Json>('/openapi.json');
    expect(openApi.body.paths['/procedures'].get.operationId).toBe('listProcedures');
  });

  it('creates and publishes a government open tender, whose view and announcement carry its procedure, law and deal code', async () => {
    const { staff, project } = await acceptedProject('goods', 4_000_000);
    const created = await staff.post<Json>(`/projects/${project.id}/tenders`, {
      name: '第一包',
      procedure: 'gp-open-tendering',
      schedule: tenDaysOfDocuments(),
    });
    expect(created.status).toBe(201);
    await uploadDocument(staff, created.body.id, randomBytes(500));
    const announcement = await staff.post<Json>(`/tenders/${created.body.id}/publish`);
    expect(announcement.status).toBe(200);
    expect(announcement.body).toMatchObject({
      dealCode: project.dealCode,
      body: { procedure: 'gp-open-tendering', law: '政府采购法' },
    });
    const view = await callApi<Json>(`/tenders/${created.body.id}`);
    expect(view.body).toMatchObject({
      procedure: 'gp-open-tendering',
      law: '政府采购法',
      dealCode: project.dealCode,
    });
  });

  it('refuses a competitive negotiation at the open-tendering threshold and takes it a yuan below, citing 政府采购法27', async () => {
    const tender = { name: '第一包', procedure: 'competitive-negotiation', schedule: schedule(0, 21) };
    const atThreshold = await acceptedProject('goods', 4_000_000);
    const refused = await atThreshold.staff.post<Json>(`/projects/${atThreshold.project.id}/tenders`, tender);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'RULE_VIOLATED',
      rule: '政府采购法27',
      field: 'body.procedure',
    });
    const below = await acceptedProject('goods', 3_999_999);
    expect((await below.staff.post(`/projects/${below.project.id}/tenders`, tender)).status).toBe(201);
  });

  it('creates an invited tender for three invited bidders, refusing two, and lets only the invited register (法17)', async () => {
    const { staff, project } = await acceptedProject('works', 5_000_000);
    const request = { name: '第一标段', procedure: 'invited-tendering', schedule: schedule(0, 21) };
    const two = await staff.post<Json>(`/projects/${project.id}/tenders`, {
      ...request,
      invitedBidders: ['ORG-BIDDER-1', 'ORG-BIDDER-2'],
    });
    expect(two.status).toBe(422);
    expect(two.body.error).toMatchObject({ rule: '法17', field: 'body.invitedBidders' });
    const created = await staff.post<Json>(`/projects/${project.id}/tenders`, {
      ...request,
      invitedBidders: ['ORG-BIDDER-1', 'ORG-BIDDER-2', 'ORG-BIDDER-3'],
    });
    expect(created.status).toBe(201);
    await uploadDocument(staff, created.body.id, randomBytes(500));
    expect((await staff.post(`/tenders/${created.body.id}/publish`)).status).toBe(200);
    const view = await callApi<Json>(`/tenders/${created.body.id}`);
    expect(view.body).toMatchObject({ procedure: 'invited-tendering', law: '招标投标法' });
    expect(view.body).not.toHaveProperty('invitedBidders');
    expect((await (await as('bidder1')).post(`/tenders/${created.body.id}/registrations`)).status).toBe(200);
    const uninvited = await (await as('bidder4')).post<Json>(`/tenders/${created.body.id}/registrations`);
    expect(uninvited.status).toBe(422);
    expect(uninvited.body.error).toMatchObject({ rule: '法17', field: 'tenderId' });
  });

  it('lets any supplier object to a single-source notice while it is public, and staff conclude the review after it (74号令39–40)', async () => {
    const { staff, tender } = await singleSourceNotice();
    const tenderId = tender.id;
    // ORG-BIDDER-1 is not the named supplier and never registered.
    const challenges = `/tenders/${tenderId}/challenges`;
    const objected = await (
      await as('bidder1')
    ).post<Json>(challenges, {
      kind: 'objection',
      subject: 'documents',
      text: '本公司同样能够提供该升级运维服务',
    });
    expect(objected.status).toBe(200);
    expect(objected.body.items[0]).toMatchObject({
      rule: 'single-source-objection',
      bidderOrg: 'ORG-BIDDER-1',
    });
    expect(objected.body.hold).toMatchObject({ article: '74号令39' });

    const review = { step: 'answer', answer: '经补充论证，异议不成立', conclusion: 'dismissed' };
    const early = await staff.post<Json>(`${challenges}/1/steps`, review);
    expect(early.status).toBe(422);
    expect(early.body.error).toMatchObject({ code: 'RULE_VIOLATED', rule: '74号令40', field: 'number' });

    const afterPublicity = Date.parse(tender.schedule.bidDeadline) - Date.now() + 60_000;
    const later = await as('staff1', afterPublicity);
    const unconcluded = await later.post<Json>(`${challenges}/1/steps`, { step: 'answer', answer: '已论证' });
    expect(unconcluded.status).toBe(400);
    expect(unconcluded.body.error).toMatchObject({ field: 'body.conclusion', rule: '74号令40' });
    const tooLate = await (
      await as('bidder2', afterPublicity)
    ).post<Json>(challenges, {
      kind: 'objection',
      subject: 'documents',
      text: '公示期满后的异议',
    });
    expect(tooLate.status).toBe(422);
    expect(tooLate.body.error).toMatchObject({ code: 'DEADLINE_PASSED', rule: '74号令39' });
    const concluded = await later.post<Json>(`${challenges}/1/steps`, review);
    expect(concluded.status).toBe(200);
    expect(concluded.body.items[0]).toMatchObject({ conclusion: 'dismissed' });
    expect(concluded.body).not.toHaveProperty('hold');
    // Staff never learn who objected before the result (法22).
    expect(concluded.body.items[0]).not.toHaveProperty('bidderOrg');
  });
});
