import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod';
import { Clock, Sha256Hex } from '../kernel';
import { openSignedNote } from './checkpoint';
import { platformActor } from './actors';
import { AuditEntry, leafHashOfLoggedText } from './entry';
import { NewEntry } from './new-entry';
import { sameHash } from './hash';
import { LogClient, proveEntries, VerificationFailed } from './offline-verifier';
import { ANCHOR_ACTION, AnchorEntryData } from './anchor-chains';
import { RootBuilder } from './root-builder';

/**
 * A process's sealed process log (过程日志): a tender's or an auction's confidential activity in its
 * own RFC 9162 log, anchored in the public log by salted commitments to its signed checkpoints at a
 * fixed cadence, so that the public log's size and timing say nothing about how many registered,
 * bid or applied (法22). At the opening (or the result, where nothing is opened) the process log,
 * its checkpoints and the salts become public.
 */

/** The checkpoint origin of a process log (a tender's or an auction's), under the public log's key name. */
export const processLogOrigin = (keyName: string, processId: string) => `${keyName}/process/${processId}`;

/**
 * The commitment the public log carries: SHA-256(salt ‖ checkpoint note), hex. The random salt
 * keeps anyone from confirming a guessed checkpoint (and so a guessed count) against it.
 */
export const anchorCommitment = (salt: string, checkpoint: string): string =>
  createHash('sha256').update(Buffer.from(salt, 'hex')).update(checkpoint, 'utf8').digest('hex');

/** One anchor: the public entry carries only `commitment`; the rest is published at the opening. */
export const ProcessAnchor = z.object({
  processId: z.string(),
  at: z.iso.datetime(),
  /** The index of the public log's `process.anchored` entry that carries the commitment. */
  publicIndex: z.int().nonnegative(),
  commitment: Sha256Hex,
  /** The process log's signed checkpoint (C2SP note) at the anchor. */
  checkpoint: z.string(),
  salt: z.string().regex(/^[0-9a-f]{32}$/, 'must be 16 bytes in lowercase hex'),
  /** Written at the deadline: every bid, withdrawal or application is in the tree it commits to. */
  final: z.boolean(),
  /** The public index of the process's anchor before this one, null for its first: the anchors form one chain. */
  previous: z.int().nonnegative().nullable(),
});
export type ProcessAnchor = z.infer<typeof ProcessAnchor>;

/**
 * New anchors of process logs' signed checkpoints, each freshly salted, carried by one public
 * entry: the entry to append, and each anchor's record once the entry has its index and time.
 * One run of the cadence anchors every open process at once, so the public log grows by one entry
 * a run, however many tenders are open and whatever they do.
 */
export const newAnchors = (
  checkpoints: { processId: string; checkpoint: string; previous: number | null }[],
  final: boolean,
) => {
  const salted = checkpoints.map(({ processId, checkpoint, previous }) => {
    const salt = randomBytes(16).toString('hex');
    return { processId, checkpoint, previous, salt, commitment: anchorCommitment(salt, checkpoint) };
  });
  const data: AnchorEntryData = {
    final,
    anchors: salted.map(({ processId, commitment, previous }) => ({ processId, commitment, previous })),
  };
  const entry: NewEntry = { actor: platformActor, action: ANCHOR_ACTION, subject: {}, data };
  const records = (logged: AuditEntry): ProcessAnchor[] =>
    salted.map((anchor) => ({ ...anchor, at: logged.time, publicIndex: logged.index, final }));
  return { entry, records };
};

/** Whether a public entry is an anchor entry carrying this anchor's commitment and link, final or not as it says. */
const carries = (logged: AuditEntry | undefined, processId: string, anchor: ProcessAnchor): boolean => {
  if (logged?.action !== ANCHOR_ACTION) return false;
  const data = AnchorEntryData.safeParse(logged.data);
  return (
    data.success &&
    data.data.final === anchor.final &&
    data.data.anchors.some(
      (a) =>
        a.processId === processId && a.commitment === anchor.commitment && a.previous === anchor.previous,
    )
  );
};

