import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FunctionError, LambdaRuntime } from '../../../packages/local-stack/lambda-runtime';
import { SynthesizedStack } from '../../../packages/local-stack/template';

/**
 * A function that answers with the sandbox it ran in, once the test opens its gate (a file), so
 * calls overlap for as long as the test wants, with no timing involved.
 */
const bundle = `
import { existsSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
export const handler = async ({ gate, exit }) => {
  if (exit) process.exit(3);
  while (gate && !existsSync(gate)) await new Promise((resolve) => setTimeout(resolve, 5));
  return { sandbox: threadId };
};
`;

describe('the local Lambda runtime scaling a function as Lambda does', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sunlit-runtime-'));
  writeFileSync(path.join(dir, 'index.mjs'), bundle);
  const runtimes: LambdaRuntime[] = [];
  let gates = 0;
  const gate = () => path.join(dir, `gate-${(gates += 1)}`);
  const open = (file: string) => writeFileSync(file, '');
  const runtime = (properties: Record<string, unknown> = {}, concurrency?: number) => {
    const stack = new SynthesizedStack(
      {
        Resources: {
          Fn: {
            Type: 'AWS::Lambda::Function',
            Properties: { Code: { S3Key: 'fn.zip' }, Handler: 'index.handler', Timeout: 1, ...properties },
          },
        },
      },
      'Scaling',
      new Map([['fn.zip', dir]]),
    );
    const made = new LambdaRuntime(stack, { PATH: process.env.PATH ?? '' }, () => 0, concurrency);
    runtimes.push(made);
    return made;
  };
  const sandboxOf = (answer: { result: unknown }) => (answer.result as { sandbox: number }).sandbox;

  afterAll(async () => {
    await Promise.all(runtimes.map((made) => made.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs overlapping calls side by side, each in a sandbox of its own with its cold start, then reuses them warm', async () => {
    const lambda = runtime();
    const held = gate();
    const calls = [1, 2, 3].map(() => lambda.invokeReporting('Fn', { gate: held }));
    open(held);
    const answers = await Promise.all(calls);
    expect(new Set(answers.map(sandboxOf)).size).toBe(3);
    for (const { report } of answers) {
      expect(report.coldStartMs).toEqual(expect.any(Number));
      expect(report.queuedMs).toBe(0);
    }
    expect(answers.map(({ report }) => report.concurrency).sort()).toEqual([1, 2, 3]);

    const again = await lambda.invokeReporting('Fn', {});
    expect(answers.map(sandboxOf)).toContain(sandboxOf(again));
    expect(again.report).toEqual({ coldStartMs: undefined, concurrency: 1, queuedMs: 0 });
  });

  it('starts no more sandboxes than the limit: a call past it waits for one to free up', async () => {
    const lambda = runtime({}, 2);
    const held = gate();
    const calls = [1, 2, 3].map(() => lambda.invokeReporting('Fn', { gate: held }));
    expect(existsSync(held)).toBe(false);
    open(held);
    const answers = await Promise.all(calls);
    expect(new Set(answers.map(sandboxOf)).size).toBe(2);
    // The third ran warm in a sandbox the first two had started.
    expect(answers[2]!.report.coldStartMs).toBeUndefined();
    expect(answers.every(({ report }) => report.concurrency <= 2)).toBe(true);
  });

  it("takes the limit from the function's reserved concurrency in the template", async () => {
    const lambda = runtime({ ReservedConcurrentExecutions: 1 }, 5);
    const held = gate();
    const calls = [1, 2].map(() => lambda.invokeReporting('Fn', { gate: held }));
    open(held);
    const answers = await Promise.all(calls);
    expect(new Set(answers.map(sandboxOf)).size).toBe(1);
  });

  it('replaces a sandbox whose call timed out, as Lambda resets it', async () => {
    const lambda = runtime({}, 1);
    const first = sandboxOf(await lambda.invokeReporting('Fn', {}));
    const stuck = lambda.invoke('Fn', { gate: path.join(dir, 'never-opened') });
    await expect(stuck).rejects.toThrow(FunctionError);
    await expect(stuck).rejects.toMatchObject({ name: 'Sandbox.Timedout' });
    const after = await lambda.invokeReporting('Fn', {});
    expect(sandboxOf(after)).not.toBe(first);
    expect(after.report.coldStartMs).toEqual(expect.any(Number));
  });

  it('replaces a sandbox that exits on its own, failing only the call it ran', async () => {
    const lambda = runtime({}, 1);
    const first = sandboxOf(await lambda.invokeReporting('Fn', {}));
    await expect(lambda.invoke('Fn', { exit: true })).rejects.toMatchObject({ name: 'Runtime.ExitError' });
    const after = await lambda.invokeReporting('Fn', {});
    expect(sandboxOf(after)).not.toBe(first);
  });

  it('fails the calls in flight and waiting when it stops, and takes no more', async () => {
    const lambda = runtime({}, 1);
    const held = gate();
    const failureOf = (call: Promise<unknown>) =>
      call.then(
        () => undefined,
        (error: Error) => error.name,
      );
    const running = failureOf(lambda.invoke('Fn', { gate: held }));
    const waiting = failureOf(lambda.invoke('Fn', { gate: held }));
    await new Promise((resolve) => setImmediate(resolve));
    await lambda.stop();
    expect(await running).toBe('Runtime.Stopped');
    expect(await waiting).toBe('Runtime.Stopped');
    await expect(lambda.invoke('Fn', {})).rejects.toMatchObject({ name: 'Runtime.Stopped' });
  });
});
