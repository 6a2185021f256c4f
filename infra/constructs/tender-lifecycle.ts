import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import {
  Chain,
  Choice,
  Condition,
  Fail,
  IntegrationPattern,
  JsonPath,
  TaskStateBase,
  StateMachine,
  Succeed,
  TaskInput,
  Timeout,
  Wait,
  WaitTime,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { HumanStep, waitLimitDays } from '../../packages/lifecycle';
import { DOCUMENT_FONT, DOCUMENT_FONT_FILE } from '../../packages/pdf';
import { ComponentAlarm } from './alarm';
import { SunlitFunction, SunlitFunctionProps } from './sunlit-function';
import { SunlitStateMachine } from './sunlit-state-machine';

export interface TenderLifecycleProps {
  table: TableV2;
  documents: IBucket;
}

const MACHINE_NAME = 'TenderLifecycle';
const tenderId = { tenderId: JsonPath.stringAt('$.tenderId') };
/** The execution's start on the platform's clock, from its input: its age decides when it continues in a new one. */
const aged = { ...tenderId, startedAt: JsonPath.stringAt('$.startedAt') };

/** Transient failures are retried with backoff; a domain refusal fails the same way each time, so briefly. */
const RETRY = {
  errors: ['States.TaskFailed'],
  interval: Duration.seconds(2),
  backoffRate: 2,
  maxAttempts: 3,
};

/**
 * The tender lifecycle (生命周期): one execution per tender, started at its publication and named
 * by the tender's id. It waits for the bid deadline (re-reading it after every wait, since an
 * amendment can move it), closes bidding, and then waits for people with task tokens: the
 * custodians' shares, the expert draw, the evaluation report, the candidate publicity and the
 * answers to its objections (招标投标法; in government procurement the purchaser confirms the
 * winner from the report instead), the winner's choice where the law leaves it to the tenderer or
 * the purchaser, and the contract; a suspended tender's result waits for the lifting (`AwaitResumption`), and while it is
 * held every wait stays where it stands. Each of these waits has the time limit of its rule: when
 * it passes, regulators get an alert and the execution waits on. The platform publishes the result and the award letter itself
 * and closes the tender. A step that fails beyond its retries ends in a recorded failure.
 * An execution nearing Step Functions' one-year limit continues in a new one (`ContinueAsNew`),
 * which starts at the step it waited for (`IsContinuation` → `ResumeAt`).
 *
 * State names are stable: tests, alarms and the history regulators read rely on them.
 */
export class TenderLifecycle extends Construct {
  readonly stateMachine: StateMachine;
  /** The platform's own steps, the result's publication among them. */
  readonly platformFunction: SunlitFunction;
  /** Built from the name, not the resource, so the machine's own task functions can be granted it. */
  private readonly stateMachineArn: string;

  constructor(scope: Construct, id: string, props: TenderLifecycleProps) {
    super(scope, id);
    const stateMachineName = `${Stack.of(this).stackName}-${MACHINE_NAME}`;
    this.stateMachineArn = Stack.of(this).formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });

    // Three functions by the access they need: the platform's own steps read and write the table
    // only; the wait also resumes executions; the award letter also writes the documents bucket.
    const taskFunction = (file: string, description: string, extra: Partial<SunlitFunctionProps> = {}) =>
      new SunlitFunction(this, file, {
        entry: `functions/lifecycle/${file}.ts`,
        description: `tender lifecycle: ${description}`,
        timeout: Duration.seconds(30),
        ...extra,
      }).bindTable(props.table, 'readWrite');
    const platformFn = taskFunction('platform-step', "the platform's own steps, by name");
    this.platformFunction = platformFn;
    // An execution near its one-year limit continues in a new one, started by its own last step.
    this.grantContinue(platformFn);
    const awaitStepFn = taskFunction('await-step', 'keep the token of a step people must take');
    this.grantResume(awaitStepFn);
    const letterFn = taskFunction('issue-award-letter', 'make and store the award letter', {
      // The font ships as a file beside the bundle, read once at init.
      files: { [DOCUMENT_FONT_FILE]: `node_modules/${DOCUMENT_FONT}` },
      memorySize: 1024,
    }).bindBucket(props.documents, 'DOCUMENTS_BUCKET', 'readWrite');

    const failed = new Fail(this, 'Failed', {
      error: 'LifecycleFailed',
      cause: 'A step failed; see RecordFailure.',
    });
    const recordFailure = new LambdaInvoke(this, 'RecordFailure', {
      lambdaFunction: platformFn,
      payload: TaskInput.fromObject({
        task: 'record-failure',
        ...tenderId,
        failure: JsonPath.objectAt('$.failure'),
      }),
      resultPath: JsonPath.DISCARD,
    })
      .addRetry(RETRY)
      .next(failed);
    // Every task either succeeds, retries, or ends in the recorded failure.
    const guarded = <T extends TaskStateBase>(task: T): T => {
      task.addCatch(recordFailure, { errors: ['States.ALL'], resultPath: '$.failure' });
      return task;
    };
    const platformStep = (
      name: string,
      task: string,
      resultPath: string,
      fn = platformFn,
      input = tenderId,
    ) =>
      guarded(
        new LambdaInvoke(this, name, {
          lambdaFunction: fn,
          payload: TaskInput.fromObject({ task, ...input }),
          payloadResponseOnly: true,
          resultPath,
        }).addRetry(RETRY),
      );
    const continued = new Succeed(this, 'Continued', {
      comment: 'The lifecycle goes on in a new execution, named by the tender with a generation number.',
    });
    const continueAsNew = guarded(
      new LambdaInvoke(this, 'ContinueAsNew', {
        lambdaFunction: platformFn,
        payload: TaskInput.fromObject({
          task: 'continue-as-new',
          ...tenderId,
          execution: JsonPath.stringAt('$$.Execution.Name'),
        }),
        payloadResponseOnly: true,
        resultPath: '$.continuation',
      }).addRetry(RETRY),
    ).next(continued);

    // Staff ended the process before its result: its refunds and notices are settled again (the
    // request settled them, but nothing is left to a client's retry), and the lifecycle closes.
    const terminated = platformStep('SettleTermination', 'settle-termination', '$.settled').next(
      new Succeed(this, 'Terminated', {
        comment: 'The termination notice is out (条例31, 87号令29, 74号令40); bonds refunded, bidders told.',
      }),
    );

    /**
     * A step people take: the token is kept, the execution sleeps until their change resumes it,
     * and its time limit raises an alert (`<Step>Overdue`) and goes back to waiting, or on in a
     * new execution when this one nears its one-year limit. A termination ends every wait.
     */
    const humanStep = (step: HumanStep) => {
      const name = step.charAt(0).toUpperCase() + step.slice(1);
      const overdue = guarded(
        new LambdaInvoke(this, `${name}Overdue`, {
          lambdaFunction: platformFn,
          payload: TaskInput.fromObject({ task: 'raise-overdue', ...aged, step }),
          payloadResponseOnly: true,
          resultPath: '$.overdue',
        }).addRetry(RETRY),
      );
      const wait = new LambdaInvoke(this, `Await${name}`, {
        lambdaFunction: awaitStepFn,
        integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
        payload: TaskInput.fromObject({ ...tenderId, step, token: JsonPath.taskToken }),
        taskTimeout: Timeout.duration(Duration.days(waitLimitDays(step))),
        resultPath: `$.${step}`,
        retryOnServiceExceptions: true,
      })
        .addRetry({ errors: ['CONFLICT'], interval: Duration.seconds(1), maxAttempts: 3 })
        // Any other error of the wait's function is retried too; States.TaskFailed never matches the time limit.
        .addRetry(RETRY);
      // Catches match in order: the time limit first, then the catch-all of `guarded`.
      wait.addCatch(overdue, { errors: ['States.Timeout'], resultPath: JsonPath.DISCARD });
      overdue.next(
        new Choice(this, `${name}Continues`)
          .when(Condition.booleanEquals('$.overdue.continueAsNew', true), continueAsNew)
          .otherwise(guarded(wait)),
      );
      return Chain.start(wait).next(
        new Choice(this, `${name}Outcome`)
          .when(Condition.isPresent(`$.${step}.terminated`), terminated)
          .afterwards({ includeOtherwise: true }),
      );
    };

    const readDeadline = platformStep('ReadDeadline', 'read-deadline', '$.deadline', platformFn, aged);
    const waitForDeadline = new Wait(this, 'WaitForDeadline', {
      time: WaitTime.timestampPath('$.deadline.at'),
    });
    const closeBidding = platformStep('CloseBidding', 'close-bidding', '$.closing');
    const tenderFailed = new Succeed(this, 'TenderFailed', {
      comment: 'Fewer than 3 bids: the failed-tender notice is out (条例44).',
    });
    const shares = humanStep('shares');
    const draw = humanStep('draw');
    const negotiation = humanStep('negotiation');
    const waitForFinalQuotes = new Wait(this, 'WaitForFinalQuotes', {
      time: WaitTime.timestampPath('$.negotiation.quotesDueAt'),
    });
    const report = humanStep('report');
    const publicity = humanStep('publicity');
    const waitForPublicityEnd = new Wait(this, 'WaitForPublicityEnd', {
      time: WaitTime.timestampPath('$.publicity.endsAt'),
    });
    const answers = humanStep('answers');
    const publishResult = platformStep('PublishResult', 'publish-result', '$.result');
    const choice = humanStep('result');
    const issueLetter = platformStep('IssueAwardLetter', 'issue-award-letter', '$.letter', letterFn);
    const contract = humanStep('contract');
    const resumption = humanStep('resumption');
    const closeTender = platformStep('CloseTender', 'close-tender', '$.closed');
    const closed = new Succeed(this, 'Closed');

    readDeadline.next(
      new Choice(this, 'DeadlinePassed')
        .when(Condition.booleanEquals('$.deadline.passed', true), closeBidding)
        .when(Condition.booleanEquals('$.deadline.continueAsNew', true), continueAsNew)
        .otherwise(waitForDeadline.next(readDeadline)),
    );
    // A continued execution takes up the step its predecessor waited for; a new one starts at the deadline.
    const steps = {
      shares,
      draw,
      negotiation,
      report,
      publicity,
      answers,
      result: choice,
      contract,
      resumption,
    };
    const resumeAt = new Choice(this, 'ResumeAt');
    for (const [step, wait] of Object.entries(steps)) {
      resumeAt.when(Condition.stringEquals('$.resumeAt', step), wait);
    }
    const definition = new Choice(this, 'IsContinuation')
      .when(Condition.isPresent('$.resumeAt'), resumeAt.otherwise(readDeadline))
      .otherwise(readDeadline);
    closeBidding.next(
      new Choice(this, 'EnoughBids')
        .when(Condition.stringEquals('$.closing.outcome', 'failed'), tenderFailed)
        .when(Condition.stringEquals('$.closing.outcome', 'terminated'), terminated)
        // 单一来源: no bids to open; the negotiation record stands as the report (74号令42).
        .when(Condition.stringEquals('$.closing.outcome', 'negotiation'), report)
        .otherwise(shares),
    );
    // After the report, by the procedure: candidate publicity (条例54), or the purchaser's confirmation (87号令68).
    // 谈判 and 磋商 negotiate in rounds and take final quotes before the report (74号令33, 214号21).
    shares
      .next(draw)
      .next(
        new Choice(this, 'FinalQuotes')
          .when(Condition.stringEquals('$.draw.then', 'negotiation'), negotiation)
          .otherwise(report),
      );
    negotiation.next(waitForFinalQuotes).next(report);
    report.next(
      new Choice(this, 'CandidatePublicity')
        .when(Condition.stringEquals('$.report.then', 'result'), publishResult)
        .otherwise(publicity),
    );
    publicity.next(waitForPublicityEnd).next(answers).next(publishResult);
    publishResult.next(
      new Choice(this, 'ResultPublished')
        .when(Condition.stringEquals('$.result.outcome', 'objections-open'), answers)
        .when(Condition.stringEquals('$.result.outcome', 'awaiting-choice'), choice)
        // Suspended by the regulator (条例62, 法57): the result waits for the lifting, then is tried again.
        .when(Condition.stringEquals('$.result.outcome', 'held'), resumption)
        .when(Condition.stringEquals('$.result.outcome', 'terminated'), terminated)
        .otherwise(issueLetter),
    );
    resumption.next(publishResult);
    choice.next(issueLetter);
    issueLetter.next(contract).next(closeTender).next(closed);

    this.stateMachine = new SunlitStateMachine(this, 'StateMachine', {
      name: MACHINE_NAME,
      comment: 'One execution per tender, from its publication to its close.',
      definition,
      tasks: [platformFn, awaitStepFn, letterFn],
    });
    new ComponentAlarm(this, 'Errors', {
      component: 'TenderLifecycle',
      functions: [platformFn, awaitStepFn, letterFn],
      stateMachines: [this.stateMachine],
    });
  }

  /** The publication starts the tender's execution. */
  grantStart(fn: SunlitFunction): void {
    fn.addEnvironment('LIFECYCLE_STATE_MACHINE', this.stateMachine.stateMachineArn);
    this.stateMachine.grantStartExecution(fn);
  }

  /** An execution's last step starts the one that continues it. */
  private grantContinue(fn: SunlitFunction): void {
    fn.addEnvironment('LIFECYCLE_STATE_MACHINE', this.stateMachineArn);
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['states:StartExecution'], resources: [this.stateMachineArn] }),
    );
  }

  /** The people's changes resume the step their tender's execution waits for. */
  grantResume(fn: SunlitFunction): void {
    fn.addEnvironment('LIFECYCLE_RESUMES', 'true');
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: [this.stateMachineArn] }),
    );
  }
}