/** A process log as published at the opening: every entry as it was logged, and every anchor. */
export const PublishedProcessLog = z.object({
  processId: z.string(),
  /** The entries' logged text (RFC 8785 canonical JSON), whose UTF-8 bytes the leaves hash. */
  entries: z.array(z.string()),
  anchors: z.array(ProcessAnchor),
});
export type PublishedProcessLog = z.infer<typeof PublishedProcessLog>;

/**
 * Where a page of a published process log starts: its entries from an index, in log order; then
 * its anchors, newest first, before a given one (from the newest when none is given).
 */
export type ProcessLogPosition =
  { entriesFrom: number } | { anchorsBefore?: Pick<ProcessAnchor, 'at' | 'publicIndex'> };

/** A position as the `next` a page gives: `e<index>`, `a`, or `a<at>_<public index>`. */
export const processLogCursor = (position: ProcessLogPosition): string =>
  'entriesFrom' in position
    ? `e${position.entriesFrom}`
    : `a${position.anchorsBefore ? `${position.anchorsBefore.at}_${position.anchorsBefore.publicIndex}` : ''}`;

const CURSOR =
  /^(?:e(0|[1-9][0-9]{0,14})|a(?:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_(0|[1-9][0-9]{0,11}))?)$/;

/**
 * A page of a published process log: so that a log of twenty days' anchors (one a minute, some
 * 28,800) never has to fit one response. Follow `next` until it is absent.
 */
export const ProcessLogQuery = z.object({
  cursor: z
    .string()
    .regex(CURSOR, 'must be the next a previous page gave')
    .optional()
    .transform((cursor): ProcessLogPosition => {
      const [, from, at, publicIndex] = CURSOR.exec(cursor ?? 'e0')!;
      if (from !== undefined) return { entriesFrom: Number(from) };
      return at === undefined ? {} : { anchorsBefore: { at, publicIndex: Number(publicIndex) } };
    }),
  limit: z
    .string()
    .regex(/^(?:[1-9][0-9]{0,2}|1000)$/, 'must be a whole number from 1 to 1000')
    .transform(Number)
    .default(1000),
});
export type ProcessLogQuery = z.output<typeof ProcessLogQuery>;

export const ProcessLogPage = z.object({
  processId: z.string(),
  /** The log index of `entries[0]`, when the page has entries. */
  entriesFrom: z.int().nonnegative().optional(),
  entries: z.array(z.string()),
  /** Newest first. */
  anchors: z.array(ProcessAnchor),
  next: z.string().optional().describe('pass as cursor for the next page; absent on the last one'),
});
export type ProcessLogPage = z.infer<typeof ProcessLogPage>;

/**
 * The whole published log from its pages, each read by `page` (given the previous page's `next`):
 * refused as the platform's fault when pages skip entries, repeat an anchor or a cursor, or name
 * another process. An anchor no page lists is not seen here: `verifyProcessLog` finds the gap in the anchors' chain.
 */
export const readPublishedProcessLog = async (
  page: (cursor?: string) => Promise<unknown>,
): Promise<PublishedProcessLog> => {
  const entries: string[] = [];
  const anchors = new Map<string, ProcessAnchor>();
  const cursors = new Set<string>();
  let processId: string | undefined;
  let cursor: string | undefined;
  do {
    const read: ProcessLogPage = ProcessLogPage.parse(await page(cursor));
    if (processId !== undefined && read.processId !== processId)
      throw new PlatformFault(`A page of process ${processId}'s log is process ${read.processId}'s.`);
    processId = read.processId;
    if (read.entries.length > 0 && read.entriesFrom !== entries.length)
      throw new PlatformFault(
        `A page of process ${processId}'s log starts at entry ${read.entriesFrom}, not ${entries.length}.`,
      );
    entries.push(...read.entries);
    for (const anchor of read.anchors) {
      const key = `${anchor.at}_${anchor.publicIndex}`;
      if (anchors.has(key))
        throw new PlatformFault(`Process ${processId}'s log lists the anchor at ${anchor.at} twice.`);
      anchors.set(key, anchor);
    }
    if (read.next !== undefined && cursors.has(read.next))
      throw new PlatformFault(`Process ${processId}'s log pages return to ${read.next}.`);
    cursor = read.next;
    if (cursor !== undefined) cursors.add(cursor);
  } while (cursor !== undefined);
  return { processId: processId!, entries, anchors: [...anchors.values()] };
};

