import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { StackInfo } from '../../packages/local-stack/stack';

/**
 * Runs `sunlit demo` with `flags` against a stack, as someone would from a shell: it must end
 * without error and print every milestone given. Returns its output.
 */
export const runDemo = (info: StackInfo, flags: string[], milestones: string[]): string => {
  const demo = spawnSync(
    process.execPath,
    [
      path.resolve(__dirname, '../../bin/sunlit.cjs'),
      'demo',
      ...flags,
      '--url',
      info.api,
      '--data',
      info.dataDir,
    ],
    { encoding: 'utf8' },
  );
  expect(demo.stderr).toBe('');
  expect(demo.status).toBe(0);
  for (const milestone of milestones) expect(demo.stdout).toContain(milestone);
  return demo.stdout;
};

/** Plays a tender with `sunlit demo` (see `runDemo`); returns its output and the tender it played. */
export const playDemo = (info: StackInfo, flags: string[], milestones: string[]) => {
  const stdout = runDemo(info, flags, milestones);
  return { stdout, tenderId: /tender (T-[\w-]+) published/.exec(stdout)![1]! };
};

/** The lifecycle's last states, from the letter to the close: the same for every procedure. */
export const toTheClose = ['IssueAwardLetter', 'AwaitContract', 'ContractOutcome', 'CloseTender', 'Closed'];
