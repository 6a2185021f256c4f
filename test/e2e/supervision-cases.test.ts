import { callApi } from '../support/local-stack';
import { as } from './client';
import { Json, publishedTender } from './tender-fixture';

describe('a monitoring case (监督检查), through the API', () => {
  it('is a regulator’s draft until activated, answered by staff, concluded and completed', async () => {
    const { tender } = await publishedTender();
    const tenderId = tender.id as string;
    const regulator = await as('regulator1');
    const staff = await as('staff1');

    // Bad input changes nothing and names the field.
    const noConcern = await regulator.post<Json>('/supervision/cases', { tenderId });
    expect([noConcern.status, noConcern.body.error.field]).toEqual([400, 'body.concern']);
    const noFlag = await regulator.post<Json>('/supervision/cases', {
      tenderId,
      flags: ['identical-bid-files'],
      concern: '核查代理机构是否限制潜在投标人',
    });
    expect([noFlag.status, noFlag.body.error.rule, noFlag.body.error.field]).toEqual([
      422,
      '平台规则',
      'body.flags.0',
    ]);
    expect((await (await as('bidder1')).get('/supervision/cases')).status).toBe(403);

    const opened = await regulator.post<Json>('/supervision/cases', {
      tenderId,
      concern: '核查代理机构是否限制潜在投标人',
    });
    expect([opened.status, opened.body.status]).toEqual([201, 'draft']);
    const id = opened.body.id as string;
    expect(opened.body).not.toHaveProperty('version');
    const seenByStaff = async () =>
      (await staff.get<Json>(`/supervision/cases?tenderId=${tenderId}`)).body.cases.map((c: Json) => c.id);
    expect(await seenByStaff()).toEqual([]);
    expect((await staff.get(`/supervision/cases/${id}`)).status).toBe(404);

    const step = (who: typeof staff, body: Json) => who.post<Json>(`/supervision/cases/${id}/steps`, body);
    expect((await step(regulator, { step: 'activate' })).body.status).toBe('active');
    expect(await seenByStaff()).toEqual([id]);
    expect((await step(regulator, { step: 'answer', text: '说明' })).status).toBe(403);
    expect((await step(staff, { step: 'answer', text: '招标公告未设置不合理条件' })).status).toBe(200);
    const late = await step(regulator, { step: 'conclude', finding: 'violation', text: '存在违规' });
    expect([late.status, late.body.error.field]).toEqual([400, 'body.article']);
    await step(regulator, { step: 'conclude', finding: 'no-violation', text: '未发现违规' });
    const done = await step(regulator, { step: 'complete', text: '结案' });
    expect(done.body.status).toBe('completed');
    expect(done.body.history.map((e: Json) => e.step)).toEqual([
      'open',
      'activate',
      'answer',
      'conclude',
      'complete',
    ]);
    expect((await step(regulator, { step: 'complete', text: '再次结案' })).status).toBe(409);

    // Each step is in the public log, naming the case; the words stay in the confidential record.
    const size = Number((await callApi<string>('/audit/checkpoint')).body.split('\n')[1]);
    const { body } = await callApi<Json>(`/audit/entries?start=${Math.max(0, size - 1000)}&end=${size}`);
    const entries = (body.entries as Json[]).map((e) => e.entry).filter((e) => e.subject.caseId === id);
    expect(entries.map((e) => e.action)).toEqual([
      'case.opened',
      'case.activate',
      'case.answer',
      'case.conclude',
      'case.complete',
    ]);
    expect(JSON.stringify(entries)).not.toContain('未发现违规');

    // The month's report (CSV) lists the case, completed; only regulators read it.
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const report = await regulator.get<string>(`/supervision/reports/${month}`);
    expect(report.status).toBe(200);
    expect(report.headers.get('cache-control')).toBe('no-store');
    const header = report.body.split('\n')[0];
    expect(header).toBe(
      'section,org,staff,tenderId,caseId,rule,article,due,onTime,late,onTimeRate,at,doneAt,status',
    );
    expect(report.body.split('\n').filter((line) => line.includes(id))).toEqual([
      expect.stringMatching(new RegExp(`^case,,,${tenderId},${id},.*,completed$`)),
    ]);
    expect((await staff.get(`/supervision/reports/${month}`)).status).toBe(403);
    const badMonth = await regulator.get<Json>('/supervision/reports/2026-13');
    expect([badMonth.status, badMonth.body.error.field]).toEqual([400, 'path.month']);
  });
});
