import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { SynthesizedStack } from '../../packages/local-stack';
import { againstFloor, Benchmark, Figure, round } from '../harness';

/** Milliseconds a fresh Node process takes to import a bundle and run its module-scope init (best of n). */
const initMs = (bundle: string, env: Record<string, string>, repeats: number): number => {
  const script = `const t = performance.now(); await import(${JSON.stringify(`file://${bundle}`)}); console.log(performance.now() - t);`;
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    best = Math.min(best, Number(out.trim().split('\n').pop()));
  }
  return best;
};

/** How a floor makes the client of each SDK package a bundle imports (the runtime provides them). */
const clientOf: Record<string, string> = {
  '@aws-sdk/client-dynamodb': 'new m.DynamoDBClient({})',
  '@aws-sdk/lib-dynamodb':
    "m.DynamoDBDocumentClient.from(new (await import('@aws-sdk/client-dynamodb')).DynamoDBClient({}))",
  '@aws-sdk/client-s3': 'new m.S3Client({})',
  '@aws-sdk/client-sfn': 'new m.SFNClient({})',
  '@aws-sdk/client-kms': 'new m.KMSClient({})',
};

/** The SDK packages a bundle imports (the Lambda runtime provides them, so they stay external). */
const sdkPackagesOf = (bundle: string): string[] =>
  [
    ...new Set(
      [...readFileSync(bundle, 'utf8').matchAll(/["'](@aws-sdk\/[a-z0-9-]+)["']/g)].map((m) => m[1]!),
    ),
  ].sort();

/**
 * A fair floor for one bundle: a module that imports the same SDK packages and creates their
 * clients, and does nothing else. What a function's init costs beyond it is the function's own.
 */
const floorBundle = (packages: string[], dir: string): string => {
  const lines = packages.map((name) => `{ const m = await import('${name}'); ${clientOf[name] ?? ''}; }`);
  mkdirSync(dir, { recursive: true });
  const file = path.join(
    dir,
    `floor-${packages.map((name) => name.slice('@aws-sdk/'.length)).join('+') || 'empty'}.mjs`,
  );
  writeFileSync(file, `${lines.join('\n')}\nexport const handler = async () => ({});\n`);
  return file;
};

/**
 * Every function bundle of the template: minified size, and init time against a floor that loads
 * the same SDK clients and nothing else (an empty bundle is shown too, for scale).
 */
export const coldStartBenchmark: Benchmark = {
  name: 'cold start',
  async run({ quick, progress, stack }) {
    const { running } = await stack();
    const synthesized = SynthesizedStack.load(running.info.assemblyDir, 'Sunlit');
    const repeats = quick ? 1 : 5;
    // Floors live beside the bundles, so they resolve the SDK from the same node_modules.
    const floorDir = path.join(running.info.assemblyDir, 'asset.cold-start-floors');
    const empty = initMs(floorBundle([], floorDir), {}, repeats);
    const figures: Figure[] = [
      { benchmark: 'cold start', name: 'empty bundle init', unit: 'ms', value: round(empty, 1) },
    ];
    for (const [id] of synthesized.resourcesOfType('AWS::Lambda::Function')) {
      progress(`cold start: ${id}`);
      const bundle = path.join(synthesized.codeDir(id), 'index.mjs');
      const env = {
        ...running.clientEnv,
        ...synthesized.property<{ Variables?: Record<string, string> }>(id, 'Environment')?.Variables,
        AUDIT_SIGNING_KEY_FILE: path.join(running.info.dataDir, 'audit-signing-key.pem'),
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        POWERTOOLS_LOG_LEVEL: 'SILENT',
      };
      const sizeKB = round(statSync(bundle).size / 1024, 1);
      const floor = floorBundle(sdkPackagesOf(bundle), floorDir);
      const init = initMs(bundle, env, repeats);
      figures.push({
        benchmark: 'cold start',
        name: `${id} bundle`,
        unit: 'KB',
        value: sizeKB,
        target: '≤ 300 KB',
        met: sizeKB <= 300,
      });
      figures.push(
        againstFloor({
          benchmark: 'cold start',
          name: `${id} init`,
          value: init,
          floor: initMs(floor, env, repeats),
          maxRatio: 1.5,
          floorName: `same SDK clients only (${path.basename(floor, '.mjs').slice(6)})`,
        }),
      );
    }
    return figures;
  },
};
