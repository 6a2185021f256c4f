import { recordReport } from '../../../packages/award/evaluation';
import {
  callFinalQuotes,
  recordRound,
  submitFinalQuote,
  viewNegotiation,
} from '../../../packages/award/negotiation';
import { stepDone } from '../../../packages/lifecycle/steps';
import { waitTimestamp } from '../../../packages/lifecycle/wait-limits';
import { bidder, DAY, regulator, staff } from '../tenders/published-tender';
import { evaluated } from './evaluated-tender';

const HOUR = 3_600_000;
const negotiation = { procedure: 'competitive-negotiation' } as const;
const goods = { type: 'goods', holidays: true } as const;

/** A competitive negotiation opened (bidders 1–3 opened, bidder 4 registered only) with its team seated. */
const negotiating = async () => {
  const fixture = await evaluated(negotiation, goods);
  return { ...fixture, tenderId: fixture.world.tender.id, deps: fixture.world.deps };
};

describe('negotiation rounds and final quotes (谈判, 磋商)', () => {
  it('belongs to 谈判 and 磋商 only: an open tender has no rounds', async () => {
    const { world } = await evaluated();
    await expect(recordRound(world.deps, staff, world.tender.id, '第一轮谈判')).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
      details: { rule: '74号令33', field: 'tenderId' },
    });
  });

  it('takes the rounds, then one call for final quotes within 3 days, which the lifecycle waits for', async () => {
    const { deps, tenderId, world } = await negotiating();
    expect(await stepDone(deps, tenderId, 'draw')).toMatchObject({ then: 'negotiation' });
    expect(await stepDone(deps, tenderId, 'negotiation')).toBeUndefined();
    const now = world.clock.now().getTime();
    await expect(
      callFinalQuotes(deps, staff, tenderId, new Date(now + HOUR).toISOString()),
    ).rejects.toMatchObject({ code: 'CONFLICT', details: { rule: '74号令33' } });
    await recordRound(deps, staff, tenderId, '第一轮：技术要求不变');
    await recordRound(deps, staff, tenderId, '第二轮：交货期调整为30日，已书面通知全部供应商');
    for (const dueAt of [now - 1, now + 3 * DAY + 1]) {
      await expect(
        callFinalQuotes(deps, staff, tenderId, new Date(dueAt).toISOString()),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'body.quotesDueAt' } });
    }
    const quotesDueAt = new Date(now + HOUR).toISOString();
    const called = await callFinalQuotes(deps, staff, tenderId, quotesDueAt);
    expect(called.rounds.map((r) => r.number)).toEqual([1, 2]);
    // The same call again is a retry; another time, or another round, is refused.
    expect((await callFinalQuotes(deps, staff, tenderId, quotesDueAt)).finalCall).toEqual(called.finalCall);
    await expect(
      callFinalQuotes(deps, staff, tenderId, new Date(now + 2 * HOUR).toISOString()),
    ).rejects.toMatchObject({ code: 'CONFLICT', details: { field: 'body.quotesDueAt' } });
    await expect(recordRound(deps, staff, tenderId, '第三轮')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await stepDone(deps, tenderId, 'negotiation')).toEqual({
      quotesDueAt: waitTimestamp(quotesDueAt),
    });
  });

  it('takes one final quote from each opened supplier, sealed from everyone else until the time', async () => {
    const { deps, tenderId, world } = await negotiating();
    await recordRound(deps, staff, tenderId, '第一轮');
    const quotesDueAt = new Date(world.clock.now().getTime() + HOUR).toISOString();
    await callFinalQuotes(deps, staff, tenderId, quotesDueAt);
    // Bidder 4 registered but its response was never opened: for it there is no negotiation.
    await expect(submitFinalQuote(deps, bidder(4), tenderId, 50)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(viewNegotiation(deps, bidder(4), tenderId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const mine = await submitFinalQuote(deps, bidder(2), tenderId, 90);
    expect(mine.quotes).toEqual([expect.objectContaining({ bidderOrg: 'ORG-BIDDER-2', price: 90 })]);
    expect((await submitFinalQuote(deps, bidder(2), tenderId, 90)).quotes).toEqual(mine.quotes);
    await expect(submitFinalQuote(deps, bidder(2), tenderId, 80)).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { field: 'body.price', rule: '74号令33' },
    });
    await submitFinalQuote(deps, bidder(3), tenderId, 180);
    // Calling again (a retry) answers staff without the quotes given since.
    expect((await callFinalQuotes(deps, staff, tenderId, quotesDueAt)).quotes).toEqual([]);
    // Before the time nobody sees another's quote, staff and regulators included; the rounds' text is the team's.
    expect((await viewNegotiation(deps, staff, tenderId)).quotes).toEqual([]);
    expect((await viewNegotiation(deps, bidder(3), tenderId)).quotes.map((q) => q.bidderOrg)).toEqual([
      'ORG-BIDDER-3',
    ]);
    expect((await viewNegotiation(deps, bidder(3), tenderId)).rounds[0]).not.toHaveProperty('summary');
    world.clock.advance(HOUR);
    await expect(submitFinalQuote(deps, bidder(1), tenderId, 250)).rejects.toMatchObject({
      code: 'DEADLINE_PASSED',
    });
    expect(
      (await viewNegotiation(deps, regulator, tenderId)).quotes.map((q) => [q.bidderOrg, q.price]),
    ).toEqual([
      ['ORG-BIDDER-2', 90],
      ['ORG-BIDDER-3', 180],
    ]);
    expect(world.log.filter((e) => e.action === 'negotiation.final-quote').map((e) => e.subject)).toEqual([
      {},
      {},
    ]);
  });

  it('reports after the quotes closed, each candidate at its final quote', async () => {
    const { deps, tenderId, world, members, reportFile } = await negotiating();
    await recordRound(deps, staff, tenderId, '第一轮');
    await callFinalQuotes(deps, staff, tenderId, new Date(world.clock.now().getTime() + HOUR).toISOString());
    await submitFinalQuote(deps, bidder(2), tenderId, 90);
    await submitFinalQuote(deps, bidder(3), tenderId, 180);
    const report = (candidates: { bidderOrg: string; price: number }[]) =>
      recordReport(deps, staff, tenderId, { candidates, signedBy: members, reportFile });
    await expect(report([{ bidderOrg: 'ORG-BIDDER-2', price: 90 }])).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { rule: '74号令33' },
    });
    world.clock.advance(HOUR);
    await expect(report([{ bidderOrg: 'ORG-BIDDER-2', price: 100 }])).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'body.candidates.0.price', rule: '74号令33' },
    });
    const recorded = await report([
      { bidderOrg: 'ORG-BIDDER-2', price: 90 },
      { bidderOrg: 'ORG-BIDDER-3', price: 180 },
    ]);
    expect(recorded.candidates.map((c) => c.price)).toEqual([90, 180]);
    expect(await stepDone(deps, tenderId, 'report')).toMatchObject({ then: 'result' });
  });
});
