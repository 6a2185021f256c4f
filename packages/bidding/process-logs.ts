import { ProcessLogPage, ProcessLogQuery, SealedProcess } from '../audit-log';
import { notFound } from '../kernel';
import { procedureOf } from '../procedures';
import { Tender } from '../tenders';
import { processLogsOf } from './bids';
import { BiddingDeps } from './ports';

/**
 * The tenders the cadence anchors: each published one, until its bid deadline and then finally;
 * a terminated one (终止) finally at once, whether or not its deadline came.
 */
export const sealedTenders = (tenders: Tender[]): SealedProcess[] =>
  tenders.flatMap((t) =>
    t.status === 'published'
      ? [{ id: t.id, closesAt: t.schedule.bidDeadline }]
      : t.termination
        ? [{ id: t.id, closesAt: t.termination.at }]
        : [],
  );

/**
 * A page of a tender's process log with its anchors and salts, public from the opening on, or from
 * the result for a procedure without sealed bids (单一来源 opens nothing): then anyone checks every
 * anchor and every receipt. Before it, the answer is the same as for a tender without one.
 */
export const publishedProcessLog = async (
  deps: BiddingDeps,
  tenderId: string,
  query: ProcessLogQuery,
): Promise<ProcessLogPage> => {
  const [tender, opening] = await Promise.all([deps.store.tender(tenderId), deps.store.opening(tenderId)]);
  const resultOut = tender !== undefined && ['awarded', 'failed', 'closed'].includes(tender.status);
  const isPublic = opening !== undefined || (resultOut && !procedureOf(tender.procedure).sealedBids);
  if (!isPublic) throw notFound('process log', tenderId);
  return processLogsOf(deps).publishedPage(tenderId, query);
};
