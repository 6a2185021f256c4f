import * as z from 'zod';
import { PublicLog, LoggedEntry } from './ports';

/** Most log entries one page reads; a page stops there even with fewer items than asked. */
const SCAN_LIMIT = 5000;
const LOG_PAGE = 1000;

/** A position in the public log, as a previous page's `next` gave it. */
export const LogCursor = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,14})$/, 'must be the cursor a previous page gave as next')
  .transform(Number)
  .default(0);

export const PageLimit = z
  .string()
  .regex(/^[1-9][0-9]?$|^100$/, 'must be a whole number from 1 to 100')
  .transform(Number)
  .default(100);

/**
 * What the entries from `start` on make, in log order, until `limit` items or the log's end:
 * the log index is the server-side sequence, so a reader that resumes at `next` misses nothing
 * and reads nothing twice, whatever the clocks of the writers said.
 */
export const scanLog = async <T>(
  log: PublicLog,
  start: number,
  limit: number,
  derive: (entry: LoggedEntry) => Promise<T | undefined>,
) => {
  const size = await log.size();
  const items: T[] = [];
  let next = start;
  while (next < size && next - start < SCAN_LIMIT && items.length < limit) {
    for (const entry of await log.entries(next, Math.min(size, next + LOG_PAGE))) {
      next = entry.index + 1;
      const item = await derive(entry);
      if (item !== undefined) items.push(item);
      if (items.length === limit) break;
    }
  }
  return { items, next, more: next < size };
};
