import { leafHashOfEntry } from '../../../packages/audit-log';
import { OpenDataDeps } from '../../../packages/open-data';
import { World } from '../bidding/sealed-bid-client';

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
