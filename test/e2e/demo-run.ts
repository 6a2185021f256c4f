import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { StackInfo } from '../../packages/local-stack/stack';

/**
 * Plays `sunlit demo` with `flags` against a stack, as someone would from a shell: it must end
 * without error and print every milestone given. Returns its output and the tender it played.
 */
export const playDemo = (info: StackInfo, flags: string[], milestones: string[]) => {
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
  return { stdout: demo.stdout, tenderId: /tender (T-[\w-]+) published/.exec(demo.stdout)![1]! };
};
