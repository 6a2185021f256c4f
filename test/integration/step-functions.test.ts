import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { StackInfo } from '../../packages/local-stack/stack';
import {
  advanceClock,
  callApi,
  dynamoFor,
  eventually,
  localNow,
  stepFunctionsFor,
} from '../support/local-stack';
import { startStackProcess, StackProcess } from '../support/stack-process';

const DAY = 86_400_000;

/** Runs the probe state machine of one stack through the AWS SDK's SFN client. */
const driverFor = (info: StackInfo) => {
  const sfn = stepFunctionsFor(info);
  const db = dynamoFor(info);
  const machineArn = info.stateMachines[0]!;

  const start = async (name: string, input: object) =>
    (
      await sfn.send(
        new StartExecutionCommand({ stateMachineArn: machineArn, name, input: JSON.stringify(input) }),
      )
    ).executionArn!;

  const tokenOf = (execution: string) =>
    eventually(async () => {
      const { Item } = await db.send(
        new GetItemCommand({
          TableName: info.tables[0],
          Key: { pk: { S: `TOKEN#${execution}` }, sk: { S: 'TOKEN' } },
        }),
      );
      return Item?.token?.S;
    });

  const finished = (executionArn: string) =>
    eventually(async () => {
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return execution.status === 'RUNNING' ? undefined : execution;
    }, 15_000);

  const history = async (executionArn: string) =>
    (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!;

  const stateNames = async (executionArn: string, type: string) =>
    (await history(executionArn))
      .filter((event) => event.type === type)
      .map((event) => event.stateEnteredEventDetails?.name);

  return { sfn, start, tokenOf, finished, history, stateNames };
};
type Driver = ReturnType<typeof driverFor>;

/**
 * The local Step Functions runner, proven on a probe state machine synthesized by CDK
 * (test/fixtures/probe-app.ts) and driven through the AWS SDK's own SFN client.
 */
describe('the local Step Functions runner', () => {
  let probe: StackProcess;
  let sfn: Driver['sfn'];
  let start: Driver['start'];
  let tokenOf: Driver['tokenOf'];
  let finished: Driver['finished'];
  let stateNames: Driver['stateNames'];

  beforeAll(async () => {
    probe = await startStackProcess({ app: 'test/fixtures/probe-app.ts', stack: 'SunlitProbe' });
    ({ sfn, start, tokenOf, finished, stateNames } = driverFor(probe.info));
  }, 120_000);

  afterAll(() => probe?.stop());

  it('runs Lambda tasks, resumes a task-token wait on SendTaskSuccess, and catches a function error by name', async () => {
    const arn = await start('happy', { value: 'hello', then: 'fail' });
    await sfn.send(
      new SendTaskSuccessCommand({
        taskToken: await tokenOf('happy'),
        output: JSON.stringify({ approvedBy: 'staff1' }),
      }),
    );
    const execution = await finished(arn);
    expect(execution.status).toBe('SUCCEEDED');
    const output = JSON.parse(execution.output!);
    expect(output.echo).toEqual({ echoed: 'hello' });
    expect(output.approval).toEqual({ approvedBy: 'staff1' });
    expect(output.error.Error).toBe('ProbeError');
    expect(output.recovery).toEqual({ recovered: true });
    expect(await stateNames(arn, 'TaskStateEntered')).toEqual(['Echo', 'AwaitApproval', 'MaybeExplode']);
    expect(await stateNames(arn, 'PassStateEntered')).toEqual(['Recovered']);
  });

  it('gives every waiting task its own token', async () => {
    const [a, b] = await Promise.all([
      start('tokens-a', { value: 1, then: 'continue' }),
      start('tokens-b', { value: 2, then: 'continue' }),
    ]);
    const [tokenA, tokenB] = await Promise.all([tokenOf('tokens-a'), tokenOf('tokens-b')]);
    expect(tokenA).not.toBe(tokenB);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: tokenB, output: '{"who":"b"}' }));
    expect(JSON.parse((await finished(b)).output!).approval).toEqual({ who: 'b' });
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn: a }))).status).toBe('RUNNING');
    await sfn.send(new SendTaskSuccessCommand({ taskToken: tokenA, output: '{"who":"a"}' }));
    expect(JSON.parse((await finished(a)).output!).approval).toEqual({ who: 'a' });
  });

  it('refuses a token that was already used', async () => {
    const arn = await start('reuse', { value: 0, then: 'continue' });
    const token = await tokenOf('reuse');
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    await finished(arn);
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toMatchObject({
      name: 'TaskDoesNotExist',
    });
  });

  it('fails the task with the error SendTaskFailure names, which States.TaskFailed catches', async () => {
    const arn = await start('refused', { value: 0, then: 'continue' });
    await sfn.send(
      new SendTaskFailureCommand({
        taskToken: await tokenOf('refused'),
        error: 'Rejected',
        cause: 'not approved',
      }),
    );
    const execution = await finished(arn);
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('Refused');
    const failed = (await driverFor(probe.info).history(arn)).find((e) => e.type === 'TaskFailed');
    expect(failed?.taskFailedEventDetails).toMatchObject({ error: 'Rejected' });
  });

  it('times a task-token wait out with States.Timeout when nobody answers, which States.TaskFailed does not catch', async () => {
    const arn = await start('silent', { value: 0, then: 'continue' });
    const execution = await finished(arn);
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('States.Timeout');
  });

  it('shortens a Wait state by name for tests, and records it in the history', async () => {
    await fetch(probe.info.stepFunctions, {
      method: 'POST',
      headers: {
        'x-amz-target': 'SunlitLocal.SetWaitOverrides',
        'content-type': 'application/x-amz-json-1.0',
      },
      body: JSON.stringify({ waits: { Pause: 50 } }),
    });
    const arn = await start('paused', { value: 0, waitSeconds: 86_400, then: 'continue' });
    await sfn.send(new SendTaskSuccessCommand({ taskToken: await tokenOf('paused'), output: '{}' }));
    expect((await finished(arn)).status).toBe('SUCCEEDED');
    expect(await stateNames(arn, 'WaitStateEntered')).toEqual(['Pause']);
  });

  it('treats the same start of a running execution as a retry, and refuses the name with other input', async () => {
    const first = await start('once', { value: 1, then: 'continue' });
    expect(await start('once', { value: 1, then: 'continue' })).toBe(first);
    await expect(start('once', { value: 2, then: 'continue' })).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
    });
    await sfn.send(new SendTaskSuccessCommand({ taskToken: await tokenOf('once'), output: '{}' }));
  });

  it('resumes, where they stood, the executions a stopped run left running: no state replayed, no wait re-anchored', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sunlit-executions-'));
    const options = { assembly: probe.info.assemblyDir, stack: 'SunlitProbe', dataDir };
    let stack = await startStackProcess(options);
    try {
      let on = driverFor(stack.info);
      const arn = await on.start('survivor', { value: 'kept', waitSeconds: 86_400, then: 'continue' });
      await eventually(async () =>
        (await on.stateNames(arn, 'WaitStateEntered')).length ? true : undefined,
      );
      const pausedAt = await localNow(stack.info);
      await stack.stop();

      stack = await startStackProcess(options);
      on = driverFor(stack.info);
      expect(stack.output()).toContain(
        '1 execution(s) left running by the last run resumed where they stood',
      );
      const again = await on.sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
      expect(again).toMatchObject({ status: 'RUNNING', name: 'survivor' });
      expect(JSON.parse(again.input!)).toMatchObject({ value: 'kept' });
      const types = (await on.history(arn)).map((e) => e.type);
      expect(types.filter((t) => t === 'ExecutionStarted')).toHaveLength(1);
      expect(await on.stateNames(arn, 'TaskStateEntered')).toEqual(['Echo']);
      expect(await on.stateNames(arn, 'WaitStateEntered')).toEqual(['Pause']);

      // The day's Wait ends a day after it began, not a day after the restart.
      const now = await localNow(stack.info);
      expect(now - pausedAt).toBeGreaterThan(2000);
      await advanceClock(stack.info, pausedAt + DAY + 500 - now);
      await eventually(
        async () =>
          (await on.stateNames(arn, 'TaskStateEntered')).includes('AwaitApproval') ? true : undefined,
        1500,
      );

      // A task-token wait keeps its token and its 4 s timeout from when it began, across a restart.
      const token = await on.tokenOf('survivor');
      await stack.stop();
      stack = await startStackProcess(options);
      on = driverFor(stack.info);
      const ended = await on.finished(arn);
      expect(ended).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
      await expect(
        on.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
      ).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
      expect(await on.stateNames(arn, 'TaskStateEntered')).toEqual(['Echo', 'AwaitApproval']);
    } finally {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('keeps a resumed task-token wait on the token it had, so the answer to it still counts', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sunlit-token-'));
    // Slowed down 100×: the 4 s timeout lasts 400 s of the machine's time, beyond a restart.
    const options = { assembly: probe.info.assemblyDir, stack: 'SunlitProbe', dataDir, timeScale: 0.01 };
    let stack = await startStackProcess(options);
    try {
      let on = driverFor(stack.info);
      const arn = await on.start('kept-token', { value: 0, then: 'continue' });
      const token = await on.tokenOf('kept-token');
      await stack.stop();
      stack = await startStackProcess(options);
      on = driverFor(stack.info);
      await on.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approvedBy":"staff1"}' }));
      const execution = await on.finished(arn);
      expect(execution.status).toBe('SUCCEEDED');
      expect(JSON.parse(execution.output!).approval).toEqual({ approvedBy: 'staff1' });
      expect(await on.stateNames(arn, 'TaskStateEntered')).toEqual(['Echo', 'AwaitApproval', 'MaybeExplode']);
    } finally {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('runs Wait states and task timeouts faster under a time scale', async () => {
    const fast = await startStackProcess({
      assembly: probe.info.assemblyDir,
      stack: 'SunlitProbe',
      timeScale: 3600,
    });
    try {
      const client = stepFunctionsFor(fast.info);
      const { executionArn } = await client.send(
        new StartExecutionCommand({
          stateMachineArn: fast.info.stateMachines[0],
          input: JSON.stringify({ value: 0, waitSeconds: 3600, then: 'continue' }),
        }),
      );
      // An hour's Wait takes a second, and the 4 s approval timeout about a millisecond.
      const execution = await eventually(async () => {
        const e = await client.send(new DescribeExecutionCommand({ executionArn }));
        return e.status === 'RUNNING' ? undefined : e;
      }, 10_000);
      expect(execution).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
      const entered = (await client.send(new GetExecutionHistoryCommand({ executionArn }))).events!.map(
        (e) => e.type,
      );
      expect(entered).toContain('WaitStateExited');
    } finally {
      await fast.stop();
    }
  }, 60_000);

  /** On a stack of its own: its clock moves for everything on it, and only forward. */
  describe('with the clock moved forward', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sunlit-clock-'));
    const options = () => ({ assembly: probe.info.assemblyDir, stack: 'SunlitProbe', dataDir });
    let moved: StackProcess;
    let on: Driver;

    beforeAll(async () => {
      moved = await startStackProcess(options());
      on = driverFor(moved.info);
    }, 120_000);

    afterAll(async () => {
      await moved?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    interface ClockState {
      now: string;
      offsetMs: number;
      timeScale: number;
    }
    const clock = () => callApi<ClockState>('/.local/clock', { info: moved.info });

    it('tells the platform time, and refuses to move it back, by nothing or by a non-number', async () => {
      const { body: state } = await clock();
      expect(state).toMatchObject({ offsetMs: 0, timeScale: 1 });
      expect(Math.abs(new Date(state.now).getTime() - Date.now())).toBeLessThan(5000);
      for (const advanceMs of [0, -5, 1.5, '10', undefined]) {
        const refused = await callApi<{ error: object }>('/.local/clock', {
          info: moved.info,
          method: 'POST',
          body: { advanceMs },
        });
        expect(refused.status).toBe(400);
        expect(refused.body.error).toMatchObject({
          field: 'advanceMs',
          message: expect.stringMatching(/^advanceMs: must be a positive whole number/),
        });
      }
      expect((await clock()).body.offsetMs).toBe(0);
    });

    it('ends a 30-day Wait as soon as the clock passes it, and the next function runs at the moved time', async () => {
      const arn = await on.start('month', { value: 0, waitSeconds: 30 * 86_400, then: 'now' });
      await eventually(async () =>
        (await on.stateNames(arn, 'WaitStateEntered')).length ? true : undefined,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await on.stateNames(arn, 'TaskStateEntered')).includes('AwaitApproval')).toBe(false);

      const before = await localNow(moved.info);
      await advanceClock(moved.info, 30 * DAY);
      expect(await localNow(moved.info)).toBeGreaterThanOrEqual(before + 30 * DAY);
      expect(moved.output()).toMatch(/clock moved forward 30 days; now \d{4}-/);

      await on.sfn.send(new SendTaskSuccessCommand({ taskToken: await on.tokenOf('month'), output: '{}' }));
      const execution = await on.finished(arn);
      expect(execution.status).toBe('SUCCEEDED');
      const ranAt = new Date(JSON.parse(execution.output!).outcome.Payload.now).getTime();
      expect(ranAt).toBeGreaterThanOrEqual(before + 30 * DAY);
    });

    it('times a task-token wait out at once when the clock passes its timeout', async () => {
      const arn = await on.start('overdue', { value: 0, then: 'continue' });
      await on.tokenOf('overdue');
      await advanceClock(moved.info, 5000);
      const execution = await on.finished(arn);
      expect(execution).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
      // Left alone, the 4 s timeout would end it 4 s after the task began.
      const events = await on.history(arn);
      const began = events.find((e) => e.stateEnteredEventDetails?.name === 'AwaitApproval')!.timestamp!;
      const ended = events.find((e) => e.type === 'ExecutionFailed')!.timestamp!;
      expect(ended.getTime() - began.getTime()).toBeLessThan(3000);
    });

    it('keeps the moved clock across a restart', async () => {
      const before = await localNow(moved.info);
      await moved.stop();
      moved = await startStackProcess(options());
      expect(await localNow(moved.info)).toBeGreaterThanOrEqual(before);
      expect(moved.output()).toContain('the clock runs 30 days ahead');
    }, 60_000);
  });
});
