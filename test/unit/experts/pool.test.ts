import { runImport, startImport, updateExpert } from '../../../packages/experts/pool';
import { memoryTrading } from '../tenders/memory-trading';
import { staff } from '../tenders/published-tender';

const HEADER = 'id,name,phone,employer,specialties,title,status,suspendedUntil,suspensionReason,conflicts';
const row = (id: string, title = '高级工程师') =>
  `${id},王伟,13912345678,ORG-EMP-01,A010101,${title},active,,,`;

/** Starts an import of `lines` and uploads them; returns the import id. */
const uploaded = async (world: ReturnType<typeof memoryTrading>, lines: string[]) => {
  const slot = await startImport(world.deps, staff, { format: 'csv', fileName: 'experts.csv' });
  world.upload(slot.import.objectKey, new TextEncoder().encode([HEADER, ...lines].join('\n')));
  return slot.import.id;
};

describe('importing the expert pool', () => {
  it('switches the pool to a new generation that keeps everyone not in the file', async () => {
    const world = memoryTrading();
    await runImport(world.deps, staff, await uploaded(world, [row('E-1'), row('E-2')]));
    const second = await runImport(
      world.deps,
      staff,
      await uploaded(world, [row('E-2', '教授'), row('E-3')]),
    );
    expect(second).toMatchObject({ status: 'imported', added: 1, updated: 1 });
    const head = (await world.deps.store.expertPool())!;
    expect(head.generation).toBe(second.id);
    const experts = await world.deps.store.experts(head.generation);
    expect(experts.map((e) => [e.id, e.title]).sort()).toEqual([
      ['E-1', '高级工程师'],
      ['E-2', '教授'],
      ['E-3', '高级工程师'],
    ]);
    expect(world.log.filter((e) => e.action === 'experts.imported')).toHaveLength(2);
  });

  it('imports nothing when one row is bad', async () => {
    const world = memoryTrading();
    await expect(
      runImport(
        world.deps,
        staff,
        await uploaded(world, [row('E-1'), 'E-2,李娜,123,ORG-EMP-01,A010101,教授,active,,,']),
      ),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'rows.3.phone' },
    });
    expect(await world.deps.store.expertPool()).toBeUndefined();
  });

  it('never writes into a live generation when a finished import is run again', async () => {
    const world = memoryTrading();
    const id = await uploaded(world, [row('E-1')]);
    const done = await runImport(world.deps, staff, id);
    await updateExpert(world.deps, staff, 'E-1', { title: '正高级工程师' });
    // As if the first run had switched the pool and died before recording it.
    await world.deps.store.put([{ kind: 'expertImport', value: { ...done, status: 'writing' } }]);
    expect((await runImport(world.deps, staff, id)).status).toBe('imported');
    expect((await world.deps.store.expert(id, 'E-1'))!.title).toBe('正高级工程师');
  });
});
