import { setTimeout as delay } from 'node:timers/promises';
import { LambdaRuntime } from './lambda-runtime';
import { LocalTime } from './local-time';
import { SynthesizedStack } from './template';

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** `rate(1 minute)`, `rate(5 minutes)`…: the period in milliseconds; undefined for cron and the rest. */
export const ratePeriodMs = (expression: string): number | undefined => {
  const match = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  return match ? Number(match[1]) * UNIT_MS[match[2]!]! : undefined;
};

/** Shortest real interval between two runs of one schedule, however fast the stack's clock runs or jumps. */
const MIN_REAL_PERIOD_MS = 1000;

/**
 * Runs the template's scheduled rules (`AWS::Events::Rule` with a `rate(…)` expression) against
 * their Lambda targets, as EventBridge would: one run per period **of the stack's clock**, never
 * two of one rule at once. When the clock is moved forward past a run's time, the run comes at
 * once (once, however many periods the jump spans: each target sweeps what is due), so a demo or
 * a test that moves the clock a minute on sees what a minute of EventBridge would have done.
 * A failed run is logged and the next one comes on time.
 */
export const startSchedules = (
  stack: SynthesizedStack,
  runtime: LambdaRuntime,
  time: LocalTime,
  log: (line: string) => void,
): { rules: string[]; stop: () => void } => {
  const stopped = new AbortController();
  const rules: string[] = [];
  for (const [ruleId] of stack.resourcesOfType('AWS::Events::Rule')) {
    const expression = stack.property<string>(ruleId, 'ScheduleExpression');
    const period = expression ? ratePeriodMs(expression) : undefined;
    if (stack.property<string>(ruleId, 'State') === 'DISABLED' || !expression) continue;
    if (period === undefined) {
      log(`schedule ${ruleId}: "${expression}" is not run locally (only rate(…) is)`);
      continue;
    }
    const targets = (stack.property<{ Arn: string }[]>(ruleId, 'Targets') ?? [])
      .map(({ Arn }) => stack.logicalIdOf(Arn))
      .filter((id): id is string => id !== undefined && stack.resource(id).Type === 'AWS::Lambda::Function');
    const run = async () => {
      try {
        for (const functionId of targets) {
          await runtime.invoke(functionId, {
            source: 'aws.events',
            'detail-type': 'Scheduled Event',
            resources: [stack.arn('events', `rule/${ruleId}`)],
            detail: {},
          });
        }
      } catch (error) {
        log(`schedule ${ruleId} failed: ${(error as Error).message}`);
      }
    };
    const loop = async () => {
      let due = time.now() + period;
      while (!stopped.signal.aborted) {
        await time.sleepUntil(due, stopped.signal);
        if (stopped.signal.aborted) return;
        await run();
        // The next run is a period after this one was due, or a period from now if the clock jumped past that.
        due += period;
        if (due <= time.now()) due = time.now() + period;
        await delay(MIN_REAL_PERIOD_MS, undefined, { signal: stopped.signal }).catch(() => undefined);
      }
    };
    void loop();
    rules.push(ruleId);
  }
  return { rules, stop: () => stopped.abort() };
};
