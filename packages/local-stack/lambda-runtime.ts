import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { SynthesizedStack } from './template';

export interface LambdaError {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

/** A function's error, as Lambda reports it to its caller. */
export class FunctionError extends Error {
  constructor(readonly details: LambdaError) {
    super(details.errorMessage);
    this.name = details.errorType;
  }
}

/** One sandbox: a worker thread that runs one invocation at a time, as a Lambda execution environment does. */
interface Sandbox {
  worker: Worker;
  ready: Promise<void>;
  /** How long its start took (module load and init): its cold start. */
  initMs?: number;
  current?: { id: string; resolve(value: unknown): void; reject(error: Error): void };
}

interface FunctionPool {
  functionId: string;
  limit: number;
  sandboxes: Set<Sandbox>;
  /** Warm sandboxes, the most recently used last: Lambda reuses the warmest. */
  idle: Sandbox[];
  /** Invocations waiting for a sandbox once `limit` are busy. */
  waiting: { grant(sandbox: Sandbox, cold: boolean): void; refuse(error: Error): void }[];
}

/** What one invocation cost beside its own work, for the request log. */
export interface InvocationReport {
  /** The cold start this invocation waited for, or undefined when a warm sandbox took it. */
  coldStartMs?: number;
  /** Sandboxes busy with this function when it started, itself included. */
  concurrency: number;
  /** Time spent waiting for a free sandbox because `limit` were busy. */
  queuedMs: number;
}

/** Sandboxes per function when the template reserves no concurrency for it. */
export const DEFAULT_CONCURRENCY = 10;

/**
 * Invokes the template's Lambda functions from their synthesized bundles, as Lambda scales them:
 * each function has a pool of sandboxes (worker threads started with the environment the
 * template gives it plus the local endpoints), one invocation at a time in each. A call takes a
 * warm idle sandbox, or starts a new one — with its own cold start — while fewer than the
 * function's limit run: its `ReservedConcurrentExecutions`, or `concurrency` when it reserves
 * none. Past the limit a call waits for the first sandbox to free up, where AWS would throttle.
 */
/** Lambda gives up on an init after 10 s; locally never sooner than the function's own timeout. */
const INIT_LIMIT_MS = 10_000;

const stoppedError = () =>
  new FunctionError({ errorType: 'Runtime.Stopped', errorMessage: 'The local stack is stopping.' });

export class LambdaRuntime {
  private readonly pools = new Map<string, FunctionPool>();
  private stopped = false;

  constructor(
    private readonly stack: SynthesizedStack,
    private readonly baseEnv: Record<string, string>,
    /** How far the stack's clock was moved forward; every invocation runs that much later. */
    private readonly movedMs: () => number = () => 0,
    private readonly concurrency = DEFAULT_CONCURRENCY,
  ) {}

  /** Logical ids of every function in the template. */
  functionIds(): string[] {
    return this.stack.resourcesOfType('AWS::Lambda::Function').map(([id]) => id);
  }

  /** `clockOffsetMs` runs this one invocation that much later again than the stack's clock. */
  async invoke(functionId: string, event: unknown, clockOffsetMs = 0): Promise<unknown> {
    return (await this.invokeReporting(functionId, event, clockOffsetMs)).result;
  }

  /** Invokes, and says whether the call met a cold start, how many ran, and how long it queued. */
  async invokeReporting(
    functionId: string,
    event: unknown,
    clockOffsetMs = 0,
  ): Promise<{ result: unknown; report: InvocationReport }> {
    if (this.stopped) throw stoppedError();
    const pool = this.poolOf(functionId);
    const { sandbox, cold, concurrency, queuedMs } = await this.acquire(pool);
    try {
      await sandbox.ready;
      const result = await this.run(pool, sandbox, event, clockOffsetMs);
      return { result, report: { coldStartMs: cold ? sandbox.initMs : undefined, concurrency, queuedMs } };
    } finally {
      this.release(pool, sandbox);
    }
  }

  /** Ends every sandbox; calls in flight or waiting fail at once, and no new one starts. */
  async stop(): Promise<void> {
    this.stopped = true;
    const pools = [...this.pools.values()];
    this.pools.clear();
    for (const pool of pools) for (const waiter of pool.waiting.splice(0)) waiter.refuse(stoppedError());
    const sandboxes = pools.flatMap((pool) => [...pool.sandboxes]);
    for (const sandbox of sandboxes) sandbox.current?.reject(stoppedError());
    await Promise.all(sandboxes.map(({ worker }) => worker.terminate()));
  }

  private timeoutMs(functionId: string): number {
    return Number(this.stack.property(functionId, 'Timeout') ?? 3) * 1000;
  }

  private poolOf(functionId: string): FunctionPool {
    let pool = this.pools.get(functionId);
    if (!pool) {
      const reserved = this.stack.property<number>(functionId, 'ReservedConcurrentExecutions');
      pool = {
        functionId,
        limit: reserved !== undefined ? Number(reserved) : this.concurrency,
        sandboxes: new Set(),
        idle: [],
        waiting: [],
      };
      this.pools.set(functionId, pool);
    }
    return pool;
  }

