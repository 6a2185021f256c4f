import * as z from 'zod';
import { Identifier } from '../kernel';

/**
 * The steps where a tender's lifecycle waits for people: custodians' shares (开标), the expert
 * draw, the negotiation rounds ending in the call for final quotes (谈判, 磋商), the evaluation report (评标报告), the candidate publicity (中标候选人公示), answers to
 * its objections, the winner's choice when the project is not state-funded, and the contract; and,
 * when the regulator suspended the tender (条例62, 法57), the lifting of the suspension.
 */
export const HumanStep = z.enum([
  'shares',
  'draw',
  'negotiation',
  'report',
  'publicity',
  'answers',
  'result',
  'contract',
  'resumption',
]);
export type HumanStep = z.infer<typeof HumanStep>;

/** A time limit that passed while the lifecycle waited: raised once per step, for regulators. */
export const Overdue = z.object({
  step: HumanStep,
  rule: z.string(),
  article: z.string(),
  since: z.iso.datetime(),
  dueAt: z.iso.datetime(),
  raisedAt: z.iso.datetime(),
});
export type Overdue = z.infer<typeof Overdue>;

/** What the platform knows of a tender's lifecycle execution, beyond the tender's own records. */
export const Lifecycle = z.object({
  tenderId: Identifier,
  /** The step being waited for, with the token that resumes the execution. */
  waiting: z
    .object({ step: HumanStep, token: z.string(), since: z.iso.datetime(), dueAt: z.iso.datetime() })
    .optional(),
  overdue: z.array(Overdue),
  failure: z.object({ error: z.string(), cause: z.string(), at: z.iso.datetime() }).optional(),
  closedAt: z.iso.datetime().optional(),
  /**
   * The executions that carried the tender on, when one neared Step Functions' one-year limit
   * and continued in a new one; the first is named by the tender's id.
   */
  continuedIn: z.array(z.string()).optional(),
  version: z.int().nonnegative(),
});
export type Lifecycle = z.infer<typeof Lifecycle>;

/**
 * Where a tender's lifecycle stands, for every state of the tender: a draft has no execution;
 * while bids are taken it waits for the deadline; then it runs the platform's own steps or waits
 * for people; it ends with the failed-tender notice (流标), the termination notice (终止), the
 * close, or a recorded failure.
 */
export const LifecycleStage = z.enum([
  'draft',
  'bidding',
  'running',
  'waiting',
  'failed-tender',
  'terminated',
  'closed',
  'stopped',
]);
export type LifecycleStage = z.infer<typeof LifecycleStage>;

/** The events the state machine sends its task functions: declared once, parsed by every handler. */
export const TenderTask = z.strictObject({ tenderId: Identifier });
export type TenderTask = z.infer<typeof TenderTask>;

/** The input of an execution: its tender, and when it started on the platform's clock (its age decides when it continues in a new one). */
export const ExecutionInput = TenderTask.extend({ startedAt: z.iso.datetime() });
export type ExecutionInput = z.infer<typeof ExecutionInput>;

export const AwaitTask = TenderTask.extend({ step: HumanStep, token: z.string().min(1) });
export type AwaitTask = z.infer<typeof AwaitTask>;

export const StepTask = TenderTask.extend({ step: HumanStep });
export type StepTask = z.infer<typeof StepTask>;

export const OverdueTask = ExecutionInput.extend({ step: HumanStep });
export type OverdueTask = z.infer<typeof OverdueTask>;

/** The end of an execution that continues in a new one: which one it is, to name the next. */
export const ContinueTask = TenderTask.extend({ execution: z.string().min(1).max(80) });
export type ContinueTask = z.infer<typeof ContinueTask>;

/** A Catch clause's error output, as Step Functions passes it on. */
export const FailureTask = TenderTask.extend({
  failure: z.object({ Error: z.string(), Cause: z.string().optional() }),
});
export type FailureTask = z.infer<typeof FailureTask>;

/** The steps the platform takes on its own, each one task of one function: which, and its input. */
export const PlatformTask = z.discriminatedUnion('task', [
  ExecutionInput.extend({ task: z.literal('read-deadline') }),
  TenderTask.extend({ task: z.literal('close-bidding') }),
  OverdueTask.extend({ task: z.literal('raise-overdue') }),
  TenderTask.extend({ task: z.literal('publish-result') }),
  TenderTask.extend({ task: z.literal('close-tender') }),
  TenderTask.extend({ task: z.literal('settle-termination') }),
  FailureTask.extend({ task: z.literal('record-failure') }),
  ContinueTask.extend({ task: z.literal('continue-as-new') }),
]);
export type PlatformTask = z.infer<typeof PlatformTask>;

/** The award letter is made by a function of its own, which bundles the font. */
export const AwardLetterTask = TenderTask.extend({ task: z.literal('issue-award-letter') });
