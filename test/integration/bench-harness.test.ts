import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const projectRoot = path.resolve(__dirname, '..', '..');

/** Runs `npm run bench -- --quick` so the harness cannot rot; the figures themselves are not judged here. */
describe('the benchmark harness', () => {
  it('runs every benchmark in quick mode and writes a results file with its floors', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sunlit-bench-test-'));
    try {
      const out = path.join(dir, 'results.json');
      const run = spawnSync(
        process.execPath,
        ['--openssl-legacy-provider', '--import', 'tsx', 'bench/main.ts', '--quick', '--out', out],
        { cwd: projectRoot, encoding: 'utf8', timeout: 290_000 },
      );
      // A failed run says why: its last words are the benchmark that threw.
      if (run.status !== 0)
        console.error(`npm run bench -- --quick exited ${run.status}:\n${run.stderr.slice(-3000)}`);
      expect(run.stderr).toContain('[bench');
      expect(run.status).toBe(0);
      const results = JSON.parse(readFileSync(out, 'utf8')) as {
        machine: { cores: number };
        figures: { benchmark: string; value: number; floor?: number; ratio?: number }[];
      };
      expect(results.machine.cores).toBeGreaterThan(0);
      expect(new Set(results.figures.map((f) => f.benchmark))).toEqual(
        new Set([
          'expert draw',
          'audit log',
          'cold start',
          'API latency',
          'deadline surge',
          'opening',
          'auction',
        ]),
      );
      expect(results.figures.every((f) => Number.isFinite(f.value))).toBe(true);
      const ratios = results.figures.flatMap((f) => (f.ratio === undefined ? [] : [f.ratio]));
      expect(ratios.length).toBeGreaterThan(5);
      expect(ratios.every((ratio) => ratio > 0)).toBe(true);
      expect(run.stdout).toContain('| benchmark | figure |');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
