/** The tender lifecycle (生命周期): the steps its state machine takes, its waits for people and their time limits, and its resumption on the tender's milestones. */
export {
  awaitStep,
  closeTender,
  closeTerminated,
  continueAsNew,
  raiseOverdue,
  readDeadline,
  recordFailure,
  viewLifecycle,
} from './lifecycle';
export { AwaitTask, AwardLetterTask, HumanStep, Lifecycle, LifecycleStage, PlatformTask } from './model';
export type { LifecycleRecord, LifecycleResumer, LifecycleRunner, LifecycleStore } from './ports';
export { lifecycleMilestones } from './resume';
export { lifecycleRoutes } from './routes';
export { waitLimitDays, waitLimits } from './wait-limits';
