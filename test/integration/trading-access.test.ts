import { randomBytes } from 'node:crypto';
import { httpLogClient } from '../../packages/audit-log/http-log-client';
import { callApi, stackInfo, tokenFor } from '../support/local-stack';

const DAY = 86_400_000;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The audit log's size, from its checkpoint: every write adds an entry, so an unchanged size means nothing was written. */
const logSize = async () => Number((await httpLogClient(stackInfo().api).checkpoint()).split('\n')[1]);

describe('bad input', () => {
  const valid = {
    name: '学校食堂设备采购',
    type: 'goods',
    tendererOrg: 'ORG-TENDERER-2',
    stateFunded: true,
    estimatedPrice: 50_000_000,
  };
  const broken: [string, unknown][] = [
    ['name', ''],
    ['type', 'castle'],
    ['tendererOrg', 'ORG TENDERER'],
    ['stateFunded', 'yes'],
    ['estimatedPrice', 12.5],
    ['agencyOrg', 42],
  ];

  it.each(broken)(
    'a project with a bad %s is refused with 400 naming it, and nothing is written',
    async (field, value) => {
      const size = await logSize();
      const { status, body } = await callApi<Json>('/projects', {
        method: 'POST',
        token: await tokenFor('staff1'),
        body: { ...valid, [field]: value },
      });
      expect(status).toBe(400);
      expect(body.error.field).toBe(`body.${field}`);
      expect(await logSize()).toBe(size);
    },
  );

  it('refuses a tenderer that is not a registered tenderer organisation', async () => {
    const { status, body } = await callApi<Json>('/projects', {
      method: 'POST',
      token: await tokenFor('staff1'),
      body: { ...valid, tendererOrg: 'ORG-BIDDER-1' },
    });
    expect(status).toBe(400);
    expect(body.error.field).toBe('body.tendererOrg');
  });

  it('makes a retried registration with the same Idempotency-Key return the same project', async () => {
    const key = randomBytes(8).toString('hex');
    const token = await tokenFor('staff1');
    const call = (body: Json) =>
      callApi<Json>('/projects', { method: 'POST', token, body, headers: { 'idempotency-key': key } });
    const first = await call(valid);
    const retry = await call(valid);
    // The retry answers the first outcome, status included.
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect((await call({ ...valid, name: '另一个项目' })).status).toBe(409);
  });

  it('refuses a schedule that breaks 法24 by a minute, citing the rule', async () => {
    const staff = await tokenFor('staff1');
    const project = await callApi<Json>('/projects', { method: 'POST', token: staff, body: valid });
    await callApi(`/projects/${project.body.id}/accept`, { method: 'POST', token: staff });
    const from = Date.now() + DAY;
    const schedule = {
      documentsFrom: new Date(from).toISOString(),
      documentsTo: new Date(from + 6 * DAY).toISOString(),
      bidDeadline: new Date(from + 20 * DAY - 60_000).toISOString(),
      openingPlace: '开标室',
      bidBond: 100_000,
      bidValidityDays: 90,
    };
    const { status, body } = await callApi<Json>(`/projects/${project.body.id}/tenders`, {
      method: 'POST',
      token: staff,
      body: { name: '一标段', schedule },
    });
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'RULE_VIOLATED', rule: '法24', field: 'schedule.bidDeadline' });
  });
});

describe('the notice feed', () => {
  it('answers an empty date range with an empty page and refuses a cursor it did not issue', async () => {
    const empty = await callApi<Json>('/notices?from=2026-12-01T00:00:00Z&to=2026-01-01T00:00:00Z');
    expect(empty).toMatchObject({ status: 200, body: { notices: [] } });
    const forged = await callApi<Json>('/notices?cursor=0000');
    expect(forged.status).toBe(400);
    expect(forged.body.error.field).toBe('query.cursor');
  });
});
