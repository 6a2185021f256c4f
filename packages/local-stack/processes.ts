import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A startup problem the person at the terminal can fix; printed without a stack trace. */
export class StartupError extends Error {}

export const hasJava = (): boolean => {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** Resolves with a port the OS considers free right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

/** Fails with a clear message when `port` is taken. */
export const assertPortFree = (port: number, what: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', () =>
      reject(
        new StartupError(
          `Port ${port} (${what}) is in use. Stop what uses it, or choose another with PORT=…`,
        ),
      ),
    );
    server.listen(port, () => server.close(() => resolve()));
  });

/** Whether `pid` runs; a killed process its parent has not reaped yet (a zombie) does not. */
export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // Linux: the state is the field after the parenthesised command name in /proc/<pid>/stat.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
};

/**
 * Child processes of a stack are recorded in a pid file, so that a stack killed hard
 * (SIGKILL, a crashed test run) has its leftovers stopped by the next start.
 */
export class PidFile {
  constructor(private readonly file: string) {}

  /** Stops processes a previous run left behind; returns how many there were. */
  reapLeftovers(): number {
    if (!existsSync(this.file)) return 0;
    const pids = readFileSync(this.file, 'utf8').split(/\s+/).filter(Boolean).map(Number);
    const alive = pids.filter(isAlive);
    for (const pid of alive) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(this.file, { force: true });
    return alive.length;
  }

  record(pids: number[]): void {
    writeFileSync(this.file, pids.join('\n'));
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it succeeds or `timeoutMs` passes. */
export const waitUntil = async (
  what: string,
  probe: () => Promise<unknown>,
  timeoutMs: number,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await probe();
      return;
    } catch (error) {
      lastError = error;
      await sleep(100);
    }
  }
  throw new StartupError(
    `${what} did not become ready within ${timeoutMs / 1000} s: ${(lastError as Error)?.message}`,
  );
};
