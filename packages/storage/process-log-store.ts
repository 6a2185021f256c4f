import {
  AuditEntry,
  SealedProcess,
  SealedProcessRecord,
  newAnchors,
  NoteSigner,
  ProcessAnchor,
  processLogCursor,
  SaltedValue,
  signNoteText,
} from '../audit-log';
import { Auction, sealedAuctions } from '../auctions';
import { ProcessLogs, promiseNoteText, sealedTenders } from '../bidding';
import { Tender } from '../tenders';
import { DomainError } from '../kernel';
import { keys, processLog } from './key-scheme';
import { RecordTable } from './record-table';

/**
 * Anchors one public entry carries: with the head, the entry, its new stored hashes and a final
 * marker, the anchors' records stay well inside one transaction's 100 items.
 */
const ANCHORS_PER_ENTRY = 64;

/** What the anchors read of each process's sealed log (a tender's or an auction's). */
export interface ProcessLogReader {
  /** The log's signed checkpoint as it is now. */
  checkpoint(processId: string, key: NoteSigner): Promise<string>;
  entry(
    processId: string,
    index: number,
  ): Promise<{ entry: AuditEntry; record: Record<string, SaltedValue> }>;
  /** How many entries the log holds. */
  size(processId: string): Promise<number>;
  /** Entries `from` to `to` (exclusive) as they were logged (their canonical text). */
  entries(processId: string, from: number, to: number): Promise<string[]>;
}

/**
 * The processes the cadence anchors, read from their index and then one by one: a run reads the
 * open tenders and auctions, not every one there ever was. A listed process that no longer needs
 * its anchors (a tender no longer published, an auction with its result) leaves the index.
 */
export const sealedProcesses = async (table: RecordTable): Promise<SealedProcess[]> => {
  const index = keys.sealedProcess('');
  const listed = await table.query<SealedProcessRecord['value']>(index.pk, index.sk);
  const present = <T>(item: T | undefined): T[] => (item ? [item] : []);
  const sealed = await Promise.all(
    listed.map(async ({ id, of }) =>
      of === 'tender'
        ? sealedTenders(present(await table.get<Tender>(keys.tender(id))))
        : sealedAuctions(present(await table.get<Auction>(keys.auction(id)))),
    ),
  );
  const open = sealed.flat();
  const done = listed.filter((p) => !open.some((s) => s.id === p.id));
  if (done.length > 0) await table.remove(done.map((p) => keys.sealedProcess(p.id)));
  return open;
};

/**
 * Each process's sealed log (a tender's or an auction's) beside the public log, and its anchors: each anchor's record
 * is written in the same commit as the public entry that carries its commitment, and the final
 * anchor with a marker whose condition keeps it single.
 */
export const processLogStore = (
  table: RecordTable,
  logs: ProcessLogReader,
  signer: () => Promise<NoteSigner>,
): ProcessLogs => {
  const anchorsOf = async (key: NoteSigner, processIds: string[], final: boolean) =>
    newAnchors(
      await Promise.all(
        processIds.map(async (processId) => ({
          processId,
          checkpoint: await logs.checkpoint(processId, key),
        })),
      ),
      final,
    );
  const anchorItem = (anchor: ProcessAnchor) => ({
    ...keys.processAnchor(anchor.processId, anchor.at, anchor.publicIndex),
    ...anchor,
  });
  const finalAnchored = async (processId: string) =>
    (await table.get(keys.finalAnchor(processId))) !== undefined;
  const writeFinal = async (processId: string) => {
    const anchors = await anchorsOf(await signer(), [processId], true);
    try {
      // The marker's condition makes "once" hold against a concurrent asker, not only a later one.
      await table.append(anchors.entry, (entry) => ({
        create: [...anchors.records(entry).map(anchorItem), { ...keys.finalAnchor(processId) }],
      }));
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'CONFLICT' && (await finalAnchored(processId))))
        throw error;
    }
  };

  return {
    entry: (processId, index) => logs.entry(processId, index),

    async promise(promise) {
      const key = await signer();
      return signNoteText(promiseNoteText(key.keyName, promise), key);
    },

    async anchorOpen(processIds) {
      const key = await signer();
      // One writer, chunk after chunk: the runs of the cadence never race each other for the head.
      for (let i = 0; i < processIds.length; i += ANCHORS_PER_ENTRY) {
        const anchors = await anchorsOf(key, processIds.slice(i, i + ANCHORS_PER_ENTRY), false);
        await table.append(anchors.entry, (entry) => ({ create: anchors.records(entry).map(anchorItem) }));
      }
    },

    async anchorFinal(processId) {
      if (!(await finalAnchored(processId))) await writeFinal(processId);
      // Finally anchored, the process leaves the cadence's index: no run reads it again.
      await table.remove([keys.sealedProcess(processId)]);
    },

    async publishedPage(processId, { cursor: position, limit }) {
      if ('entriesFrom' in position) {
        const from = position.entriesFrom;
        const size = await logs.size(processId);
        const to = Math.min(size, from + limit);
        const entries = from < to ? await logs.entries(processId, from, to) : [];
        // Past the entries, the anchors follow, newest first.
        const next = processLogCursor(to < size ? { entriesFrom: to } : {});
        return {
          processId,
          ...(entries.length > 0 ? { entriesFrom: from } : {}),
          entries,
          anchors: [],
          next,
        };
      }
      const before = position.anchorsBefore;
      const { items, last } = await table.page<unknown>(
        processLog(processId),
        {
          from: 'ANCHOR#',
          // '$' sorts just after '#': from the newest anchor when no position is given.
          to: before ? keys.processAnchor(processId, before.at, before.publicIndex).sk : 'ANCHOR$',
        },
        limit,
      );
      const anchors = items.map((item) => ProcessAnchor.parse(item));
      const oldest = anchors.at(-1);
      return {
        processId,
        entries: [],
        anchors,
        ...(last && oldest ? { next: processLogCursor({ anchorsBefore: oldest }) } : {}),
      };
    },
  };
};
