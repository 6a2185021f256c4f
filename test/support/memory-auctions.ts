import {
  ClockRun,
  createAuction,
  CreateAuction,
  RoomDeps,
  RoomMessage,
  reserveCommitment,
} from '../../packages/auctions';
import { demoHolidays2026 } from '../../packages/legal-rules/calendar';
import { auctionStore, roomConnections } from '../../packages/storage';
import { memoryWorld } from './memory-world';

export const DAY = 86_400_000;
export const staff = { role: 'staff', user: 'staff1' } as const;

/**
 * The auctions context on the memory world: its real store over the in-memory table, a room that
 * records what it is pushed, and a bidding clock that records the runs it is asked to start.
 */
export const memoryAuctions = (start = '2026-03-02T01:00:00Z') => {
  const world = memoryWorld(start);
  const pushed: RoomMessage[] = [];
  const runs: ClockRun[] = [];
  const deps: RoomDeps & { biddingClock: { start(run: ClockRun): Promise<void> } } = {
    store: auctionStore(world.table),
    clock: world.clock,
    processLogs: world.deps.processLogs as RoomDeps['processLogs'],
    connections: roomConnections(world.table),
    room: { push: async (_id, message) => (pushed.push(message), true) },
    roomUrl: 'ws://room.test/live',
    biddingClock: { start: async (run) => void runs.push(run) },
  };
  /** Staff announce a deal of `kind` opening `openInDays` from now, no reserve, as `overrides` change it. */
  const announce = async (overrides: Partial<CreateAuction> = {}, openInDays = 20) => {
    // State property counts its disclosure in working days, on the year's calendar.
    await world.deps.store.put([{ kind: 'calendar', year: 2026, value: demoHolidays2026 }]);
    const now = world.clock.now().getTime();
    return createAuction(deps, staff, {
      kind: 'land-auction',
      title: '基准地块',
      sellerOrg: 'ORG-TENDERER-1',
      startingPriceFen: 100_000_000,
      incrementFen: 1_000_000,
      bondFen: 20_000_000,
      applicationsCloseAt: new Date(now + (openInDays - 1) * DAY).toISOString(),
      opensAt: new Date(now + openInDays * DAY + 3_600_000).toISOString(),
      reserveCommitment: reserveCommitment({ reserveFen: null, salt: 'ab'.repeat(32) }),
      ...overrides,
    });
  };
  return { world, deps, pushed, runs, announce };
};
