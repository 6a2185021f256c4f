import { getExpert, queueImport, runImport, startImport, updateExpert } from '../../../packages/experts/pool';
import { memoryWorld } from '../../support/memory-world';
import { staff } from '../tenders/published-tender';

const HEADER = 'id,name,phone,employer,specialties,title,status,suspendedUntil,suspensionReason,conflicts';
const row = (id: string, title = '高级工程师') =>
  `${id},王伟,13912345678,ORG-EMP-01,A010101,${title},active,,,`;

type World = ReturnType<typeof memoryWorld>;

/** Starts an import of `lines` and uploads them; returns the import id. */
const uploaded = async (world: World, lines: string[]) => {
  const slot = await startImport(world.deps, staff, { format: 'csv', fileName: 'experts.csv' });
  world.upload(slot.import.objectKey, new TextEncoder().encode([HEADER, ...lines].join('\n')));
  return slot.import.id;
};

/** Staff run the import: it is queued, and the background runs it. */
const imported = async (world: World, id: string) => {
  await queueImport(world.deps, staff, id);
  return runImport(world.deps, id);
};

describe('importing the expert pool', () => {
  it('switches the pool to a new generation that keeps everyone not in the file', async () => {
    const world = memoryWorld();
    await imported(world, await uploaded(world, [row('E-1'), row('E-2')]));
    const second = await imported(world, await uploaded(world, [row('E-2', '教授'), row('E-3')]));
    expect(second).toMatchObject({ status: 'imported', added: 1, updated: 1 });
    const head = (await world.deps.store.expertPool())!;
    expect(head.generation).toBe(second.id);
    const experts = await world.deps.store.experts(head.generation);
    expect(experts.map((e) => [e.id, e.title]).sort()).toEqual([
      ['E-1', '高级工程师'],
      ['E-2', '教授'],
      ['E-3', '高级工程师'],
    ]);
    const entries = world.log.filter((e) => e.action === 'experts.imported');
    // The entry names the staff member who ran it, though the background wrote it.
    expect(entries.map((e) => e.actor)).toEqual([
      { role: 'staff', user: 'staff1' },
      { role: 'staff', user: 'staff1' },
    ]);
  });

  it('imports nothing when one row is bad, and says which row and rule', async () => {
    const world = memoryWorld();
    const id = await uploaded(world, [row('E-1'), 'E-2,李娜,123,ORG-EMP-01,A010101,教授,active,,,']);
    const job = await imported(world, id);
    expect(job.status).toBe('rejected');
    expect(job.rejected).toEqual([expect.objectContaining({ row: 3, field: 'phone' })]);
    expect(job.message).toContain('row 3, phone');
    expect(await world.deps.store.expertPool()).toBeUndefined();
  });

  it('queues a run once: a repeated request starts the same run, a finished import is not run again', async () => {
    const world = memoryWorld();
    const id = await uploaded(world, [row('E-1')]);
    const first = await queueImport(world.deps, staff, id);
    const again = await queueImport(world.deps, staff, id);
    expect([first.queued, again.queued]).toEqual([true, true]);
    expect(world.queued).toEqual([
      { job: 'import-experts', id, run: 1 },
      { job: 'import-experts', id, run: 1 },
    ]);
    await runImport(world.deps, id);
    const done = await queueImport(world.deps, staff, id);
    expect(done).toMatchObject({ queued: false, import: { status: 'imported' } });
    expect(world.queued).toHaveLength(2);
  });

  it('refuses to queue an import whose file was never uploaded', async () => {
    const world = memoryWorld();
    const slot = await startImport(world.deps, staff, { format: 'csv', fileName: 'experts.csv' });
    await expect(queueImport(world.deps, staff, slot.import.id)).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { field: 'file' },
    });
    expect(world.queued).toEqual([]);
  });

  it('suspends an expert through a day to come, and refuses a suspension that ended before today', async () => {
    const world = memoryWorld('2026-03-02T01:00:00Z');
    await imported(world, await uploaded(world, [row('E-1')]));
    const suspend = (until: string) =>
      updateExpert(world.deps, staff, 'E-1', { status: { state: 'suspended', until, reason: '病假' } });
    await expect(suspend('2025-03-02')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'body.status.until' },
    });
    expect((await getExpert(world.deps, 'E-1')).status).toEqual({ state: 'active' });
    // Through today, in Beijing time, is still a suspension.
    expect((await suspend('2026-03-02')).status).toMatchObject({ state: 'suspended', until: '2026-03-02' });
  });

  it('never writes into a live generation when a finished import is run again', async () => {
    const world = memoryWorld();
    const id = await uploaded(world, [row('E-1')]);
    const done = await imported(world, id);
    await updateExpert(world.deps, staff, 'E-1', { title: '正高级工程师' });
    // As if the first run had switched the pool and died before recording it.
    await world.deps.store.put([{ kind: 'expertImport', value: { ...done, status: 'writing' } }]);
    expect((await runImport(world.deps, id)).status).toBe('imported');
    expect((await world.deps.store.expert(id, 'E-1'))!.title).toBe('正高级工程师');
  });
});
