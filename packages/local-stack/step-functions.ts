import './polyfills';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { JSONPath } from 'jsonpath-plus';
import { ExecutionAbortedError, StateMachine, StateMachineDefinition } from 'aws-local-stepfunctions';
import { LambdaRuntime } from './lambda-runtime';
import { LocalTime } from './local-time';
import { SynthesizedStack } from './template';

type EventLog = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type StateDef = Record<string, Json> & { Type: string };
type Definition = { StartAt: string; States: Record<string, StateDef>; [key: string]: Json };

const LOCAL_WAIT_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:sunlit-local-wait';

/** A Step Functions error, as a Catch or Retry clause matches it by name. */
const statesError = (name: string, cause: string): Error => Object.assign(new Error(cause), { name });

/** What the local service answers for an unknown ARN or token, shaped as AWS answers it. */
export class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export interface HistoryEvent {
  id: number;
  timestamp: Date;
  type: string;
  [details: string]: unknown;
}

interface Execution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';
  startDate: Date;
  stopDate?: Date;
  input: string;
  /** The input exactly as sent, to recognise a retried start. */
  rawInput: string;
  output?: string;
  error?: string;
  cause?: string;
  history: HistoryEvent[];
  abort: () => void;
  controller: AbortController;
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
  /** Where running executions are listed, so the next start runs them again. */
  runningFile?: string;
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
  private readonly waitOverrides = new Map<string, number>();
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

  async startExecution(request: { stateMachineArn: string; name?: string; input?: string }) {
    const machine = this.machines.get(request.stateMachineArn);
    if (!machine)
      throw new ServiceError(
        'StateMachineDoesNotExist',
        `State Machine Does Not Exist: '${request.stateMachineArn}'`,
      );
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
    const startDate = new Date();
    const controller = new AbortController();
    const context = this.contextFor(machine, executionArn, name, input, startDate);
    const interpreter = new StateMachine(machine.definition as unknown as StateMachineDefinition, {
      validationOptions: { checkArn: false },
      awsConfig: {
        region: 'local-unreachable',
        credentials: { accessKeys: { accessKeyId: 'none', secretAccessKey: 'none' } },
      },
    });
    const run = interpreter.run(input as never, {
      overrides: {
        taskResourceLocalHandlers: this.handlersFor(machine, executionArn, controller.signal),
        retryIntervalOverrides: this.scaledRetries(machine),
      },
      context: context as never,
    });
    const execution: Execution = {
      executionArn,
      stateMachineArn: machine.arn,
      name,
      status: 'RUNNING',
      startDate,
      input: JSON.stringify(input),
      rawInput: request.input ?? '{}',
      history: [],
      abort: run.abort,
      controller,
    };
    this.executions.set(executionArn, execution);
    this.saveRunning();
    void this.record(machine, execution, run.eventLogs);
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
    return { executionArn, startDate };
  }

  private finish(execution: Execution, status: Execution['status'], result: Partial<Execution>): void {
    if (execution.status !== 'RUNNING') return;
    Object.assign(execution, { status, stopDate: new Date(), ...result });
    execution.controller.abort();
    for (const [token, pending] of this.tokens)
      if (pending.executionArn === execution.executionArn) this.tokens.delete(token);
    this.saveRunning();
    this.options.log?.(
      `execution ${execution.name} ${status}${execution.error ? `: ${execution.error}` : ''}`,
    );
  }

  /** The context object: `$$.Task.Token` is new on every read, so each waiting task has its own token. */
  private contextFor(
    machine: PreparedMachine,
    executionArn: string,
    name: string,
    input: Json,
    startDate: Date,
  ) {
    const tokens = this.tokens;
    return {
      Execution: {
        Id: executionArn,
        Name: name,
        Input: input,
        StartTime: startDate.toISOString(),
        RoleArn: 'local',
      },
      StateMachine: { Id: machine.arn, Name: machine.name },
      // The interpreter copies this object once per execution, but not `Task` within it: the getter
      // stays live, so every entry of a waiting state (a second wait after a timeout too) gets its own token.
      Task: {
        get Token() {
          const token = `${randomUUID()}.${randomUUID()}`;
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

  private handlersFor(machine: PreparedMachine, executionArn: string, signal: AbortSignal) {
    const handlers: Record<string, (input: Json) => Promise<Json>> = {};
    for (const [stateName, wait] of machine.waits) {
      handlers[stateName] = async (input) => {
        const override = this.waitOverrides.get(stateName);
        if (override === undefined) await this.options.time.sleepUntil(this.waitUntil(wait, input), signal);
        else await new Promise((resolve) => setTimeout(resolve, override));
        return input;
      };
    }
    for (const [stateName, resource] of machine.taskResources) {
      handlers[stateName] = (input) =>
        this.runTask(machine, executionArn, stateName, resource, input, signal);
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
    executionArn: string,
    stateName: string,
    resource: string,
    input: Json,
    signal: AbortSignal,
  ): Promise<Json> {
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

    // The state's own TimeoutSeconds, under the time scale; the interpreter's is set out of the way.
    const timeoutSeconds = machine.timeouts.get(stateName) ?? 99_999_999;
    const withinTimeout = <T>(work: Promise<T>): Promise<T> => {
      const stop = new AbortController();
      const { time } = this.options;
      const timedOut = time
        .sleepUntil(time.now() + timeoutSeconds * 1000, AbortSignal.any([signal, stop.signal]))
        .then(() => {
          if (stop.signal.aborted) return undefined as never;
          throw statesError('States.Timeout', `${stateName} did not finish within ${timeoutSeconds} s.`);
        });
      return Promise.race([work, timedOut]).finally(() => stop.abort());
    };

    if (/^arn:aws:lambda:[^:]+:[^:]+:function:/.test(resource)) return withinTimeout(invoke(resource, input));
    const integration = resource.match(/^arn:aws:states:::lambda:invoke(\.waitForTaskToken)?$/);
    if (!integration) {
      throw statesError(
        'States.Runtime',
        `The local stack runs Lambda tasks only; ${stateName} uses ${resource}.`,
      );
    }
    const { FunctionName, Payload } = input as { FunctionName: string; Payload: Json };
    if (!integration[1]) {
      const result = await withinTimeout(invoke(FunctionName, Payload));
      return { ExecutedVersion: '$LATEST', Payload: result, StatusCode: 200 };
    }
    const token = this.findToken(Payload, executionArn);
    if (!token)
      throw statesError(
        'States.Runtime',
        `${stateName} waits for a task token but passes none in its Payload.`,
      );
    const outcome = new Promise<Json>((resolve, reject) =>
      this.tokens.set(token, { executionArn, resolve, reject }),
    );
    await invoke(FunctionName, Payload);
    try {
      return await withinTimeout(outcome);
    } finally {
      this.tokens.delete(token);
    }
  }

  private findToken(value: Json, executionArn: string): string | undefined {
    if (typeof value === 'string')
      return this.tokens.get(value)?.executionArn === executionArn ? value : undefined;
    if (value && typeof value === 'object') {
      for (const inner of Object.values(value)) {
        const found = this.findToken(inner as Json, executionArn);
        if (found) return found;
      }
    }
    return undefined;
  }

  /** Records the interpreter's events as Step Functions history events, with the same types and detail fields. */
  private async record(
    machine: PreparedMachine,
    execution: Execution,
    events: AsyncGenerator<EventLog>,
  ): Promise<void> {
    const push = (timestamp: number, type: string, details: Record<string, unknown>) =>
      execution.history.push({
        id: execution.history.length + 1,
        timestamp: new Date(timestamp),
        type,
        ...details,
      });
    for await (const event of events) {
      const json = (value: unknown) => JSON.stringify(value ?? null);
      if ('state' in event && event.state) {
        const name = event.state.name;
        const type = machine.stateTypes.get(name) ?? event.state.type;
        if (event.type === 'StateEntered') {
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
    const {
      history: _history,
      abort: _abort,
      controller: _controller,
      ...description
    } = this.execution(executionArn);
    return description;
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
   * Runs again, from their first state, the executions a previous run left running: the interpreter
   * keeps no state between runs, so this is as close to AWS's durable executions as it gets, and it
   * suits state machines whose tasks are safe to repeat (the platform's are).
   */
  async resumeRunning(): Promise<number> {
    const file = this.options.runningFile;
    if (!file || !existsSync(file)) return 0;
    const running = JSON.parse(readFileSync(file, 'utf8')) as {
      stateMachineArn: string;
      name: string;
      input: string;
    }[];
    let resumed = 0;
    for (const execution of running) {
      if (!this.machines.has(execution.stateMachineArn)) continue;
      await this.startExecution(execution);
      resumed += 1;
    }
    return resumed;
  }

  private saveRunning(): void {
    if (!this.options.runningFile || this.stopping) return;
    const running = [...this.executions.values()]
      .filter((e) => e.status === 'RUNNING')
      .map(({ stateMachineArn, name, rawInput }) => ({ stateMachineArn, name, input: rawInput }));
    writeFileSync(this.options.runningFile, JSON.stringify(running, null, 2));
  }

  /** Aborts what runs in this process; the list of running executions stays for the next start. */
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
