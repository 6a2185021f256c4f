import * as z from 'zod';
import { Notice } from '../tenders';
import { LogCursor, PageLimit, scanLog } from './log-scan';
import { OpenDataDeps } from './ports';

export const ChangesQuery = z.object({ cursor: LogCursor, limit: PageLimit });
export type ChangesQuery = z.infer<typeof ChangesQuery>;

/** One published notice in the change feed, at the log index of the entry that published it. */
export const NoticeChange = z.object({
  sequence: z.int().nonnegative().describe('the audit log index of the entry that published the notice'),
  leafHash: z.string(),
  action: z.string(),
  time: z.iso.datetime(),
  notice: Notice,
});
export type NoticeChange = z.infer<typeof NoticeChange>;

export const ChangePage = z.object({
  changes: z.array(NoticeChange),
  next: z.int().nonnegative().describe('pass as cursor for the next page, now or when polling later'),
  more: z.boolean().describe('whether the log holds entries past this page now'),
});

/**
 * Every notice published to the public feed, across tenders, in the order the log recorded them:
 * a newspaper or the provincial platform that keeps `next` mirrors everything, once. A notice
 * delivered to one organisation only (an award letter's notice) is not in the public feed, so not here.
 */
export const noticeChanges = async (deps: OpenDataDeps, query: ChangesQuery) => {
  const { items, next, more } = await scanLog(deps.log, query.cursor, query.limit, async (logged) => {
    const { noticeId } = logged.entry.subject;
    const notice = noticeId ? await deps.store.publicNotice(noticeId, logged.entry.time) : undefined;
    return notice
      ? {
          sequence: logged.index,
          leafHash: logged.leafHash,
          action: logged.entry.action,
          time: logged.entry.time,
          notice,
        }
      : undefined;
  });
  return { changes: items, next, more };
};
