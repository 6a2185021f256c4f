import { ArnFormat, CfnElement, Duration, Stack, Token } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { CfnStage, WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  Choice,
  Condition,
  Fail,
  JsonPath,
  Pass,
  StateMachine,
  Succeed,
  TaskInput,
  Wait,
  WaitTime,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { auctionDocumentRoutes, auctionRoutes } from '../../packages/auctions';
import { DOCUMENT_FONT, DOCUMENT_FONT_FILE } from '../../packages/pdf';
import { acknowledge } from '../nag';
import { accessLogSettings } from './access-logs';
import { ComponentAlarm } from './alarm';
import { AuditLog } from './audit-log';
import { ComponentProps } from './component';
import { Identity } from './identity';
import { SunlitFunction } from './sunlit-function';
import { SunlitStateMachine } from './sunlit-state-machine';

/** The auction room's stage: its name is the path of every connection and of `@connections`. */
export const AUCTION_ROOM_STAGE = 'live';
const BIDDING_CLOCK = 'BiddingClock';
/** A run hands on at 1,000 steps; one failing beyond that for 200 more (about 2 hours) gives up. */
const CLOCK_GIVES_UP_AT_STEP = 1_200;

/**
 * Listings and auctions (挂牌, 拍卖, 网络竞价) of land, mining rights and state property: the
 * announcement with its sealed reserve, applications and qualification, live bids as conditional
 * writes on the auction's sequence, and the result. One function serves the HTTP routes and the
 * auction room, a WebSocket API where anyone watches an auction: every accepted bid and the result
 * are pushed to each connection (`@connections`). A bidder who connects with its ID token bids over
 * the room as well; a Lambda authorizer checks the token on `$connect`. It touches the table, the
 * room's connections, and the audit log's key, to sign the applications' sealed log's final anchor
 * at the result if the schedule has not yet. Each auction's bidding clock is a Step Functions
 * execution, started at the announcement, that wakes when bidding opens and at each moment it may
 * end (re-reading the countdown a late bid restarted) and pushes the state to the room, so the
 * opening and the end reach every watcher with no bid to carry them. The sale confirmation (成交确认书) is printed by a second function that
 * only gets the auction's and the seller's items, so the bids' function never loads a PDF renderer
 * and its font.
 */
export class Auctions extends Construct {
  readonly function: SunlitFunction;
  readonly documents: SunlitFunction;
  readonly room: WebSocketApi;
  readonly roomAuthorizer: SunlitFunction;
  readonly biddingClock: StateMachine;

  constructor(
    scope: Construct,
    id: string,
    props: Pick<ComponentProps, 'api' | 'table' | 'idempotency'> & { auditLog: AuditLog; identity: Identity },
  ) {
    super(scope, id);
    this.function = new SunlitFunction(this, 'Function', {
      entry: 'functions/auctions/handler.ts',
      description: 'Sunlit auctions: listings, applications, live bids, results, the auction room',
    })
      .bindTable(props.table, 'readWrite')
      .bindIdempotency(props.idempotency);
    // The result makes sure of the applications' log's final anchor, signing its checkpoint.
    props.auditLog.grantSigning(this.function);
    props.api.serve(auctionRoutes, this.function);
    this.documents = new SunlitFunction(this, 'Documents', {
      entry: 'functions/auction-documents/handler.ts',
      description: 'Sunlit auctions: the sale confirmation (成交确认书) as PDF',
      files: { [DOCUMENT_FONT_FILE]: `node_modules/${DOCUMENT_FONT}` },
      // Subsetting the font wants the memory the ledger's receipts have.
      memorySize: 1024,
    });
    // It reads two items by key, the auction and its seller: no query, no index, nothing sealed.
    this.documents.addEnvironment('TABLE_NAME', props.table.tableName);
    this.documents.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: [props.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['AUCTION#*', 'ORG#*'] } },
      }),
    );
    props.api.serve(auctionDocumentRoutes, this.documents);

    // The room's door: a valid ID token of the user pool, or none to watch. It reads nothing else.
    this.roomAuthorizer = new SunlitFunction(this, 'RoomAuthorizer', {
      entry: 'functions/room-authorizer/handler.ts',
      description: "Sunlit auctions: checks a bidder's ID token when it connects to the auction room",
    });
    const { userPool, client } = props.identity;
    this.roomAuthorizer.addEnvironment(
      'ISSUER',
      `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${userPool.userPoolId}`,
    );
    this.roomAuthorizer.addEnvironment('CLIENT_ID', client.userPoolClientId);
    const authorizer = new WebSocketLambdaAuthorizer('RoomDoor', this.roomAuthorizer, {
      // Every connection names its auction; the token is optional, so it is not an identity source
      // (a missing one would be refused before the authorizer runs). WebSocket APIs cache no answer.
      identitySource: ['route.request.querystring.auction'],
    });
    const integration = new WebSocketLambdaIntegration('Room', this.function);
    this.room = new WebSocketApi(this, 'Room', {
      description: 'Sunlit auction room: live prices pushed to every watcher, bids from connected bidders',
      connectRouteOptions: { integration, authorizer },
      disconnectRouteOptions: { integration },
      defaultRouteOptions: { integration },
    });
    const stage = new WebSocketStage(this, 'Stage', {
      webSocketApi: this.room,
      stageName: AUCTION_ROOM_STAGE,
      autoDeploy: true,
      throttle: { rateLimit: 200, burstLimit: 400 },
    });
    (stage.node.defaultChild as CfnStage).accessLogSettings = accessLogSettings(this, 'RoomAccessLogs', {
      connection: '$context.connectionId',
    });
    // A bid: `{"action":"bid",…}`, by the caller the connection's token named.
    this.room.addRoute('bid', { integration });
    for (const route of ['$disconnect', '$default', 'bid']) {
      acknowledge(
        this.room.node.findChild(`${route}-Route`),
        'AwsSolutions-APIG4',
        'API Gateway authorizes a WebSocket connection once, on $connect; its messages carry what that found.',
      );
    }
    // Post to, read and close the room's connections on its one stage; a connection's id is known only at run time.
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['execute-api:ManageConnections'],
        resources: [
          Stack.of(this).formatArn({
            service: 'execute-api',
            resource: this.room.apiId,
            resourceName: `${AUCTION_ROOM_STAGE}/*/@connections/*`,
          }),
        ],
      }),
    );
    const stack = Stack.of(this);
    const roomId = stack.getLogicalId(this.room.node.defaultChild as CfnElement);
    // cdk-nag names the ARN as synthesized: a deployment's own region and account, or their tokens.
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    acknowledge(
      this.function.role!,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:${region}:${account}:<${roomId}>/${AUCTION_ROOM_STAGE}/*/@connections/*]`,
      "The room's connections on its own stage: their ids exist only once a watcher connects.",
    );
    this.function.addEnvironment('AUCTION_ROOM_ENDPOINT', this.room.apiEndpoint);
    this.function.addEnvironment('AUCTION_ROOM_STAGE', AUCTION_ROOM_STAGE);
    this.biddingClock = this.startBiddingClock();
    new ComponentAlarm(this, 'Errors', {
      component: 'Auctions',
      functions: [this.function, this.documents, this.roomAuthorizer],
      stateMachines: [this.biddingClock],
    });
  }

  /**
   * The bidding clock: a step (the room told, the next moment read), then a wait until that moment,
   * until bidding has ended. The announcement starts an auction's first run, named by its id; a run
   * near Step Functions' limits starts the next (`<id>-<n>`) and ends. A step that fails beyond its
   * retries pauses and steps again, so no outage stops an auction's clock. The machine's ARN is built
   * from its name, so the function it invokes can be granted the start.
   */
  private startBiddingClock(): StateMachine {
    const stack = Stack.of(this);
    const arn = stack.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: `${stack.stackName}-${BIDDING_CLOCK}`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.function.addEnvironment('BIDDING_CLOCK_STATE_MACHINE', arn);
    this.function.addToRolePolicy(
      new PolicyStatement({ actions: ['states:StartExecution'], resources: [arn] }),
    );
    const run = ['auctionId', 'generation', 'startedAt', 'steps'];
    const step = new LambdaInvoke(this, 'StepBiddingClock', {
      lambdaFunction: this.function,
      payload: TaskInput.fromObject({
        task: 'step-bidding-clock',
        ...Object.fromEntries(run.map((field) => [field, JsonPath.objectAt(`$.${field}`)])),
      }),
      // The run, stepped, replaces the state: nothing grows from one step to the next.
      resultSelector: Object.fromEntries(
        [...run, 'done', 'nextAt'].map((field) => [field, JsonPath.objectAt(`$.Payload.${field}`)]),
      ),
      resultPath: '$',
    }).addRetry({
      errors: ['States.TaskFailed'],
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 3,
    });
    // A failed step counts as a step: the run still hands on in time, and a clock that has failed for
    // hours (a step that cannot succeed) ends, failed, which the alarm hears.
    const pause = new Wait(this, 'AfterAFailedStep', { time: WaitTime.duration(Duration.seconds(30)) });
    step.addCatch(pause, { errors: ['States.ALL'], resultPath: JsonPath.DISCARD });
    const count = new Pass(this, 'CountTheFailedStep', {
      parameters: {
        ...Object.fromEntries(run.map((field) => [field, JsonPath.objectAt(`$.${field}`)])),
        steps: JsonPath.mathAdd(JsonPath.numberAt('$.steps'), 1),
      },
    });
    pause.next(count).next(
      new Choice(this, 'FailingTooLong')
        .when(
          Condition.numberGreaterThanEquals('$.steps', CLOCK_GIVES_UP_AT_STEP),
          new Fail(this, 'ClockFailed', {
            error: 'BiddingClockFailed',
            cause: 'Its steps failed for hours.',
          }),
        )
        .otherwise(step),
    );
    const wait = new Wait(this, 'UntilBiddingMayChange', { time: WaitTime.timestampPath('$.nextAt') });
    step.next(
      new Choice(this, 'Done')
        .when(Condition.booleanEquals('$.done', true), new Succeed(this, 'Ended'))
        .otherwise(wait.next(step)),
    );
    return new SunlitStateMachine(this, 'BiddingClock', {
      name: BIDDING_CLOCK,
      comment: "One execution per auction: tells the room when bidding opens and ends, on the server's time.",
      definition: step,
      tasks: [this.function],
    });
  }
}
