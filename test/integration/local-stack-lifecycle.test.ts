import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { isAlive } from '../../packages/local-stack/processes';
import { dynamoFor, eventually, stackInfo } from '../support/local-stack';
import {
  StackExitedError,
  stackCommand,
  StackProcess,
  StackProcessOptions,
  startStackProcess,
  waitForStackInfo,
} from '../support/stack-process';

/** The local stack as a program: restarts, leftovers, clear errors. Reuses the run's synthesized app. */
describe('the local stack', () => {
  const assembly = stackInfo().assemblyDir;
  const started: StackProcess[] = [];
  const others: ChildProcess[] = [];
  const dirs: string[] = [];

  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  const start = async (options: StackProcessOptions) => {
    const stack = await startStackProcess({ assembly, ...options });
    started.push(stack);
    return stack;
  };
  const javaPid = (dataDir: string) =>
    Number(readFileSync(path.join(dataDir, 'children.pid'), 'utf8').trim());

  afterEach(async () => {
    await Promise.all(started.splice(0).map((stack) => stack.stop()));
    for (const child of others.splice(0)) child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps its data across a restart and loads the demo data only once', async () => {
    const dataDir = tempDir('sunlit-lifecycle-');
    // Started as people use it: no test controls.
    const first = await start({ dataDir, testControls: false });
    // A request cannot run later than everyone else's: the offset header is ignored.
    const later = await fetch(`${first.info.api}/health`, {
      headers: { 'x-local-clock-offset-ms': String(86_400_000) },
    });
    const said = Date.parse(((await later.json()) as { time: string }).time);
    expect(Math.abs(said - Date.now())).toBeLessThan(60_000);
    const malformed = await fetch(`${first.info.api}/.local/issuer/token`, { method: 'POST', body: '{oops' });
    expect(malformed.status).toBe(400);
    const java = javaPid(dataDir);
    const key = { pk: { S: 'TEST#restart' }, sk: { S: 'ITEM' } };
    await dynamoFor(first.info).send(
      new PutItemCommand({ TableName: first.info.tables[0], Item: { ...key, kept: { S: 'yes' } } }),
    );
    expect(first.output()).toContain('demo data loaded');
    // The hints work as printed: they name this stack's URL and data folder.
    expect(first.output()).toContain(`npx sunlit demo --url ${first.info.api} --data ${dataDir}`);
    await first.stop();
    expect(isAlive(java)).toBe(false);

    const second = await start({ dataDir });
    const { Item } = await dynamoFor(second.info).send(
      new GetItemCommand({ TableName: second.info.tables[0], Key: key }),
    );
    expect(Item?.kept?.S).toBe('yes');
    expect(second.output()).toContain('demo data already present');
  }, 90_000);

  it('stops DynamoDB Local when the process that started it is killed', async () => {
    const dataDir = tempDir('sunlit-lifecycle-');
    const { command, args, cwd, env } = stackCommand(dataDir, { assembly });
    // A stand-in for a test runner: it starts the stack, then dies without cleaning up.
    const script = `require('node:child_process').spawn(${JSON.stringify(command)}, ${JSON.stringify(args)}, { cwd: ${JSON.stringify(cwd)}, stdio: 'ignore' }); setInterval(() => {}, 1000);`;
    const runner = spawn(process.execPath, ['-e', script], { env, stdio: 'ignore' });
    others.push(runner);
    const info = await waitForStackInfo(dataDir, runner, () => '');
    const java = javaPid(dataDir);
    expect(isAlive(java)).toBe(true);
    runner.kill('SIGKILL');
    await eventually(async () => (!isAlive(java) && !isAlive(info.pid) ? true : undefined), 15_000);
  }, 90_000);

  it('stops what a hard-killed run left behind on the next start', async () => {
    const dataDir = tempDir('sunlit-lifecycle-');
    const first = await start({ dataDir });
    const java = javaPid(dataDir);
    first.process.kill('SIGKILL');
    await eventually(async () =>
      first.process.exitCode !== null || first.process.signalCode ? true : undefined,
    );
    expect(isAlive(java)).toBe(true);
    const second = await start({ dataDir });
    expect(second.output()).toContain('stopped 1 process(es) a previous run left behind');
    expect(isAlive(java)).toBe(false);
  }, 90_000);

  it('refuses to start on a busy port, saying which', async () => {
    const busy = Number(new URL(stackInfo().api).port);
    const error = await start({ port: busy }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackExitedError);
    expect((error as StackExitedError).output).toContain(`Port ${busy} (the API gateway) is in use`);
  }, 60_000);

  it('says how to install Java when there is none', async () => {
    const bin = tempDir('sunlit-nojava-');
    symlinkSync(process.execPath, path.join(bin, 'node'));
    const error = await start({ env: { PATH: bin } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackExitedError);
    expect((error as StackExitedError).output).toContain('apt-get install -y openjdk-17-jre-headless');
  }, 60_000);
});
