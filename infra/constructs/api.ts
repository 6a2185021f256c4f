import { RemovalPolicy } from 'aws-cdk-lib';
import { CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AnyRoute, routeAccess, routeKey } from '../../packages/api-contract/route';
import { acknowledge } from '../nag';
import { Identity } from './identity';
import { SunlitFunction } from './sunlit-function';

/**
 * The HTTP API: every route is a Lambda function behind a JWT authorizer on the user
 * pool, except the few routes declared public (health, published notices, the audit log).
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  private readonly authorizer: HttpUserPoolAuthorizer;

  constructor(scope: Construct, id: string, props: { identity: Identity }) {
    super(scope, id);
    this.authorizer = new HttpUserPoolAuthorizer('CognitoAuthorizer', props.identity.userPool, {
      userPoolClients: [props.identity.client],
    });
    this.httpApi = new HttpApi(this, 'HttpApi', { description: 'Sunlit public-resource trading API' });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const stage = this.httpApi.defaultStage?.node.defaultChild as CfnStage;
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        time: '$context.requestTime',
        route: '$context.routeKey',
        status: '$context.status',
        user: '$context.authorizer.claims.cognito:username',
        latency: '$context.integrationLatency',
      }),
    };
  }

  /** Serves a declared route with `fn`: its method, path and whether it needs a token come from the declaration. */
  serve(route: AnyRoute, fn: SunlitFunction): void {
    const [served] = this.httpApi.addRoutes({
      path: route.path,
      methods: [HttpMethod[route.method]],
      integration: new HttpLambdaIntegration(`${fn.node.id}Integration`, fn),
      authorizer: routeAccess(route) === 'token' ? this.authorizer : undefined,
    });
    if (routeAccess(route) === 'public' && served) {
      acknowledge(
        served,
        'AwsSolutions-APIG4',
        `${routeKey(route)} is public by design: anyone may read it without an account.`,
      );
    }
  }
}
