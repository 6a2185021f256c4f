import { randomBytes } from 'node:crypto';
import { requestDraw, revealSecret, submitCommitment } from '../../../packages/draw-ceremony/ceremony';
import { demoExperts } from '../../../packages/demo-data/demo-data';
import { commitment } from '../../../packages/expert-draw/secrets';
import { DAY, publishedTender, regulator, staff } from '../tenders/published-tender';

/** A memory world ready for the draw, and the ceremony run the way staff and the regulator run it. */

export const quotas = [
  { specialty: 'A010101', count: 3, reserves: 1 },
  { specialty: 'A030101', count: 2, reserves: 1 },
];

/** Loads the demo pool as the current generation. */
export const seedPool = async (world: Awaited<ReturnType<typeof publishedTender>>) => {
  const experts = demoExperts();
  await world.deps.store.put([
    {
      kind: 'expertPool',
      value: { generation: 'g1', size: experts.length, updatedAt: '2026-01-01T00:00:00Z', version: 1 },
    },
    ...experts.map((value) => ({ kind: 'expert' as const, generation: 'g1', value })),
  ]);
  return experts;
};

/** A published tender with three registered bidders, the demo pool, and the clock past the bid deadline. */
export const afterDeadline = async () => {
  const world = await publishedTender([1, 2, 3]);
  const experts = await seedPool(world);
  world.clock.advance(21 * DAY);
  return { ...world, experts };
};

export const secret = () => randomBytes(32).toString('hex');

export type World = Awaited<ReturnType<typeof publishedTender>>;

/** Staff ask for a draw of `asked` quotas for the world's tender. */
export const ask = (world: World, asked = quotas, idempotencyKey?: string) =>
  requestDraw(
    world.deps,
    staff,
    world.tender.id,
    { quotas: asked, tendererRepresentatives: 0, exclusions: [] },
    idempotencyKey,
  );

/** The whole ceremony: request, the regulator's commitment and reveal; returns the draw and the regulator's secret. */
export const ceremony = async (world: World, asked = quotas) => {
  const { draw } = await ask(world, asked);
  const mine = secret();
  await submitCommitment(world.deps, regulator, draw.id, commitment(mine));
  return { drawn: await revealSecret(world.deps, regulator, draw.id, mine), mine };
};
