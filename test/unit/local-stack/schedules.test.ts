import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { LambdaRuntime } from '../../../packages/local-stack/lambda-runtime';
import { LocalTime } from '../../../packages/local-stack/local-time';
import { ratePeriodMs, startSchedules } from '../../../packages/local-stack/schedules';
import { SynthesizedStack } from '../../../packages/local-stack/template';

describe('schedule expressions on the local stack', () => {
  it('reads rate expressions in minutes, hours and days, singular or plural', () => {
    expect(ratePeriodMs('rate(1 minute)')).toBe(60_000);
    expect(ratePeriodMs('rate(5 minutes)')).toBe(300_000);
    expect(ratePeriodMs('rate(2 hours)')).toBe(7_200_000);
    expect(ratePeriodMs('rate(1 day)')).toBe(86_400_000);
  });

  it('runs no cron expression, nor a malformed rate', () => {
    expect(ratePeriodMs('cron(0 12 * * ? *)')).toBeUndefined();
    expect(ratePeriodMs('rate(1 second)')).toBeUndefined();
    expect(ratePeriodMs('rate(minutes)')).toBeUndefined();
  });
});

describe('scheduled rules on the stack clock', () => {
  const template = {
    Resources: {
      Relay: { Type: 'AWS::Lambda::Function', Properties: {} },
      EveryMinute: {
        Type: 'AWS::Events::Rule',
        Properties: {
          ScheduleExpression: 'rate(1 minute)',
          State: 'ENABLED',
          Targets: [{ Arn: { 'Fn::GetAtt': ['Relay', 'Arn'] }, Id: 'Target0' }],
        },
      },
    },
  } as unknown as ConstructorParameters<typeof SynthesizedStack>[0];

  const started = () => {
    const time = new LocalTime(path.join(mkdtempSync(path.join(tmpdir(), 'clock-')), 'clock.json'), 1);
    const runs: string[] = [];
    const runtime = {
      invoke: async (functionId: string) => void runs.push(functionId),
    } as unknown as LambdaRuntime;
    const schedules = startSchedules(new SynthesizedStack(template, 'Test'), runtime, time, () => {});
    return { time, runs, schedules };
  };

  it('runs a rule as soon as the clock is moved past its time, once however far it moves, and not before', async () => {
    const { time, runs, schedules } = started();
    try {
      expect(schedules.rules).toEqual(['EveryMinute']);
      await delay(200);
      expect(runs).toEqual([]);
      time.advance(60_000);
      await delay(200);
      expect(runs).toEqual(['Relay']);
      // A week's jump is one run, not ten thousand.
      await delay(1100);
      time.advance(7 * 86_400_000);
      await delay(1300);
      expect(runs).toEqual(['Relay', 'Relay']);
    } finally {
      schedules.stop();
    }
  });
});
