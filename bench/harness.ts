import { cpus, totalmem, arch, platform, release } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { LocalStackHandle } from './local-stack-handle';

/** One measured figure, with the same work measured raw ("floor") in the same run. */
export interface Figure {
  benchmark: string;
  name: string;
  unit: 'ms' | 'ops/s' | 'entries/s' | 'KB';
  value: number;
  floor?: number;
  /** value ÷ floor for times (lower is better) and floor ÷ value for rates, so ≥ 1 means slower than the floor. */
  ratio?: number;
  /** The goal, in words, and whether this run met it. */
  target?: string;
  met?: boolean;
  note?: string;
}

export interface BenchContext {
  quick: boolean;
  progress(line: string): void;
  /** The local stack, started on first use and shared by the benchmarks. */
  stack(): Promise<LocalStackHandle>;
}

export interface Benchmark {
  name: string;
  run(context: BenchContext): Promise<Figure[]>;
}

/** Milliseconds `fn` takes, best of `repeats` (the least disturbed run on a shared machine). */
export const timeMs = async (fn: () => unknown, repeats = 3): Promise<number> => {
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
};

export const percentile = (samples: number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

/** Runs `fn` `count` times with `concurrency` in flight; returns each call's latency in ms. */
export const runConcurrently = async (
  count: number,
  concurrency: number,
  fn: (i: number) => Promise<unknown>,
) => {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const start = performance.now();
      await fn(i);
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return latencies;
};

export const round = (n: number, digits = 2): number => Number(n.toFixed(digits));

export const machine = () => ({
  platform: `${platform()} ${release()} ${arch()}`,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: round(totalmem() / 2 ** 30, 1),
  node: process.version,
});

/** A time measured against its floor, with a target of at most `maxRatio` × the floor. */
export const againstFloor = (figure: {
  benchmark: string;
  name: string;
  value: number;
  floor: number;
  maxRatio: number;
  floorName: string;
  note?: string;
}): Figure => ({
  benchmark: figure.benchmark,
  name: figure.name,
  unit: 'ms',
  value: round(figure.value),
  floor: round(figure.floor),
  ratio: round(figure.value / figure.floor),
  target: `≤ ${figure.maxRatio}× ${figure.floorName}`,
  met: figure.value <= figure.maxRatio * figure.floor,
  ...(figure.note ? { note: figure.note } : {}),
});

/** Renders figures as a Markdown table (also what the README shows). */
export const table = (figures: Figure[]): string => {
  const rows = figures.map((f) =>
    [
      f.benchmark,
      f.name,
      `${f.value} ${f.unit}`,
      f.floor === undefined ? '' : `${f.floor} ${f.unit}`,
      f.ratio === undefined ? '' : `${f.ratio}×`,
      f.target ?? '',
      f.met === undefined ? '' : f.met ? 'yes' : 'no',
    ].join(' | '),
  );
  return [
    '| benchmark | figure | value | floor | ratio | target | met |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
};
