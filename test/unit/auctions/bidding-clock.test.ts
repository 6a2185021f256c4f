import { applyToAuction, decideApplication, placeBid, stepBiddingClock } from '../../../packages/auctions';
import { DAY, memoryAuctions, staff } from '../../support/memory-auctions';

/** An auction on the memory world, watched by one connection, its clock's first run asked for. */
const auctionWithClock = async () => {
  const { world, deps, pushed, runs, announce } = memoryAuctions();
  const { auction } = await announce();
  await deps.connections.joinRoom({
    auctionId: auction.id,
    connectionId: 'c1',
    connectedAt: auction.opensAt,
  });
  return { world, deps, auction, pushed, runs, first: runs[0]! };
};

describe("an auction's bidding clock", () => {
  it('starts its first run at the announcement, named by the auction, and waits for the opening', async () => {
    const { deps, auction, pushed, first } = await auctionWithClock();
    expect(first).toEqual({ auctionId: auction.id, generation: 0, startedAt: auction.announcedAt, steps: 0 });
    const step = await stepBiddingClock(deps, first);
    expect(step).toMatchObject({ done: false, nextAt: auction.opensAt, steps: 1, failed: 0 });
    expect(pushed.map((m) => m.type)).toEqual(['auction']);
  });

  it('waits for the countdown a bid restarted, rounded up to the second, and ends with the bidding', async () => {
    const { world, deps, auction, first } = await auctionWithClock();
    const bidder = { role: 'bidder', user: 'bidder1', org: 'ORG-BIDDER-1' } as const;
    await applyToAuction(deps, bidder, auction.id, { bond: { kind: 'paid', reference: 'BANK-1' } });
    await decideApplication(deps, staff, auction.id, bidder.org, { qualified: true });
    world.clock.advance(Date.parse(auction.opensAt) - world.clock.now().getTime() + 1_234);
    const opened = await stepBiddingClock(deps, first);
    expect(Date.parse(opened.nextAt!)).toBe(Date.parse(auction.state.endsAt));
    world.clock.advance(60_000);
    const { bid } = await placeBid(deps, bidder, auction.id, { amountFen: 100_000_000, sequence: 1 });
    world.clock.advance(Date.parse(auction.state.endsAt) - world.clock.now().getTime() + 500);
    const running = await stepBiddingClock(deps, opened);
    const restartedEnd =
      Date.parse(bid.at) + (Date.parse(auction.state.endsAt) - Date.parse(auction.opensAt));
    expect(Date.parse(running.nextAt!)).toBe(Math.ceil(restartedEnd / 1000) * 1000);
    world.clock.advance(Date.parse(running.nextAt!) - world.clock.now().getTime());
    expect(await stepBiddingClock(deps, running)).toMatchObject({ done: true, nextAt: null, steps: 3 });
  });

  it('hands on to its next run before Step Functions would end it: by steps, or by age', async () => {
    const { world, deps, auction, runs, first } = await auctionWithClock();
    expect(await stepBiddingClock(deps, { ...first, steps: 999 })).toMatchObject({
      done: true,
      nextAt: null,
    });
    expect(runs[1]).toEqual({
      auctionId: auction.id,
      generation: 1,
      startedAt: world.clock.now().toISOString(),
      steps: 0,
    });
    // A wait never reaches past the run's age limit: the run wakes and hands on.
    const old = { ...first, startedAt: new Date(world.clock.now().getTime() - 299 * DAY).toISOString() };
    const step = await stepBiddingClock(deps, old);
    expect(Date.parse(step.nextAt!)).toBe(Date.parse(old.startedAt) + 300 * DAY);
    world.clock.advance(DAY);
    expect(await stepBiddingClock(deps, old)).toMatchObject({ done: true });
    expect(runs[2]).toMatchObject({ generation: 1, steps: 0 });
  });

  it('still steps when a connection cannot be reached now, keeping it in the room', async () => {
    const { deps, auction, first } = await auctionWithClock();
    await deps.connections.joinRoom({
      auctionId: auction.id,
      connectionId: 'c2',
      connectedAt: auction.opensAt,
    });
    const flaky: typeof deps = {
      ...deps,
      room: {
        push: async (id) => {
          if (id === 'c2') throw new Error('throttled');
          return true;
        },
      },
    };
    expect(await stepBiddingClock(flaky, first)).toMatchObject({ done: false, failed: 1 });
    expect((await deps.connections.roomConnections(auction.id)).map((c) => c.connectionId).sort()).toEqual([
      'c1',
      'c2',
    ]);
  });
});
