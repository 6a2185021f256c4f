import * as z from 'zod';
import { DomainError, notFound } from '../kernel';
import { Writes } from '../audit-log';
import { CeremonyRecord, DrawDeps } from './ports';
import { requireDraw } from './ceremony';
import { Draw, PARTIES } from './model';
/** How long the links to a draw's frozen inputs stay valid. */
const LINK_SECONDS = 15 * 60;

/**
 * Everything needed to re-run a draw and check it against the audit log: the frozen inputs
 * (as links, since a city's pool is larger than a response may be), every secret and
 * commitment, the outcome, and the log index of each step.
 */
export const DrawRecord = z.object({
  drawId: z.string(),
  tenderId: z.string(),
  requestHash: z.string(),
  poolHash: z.string(),
  requestUrl: z.string(),
  poolUrl: z.string(),
  parties: z.array(z.string()),
  commitments: z.record(z.string(), z.string()),
  secrets: z.record(z.string(), z.string()),
  outcome: z.record(z.string(), z.unknown()),
  entries: z.object({
    frozen: z.int(),
    commitments: z.record(z.string(), z.int()),
    reveals: z.record(z.string(), z.int()),
    completed: z.int(),
  }),
  publishedAt: z.string().optional(),
});
export type DrawRecord = z.infer<typeof DrawRecord>;

/**
 * A completed draw's record. Regulators may read it at once; everyone else only after the
 * tender's result notice made it public (法37), and it never holds expert contact data.
 */
export const drawRecord = async (
  deps: DrawDeps,
  audience: 'regulator' | 'public',
  drawId: string,
): Promise<DrawRecord> => {
  const draw = await requireDraw(deps, drawId);
  if (audience === 'public' && !draw.publishedAt) throw notFound('published draw', drawId);
  const outcome = draw.result ?? draw.failure;
  if (!outcome || !draw.completed) {
    throw new DomainError('CONFLICT', `Draw ${drawId} is not complete yet (${draw.status}).`, {
      field: 'drawId',
    });
  }
  const [requestUrl, poolUrl] = await Promise.all([
    deps.documents.downloadUrl(draw.snapshot.request, LINK_SECONDS),
    deps.documents.downloadUrl(draw.snapshot.pool, LINK_SECONDS),
  ]);
  const byParty = <T>(pick: (party: (typeof PARTIES)[number]) => T) =>
    Object.fromEntries(PARTIES.map((party) => [party, pick(party)]));
  return {
    drawId: draw.id,
    tenderId: draw.tenderId,
    requestHash: draw.requestHash,
    poolHash: draw.poolHash,
    requestUrl,
    poolUrl,
    parties: [...PARTIES],
    commitments: byParty((p) => draw.commitments[p]!.commitment),
    secrets: byParty((p) => draw.reveals[p]!.secret),
    outcome,
    entries: {
      frozen: draw.frozen.index,
      commitments: byParty((p) => draw.commitments[p]!.index),
      reveals: byParty((p) => draw.reveals[p]!.index),
      completed: draw.completed.index,
    },
    ...(draw.publishedAt ? { publishedAt: draw.publishedAt } : {}),
  };
};

/**
 * The writes that make every completed draw of a tender public; the result notice (中标结果公告)
 * commits them with its own entry, so the committee becomes public exactly when the result does.
 */
export const publishDraws = (draws: Draw[], at: Date): Writes<CeremonyRecord> => ({
  replace: draws
    .filter((d) => d.completed && !d.publishedAt)
    .map((d) => ({
      record: {
        kind: 'draw' as const,
        value: { ...d, publishedAt: at.toISOString(), version: d.version + 1 },
      },
      expect: { version: d.version },
    })),
});
