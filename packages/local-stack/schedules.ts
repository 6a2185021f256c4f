import { LambdaRuntime } from './lambda-runtime';
import { SynthesizedStack } from './template';

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** `rate(1 minute)`, `rate(5 minutes)`…: the period in milliseconds; undefined for cron and the rest. */
export const ratePeriodMs = (expression: string): number | undefined => {
  const match = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  return match ? Number(match[1]) * UNIT_MS[match[2]!]! : undefined;
};

/** Shortest real interval between two runs of one schedule, however fast the stack's clock runs. */
const MIN_REAL_PERIOD_MS = 1000;

/**
 * Runs the template's scheduled rules (`AWS::Events::Rule` with a `rate(…)` expression) against
 * their Lambda targets, as EventBridge would: one run per period of the stack's clock, never two
 * of one rule at once. A failed run is logged and the next one comes on time.
 */
export const startSchedules = (
  stack: SynthesizedStack,
  runtime: LambdaRuntime,
  timeScale: number,
  log: (line: string) => void,
): { rules: string[]; stop: () => void } => {
  const timers: NodeJS.Timeout[] = [];
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
    let running = false;
    const run = async () => {
      if (running) return;
      running = true;
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
      } finally {
        running = false;
      }
    };
    timers.push(setInterval(() => void run(), Math.max(MIN_REAL_PERIOD_MS, period / timeScale)));
    rules.push(ruleId);
  }
  return { rules, stop: () => timers.forEach(clearInterval) };
};
