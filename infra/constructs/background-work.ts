import { Duration } from 'aws-cdk-lib';
import {
  Choice,
  Condition,
  Fail,
  JsonPath,
  StateMachine,
  Succeed,
  TaskInput,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { BackgroundJobName } from '../../packages/storage';
import { ComponentAlarm } from './alarm';
import { SunlitFunction } from './sunlit-function';
import { SunlitStateMachine } from './sunlit-state-machine';

/** A job's state names, stable: tests and the history read them. */
const stateNames: Record<BackgroundJobName, { run: string; failed: string }> = {
  'import-experts': { run: 'ImportExperts', failed: 'RecordImportFailure' },
  'decrypt-bids': { run: 'DecryptBids', failed: 'RecordDecryptionFailure' },
};

/**
 * Work too long for a request: one execution per run of a job, started by the route that queued
 * it and run by the job's own worker function, with the time its work needs. A run that fails
 * beyond its retries is recorded by the worker on what it worked on, and the execution fails.
 */
export class BackgroundWork extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: { workers: Record<BackgroundJobName, SunlitFunction> }) {
    super(scope, id);
    const done = new Succeed(this, 'Done');
    const failed = new Fail(this, 'Failed', {
      error: 'JobFailed',
      cause: 'The worker recorded the failure.',
    });
    const choice = new Choice(this, 'Job').otherwise(
      new Fail(this, 'UnknownJob', { error: 'UnknownJob', cause: 'No worker runs this job.' }),
    );
    for (const [job, worker] of Object.entries(props.workers) as [BackgroundJobName, SunlitFunction][]) {
      const names = stateNames[job];
      const recordFailure = new LambdaInvoke(this, names.failed, {
        lambdaFunction: worker,
        payload: TaskInput.fromObject({
          job: JsonPath.stringAt('$.job'),
          id: JsonPath.stringAt('$.id'),
          failure: JsonPath.objectAt('$.failure'),
        }),
        payloadResponseOnly: true,
        resultPath: JsonPath.DISCARD,
      })
        .addRetry({ errors: ['States.TaskFailed'], interval: Duration.seconds(2), maxAttempts: 3 })
        .next(failed);
      const run = new LambdaInvoke(this, names.run, {
        lambdaFunction: worker,
        payload: TaskInput.fromObject({ job: JsonPath.stringAt('$.job'), id: JsonPath.stringAt('$.id') }),
        payloadResponseOnly: true,
        resultPath: JsonPath.DISCARD,
      })
        .addRetry({
          errors: ['States.TaskFailed'],
          interval: Duration.seconds(5),
          backoffRate: 2,
          maxAttempts: 2,
        })
        .addCatch(recordFailure, { errors: ['States.ALL'], resultPath: '$.failure' });
      choice.when(Condition.stringEquals('$.job', job), run.next(done));
    }

    this.stateMachine = new SunlitStateMachine(this, 'StateMachine', {
      name: 'BackgroundWork',
      comment: 'One execution per run of a job too long for a request.',
      definition: choice,
      tasks: Object.values(props.workers),
    });
    new ComponentAlarm(this, 'Errors', {
      component: 'BackgroundWork',
      // The workers are alarmed with their own components.
      functions: [],
      stateMachines: [this.stateMachine],
    });
  }

  /** Lets `fn` start runs of jobs. */
  grantStart(fn: SunlitFunction): void {
    fn.addEnvironment('BACKGROUND_WORK_STATE_MACHINE', this.stateMachine.stateMachineArn);
    this.stateMachine.grantStartExecution(fn);
  }
}
