import { CfnElement, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, IChainable, LogLevel, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';

export interface SunlitStateMachineProps {
  /** The machine's name; the stack's name is put in front of it. */
  name: string;
  comment: string;
  definition: IChainable;
  /** The functions its tasks invoke. */
  tasks: IFunction[];
}

/**
 * Every state machine of the platform: this construct owns the defaults (a stable name, X-Ray
 * tracing, every event logged without execution data, a log group with retention).
 */
export class SunlitStateMachine extends StateMachine {
  constructor(scope: Construct, id: string, props: SunlitStateMachineProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    super(scope, id, {
      stateMachineName: `${Stack.of(scope).stackName}-${props.name}`,
      comment: props.comment,
      definitionBody: DefinitionBody.fromChainable(props.definition),
      tracingEnabled: true,
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: false },
    });
    // Invoking a task function grants its versions too (`<arn>:*`); X-Ray and log delivery take no resource.
    for (const fn of props.tasks) {
      const fnId = Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnElement);
      acknowledge(
        this.role,
        `AwsSolutions-IAM5[Resource::<${fnId}.Arn>:*]`,
        'A task function of this machine, any of its versions.',
      );
    }
    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray tracing and log delivery, whose actions take no resource.',
    );
  }
}