/** The path of the page of the published process log at `logPath` (a tender's or an auction's) from `cursor` on. */
export const processLogPagePath = (logPath: string, cursor?: string) =>
  cursor === undefined ? logPath : `${logPath}?cursor=${encodeURIComponent(cursor)}`;

/**
 * The public log's entries that `published`'s anchors cite, each proven included in one signed
 * checkpoint of the log (signed by `logKey`, opened once), 16 at a time: a server cannot make up
 * the entries that carry its own anchors. Throws naming the first entry that is not proven.
 */
export const anchoringEntries = async (
  log: LogClient,
  published: PublishedProcessLog,
  logKey: string,
  onProgress?: (proven: number, of: number) => void,
): Promise<(index: number) => AuditEntry | undefined> => {
  const indexes = published.anchors.map((a) => a.publicIndex);
  const { proven } = await proveEntries(log, indexes, logKey, onProgress);
  const failed = [...proven].sort(([a], [b]) => a - b).find(([, p]) => p instanceof VerificationFailed);
  if (failed) throw failed[1];
  return (index) => proven.get(index) as AuditEntry | undefined;
};

/**
 * A process whose activity is sealed in its own log: anchored each run of the cadence until
 * `closesAt` (a tender's bid deadline, an auction's opening of bidding), then finally, once.
 */
export interface SealedProcess {
  id: string;
  closesAt: string;
}

/**
 * A process in the index the cadence reads (written with the tender's publication or the auction's
 * announcement, dropped with its final anchor), so that each run reads the open processes only,
 * not every tender and auction there ever was.
 */
export type SealedProcessRecord = { kind: 'sealedProcess'; value: { id: string; of: 'tender' | 'auction' } };

/** What the cadence writes: the open processes' anchors in one entry, and a process's final anchor. */
export interface ProcessAnchoring {
  /**
   * Commits each open process's log checkpoint in the public log, salted, all in one entry (or as
   * few as the store's transactions allow): one run of the cadence.
   */
  anchorOpen(processIds: string[]): Promise<void>;
  /**
   * The final anchor, at the close: written once, however often or concurrently it is asked for
   * (the opening and the cadence may ask at the same moment).
   */
  anchorFinal(processId: string): Promise<void>;
}

/**
 * The process logs' cadence, each run of the schedule: every open process has its log anchored
 * whether or not anything happened, all in the same public entry, so the public log grows the same
 * for a tender with fifty bids as for one with none; a process past its close gets its final
 * anchor, once. Returns how many processes were anchored or confirmed final.
 */
export const anchorProcessLogs = async (deps: {
  clock: Clock;
  processes: () => Promise<SealedProcess[]>;
  processLogs: ProcessAnchoring;
}): Promise<number> => {
  const now = deps.clock.now();
  const processes = await deps.processes();
  const closed = processes.filter((p) => now >= new Date(p.closesAt));
  const open = processes.filter((p) => !closed.includes(p));
  // The final anchors are written even when the open ones fail; the run fails after both.
  const opened = await Promise.allSettled(
    open.length > 0 ? [deps.processLogs.anchorOpen(open.map((p) => p.id))] : [],
  );
  const finals = await Promise.allSettled(closed.map((p) => deps.processLogs.anchorFinal(p.id)));
  const failed = [...opened, ...finals].find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return processes.length;
};

/** Evidence that the platform misbehaved: a log that does not match its anchors, or a receipt it did not keep. */
export class PlatformFault extends Error {}

