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
import { dynamoFor, eventually, stepFunctionsFor } from '../support/local-stack';
import { startStackProcess, StackProcess } from '../support/stack-process';

/**
 * The local Step Functions runner, proven on a probe state machine synthesized by CDK
 * (test/fixtures/probe-app.ts) and driven through the AWS SDK's own SFN client.
 */
describe('the local Step Functions runner', () => {
  let probe: StackProcess;
  let sfn: ReturnType<typeof stepFunctionsFor>;
  let db: ReturnType<typeof dynamoFor>;
  let machineArn: string;

  beforeAll(async () => {
    probe = await startStackProcess({ app: 'test/fixtures/probe-app.ts', stack: 'SunlitProbe' });
    sfn = stepFunctionsFor(probe.info);
    db = dynamoFor(probe.info);
    machineArn = probe.info.stateMachines[0]!;
  }, 120_000);

  afterAll(() => probe?.stop());

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
          TableName: probe.info.tables[0],
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

  const stateNames = async (executionArn: string, type: string) =>
    (await sfn.send(new GetExecutionHistoryCommand({ executionArn })))
      .events!.filter((event) => event.type === type)
      .map((event) => event.stateEnteredEventDetails?.name);

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

  it('fails the execution with the error SendTaskFailure names', async () => {
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
    expect(execution.error).toBe('Rejected');
  });

  it('times a task-token wait out with States.Timeout when nobody answers', async () => {
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

  it('starts again, from their first state, the executions a stopped run left running', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sunlit-executions-'));
    const options = { assembly: probe.info.assemblyDir, stack: 'SunlitProbe', dataDir };
    const first = await startStackProcess(options);
    const { executionArn } = await stepFunctionsFor(first.info).send(
      new StartExecutionCommand({
        stateMachineArn: first.info.stateMachines[0],
        name: 'survivor',
        input: JSON.stringify({ value: 'kept', waitSeconds: 86_400, then: 'continue' }),
      }),
    );
    await first.stop();
    const second = await startStackProcess(options);
    try {
      const client = stepFunctionsFor(second.info);
      const again = await client.send(new DescribeExecutionCommand({ executionArn }));
      expect(again).toMatchObject({ status: 'RUNNING', name: 'survivor' });
      expect(JSON.parse(again.input!)).toMatchObject({ value: 'kept' });
      expect(second.output()).toContain('1 execution(s) left running by the last run started again');
    } finally {
      await second.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

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
});
