import { Milestone, Milestones } from '../kernel';
import { resumeWaiting } from './lifecycle';
import { HumanStep } from './model';
import { LifecycleDeps, LifecycleResumer } from './ports';

/** Which awaited step each milestone may complete; a lifted hold may let any of them go on. */
const completes: Record<Milestone, HumanStep | 'any'> = {
  'opening-completed': 'shares',
  'committee-changed': 'draw',
  'final-quotes-called': 'negotiation',
  'report-recorded': 'report',
  'publicity-started': 'publicity',
  'objection-answered': 'answers',
  'result-published': 'result',
  'contract-recorded': 'contract',
  'hold-lifted': 'any',
  terminated: 'any',
};

/**
 * The lifecycle listening to the tender's milestones: when the execution waits for the step a
 * milestone may complete, and the step is now done, it resumes. The change has committed by then:
 * a failure to resume is reported, not thrown, and the execution finds the step done on its next
 * check (after its time limit at the latest).
 */
export const lifecycleMilestones = (
  deps: Omit<LifecycleDeps, 'lifecycle'> & { lifecycle: LifecycleResumer },
  report: (error: unknown) => void,
): Milestones => ({
  async reached(tenderId, milestone) {
    try {
      const lifecycle = await deps.store.lifecycle(tenderId);
      const step = completes[milestone];
      if (lifecycle?.waiting && (step === 'any' || lifecycle.waiting.step === step)) {
        await resumeWaiting(deps, tenderId);
      }
    } catch (error) {
      report(error);
    }
  },
});
