import * as z from 'zod';
import { Sha256Hex } from '../kernel';

/** The public log's entry that anchors a process log: one per run for every open process, activity or not. */
export const ANCHOR_ACTION = 'process.anchored';

/**
 * What a `process.anchored` entry says: each anchored process with its commitment and the public
 * index of its anchor before (null for its first), and whether final. The chain is public: it
 * says only when the cadence ran, and it lets a published log be checked for a left-out anchor,
 * and the public log for a process with two chains.
 */
export const AnchorEntryData = z.strictObject({
  final: z.boolean(),
  anchors: z.array(
    z.strictObject({
      processId: z.string(),
      commitment: Sha256Hex,
      previous: z.int().nonnegative().nullable(),
    }),
  ),
});
export type AnchorEntryData = z.infer<typeof AnchorEntryData>;

const ANCHOR_PREFIX = `{"action":"${ANCHOR_ACTION}"`;

/**
 * Follows every process's anchors through the public log, entry by entry in log order: each
 * must name the process's anchor before it (null for its first), and none may follow its final
 * one. A process with two chains, or anchored after its close, is found by whoever reads the
 * whole log; a published process log that leaves an anchor out breaks its own chain.
 */
export class AnchorChains {
  readonly #latest = new Map<string, { index: number; final: boolean }>();

  /** Checks entry `index` as it was logged (its text or bytes); the reason it breaks a chain, if it does. */
  check(index: number, logged: string | Uint8Array): string | undefined {
    // Canonical JSON sorts keys: an anchor entry starts with its action, and no other entry does.
    const head =
      typeof logged === 'string'
        ? logged.slice(0, ANCHOR_PREFIX.length)
        : Buffer.from(logged.subarray(0, ANCHOR_PREFIX.length)).toString('utf8');
    if (head !== ANCHOR_PREFIX) return undefined;
    const text = typeof logged === 'string' ? logged : Buffer.from(logged).toString('utf8');
    let parsed: unknown;
    try {
      parsed = (JSON.parse(text) as { data?: unknown }).data;
    } catch {
      return `Entry ${index} starts as an anchor entry but is not JSON.`;
    }
    const data = AnchorEntryData.safeParse(parsed);
    if (!data.success) return `Entry ${index} is an anchor entry whose data is not an anchor's.`;
    const named = new Set<string>();
    for (const { processId, previous } of data.data.anchors) {
      if (named.has(processId)) return `Entry ${index} anchors process ${processId} twice.`;
      named.add(processId);
      const latest = this.#latest.get(processId);
      if (latest?.final)
        return `Entry ${index} anchors process ${processId} after its final anchor at entry ${latest.index}.`;
      if (previous !== (latest?.index ?? null))
        return `Entry ${index} anchors process ${processId} after ${previous === null ? 'no anchor' : `entry ${previous}`}, but its latest anchor is ${latest ? `at entry ${latest.index}` : 'none'}: its anchors fork.`;
      this.#latest.set(processId, { index, final: data.data.final });
    }
    return undefined;
  }
}
