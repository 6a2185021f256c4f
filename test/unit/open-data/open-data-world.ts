import { leafHashOfEntry } from '../../../packages/audit-log';
import { recordReport } from '../../../packages/award/evaluation';
import { startPublicity } from '../../../packages/award/publicity';
import { publishResult, recordContract } from '../../../packages/award/result';
import { OpenDataDeps } from '../../../packages/open-data';
import { candidates, evaluated } from '../award/evaluated-tender';
import { World } from '../bidding/sealed-bid-client';
import { DAY, staff } from '../tenders/published-tender';

/** Open data over a memory world: its log served as the audit routes serve it, under the prefix `test`. */
export const openDataOf = (world: Pick<World, 'deps' | 'log' | 'clock'>): OpenDataDeps => ({
  store: world.deps.store,
  clock: world.clock,
  log: {
    size: async () => world.log.length,
    entries: async (start, end) =>
      world.log.slice(start, end).map((entry) => ({
        index: entry.index,
        leafHash: Buffer.from(leafHashOfEntry(entry)).toString('hex'),
        entry,
      })),
  },
  config: { prefix: 'test', publisherName: '市公共资源交易中心', baseUrl: 'https://api.sunlit.example' },
});

/** A tender in memory through its publicity and result, and its contract unless told otherwise. */
export const awarded = async ({ contract = true } = {}) => {
  const { world, members, reportFile } = await evaluated();
  await recordReport(world.deps, staff, world.tender.id, { candidates, signedBy: members, reportFile });
  await startPublicity(world.deps, staff, world.tender.id, 3);
  world.clock.advance(3 * DAY + 1);
  await publishResult(world.deps, staff, world.tender.id);
  if (contract) await recordContract(world.deps, staff, world.tender.id, '2026-04-30');
  return world;
};
