import { decryptBids, startOpening, submitShare } from '../../../packages/bidding/opening';
import { answerNotice } from '../../../packages/draw-ceremony/committee';
import { reportUploadSlot } from '../../../packages/award/evaluation';
import { ProcedureTerms } from '../../../packages/procedures';
import { shareOf, submit, World } from '../bidding/sealed-bid-client';
import { ceremony, seedPool } from '../draw-ceremony/committee-fixture';
import { publishedTender, regulator, regulator2, staff } from '../tenders/published-tender';

/** The committee's report: ranked candidates with their prices in fen. */
export const candidates = [
  { bidderOrg: 'ORG-BIDDER-2', price: 100 },
  { bidderOrg: 'ORG-BIDDER-3', price: 200 },
];

/** The opening, after the deadline: started, both regulators' shares given, every bid decrypted. */
export const openBids = async (world: World) => {
  await startOpening(world.deps, staff, world.tender.id);
  await submitShare(world.deps, regulator, world.tender.id, await shareOf(world, 'regulator1'));
  await submitShare(world.deps, regulator2, world.tender.id, await shareOf(world, 'regulator2'));
  await decryptBids(world.deps, world.tender.id);
};

/** A tender opened with three decrypted bids and a drawn committee whose members confirmed. */
export const evaluated = async (
  terms: ProcedureTerms = {},
  project?: Parameters<typeof publishedTender>[2],
  /** What the bidders do before bidding, e.g. pay their bonds. */
  beforeBids: (world: World) => Promise<void> = async () => {},
) => {
  const world: World = await publishedTender([1, 2, 3, 4], terms, project);
  await beforeBids(world);
  await submit(world, 1, 300);
  await submit(world, 2, 100);
  await submit(world, 3, 200);
  await seedPool(world);
  world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
  await openBids(world);
  const { drawn } = await ceremony(world);
  const members = drawn.result!.picks.flatMap((p) => p.primaries);
  for (const expertId of members)
    await answerNotice(world.deps, staff, world.tender.id, { expertId, response: 'confirmed' });
  const slot = await reportUploadSlot(world.deps, world.tender.id);
  world.upload(slot.objectKey, new TextEncoder().encode('%PDF-1.7 评标报告'));
  return { world, drawn, members, reportFile: slot.objectKey };
};
