import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
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

/** Every function bundle of the template: minified size, and init time against an empty bundle's. */
export const coldStartBenchmark: Benchmark = {
  name: 'cold start',
  async run({ quick, progress, stack }) {
    const { running } = await stack();
    const synthesized = SynthesizedStack.load(running.info.assemblyDir, 'Sunlit');
    const repeats = quick ? 1 : 5;
    const emptyDir = path.join(running.info.assemblyDir, 'asset.empty-handler');
    mkdirSync(emptyDir, { recursive: true });
    writeFileSync(path.join(emptyDir, 'index.mjs'), 'export const handler = async () => ({});\n');
    const floor = initMs(path.join(emptyDir, 'index.mjs'), {}, repeats);
    const figures: Figure[] = [];
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
          floor,
          maxRatio: 2,
          floorName: 'empty bundle',
        }),
      );
    }
    return figures;
  },
};
