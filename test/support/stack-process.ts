import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { StackInfo } from '../../packages/local-stack/stack';

const projectRoot = path.resolve(__dirname, '..', '..');

export class StackExitedError extends Error {
  constructor(
    readonly exitCode: number,
    readonly output: string,
  ) {
    super(`The local stack exited (${exitCode}):\n${output}`);
  }
}

export interface StackProcess {
  info: StackInfo;
  process: ChildProcess;
  /** Everything the stack printed so far. */
  output(): string;
  stop(): Promise<void>;
}

export interface StackProcessOptions {
  app?: string;
  stack?: string;
  /** Reuse this cloud assembly instead of synthesizing again. */
  assembly?: string;
  /** Keep (and reuse) this data folder; otherwise a fresh temporary one is made and removed. */
  dataDir?: string;
  port?: number;
  timeScale?: number;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Test stacks honour the per-request clock offset; `false` starts a stack as people use it. */
  testControls?: boolean;
}

/** The command line `npm start` runs, for a test to start the stack its own way. */
export const stackCommand = (dataDir: string, options: StackProcessOptions = {}) => {
  // Node loads TypeScript through tsx's hook in the same process, so the stack's parent is the test run itself.
  const args = [
    '--import',
    'tsx',
    'packages/local-stack/main.ts',
    '--port',
    String(options.port ?? 0),
    '--data',
    dataDir,
    '--exit-with-parent',
    ...(options.testControls === false ? [] : ['--test-controls']),
  ];
  if (options.app) args.push('--app', options.app);
  if (options.assembly) args.push('--assembly', options.assembly);
  if (options.timeScale) args.push('--time-scale', String(options.timeScale));
  if (options.stack) args.push('--stack', options.stack, '--no-demo-data');
  return {
    command: process.execPath,
    args,
    cwd: projectRoot,
    env: { ...process.env, NODE_OPTIONS: '--openssl-legacy-provider', ...options.env },
  };
};

/** Resolves with the addresses a stack writes once it is ready. */
export const waitForStackInfo = async (
  dataDir: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs = 120_000,
) => {
  const infoFile = path.join(dataDir, 'stack.json');
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(infoFile)) {
    if (child.exitCode !== null) throw new StackExitedError(child.exitCode, output());
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The local stack did not start in time:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return JSON.parse(readFileSync(infoFile, 'utf8')) as StackInfo;
};

/**
 * Starts the local stack as `npm start` does, in its own process, and resolves once it has
 * written its addresses. It exits with its parent, so a killed test run leaves no Java behind.
 */
export const startStackProcess = async (options: StackProcessOptions = {}): Promise<StackProcess> => {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'sunlit-test-'));
  // A stack killed hard leaves its addresses behind; they must not be mistaken for the new one's.
  rmSync(path.join(dataDir, 'stack.json'), { force: true });
  const { command, args, cwd, env } = stackCommand(dataDir, options);
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let stopping = false;
  // A stack that dies under a test shows up as refused connections; its own last words say why.
  child.once('exit', (code, signal) => {
    if (!stopping)
      console.error(
        `The local stack in ${dataDir} exited by itself (${code ?? signal}):\n${output.slice(-4000)}`,
      );
  });
  const info = await waitForStackInfo(dataDir, child, () => output, options.timeoutMs);
  return {
    info,
    process: child,
    output: () => output,
    stop: async () => {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/**
 * Runs the calling file's tests on a stack of their own, `SUNLIT_STACK` pointing at it meanwhile:
 * for tests that move the stack's clock, which the shared stack's other tests must not see (a
 * tender they create by the machine's clock would otherwise start "yesterday" near midnight).
 * Returns the running stack, once `beforeAll` has started it.
 */
export const onOwnStack = (name: string): (() => StackProcess) => {
  let stack: StackProcess | undefined;
  const shared = process.env.SUNLIT_STACK;
  const dataDir = mkdtempSync(path.join(tmpdir(), `sunlit-${name}-`));
  beforeAll(async () => {
    const { assemblyDir } = JSON.parse(shared!) as StackInfo;
    stack = await startStackProcess({ assembly: assemblyDir, dataDir });
    process.env.SUNLIT_STACK = JSON.stringify(stack.info);
  }, 180_000);
  afterAll(async () => {
    process.env.SUNLIT_STACK = shared;
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return () => stack!;
};
