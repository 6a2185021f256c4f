import type { DrawResult } from '../expert-draw';
import { byteOrder } from './invalid-input';

/** All these functions read of a draw result: its picks (so a stored result parsed loosely will do). */
export type DrawnPicks = Pick<DrawResult, 'picks'>;

/** One seat of the evaluation committee as a draw fills it: the specialty, its place, its expert. */
export interface CommitteeSeat {
  specialty: string;
  /** 1-based place among the seats of this specialty, in drawn order. */
  place: number;
  expertId: string;
}

/**
 * The seats a draw fills, in quota order and, within a quota, in drawn order: the order in
 * which primaries are notified. Reserves hold no seat until `nextReserve` gives them one.
 */
export const seatsOf = (result: DrawnPicks): CommitteeSeat[] => {
  const placed = new Map<string, number>();
  return result.picks.flatMap(({ specialty, primaries }) =>
    primaries.map((expertId) => {
      const place = (placed.get(specialty) ?? 0) + 1;
      placed.set(specialty, place);
      return { specialty, place, expertId };
    }),
  );
};

/**
 * The reserve who replaces an expert of `specialty` that declined or did not come: the first
 * reserve, in drawn order, not in `used` (everyone already notified or seated). Undefined when
 * the draw has none left, or never drew that specialty: then a supplementary draw is needed
 * (条例46: a replacement is drawn too, never named).
 */
export const nextReserve = (
  result: DrawnPicks,
  specialty: string,
  used: ReadonlySet<string>,
): string | undefined => {
  for (const pick of result.picks) {
    if (pick.specialty !== specialty) continue;
    const next = pick.reserves.find((expertId) => !used.has(expertId));
    if (next !== undefined) return next;
  }
  return undefined;
};

/**
 * Everyone drawn before for this tender, primaries and reserves alike, sorted and once each:
 * a supplementary draw excludes them all, so nobody is drawn twice for one tender.
 */
export const supplementaryExclusions = (previousResults: readonly DrawnPicks[]): string[] => {
  const drawn = new Set<string>();
  for (const result of previousResults) {
    for (const pick of result.picks) {
      for (const expertId of [...pick.primaries, ...pick.reserves]) drawn.add(expertId);
    }
  }
  return [...drawn].sort(byteOrder);
};
