import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { httpLogClient } from '../../packages/audit-log/http-log-client';
import { verifyLog } from '../../packages/audit-log/offline-verifier';
import { Receipt, verifyReceiptInclusion } from '../../packages/bidding/receipt';
import { aForm, submitBid } from '../e2e/bidding-client';
import { as } from '../e2e/client';
import { Json, publishedTender } from '../e2e/tender-fixture';
import { callApi, eventually, publishedLogAt, stackInfo, tokenFor } from '../support/local-stack';
import { startStackProcess, StackProcess } from '../support/stack-process';

/**
 * Faults on a stack of its own: its database stops answering mid-request, and the whole stack is
 * killed mid-surge. Nothing a caller was told happened may be lost, and nothing may happen twice.
 */
describe('the platform under faults', () => {
  let stack: StackProcess;
  const shared = process.env.SUNLIT_STACK;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sunlit-faults-'));
  const options = { assembly: stackInfo().assemblyDir, dataDir };
  const start = async () => {
    stack = await startStackProcess(options);
    // The e2e clients find their stack here.
    process.env.SUNLIT_STACK = JSON.stringify(stack.info);
  };

  beforeAll(start, 180_000);
  afterAll(async () => {
    process.env.SUNLIT_STACK = shared;
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const javaPid = () =>
    Number(readFileSync(path.join(dataDir, 'children.pid'), 'utf8').trim().split(/\s+/)[0]);
  const project = (name: string) => ({
    name,
    type: 'goods',
    tendererOrg: 'ORG-TENDERER-2',
    stateFunded: true,
    estimatedPrice: 50_000_000,
  });
  const register = async (token: string, body: object, key: string) => {
    const response = await callApi<Json>('/projects', {
      method: 'POST',
      token,
      body,
      info: stack.info,
      headers: { 'idempotency-key': key },
    });
    return { ...response, retryAfter: response.headers.get('retry-after') };
  };
  const entries = async () => {
    const client = httpLogClient(stack.info.api);
    const { size } = (await verifyLog(client)).checkpoint;
    return (await client.entries(0, size)).entries;
  };

  it('answers a retryable 503 while the database is paused, and the retry with the same key makes exactly one project', async () => {
    const token = await tokenFor('staff1', stack.info);
    const name = `断电重试项目 ${randomBytes(3).toString('hex')}`;
    const key = `paused-${randomBytes(8).toString('hex')}`;
    const java = javaPid();
    process.kill(java, 'SIGSTOP');
    let first: Awaited<ReturnType<typeof register>>;
    try {
      first = await register(token, project(name), key);
    } finally {
      process.kill(java, 'SIGCONT');
    }
    // The outcome is unknown to the function: it says so in time, and says when to come back.
    expect(first.status).toBe(503);
    expect(first.body.error.code).toBe('UNAVAILABLE');
    expect(Number(first.retryAfter)).toBeGreaterThan(0);

    const retried = await eventually(async () => {
      const answer = await register(token, project(name), key);
      return answer.status === 503 ? undefined : answer;
    }, 30_000);
    expect(retried.status).toBe(201);
    const again = await register(token, project(name), key);
    expect(again.body.id).toBe(retried.body.id);
    const registered = (await entries()).filter(
      (e) => e.entry.action === 'project.registered' && e.entry.subject.projectId === retried.body.id,
    );
    expect(registered).toHaveLength(1);
    const sameName = (await entries()).filter(
      (e) => e.entry.action === 'project.registered' && JSON.stringify(e.entry.data).includes(name),
    );
    expect(sameName).toHaveLength(1);
  }, 90_000);

  it('keeps every write it answered when killed mid-surge: each project is there after the restart, each bid receipt proves', async () => {
    const bidders = ['bidder1', 'bidder2', 'bidder3'];
    const { tender } = await publishedTender(bidders);
    const token = await tokenFor('staff1', stack.info);
    const answered: string[] = [];
    const receipts: Json[] = [];
    const bids = bidders.map(async (name, i) =>
      submitBid(await as(name), tender.id, aForm(60_000_000 - i))
        .then((r) => (r.status === 200 ? receipts.push(r.body) : undefined))
        .catch(() => undefined),
    );
    await eventually(async () => (receipts.length >= 1 ? true : undefined), 30_000);
    const total = 100;
    const surge = Array.from({ length: total }, (_, i) =>
      register(
        token,
        project(`高峰项目 ${i} ${randomBytes(2).toString('hex')}`),
        `surge-${randomBytes(8).toString('hex')}`,
      )
        .then((r) => (r.status === 201 ? answered.push(r.body.id) : undefined))
        .catch(() => undefined),
    );
    // Killed hard once some answers are out and the rest are still under way.
    await eventually(async () => (answered.length >= 5 ? true : undefined), 30_000);
    stack.process.kill('SIGKILL');
    await Promise.all([...surge, ...bids]);
    expect(answered.length).toBeGreaterThanOrEqual(5);
    expect(answered.length).toBeLessThan(total);
    await start();
    const staff = await tokenFor('staff1', stack.info);
    for (const id of answered) {
      expect((await callApi(`/projects/${id}`, { token: staff, info: stack.info })).status).toBe(200);
    }
    // At the opening, every receipt it answered is in the tender's published process log.
    const afterDeadline = Date.parse(tender.schedule.bidDeadline) - Date.now() + 1000;
    expect((await (await as('staff1', afterDeadline)).post(`/tenders/${tender.id}/opening`)).status).toBe(
      200,
    );
    const published = await publishedLogAt(`/tenders/${tender.id}/process-log`, { info: stack.info });
    const key = (await callApi<{ verifierKey: string }>('/audit/public-key', { info: stack.info })).body
      .verifierKey;
    for (const receipt of receipts) verifyReceiptInclusion(Receipt.parse(receipt), published, key);
    await verifyLog(httpLogClient(stack.info.api));
  }, 180_000);
});