  private async acquire(
    pool: FunctionPool,
  ): Promise<{ sandbox: Sandbox; cold: boolean; concurrency: number; queuedMs: number }> {
    const busy = () => pool.sandboxes.size - pool.idle.length;
    const warm = pool.idle.pop();
    if (warm) return { sandbox: warm, cold: false, concurrency: busy(), queuedMs: 0 };
    if (pool.sandboxes.size < pool.limit) {
      return { sandbox: this.startSandbox(pool), cold: true, concurrency: busy(), queuedMs: 0 };
    }
    const asked = Date.now();
    const [sandbox, cold] = await new Promise<[Sandbox, boolean]>((resolve, reject) =>
      pool.waiting.push({ grant: (freed, fresh) => resolve([freed, fresh]), refuse: reject }),
    );
    return { sandbox, cold, concurrency: busy(), queuedMs: Date.now() - asked };
  }

  private release(pool: FunctionPool, sandbox: Sandbox): void {
    const next = pool.waiting.shift();
    if (!pool.sandboxes.has(sandbox)) {
      // Its sandbox is gone (a crash or a timeout): a waiting call takes its place.
      if (!next) return;
      if (this.stopped) return next.refuse(stoppedError());
      const warm = pool.idle.pop();
      next.grant(warm ?? this.startSandbox(pool), !warm);
      return;
    }
    if (next) next.grant(sandbox, false);
    else pool.idle.push(sandbox);
  }

  private run(pool: FunctionPool, sandbox: Sandbox, event: unknown, clockOffsetMs: number): Promise<unknown> {
    const id = randomUUID();
    const timeoutMs = this.timeoutMs(pool.functionId);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // Lambda resets a sandbox whose invocation timed out; the next call gets a new one.
        this.discard(pool, sandbox);
        reject(
          new FunctionError({
            errorType: 'Sandbox.Timedout',
            errorMessage: `Task timed out after ${timeoutMs / 1000} seconds`,
          }),
        );
      }, timeoutMs);
      sandbox.current = {
        id,
        resolve: (value) => (clearTimeout(timer), resolve(value)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      };
      sandbox.worker.postMessage({ id, event, clockOffsetMs: this.movedMs() + clockOffsetMs });
    });
  }

  private discard(pool: FunctionPool, sandbox: Sandbox): void {
    pool.sandboxes.delete(sandbox);
    pool.idle = pool.idle.filter((candidate) => candidate !== sandbox);
    sandbox.current = undefined;
    void sandbox.worker.terminate();
  }

  private startSandbox(pool: FunctionPool): Sandbox {
    const { functionId } = pool;
    const handlerSpec = String(this.stack.property(functionId, 'Handler') ?? 'index.handler');
    const [file, handlerName] = handlerSpec.split('.');
    const codeDir = this.stack.codeDir(functionId);
    const environment = this.stack.property<{ Variables?: Record<string, string> }>(
      functionId,
      'Environment',
    );
    const functionName = this.stack.physicalName(functionId);
    const started = Date.now();
    const worker = new Worker(path.join(__dirname, 'lambda-worker.mjs'), {
      workerData: {
        entry: path.join(codeDir, `${file}.mjs`),
        handlerName,
        functionName,
        memorySize: Number(this.stack.property(functionId, 'MemorySize') ?? 128),
        timeoutMs: this.timeoutMs(functionId),
      },
      env: {
        ...this.baseEnv,
        ...environment?.Variables,
        AWS_LAMBDA_FUNCTION_NAME: functionName,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(this.stack.property(functionId, 'MemorySize') ?? 128),
      },
    });
    const sandbox: Sandbox = { worker, ready: Promise.resolve() };
    sandbox.ready = new Promise<void>((resolve, reject) => {
      const fail = (errorType: string, why: string) => {
        clearTimeout(initTimer);
        if (!pool.sandboxes.has(sandbox)) return;
        const failure = this.stopped
          ? stoppedError()
          : new FunctionError({ errorType, errorMessage: `${functionName}: ${why}` });
        sandbox.current?.reject(failure);
        this.discard(pool, sandbox);
        reject(failure);
      };
      const initLimit = Math.max(INIT_LIMIT_MS, this.timeoutMs(functionId));
      const initTimer = setTimeout(
        () => fail('Runtime.InitTimeout', `init did not finish in ${initLimit / 1000} s`),
        initLimit,
      );
      // A sandbox that ends on its own (process.exit in a handler) is gone, as on Lambda.
      worker.on('exit', (code) => fail('Runtime.ExitError', `the sandbox exited (code ${code})`));
      worker.on(
        'message',
        (message: { ready?: true; id?: string; result?: unknown; error?: LambdaError }) => {
          if (message.ready) {
            clearTimeout(initTimer);
            sandbox.initMs = Date.now() - started;
            return resolve();
          }
          const waiter = sandbox.current;
          if (!waiter || waiter.id !== message.id) return;
          sandbox.current = undefined;
          if (message.error) waiter.reject(new FunctionError(message.error));
          else waiter.resolve(message.result);
        },
      );
      // An init failure or a crash fails what it runs; the next call starts a new sandbox.
      worker.on('error', (error) => fail('Runtime.InitError', error.message));
    });
    // A failed start is reported to the call that waits on it; nobody else awaits `ready`.
    sandbox.ready.catch(() => undefined);
    pool.sandboxes.add(sandbox);
    return sandbox;
  }
}
