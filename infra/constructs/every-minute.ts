import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { SunlitFunction } from './sunlit-function';

/**
 * Runs `fn` every minute from an EventBridge rule, never retried by EventBridge: the next run comes
 * a minute later and picks up whatever this one left.
 */
export const everyMinute = (scope: Construct, id: string, fn: SunlitFunction, description: string): Rule =>
  new Rule(scope, id, {
    description,
    schedule: Schedule.rate(Duration.minutes(1)),
    targets: [new LambdaFunction(fn, { retryAttempts: 0 })],
  });
