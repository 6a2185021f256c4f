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

interface RunningFunction {
  worker: Worker;
  ready: Promise<void>;
  pending: Map<string, { resolve(value: unknown): void; reject(error: Error): void }>;
}

/**
 * Invokes the template's Lambda functions from their synthesized bundles. Each function gets
 * its own worker thread, started on first use (its cold start) with the environment the
 * template gives it plus the local endpoints.
 */
export class LambdaRuntime {
  private readonly running = new Map<string, RunningFunction>();

  constructor(
    private readonly stack: SynthesizedStack,
    private readonly baseEnv: Record<string, string>,
    /** How far the stack's clock was moved forward; every invocation runs that much later. */
    private readonly movedMs: () => number = () => 0,
  ) {}

  /** Logical ids of every function in the template. */
  functionIds(): string[] {
    return this.stack.resourcesOfType('AWS::Lambda::Function').map(([id]) => id);
  }

  /** `clockOffsetMs` runs this one invocation that much later again than the stack's clock. */
  async invoke(functionId: string, event: unknown, clockOffsetMs = 0): Promise<unknown> {
    const fn = this.start(functionId);
    await fn.ready;
    const id = randomUUID();
    const timeoutMs = this.timeoutMs(functionId);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        fn.pending.delete(id);
        reject(
          new FunctionError({
            errorType: 'Sandbox.Timedout',
            errorMessage: `Task timed out after ${timeoutMs / 1000} seconds`,
          }),
        );
      }, timeoutMs);
      fn.pending.set(id, {
        resolve: (value) => (clearTimeout(timer), resolve(value)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      fn.worker.postMessage({ id, event, clockOffsetMs: this.movedMs() + clockOffsetMs });
    });
  }

  async stop(): Promise<void> {
    await Promise.all([...this.running.values()].map(({ worker }) => worker.terminate()));
    this.running.clear();
  }

  private timeoutMs(functionId: string): number {
    return Number(this.stack.property(functionId, 'Timeout') ?? 3) * 1000;
  }

  private start(functionId: string): RunningFunction {
    const existing = this.running.get(functionId);
    if (existing) return existing;
    const handlerSpec = String(this.stack.property(functionId, 'Handler') ?? 'index.handler');
    const [file, handlerName] = handlerSpec.split('.');
    const codeDir = this.stack.codeDir(functionId);
    const environment = this.stack.property<{ Variables?: Record<string, string> }>(
      functionId,
      'Environment',
    );
    const functionName = this.stack.physicalName(functionId);
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
    const pending: RunningFunction['pending'] = new Map();
    const ready = new Promise<void>((resolve, reject) => {
      worker.on(
        'message',
        (message: { ready?: true; id?: string; result?: unknown; error?: LambdaError }) => {
          if (message.ready) return resolve();
          const waiter = message.id ? pending.get(message.id) : undefined;
          if (!waiter || !message.id) return;
          pending.delete(message.id);
          if (message.error) waiter.reject(new FunctionError(message.error));
          else waiter.resolve(message.result);
        },
      );
      worker.on('error', (error) => {
        // An init failure or a crash fails what is in flight; the next call starts afresh.
        this.running.delete(functionId);
        const failure = new FunctionError({
          errorType: 'Runtime.InitError',
          errorMessage: `${functionName}: ${error.message}`,
        });
        for (const waiter of pending.values()) waiter.reject(failure);
        pending.clear();
        reject(failure);
      });
    });
    const running = { worker, ready, pending };
    this.running.set(functionId, running);
    return running;
  }
}
