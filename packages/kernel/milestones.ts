/**
 * The moments of a tender's process that something may be waiting for (its lifecycle's execution).
 * The domain step that reaches one says so through this port after its change has committed, so
 * whatever waits is told by the step itself, never by the spelling of an audit action.
 */
export const milestones = [
  'opening-completed',
  'committee-changed',
  /** 谈判, 磋商: the rounds closed with the call for final quotes. */
  'final-quotes-called',
  'report-recorded',
  'publicity-started',
  'objection-answered',
  'result-published',
  'contract-recorded',
  /** A suspension was lifted or the last objection that paused the process answered: whatever waits goes on. */
  'hold-lifted',
  /** 终止: the process ended before its result; whatever waits ends with it. */
  'terminated',
] as const;
export type Milestone = (typeof milestones)[number];

export interface Milestones {
  /** Called once the change has committed; a failure to pass it on is the listener's to report. */
  reached(tenderId: string, milestone: Milestone): Promise<void>;
}

/** For functions and tests where nothing waits on the tender's process. */
export const unobserved: Milestones = { reached: async () => undefined };
