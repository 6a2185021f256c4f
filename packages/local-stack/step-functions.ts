import './polyfills';
import { randomUUID } from 'node:crypto';
import { JSONPath } from 'jsonpath-plus';
import { ExecutionAbortedError, StateMachine, StateMachineDefinition } from 'aws-local-stepfunctions';
import { ExecutionFiles, ExecutionStatus, Json, Position, Progress, SavedExecution } from './execution-files';
import { LambdaRuntime } from './lambda-runtime';
import { LocalTime } from './local-time';
import { SynthesizedStack } from './template';

type EventLog = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;
type StateDef = Record<string, Json> & { Type: string };
type Definition = { StartAt: string; States: Record<string, StateDef>; [key: string]: Json };

const LOCAL_WAIT_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:sunlit-local-wait';

/** A Step Functions error, as a Catch or Retry clause matches it by name. */
const statesError = (name: string, cause: string): Error => Object.assign(new Error(cause), { name });

/**
 * `States.Timeout` as the interpreter's own class: as on AWS, its Retry and Catch clauses match
 * `States.TaskFailed` for any task error but a timeout, and they tell a timeout by its class. The
 * class is not exported; it is taken, once, from a task of a millisecond left to time out.
 */
const interpreterTimeout = (async () => {
  const probe = new StateMachine(
    {
      StartAt: 'Probe',
      States: { Probe: { Type: 'Task', Resource: LOCAL_WAIT_ARN, TimeoutSeconds: 0.001, End: true } },
    } as unknown as StateMachineDefinition,
    { validationOptions: { noValidate: true } },
  );
  const run = probe.run(
    {},
    { overrides: { taskResourceLocalHandlers: { Probe: () => new Promise(() => {}) } } },
  );
  const error = (await run.result.then(
    () => undefined,
    (e: Error) => e.cause,
  )) as Error;
  return error.constructor as new () => Error;
})();

const timeoutError = async (cause: string): Promise<Error> =>
  Object.assign(new (await interpreterTimeout)(), { message: cause });

/** What the local service answers for an unknown ARN or token, shaped as AWS answers it. */
export class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export type { HistoryEvent } from './execution-files';

interface Execution extends SavedExecution {
  abort: () => void;
  controller: AbortController;
  /** Set while a resumed execution has not yet re-entered the task or Wait it stood in. */
  resuming?: Progress;
}

interface PendingToken {
  executionArn: string;
  resolve(output: Json): void;
  reject(error: Error): void;
}

interface PreparedMachine {
  arn: string;
  name: string;
  definition: Definition;
  /** Original Wait states (replaced by local tasks so the time scale applies). */
  waits: Map<string, StateDef>;
  /** Original Task timeouts in seconds (the library's own default of 60 s is not AWS's). */
  timeouts: Map<string, number>;
  taskResources: Map<string, string>;
  retries: Map<
    string,
    { IntervalSeconds?: number; BackoffRate?: number; MaxAttempts?: number; MaxDelaySeconds?: number }[]
  >;
  stateTypes: Map<string, string>;
}

export interface StepFunctionsOptions {
  /** The platform's clock, shared with the functions: Wait states and task timeouts run on it. */
  time: LocalTime;
  /** Where executions are kept, so the next start resumes each where it stood. */
  executionsDir?: string;
  /** Where an earlier version listed its running executions, to start them again once. */
  legacyRunningFile?: string;
  log?: (line: string) => void;
}

/** Walks a definition's states, including those inside Parallel branches and Map processors. */
const forEachState = (definition: Definition, visit: (name: string, state: StateDef) => void): void => {
  for (const [name, state] of Object.entries(definition.States)) {
    visit(name, state);
    for (const branch of (state.Branches as Definition[] | undefined) ?? []) forEachState(branch, visit);
    const inner = (state.ItemProcessor ?? state.Iterator) as Definition | undefined;
    if (inner) forEachState(inner, visit);
  }
};

/**
 * The template's state machines, executed locally by `aws-local-stepfunctions` and served
 * with the Step Functions API's own JSON protocol, so the AWS SDK's SFN client works against it.
 * Lambda tasks run the template's functions; any other integration is refused, never sent to AWS.
 */
export class LocalStepFunctions {
  private readonly machines = new Map<string, PreparedMachine>();
  private readonly executions = new Map<string, Execution>();
  private readonly tokens = new Map<string, PendingToken>();
  /** Answers to a resumed wait's token that came before the wait itself was running again. */
  private readonly earlyAnswers = new Map<
    string,
    { executionArn: string; answer: { output: Json } | { error: Error } }
  >();
  private readonly waitOverrides = new Map<string, number>();
  private readonly files?: ExecutionFiles;
  private stopping = false;

