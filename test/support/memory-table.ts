import { AuditEntry } from '../../packages/audit-log/entry';
import { prepareEntry } from '../../packages/audit-log/new-entry';
import { Clock } from '../../packages/kernel/clock';
import { DomainError } from '../../packages/kernel/errors';
import { ItemKey } from '../../packages/storage/key-scheme';
import { Item, ItemWrites, RecordTable } from '../../packages/storage/record-table';

const keyOf = (key: ItemKey) => `${key.pk}\u0000${key.sk}`;

const strip = <T>(item: Item): T => {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...rest } = item;
  return structuredClone(rest) as T;
};

const bySortKey = (field: 'sk' | 'gsi1sk') => (a: Item, b: Item) =>
  String(a[field]) < String(b[field]) ? -1 : String(a[field]) > String(b[field]) ? 1 : 0;

/**
 * The platform table in memory, with the same keys, orders and all-or-nothing conditional commit
 * as DynamoDB, so each context's domain rules run on the real stores in a unit test. The real
 * table is tested through the API on the local stack.
 */
export const memoryTable = (clock: Clock) => {
  const items = new Map<string, Item>();
  /** The public log; each tender's sealed process log is apart, as on DynamoDB. */
  const log: AuditEntry[] = [];
  const records = new Map<number, Record<string, { salt: string; value: unknown }>>();
  const processLogs = new Map<string, AuditEntry[]>();
  /** A process log's confidential records, by `<tenderId>#<index>`. */
  const processRecords = new Map<string, Record<string, { salt: string; value: unknown }>>();
  const logOf = (process: string | undefined) => {
    if (!process) return log;
    if (!processLogs.has(process)) processLogs.set(process, []);
    return processLogs.get(process)!;
  };
  const all = () => [...items.values()];

  const table: RecordTable = {
    get: async <T>(key: ItemKey) => {
      const item = items.get(keyOf(key));
      return item ? strip<T>(item) : undefined;
    },
    async query<T>(pk: string, prefix: string) {
      // As DynamoDB does: a key condition's value may not be empty.
      if (prefix === '') throw new Error('A sort-key prefix may not be empty: DynamoDB refuses it.');
      return all()
        .filter((i) => i.pk === pk && i.sk.startsWith(prefix))
        .sort(bySortKey('sk'))
        .map((i) => strip<T>(i));
    },
    queryIndex: async <T>(gsi1pk: string) =>
      all()
        .filter((i) => i.gsi1pk === gsi1pk)
        .sort(bySortKey('gsi1sk'))
        .map((i) => strip<T>(i)),
    async page<T>(
      pk: string,
      range: { from: string; to: string },
      limit: number,
      where?: { field: string; value: string },
    ) {
      const matching = all()
        .filter((i) => i.pk === pk && i.sk >= range.from && i.sk < range.to)
        .filter((i) => !where || i[where.field] === where.value)
        .sort(bySortKey('sk'))
        .reverse();
      const page = matching.slice(0, limit);
      const last = page.length === limit ? page.at(-1)?.sk : undefined;
      return { items: page.map((i) => strip<T>(i)), ...(last ? { last } : {}) };
    },
    async put(list) {
      for (const item of list) items.set(keyOf(item), structuredClone(item));
    },
    async remove(keys) {
      for (const key of keys) items.delete(keyOf(key));
    },
    async count(key, fields) {
      const existing = items.get(keyOf(key));
      items.set(keyOf(key), { ...existing, ...key, ...fields, count: Number(existing?.count ?? 0) + 1 });
    },
    async append(change, writesFor) {
      const target = logOf(change.process);
      const { entry, record } = prepareEntry(target.length, clock.now(), change);
      const writes: ItemWrites = typeof writesFor === 'function' ? writesFor(entry) : writesFor;
      for (const item of writes.create ?? []) {
        if (items.has(keyOf(item))) throw new DomainError('CONFLICT', `${item.pk} ${item.sk} exists`);
      }
      for (const { item, expect } of writes.replace ?? []) {
        const current = items.get(keyOf(item));
        if (Object.entries(expect).some(([field, value]) => current?.[field] !== value)) {
          throw new DomainError('CONFLICT', 'The record changed since it was read; reload it and try again.');
        }
      }
      for (const item of [...(writes.create ?? []), ...(writes.replace ?? []).map((r) => r.item)]) {
        items.set(keyOf(item), structuredClone(item));
      }
      if (record && change.process) processRecords.set(`${change.process}#${entry.index}`, record);
      else if (record) records.set(entry.index, record);
      target.push(entry);
      return entry;
    },
  };
  return { table, log, records, processLogs, processRecords, items: all };
};
