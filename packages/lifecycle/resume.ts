import { TradingDeps, TradingStore } from '../tenders/ports';
import { resumeWaiting } from './lifecycle';

/** The changes after which a waiting step may be done: the people's own acts of each step. */
const resumes = (action: string) =>
  action === 'tender.awarded' ||
  ['opening.', 'draw.', 'committee.', 'evaluation.', 'publicity.', 'contract.'].some((p) =>
    action.startsWith(p),
  );

/**
 * Trading deps whose every commit to a tender also resumes its lifecycle when the step it waits
 * for is now done. The change has committed by then: a failure to resume is reported, not thrown,
 * and the execution finds the step done on its next check (after its time limit at the latest).
 */
export const resumingLifecycles = (deps: TradingDeps, report: (error: unknown) => void): TradingDeps => {
  if (!deps.lifecycle) return deps;
  const store: TradingStore = {
    ...deps.store,
    async commit(change) {
      const entry = await deps.store.commit(change);
      const tenderId = change.entry.subject.tenderId;
      if (tenderId && resumes(change.entry.action)) await resumeWaiting(deps, tenderId).catch(report);
      return entry;
    },
  };
  return { ...deps, store };
};
