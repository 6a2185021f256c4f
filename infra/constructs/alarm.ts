import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  IMetric,
  MathExpression,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { IFunction } from 'aws-cdk-lib/aws-lambda';
import { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

const PERIOD = Duration.minutes(5);

/**
 * One alarm per component: it fires on any error or throttle of the component's functions (and
 * failed or throttled executions of its state machine) within five minutes.
 */
export class ComponentAlarm extends Construct {
  readonly alarm: Alarm;

  constructor(
    scope: Construct,
    id: string,
    props: { component: string; functions: IFunction[]; stateMachines?: IStateMachine[] },
  ) {
    super(scope, id);
    const metrics: Record<string, IMetric> = {};
    props.functions.forEach((fn, i) => {
      metrics[`e${i}`] = fn.metricErrors({ period: PERIOD, statistic: 'Sum' });
      metrics[`t${i}`] = fn.metricThrottles({ period: PERIOD, statistic: 'Sum' });
    });
    (props.stateMachines ?? []).forEach((machine, i) => {
      metrics[`f${i}`] = machine.metricFailed({ period: PERIOD, statistic: 'Sum' });
      metrics[`h${i}`] = machine.metricThrottled({ period: PERIOD, statistic: 'Sum' });
      // An execution that outlived its limit ended as surely as a failed one.
      metrics[`o${i}`] = machine.metricTimedOut({ period: PERIOD, statistic: 'Sum' });
    });
    this.alarm = new Alarm(this, 'Alarm', {
      alarmDescription: `${props.component}: errors or throttles of its functions in the last five minutes`,
      metric: new MathExpression({
        // SUM of an array counts a metric without data as nothing, where + would drop the point.
        expression: `SUM([${Object.keys(metrics).join(', ')}])`,
        usingMetrics: metrics,
        period: PERIOD,
        label: `${props.component} errors and throttles`,
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