/**
 * Checks a published process log from its bytes alone: each anchor's commitment is SHA-256 of its
 * salt and checkpoint, the checkpoint is signed by the log's key for this process's origin, and its
 * root is the root of that many logged entries (so every checkpoint is consistent with every
 * other); the anchors form one chain from the first to the final one, so none is left out; each
 * entry declares its own index. Given the public entries the anchors cite, each must carry the
 * anchor's commitment and link. Returns the entries and the final anchor's size; throws
 * {@link PlatformFault} naming the first anchor or entry at fault.
 */
export const verifyProcessLog = (
  published: PublishedProcessLog,
  verifierKey: string,
  publicEntry?: (index: number) => AuditEntry | undefined,
): { entries: AuditEntry[]; finalSize: number } => {
  const { processId } = published;
  const entries = published.entries.map((text, index) => {
    const entry = AuditEntry.parse(JSON.parse(text));
    if (entry.index !== index)
      throw new PlatformFault(`Process log entry ${index} declares index ${entry.index}.`);
    return entry;
  });
  // In the order the public log carries them: an open and a final anchor may share a millisecond.
  const anchors = [...published.anchors].sort((a, b) => a.publicIndex - b.publicIndex);
  const checked = anchors.map((anchor) => {
    const what = `The anchor at ${anchor.at} (public entry ${anchor.publicIndex})`;
    if (anchorCommitment(anchor.salt, anchor.checkpoint) !== anchor.commitment)
      throw new PlatformFault(`${what} does not commit to its checkpoint and salt.`);
    const checkpoint = openSignedNote(anchor.checkpoint, verifierKey);
    if (!checkpoint.origin.endsWith(`/process/${processId}`))
      throw new PlatformFault(
        `${what} is a checkpoint of ${checkpoint.origin}, not of process ${processId}.`,
      );
    if (checkpoint.size > entries.length)
      throw new PlatformFault(
        `${what} covers ${checkpoint.size} entries; the published log has ${entries.length}.`,
      );
    if (publicEntry && !carries(publicEntry(anchor.publicIndex), processId, anchor))
      throw new PlatformFault(`${what} is not the commitment the public log carries there.`);
    return { anchor, checkpoint };
  });
  // One pass over the leaves, taking the root wherever an anchor's checkpoint ends.
  const bySize = [...checked].sort((a, b) => a.checkpoint.size - b.checkpoint.size);
  const tree = new RootBuilder();
  for (const { anchor, checkpoint } of bySize) {
    while (tree.size < checkpoint.size) tree.append(leafHashOfLoggedText(published.entries[tree.size]!));
    if (!sameHash(tree.root(), checkpoint.root))
      throw new PlatformFault(
        `The anchor at ${anchor.at} signs a root that the first ${checkpoint.size} published entries do not have.`,
      );
  }
  // Each anchor names the one before it: a published log that leaves one out breaks the chain.
  anchors.forEach((anchor, i) => {
    const before = i === 0 ? null : anchors[i - 1]!.publicIndex;
    if (anchor.previous !== before)
      throw new PlatformFault(
        `The anchor at ${anchor.at} (public entry ${anchor.publicIndex}) follows ${anchor.previous === null ? 'no anchor' : `public entry ${anchor.previous}`}, but the published anchor before it is ${before === null ? 'none' : `at public entry ${before}`}: an anchor is left out.`,
      );
  });
  // Anchors later in the public log never cover less: the process log only grows.
  for (let i = 1; i < checked.length; i++) {
    if (checked[i]!.checkpoint.size < checked[i - 1]!.checkpoint.size)
      throw new PlatformFault(
        `The anchor at ${checked[i]!.anchor.at} covers fewer entries than the one before it.`,
      );
  }
  const final = checked.at(-1);
  if (!final?.anchor.final)
    throw new PlatformFault(`Process ${processId}'s log has no final anchor at its deadline, last.`);
  const early = checked.find(({ anchor }) => anchor.final && anchor !== final.anchor);
  if (early)
    throw new PlatformFault(`The anchor at ${early.anchor.at} says it is final, but anchors follow it.`);
  return { entries, finalSize: final.checkpoint.size };
};
