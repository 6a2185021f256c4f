import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { StartupError } from './processes';

export const projectRoot = path.resolve(__dirname, '..', '..');

/**
 * Synthesizes a CDK app into `outdir` (cdk-nag runs as part of it, so a violation stops
 * the start as it stops `cdk synth`).
 */
export const synthesize = (appEntry: string, outdir: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), [appEntry], {
      cwd: projectRoot,
      env: {
        ...process.env,
        CDK_OUTDIR: outdir,
        CDK_DISABLE_VERSION_CHECK: '1',
        CDK_DISABLE_CLI_TELEMETRY: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new StartupError(`Synthesizing ${appEntry} failed (exit ${code}):\n${output.trim()}`)),
    );
  });

/**
 * The Lambda runtime provides AWS SDK v3, so bundles leave it out. Locally the bundles find
 * the project's copy through a node_modules beside them that holds the SDK and nothing else.
 */
export const provideRuntimeSdk = (assemblyDir: string): void => {
  const modules = path.join(assemblyDir, 'node_modules');
  if (existsSync(path.join(modules, '@aws-sdk'))) return;
  mkdirSync(modules, { recursive: true });
  symlinkSync(path.join(projectRoot, 'node_modules', '@aws-sdk'), path.join(modules, '@aws-sdk'), 'dir');
};
