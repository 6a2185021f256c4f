import { ProcessLogQuery, readPublishedProcessLog } from '../../packages/audit-log/process-log';
import { ProcessLogs } from '../../packages/bidding/ports';

/** A process's whole published log, read from its store page after page, `limit` items a page. */
export const publishedLog = (logs: Pick<ProcessLogs, 'publishedPage'>, processId: string, limit = 1000) =>
  readPublishedProcessLog((cursor) =>
    logs.publishedPage(processId, ProcessLogQuery.parse({ cursor, limit: String(limit) })),
  );