  constructor(
    private readonly stack: SynthesizedStack,
    private readonly runtime: LambdaRuntime,
    private readonly options: StepFunctionsOptions,
  ) {
    for (const [logicalId] of stack.resourcesOfType('AWS::StepFunctions::StateMachine')) {
      const arn = stack.physicalName(logicalId);
      this.machines.set(arn, this.prepare(arn, logicalId, resolveDefinition(stack, logicalId)));
    }
    if (options.executionsDir) this.files = new ExecutionFiles(options.executionsDir);
  }

  stateMachineArns(): string[] {
    return [...this.machines.keys()];
  }

  /** Shortens Wait states by name, in milliseconds (tests). */
  setWaitOverrides(overrides: Record<string, number>): void {
    for (const [name, ms] of Object.entries(overrides)) this.waitOverrides.set(name, ms);
  }

  private prepare(arn: string, name: string, definition: Definition): PreparedMachine {
    const machine: PreparedMachine = {
      arn,
      name,
      definition,
      waits: new Map(),
      timeouts: new Map(),
      taskResources: new Map(),
      retries: new Map(),
      stateTypes: new Map(),
    };
    new StateMachine(definition as unknown as StateMachineDefinition, {
      validationOptions: { checkArn: false },
    });
    forEachState(definition, (stateName, state) => {
      machine.stateTypes.set(stateName, state.Type);
      // The interpreter stores `ResultPath: "$"` under a key named `$`; leaving it out means the same.
      if (state.ResultPath === '$') delete state.ResultPath;
      if (Array.isArray(state.Retry)) machine.retries.set(stateName, state.Retry as never);
      if (state.Type === 'Wait') {
        machine.waits.set(stateName, { ...state });
        for (const key of ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath']) delete state[key];
        Object.assign(state, { Type: 'Task', Resource: LOCAL_WAIT_ARN, TimeoutSeconds: 2_147_483 });
      } else if (state.Type === 'Task') {
        if (state.TimeoutSecondsPath !== undefined) {
          throw new Error(
            `${name}.${stateName}: TimeoutSecondsPath is not supported by the local runner; use TimeoutSeconds.`,
          );
        }
        machine.taskResources.set(stateName, String(state.Resource));
        machine.timeouts.set(stateName, Number(state.TimeoutSeconds ?? 99_999_999));
        state.TimeoutSeconds = 2_147_483;
      }
    });
    return machine;
  }

  private machine(stateMachineArn: string): PreparedMachine {
    const machine = this.machines.get(stateMachineArn);
    if (!machine)
      throw new ServiceError(
        'StateMachineDoesNotExist',
        `State Machine Does Not Exist: '${stateMachineArn}'`,
      );
    return machine;
  }

  async startExecution(request: { stateMachineArn: string; name?: string; input?: string }) {
    const machine = this.machine(request.stateMachineArn);
    const name = request.name ?? randomUUID();
    const executionArn = `${machine.arn.replace(':stateMachine:', ':execution:')}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      // As on AWS: the same start of a still running execution is a harmless retry; anything else is refused.
      if (existing.status === 'RUNNING' && existing.rawInput === (request.input ?? '{}')) {
        return { executionArn, startDate: existing.startDate };
      }
      throw new ServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const input = JSON.parse(request.input ?? '{}') as Json;
    const execution = this.run(machine, {
      executionArn,
      stateMachineArn: machine.arn,
      name,
      status: 'RUNNING',
      startDate: new Date(),
      input: JSON.stringify(input),
      rawInput: request.input ?? '{}',
      history: [],
    });
    return { executionArn, startDate: execution.startDate };
  }

  /**
   * Runs an execution: from its first state, or, when it was saved standing in a state, from that
   * state with that state's input, taking up the task or Wait it was in as it began.
   */
  private run(machine: PreparedMachine, saved: SavedExecution): Execution {
    const { position, progress } = saved;
    const controller = new AbortController();
    const execution: Execution = {
      ...saved,
      abort: () => undefined,
      controller,
      resuming: progress && progress.state === position?.state ? progress : undefined,
    };
    const definition = position ? { ...machine.definition, StartAt: position.state } : machine.definition;
    // Validated once, whole, when prepared: a resumed definition starts where no state leads.
    const interpreter = new StateMachine(definition as unknown as StateMachineDefinition, {
      validationOptions: { noValidate: true },
      awsConfig: {
        region: 'local-unreachable',
        credentials: { accessKeys: { accessKeyId: 'none', secretAccessKey: 'none' } },
      },
    });
    const run = interpreter.run((position?.input ?? JSON.parse(saved.input)) as never, {
      overrides: {
        taskResourceLocalHandlers: this.handlersFor(machine, execution),
        retryIntervalOverrides: this.scaledRetries(machine),
      },
      context: this.contextFor(machine, execution) as never,
    });
    execution.abort = run.abort;
    this.executions.set(execution.executionArn, execution);
    this.save(execution);
    void this.record(machine, execution, run.eventLogs, position);
    run.result.then(
      (output) => this.finish(execution, 'SUCCEEDED', { output: JSON.stringify(output) }),
      (error: Error & { cause?: unknown }) => {
        if (error instanceof ExecutionAbortedError) return this.finish(execution, 'ABORTED', {});
        const inner = error.cause as Error | undefined;
        this.finish(execution, error.name === 'ExecutionTimeoutError' ? 'TIMED_OUT' : 'FAILED', {
          error: inner?.name ?? error.name,
          cause: inner?.message ?? error.message,
        });
      },
    );
    return execution;
  }

  private save(execution: Execution): void {
    if (!this.stopping) this.files?.save(execution);
  }

  private finish(execution: Execution, status: ExecutionStatus, result: Partial<Execution>): void {
    if (execution.status !== 'RUNNING') return;
    Object.assign(execution, { status, stopDate: new Date(), ...result });
    execution.controller.abort();
    for (const [token, pending] of this.tokens)
      if (pending.executionArn === execution.executionArn) this.tokens.delete(token);
    this.save(execution);
    this.options.log?.(
      `execution ${execution.name} ${status}${execution.error ? `: ${execution.error}` : ''}`,
    );
  }

  /**
   * The context object: `$$.Task.Token` is new on every read, so each waiting task has its own
   * token, except in the task a resumed execution stood in, which keeps the token it had.
   */
  private contextFor(machine: PreparedMachine, execution: Execution) {
    const tokens = this.tokens;
    const { executionArn } = execution;
    return {
      Execution: {
        Id: executionArn,
        Name: execution.name,
        Input: JSON.parse(execution.input) as Json,
        StartTime: execution.startDate.toISOString(),
        RoleArn: 'local',
      },
      StateMachine: { Id: machine.arn, Name: machine.name },
      // The interpreter copies this object once per execution, but not `Task` within it: the getter
      // stays live, so every entry of a waiting state (a second wait after a timeout too) gets its own token.
      Task: {
        get Token() {
          const token = execution.resuming?.token ?? `${randomUUID()}.${randomUUID()}`;
          tokens.set(token, { executionArn, resolve: () => undefined, reject: () => undefined });
          return token;
        },
      },
    };
  }

  /**
   * Retry intervals under the time scale. The interpreter takes one fixed interval per retrier
   * (by its index), so backoff is approximated by each retrier's first interval, scaled.
   */
  private scaledRetries(machine: PreparedMachine): Record<string, number[]> {
    const scale = this.options.time.timeScale;
    if (scale === 1) return {};
    const result: Record<string, number[]> = {};
    for (const [stateName, retriers] of machine.retries) {
      result[stateName] = retriers.map((r) => ((r.IntervalSeconds ?? 1) * 1000) / scale);
    }
    return result;
  }

  /**
   * The task or Wait being entered: as it began, when the execution resumes in it; else begun now.
   * Kept with the execution before any work, so a restart finds it.
   */
  private begin(execution: Execution, state: string, fresh: () => Omit<Progress, 'state' | 'startedAt'>) {
    const resumed = execution.resuming?.state === state ? execution.resuming : undefined;
    execution.resuming = undefined;
    execution.progress = resumed ?? { state, startedAt: this.options.time.now(), ...fresh() };
    this.save(execution);
    return execution.progress;
  }

  private handlersFor(machine: PreparedMachine, execution: Execution) {
    const handlers: Record<string, (input: Json) => Promise<Json>> = {};
    const signal = execution.controller.signal;
    for (const [stateName, wait] of machine.waits) {
      handlers[stateName] = async (input) => {
        const { dueAt } = this.begin(execution, stateName, () => ({ dueAt: this.waitUntil(wait, input) }));
        const override = this.waitOverrides.get(stateName);
        if (override === undefined) await this.options.time.sleepUntil(dueAt!, signal);
        else await new Promise((resolve) => setTimeout(resolve, override));
        return input;
      };
    }
    for (const [stateName, resource] of machine.taskResources) {
      handlers[stateName] = (input) => this.runTask(machine, execution, stateName, resource, input);
    }
    return handlers;
  }

  /** When, on the platform's clock, a Wait state entered now ends. */
  private waitUntil(wait: StateDef, input: Json): number {
    const query = (path: Json | undefined) =>
      JSONPath({ path: String(path), json: input as object, wrap: false }) as Json;
    const seconds = wait.Seconds ?? (wait.SecondsPath !== undefined ? query(wait.SecondsPath) : undefined);
    if (seconds !== undefined) return this.options.time.now() + Number(seconds) * 1000;
    return new Date(String(wait.Timestamp ?? query(wait.TimestampPath))).getTime();
  }

  private async runTask(
    machine: PreparedMachine,
    execution: Execution,
    stateName: string,
    resource: string,
    input: Json,
  ): Promise<Json> {
    const { executionArn } = execution;
    const signal = execution.controller.signal;
    const invoke = async (functionRef: string, payload: Json): Promise<Json> => {
      const functionId = this.stack.logicalIdOf(functionRef.replace(/:(\$LATEST|\d+)$/, ''));
      if (!functionId || this.stack.resource(functionId).Type !== 'AWS::Lambda::Function') {
        throw statesError('Lambda.ResourceNotFoundException', `Function not found: ${functionRef}`);
      }
      try {
        return (await this.runtime.invoke(functionId, payload)) as Json;
      } catch (error) {
        const e = error as Error & { details?: unknown };
        throw statesError(e.name, JSON.stringify(e.details ?? { errorMessage: e.message }));
      }
    };
    const integration = resource.match(/^arn:aws:states:::lambda:invoke(\.waitForTaskToken)?$/);
    const { FunctionName, Payload } = input as { FunctionName: string; Payload: Json };
    const token = integration?.[1] ? this.findToken(Payload, executionArn) : undefined;
    const { startedAt } = this.begin(execution, stateName, () => (token ? { token } : {}));

    // The state's own TimeoutSeconds, from when it began, under the time scale; the interpreter's is set out of the way.
    const timeoutSeconds = machine.timeouts.get(stateName) ?? 99_999_999;
    const withinTimeout = <T>(work: Promise<T>): Promise<T> => {
      const stop = new AbortController();
      const { time } = this.options;
      const timedOut = time
        .sleepUntil(startedAt + timeoutSeconds * 1000, AbortSignal.any([signal, stop.signal]))
        .then(async () => {
          if (stop.signal.aborted) return undefined as never;
          throw await timeoutError(`${stateName} did not finish within ${timeoutSeconds} s.`);
        });
      return Promise.race([work, timedOut]).finally(() => stop.abort());
    };

    if (/^arn:aws:lambda:[^:]+:[^:]+:function:/.test(resource)) return withinTimeout(invoke(resource, input));
    if (!integration) {
      throw statesError(
        'States.Runtime',
        `The local stack runs Lambda tasks only; ${stateName} uses ${resource}.`,
      );
    }
    if (!integration[1]) {
      const result = await withinTimeout(invoke(FunctionName, Payload));
      return { ExecutedVersion: '$LATEST', Payload: result, StatusCode: 200 };
    }
    if (!token)
      throw statesError(
        'States.Runtime',
        `${stateName} waits for a task token but passes none in its Payload.`,
      );
    const early = this.earlyAnswers.get(token)?.answer;
    this.earlyAnswers.delete(token);
    const outcome = early
      ? undefined
      : new Promise<Json>((resolve, reject) => this.tokens.set(token, { executionArn, resolve, reject }));
    // The answer may come while the function is still running, before the await below: marked as
    // handled now, a failure then is not an unhandled rejection (which ended the stack's process).
    outcome?.catch(() => undefined);
    // A resumed wait invokes its function again with the same token, as a retried invocation would.
    await invoke(FunctionName, Payload);
    try {
      if (early && 'error' in early) throw early.error;
      return early ? early.output : await withinTimeout(outcome!);
    } finally {
      this.tokens.delete(token);
    }
  }

  private findToken(value: Json, executionArn: string): string | undefined {
    if (typeof value === 'string')
      return (this.tokens.get(value) ?? this.earlyAnswers.get(value))?.executionArn === executionArn
        ? value
        : undefined;
    if (value && typeof value === 'object') {
      for (const inner of Object.values(value)) {
        const found = this.findToken(inner as Json, executionArn);
        if (found) return found;
      }
    }
    return undefined;
  }

  /**
   * Records the interpreter's events as Step Functions history events, with the same types and
   * detail fields, and where the execution stands. A resumed run goes on with the history it had:
   * its start and its re-entry of the state it stood in are not events of the execution.
   */
  private async record(
    machine: PreparedMachine,
    execution: Execution,
    events: AsyncGenerator<EventLog>,
    resumedAt?: Position,
  ): Promise<void> {
    const push = (timestamp: number, type: string, details: Record<string, unknown>) => {
      execution.history.push({
        id: execution.history.length + 1,
        timestamp: new Date(timestamp),
        type,
        ...details,
      });
      this.save(execution);
    };
    let reentry = resumedAt?.state;
    for await (const event of events) {
      const json = (value: unknown) => JSON.stringify(value ?? null);
      if ('state' in event && event.state) {
        const name = event.state.name;
        const type = machine.stateTypes.get(name) ?? event.state.type;
        if (event.type === 'StateEntered') {
          if (name in machine.definition.States) {
            execution.position = { state: name, input: event.state.input as Json };
          }
          if (name === reentry) {
            reentry = undefined;
            continue;
          }
          push(event.timestamp, `${type}StateEntered`, {
            stateEnteredEventDetails: { name, input: json(event.state.input) },
          });
        } else if (event.type === 'StateExited') {
          push(event.timestamp, `${type}StateExited`, {
            stateExitedEventDetails: { name, output: json(event.state.output) },
          });
        } else if (event.type === 'StateFailed' && type === 'Task' && 'Error' in event) {
          push(event.timestamp, 'TaskFailed', {
            taskFailedEventDetails: { error: event.Error, cause: String(event.Cause) },
          });
        }
      } else if (event.type === 'ExecutionStarted') {
        if (!resumedAt)
          push(event.timestamp, event.type, { executionStartedEventDetails: { input: json(event.input) } });
      } else if (event.type === 'ExecutionSucceeded') {
        push(event.timestamp, event.type, { executionSucceededEventDetails: { output: json(event.output) } });
      } else if (event.type === 'ExecutionFailed') {
        push(event.timestamp, event.type, {
          executionFailedEventDetails: { error: event.Error, cause: String(event.Cause) },
        });
      } else if (event.type === 'ExecutionAborted' || event.type === 'ExecutionTimeout') {
        push(event.timestamp, event.type === 'ExecutionTimeout' ? 'ExecutionTimedOut' : event.type, {});
      }
    }
  }

  private execution(executionArn: string): Execution {
    const execution = this.executions.get(executionArn);
    if (!execution)
      throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return execution;
  }

  describeExecution({ executionArn }: { executionArn: string }) {
    const execution = this.execution(executionArn);
    const { executionArn: arn, stateMachineArn, name, status, startDate, stopDate, input } = execution;
    const { output, error, cause } = execution;
    return {
      executionArn: arn,
      stateMachineArn,
      name,
      status,
      startDate,
      stopDate,
      input,
      output,
      error,
      cause,
    };
  }

  getExecutionHistory({ executionArn, reverseOrder }: { executionArn: string; reverseOrder?: boolean }) {
    const events = [...this.execution(executionArn).history];
    return { events: reverseOrder ? events.reverse() : events };
  }

  listExecutions({ stateMachineArn, statusFilter }: { stateMachineArn: string; statusFilter?: string }) {
    return {
      executions: [...this.executions.values()]
        .filter((e) => e.stateMachineArn === stateMachineArn && (!statusFilter || e.status === statusFilter))
        .map(({ executionArn, stateMachineArn: arn, name, status, startDate, stopDate }) => ({
          executionArn,
          stateMachineArn: arn,
          name,
          status,
          startDate,
          stopDate,
        })),
    };
  }

  private pendingToken(taskToken: string): PendingToken {
    const pending = this.tokens.get(taskToken);
    if (!pending)
      throw new ServiceError(
        'TaskDoesNotExist',
        'Task Does Not Exist: the token is unknown, used, or its task timed out.',
      );
    return pending;
  }

  sendTaskSuccess({ taskToken, output }: { taskToken: string; output: string }) {
    let parsed: Json;
    try {
      parsed = JSON.parse(output) as Json;
    } catch {
      throw new ServiceError('InvalidOutput', 'Invalid Output: the output is not JSON.');
    }
    this.pendingToken(taskToken).resolve(parsed);
    this.tokens.delete(taskToken);
    return {};
  }

  sendTaskFailure({ taskToken, error, cause }: { taskToken: string; error?: string; cause?: string }) {
    this.pendingToken(taskToken).reject(statesError(error ?? 'States.TaskFailed', cause ?? ''));
    this.tokens.delete(taskToken);
    return {};
  }

  sendTaskHeartbeat({ taskToken }: { taskToken: string }) {
    this.pendingToken(taskToken);
    return {};
  }

  stopExecution({ executionArn, error, cause }: { executionArn: string; error?: string; cause?: string }) {
    const execution = this.execution(executionArn);
    execution.abort();
    this.finish(execution, 'ABORTED', { error, cause });
    return { stopDate: execution.stopDate };
  }

  /** Dispatches one call of the Step Functions JSON protocol (`X-Amz-Target: AWSStepFunctions.<Operation>`). */
  async call(operation: string, request: Record<string, unknown>): Promise<unknown> {
    const operations: Record<string, (request: never) => unknown> = {
      StartExecution: (r) => this.startExecution(r),
      DescribeExecution: (r) => this.describeExecution(r),
      GetExecutionHistory: (r) => this.getExecutionHistory(r),
      ListExecutions: (r) => this.listExecutions(r),
      SendTaskSuccess: (r) => this.sendTaskSuccess(r),
      SendTaskFailure: (r) => this.sendTaskFailure(r),
      SendTaskHeartbeat: (r) => this.sendTaskHeartbeat(r),
      StopExecution: (r) => this.stopExecution(r),
    };
    const run = operations[operation];
    if (!run)
      throw new ServiceError('UnknownOperationException', `The local stack does not implement ${operation}.`);
    return run(request as never);
  }

  /**
   * Takes up the executions kept in the data folder: finished ones answer as before, running ones
   * resume in the state they stood in, with its task's token, start and due time unchanged.
   * Executions an earlier version only listed start again from their first state.
   */
  async resumeSaved(): Promise<number> {
    let resumed = 0;
    for (const saved of this.files?.load((line) => this.options.log?.(line)) ?? []) {
      const machine = this.machines.get(saved.stateMachineArn);
      if (saved.status !== 'RUNNING' || !machine) {
        this.executions.set(saved.executionArn, {
          ...saved,
          abort: () => undefined,
          controller: new AbortController(),
        });
        continue;
      }
      // The token of the wait it stood in is live at once: an answer sent right after the restart,
      // before the execution is back in its task, is kept for it.
      const token = saved.progress?.token;
      if (token) {
        this.tokens.set(token, {
          executionArn: saved.executionArn,
          resolve: (output) =>
            this.earlyAnswers.set(token, { executionArn: saved.executionArn, answer: { output } }),
          reject: (error) =>
            this.earlyAnswers.set(token, { executionArn: saved.executionArn, answer: { error } }),
        });
      }
      this.run(machine, saved);
      resumed += 1;
    }
    const legacy = this.options.legacyRunningFile;
    for (const listed of legacy ? ExecutionFiles.takeLegacyList(legacy) : []) {
      if (
        !this.machines.has(listed.stateMachineArn) ||
        [...this.executions.values()].some(
          (e) => e.name === listed.name && e.stateMachineArn === listed.stateMachineArn,
        )
      )
        continue;
      await this.startExecution(listed);
      resumed += 1;
    }
    return resumed;
  }

  /** Aborts what runs in this process; the executions' files stay as they were for the next start. */
  stop(): void {
    this.stopping = true;
    for (const execution of this.executions.values()) if (execution.status === 'RUNNING') execution.abort();
  }
}

/**
 * The definition as deployed: the synthesized `DefinitionString` with its intrinsics resolved
 * and `DefinitionSubstitutions` applied.
 */
export const resolveDefinition = (stack: SynthesizedStack, logicalId: string): Definition => {
  const text = String(stack.property(logicalId, 'DefinitionString') ?? '');
  const substitutions = stack.property<Record<string, string>>(logicalId, 'DefinitionSubstitutions') ?? {};
  const substituted = text.replace(/\$\{([^}]+)\}/g, (whole, name: string) => substitutions[name] ?? whole);
  return JSON.parse(substituted) as Definition;
};
