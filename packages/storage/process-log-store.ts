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
import { ItemWrites, RecordTable } from './record-table';

/** A process's latest anchor: its public index, and whether it was the final one. */
interface AnchorHead {
  last: number;
  final: boolean;
}

/**
 * Anchors one public entry carries: each writes its record and moves its process's anchor head,
 * so with the log's head, the entry and its new stored hashes they stay well inside one
 * transaction's 100 items.
 */
const ANCHORS_PER_ENTRY = 32;

/** Attempts at one entry of anchors when other writers move a process's head in between. */
const MAX_ATTEMPTS = 8;

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
 * Each process's sealed log (a tender's or an auction's) beside the public log, and its anchors:
 * each anchor's record is written in the same commit as the public entry that carries its
 * commitment, with its process's anchor head moved on condition, which keeps the anchors one chain
 * that ends at a single final anchor.
 */
export const processLogStore = (
  table: RecordTable,
  logs: ProcessLogReader,
  signer: () => Promise<NoteSigner>,
): ProcessLogs => {
  const headOf = (processId: string) => table.get<AnchorHead>(keys.anchorHead(processId));
  /**
   * One public entry of anchors for `processIds`, each linked to its process's latest anchor, and
   * the writes that move each head on condition that it has not moved since it was read: of two
   * writers racing (the cadence and the opening at the deadline) one gets CONFLICT and reads again.
   * A process whose chain has ended at its final anchor gets no more.
   */
  const anchorsOf = async (key: NoteSigner, processIds: string[], final: boolean) => {
    const heads = await Promise.all(
      processIds.map(async (processId) => ({ processId, head: await headOf(processId) })),
    );
    const open = heads.filter(({ head }) => !head?.final);
    const anchors = newAnchors(
      await Promise.all(
        open.map(async ({ processId, head }) => ({
          processId,
          checkpoint: await logs.checkpoint(processId, key),
          previous: head?.last ?? null,
        })),
      ),
      final,
    );
    const writes = (entry: AuditEntry): ItemWrites => {
      const moved = open.map(({ processId, head }) => {
        const item = { ...keys.anchorHead(processId), last: entry.index, final };
        return { head, item };
      });
      return {
        create: [
          ...anchors.records(entry).map(anchorItem),
          ...moved.filter(({ head }) => !head).map(({ item }) => item),
        ],
        replace: moved.flatMap(({ head, item }) => (head ? [{ item, expect: { last: head.last } }] : [])),
      };
    };
    return { anchors, writes, count: open.length };
  };
  const anchorItem = (anchor: ProcessAnchor) => ({
    ...keys.processAnchor(anchor.processId, anchor.at, anchor.publicIndex),
    ...anchor,
  });
  /**
   * Appends one entry of anchors, reading the heads again after a race: each retry drops the
   * processes finally anchored meanwhile, so it loses again only to yet another writer.
   */
  const appendAnchors = async (processIds: string[], final: boolean) => {
    const key = await signer();
    for (let attempt = 1; ; attempt++) {
      const { anchors, writes, count } = await anchorsOf(key, processIds, final);
      if (count === 0) return;
      try {
        await table.append(anchors.entry, writes);
        return;
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'CONFLICT') || attempt === MAX_ATTEMPTS)
          throw error;
      }
    }
  };

  return {
    entry: (processId, index) => logs.entry(processId, index),

    async promise(promise) {
      const key = await signer();
      return signNoteText(promiseNoteText(key.keyName, promise), key);
    },

    async anchorOpen(processIds) {
      // One writer, chunk after chunk: the runs of the cadence never race each other for the log's
      // head. A chunk that fails does not keep the others from their anchors; the run then fails.
      const failures: unknown[] = [];
      for (let i = 0; i < processIds.length; i += ANCHORS_PER_ENTRY) {
        await appendAnchors(processIds.slice(i, i + ANCHORS_PER_ENTRY), false).catch((e) => failures.push(e));
      }
      if (failures.length > 0) throw failures[0];
    },

    async anchorFinal(processId) {
      // Once, however often or concurrently asked: a head that says final takes no more anchors.
      await appendAnchors([processId], true);
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
