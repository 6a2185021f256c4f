import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { StackInfo } from '../../packages/local-stack/stack';

const projectRoot = path.resolve(__dirname, '..', '..');

export interface StackProcess {
  info: StackInfo;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the local stack as `npm start` does, in its own process with a fresh data folder,
 * and resolves once it has written its addresses. It exits with its parent, so a killed
 * test run leaves no Java behind.
 */
export const startStackProcess = async (
  options: { app?: string; stack?: string; timeoutMs?: number } = {},
): Promise<StackProcess> => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sunlit-test-'));
  const args = ['packages/local-stack/main.ts', '--port', '0', '--data', dataDir, '--exit-with-parent'];
  if (options.app) args.push('--app', options.app);
  if (options.stack) args.push('--stack', options.stack, '--no-demo-data');
  const child = spawn(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), args, {
    cwd: projectRoot,
    env: { ...process.env, NODE_OPTIONS: '--openssl-legacy-provider' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const infoFile = path.join(dataDir, 'stack.json');
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (!existsSync(infoFile)) {
    if (child.exitCode !== null) throw new Error(`The local stack exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The local stack did not start in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const info = JSON.parse(readFileSync(infoFile, 'utf8')) as StackInfo;
  return {
    info,
    process: child,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
