import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { callApi, eventually, stackInfo } from '../support/local-stack';
import { as } from './client';
import { Json } from './tender-fixture';

const projectRoot = path.resolve(__dirname, '..', '..');
const HEADER = 'id,name,phone,employer,specialties,title,status,suspendedUntil,suspensionReason,conflicts';

/** Starts an import, uploads `text` to its slot and runs it. */
const importFile = async (text: string, format: 'csv' | 'json' = 'csv') => {
  const staff = await as('staff1');
  const slot = await staff.post<Json>('/experts/imports', { format, fileName: `experts.${format}` });
  expect(slot.status).toBe(201);
  const put = await fetch(slot.body.uploadUrl, { method: 'PUT', body: text, headers: slot.body.headers });
  expect(put.status).toBe(200);
  return {
    id: slot.body.import.id as string,
    run: await staff.post<Json>(`/experts/imports/${slot.body.import.id}/run`),
  };
};

describe('the expert pool', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sunlit-experts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const suffix = String(Date.now()).slice(-6);

  it('imports nothing when a row is bad, and names every bad row with its field and rule', async () => {
    const staff = await as('staff1');
    const before = (await staff.get<Json>('/experts/E-00002')).body;
    const { id, run } = await importFile(
      [
        HEADER,
        `E-00002,${before.name},13900000000,${before.employer},A010101,总工程师,active,,,`,
        `X-${suffix},张三,12345,ORG-EMP-01,A010101,工程师,active,,,`,
        `Y-${suffix},李四,13911112222,ORG-EMP-01,NOPE,工程师,paused,,,`,
      ].join('\n'),
    );
    // Queued at once: the run goes on in the background, and the import is where it is followed.
    expect(run.status).toBe(202);
    expect(run.headers.get('location')).toBe(`/experts/imports/${id}`);
    expect(run.body).toMatchObject({ id, status: 'queued', runs: 1 });
    const report = await eventually(async () => {
      const job = (await staff.get<Json>(`/experts/imports/${id}`)).body;
      return job.status === 'rejected' ? job : undefined;
    });
    expect(report).toMatchObject({ status: 'rejected', rows: 3 });
    expect(report.message).toContain('2 of 3 rows were rejected (3 problems)');
    const rejected = report.rejected.map((r: Json) => `rows.${r.row}.${r.field}`);
    expect(rejected).toEqual(expect.arrayContaining(['rows.3.phone', 'rows.4.specialties', 'rows.4.status']));
    // Run again, a finished import answers as it is, and nothing is queued.
    const again = await staff.post<Json>(`/experts/imports/${id}/run`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'rejected', runs: 1 });
    // The good row was not imported either.
    expect((await staff.get<Json>('/experts/E-00002')).body.title).toBe(before.title);
  });

  it('adds and updates experts all at once, logs the import, and keeps everyone else', async () => {
    const staff = await as('staff1');
    const kept = (await staff.get<Json>('/experts/E-00003')).body;
    const file = path.join(dir, 'experts.csv');
    writeFileSync(
      file,
      [
        HEADER,
        `N-${suffix},赵敏,13700001111,ORG-EMP-03,A010101;A030101,高级工程师,active,,,ORG-BIDDER-4`,
        `E-00004,钱七,13600002222,ORG-EMP-02,A020101,教授,suspended,2027-01-31,借调外地,`,
      ].join('\n'),
    );
    const cli = spawnSync(
      process.execPath,
      [
        path.join(projectRoot, 'bin/sunlit.cjs'),
        'experts',
        'import',
        file,
        '--user',
        'staff1',
        '--url',
        stackInfo().api,
      ],
      { encoding: 'utf8' },
    );
    expect(cli.stdout).toContain('Imported 2 rows');
    expect(cli.stdout).toContain('1 added, 1 updated');
    expect(cli.status).toBe(0);

    expect((await staff.get<Json>(`/experts/N-${suffix}`)).body).toMatchObject({
      name: '赵敏',
      specialties: ['A010101', 'A030101'],
      conflicts: ['ORG-BIDDER-4'],
    });
    expect((await staff.get<Json>('/experts/E-00004')).body.status).toEqual({
      state: 'suspended',
      until: '2027-01-31',
      reason: '借调外地',
    });
    expect((await staff.get<Json>('/experts/E-00003')).body).toEqual(kept);
  });

  it('records a suspension as an audit entry, for staff only', async () => {
    const staff = await as('staff1');
    const patch = { status: { state: 'suspended', until: '2027-03-01', reason: '违规记录核查中' } };
    expect((await (await as('bidder1')).patch('/experts/E-00005', patch)).status).toBe(403);
    expect((await (await as('regulator1')).patch('/experts/E-00005', patch)).status).toBe(403);
    expect(
      (await staff.patch<Json>('/experts/E-00005', { status: { state: 'paused' } })).body.error.field,
    ).toBe('body.status.state');
    const updated = await staff.patch<Json>('/experts/E-00005', patch);
    expect(updated.status).toBe(200);
    expect(updated.body.status).toEqual(patch.status);
    const checkpoint = await callApi<string>('/audit/checkpoint');
    const size = Number(checkpoint.body.split('\n')[1]);
    const latest = await callApi<Json>(`/audit/entries?start=${Math.max(0, size - 20)}&end=${size}`);
    expect(
      latest.body.entries.some(
        (e: Json) => e.entry.action === 'experts.updated' && e.entry.subject.expertId === 'E-00005',
      ),
    ).toBe(true);
    expect((await callApi<Json>('/specialties')).body.specialties).toContain('A010101');
  });
});
