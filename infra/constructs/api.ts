import { ArnFormat, Stack } from 'aws-cdk-lib';
import {
  CfnStage,
  HttpApi,
  HttpIntegrationType,
  HttpMethod,
  HttpRouteIntegration,
  HttpRouteIntegrationConfig,
  PayloadFormatVersion,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { accessLogSettings } from './access-logs';
import { AnyRoute, routeAccess, routeKey } from '../../packages/api-contract';
import { acknowledge } from '../nag';
import { Identity } from './identity';

/** The stage's limits, across all routes: requests per second and burst. */
const STAGE_RATE = 1_000;
const STAGE_BURST = 2_000;

/**
 * A function behind the API: one integration, whatever the number of its routes. The one
 * permission for API Gateway to invoke it is added by `Api.serve`, not once per route.
 */
class FunctionIntegration extends HttpRouteIntegration {
  constructor(
    id: string,
    private readonly fn: IFunction,
  ) {
    super(id);
  }

  bind(): HttpRouteIntegrationConfig {
    return {
      type: HttpIntegrationType.AWS_PROXY,
      uri: this.fn.functionArn,
      payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
    };
  }
}

/**
 * The HTTP API: every route is served by its context's function behind a JWT authorizer on the
 * user pool, except the few routes declared public (health, published notices, the audit log).
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  private readonly authorizer: HttpUserPoolAuthorizer;
  private readonly stage: CfnStage;
  private readonly routeSettings: Record<
    string,
    { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
  > = {};

  constructor(scope: Construct, id: string, props: { identity: Identity }) {
    super(scope, id);
    this.authorizer = new HttpUserPoolAuthorizer('CognitoAuthorizer', props.identity.userPool, {
      userPoolClients: [props.identity.client],
    });
    this.httpApi = new HttpApi(this, 'HttpApi', { description: 'Sunlit public-resource trading API' });

    const stage = this.httpApi.defaultStage?.node.defaultChild as CfnStage;
    this.stage = stage;
    // Every route together, per second; a route may set a tighter limit of its own (see `serve`).
    stage.defaultRouteSettings = { throttlingRateLimit: STAGE_RATE, throttlingBurstLimit: STAGE_BURST };
    stage.accessLogSettings = accessLogSettings(this, 'AccessLogs', {
      user: '$context.authorizer.claims.cognito:username',
      latency: '$context.integrationLatency',
    });
  }

  /**
   * Serves a context's routes with its function: each route's method, path and whether it
   * needs a token come from its declaration; the function routes by `event.routeKey` itself.
   */
  serve(routes: readonly AnyRoute[], fn: IFunction): void {
    const integration = new FunctionIntegration(`${fn.node.id}Integration`, fn);
    for (const route of routes) {
      if (route.throttle) {
        this.routeSettings[routeKey(route)] = {
          ThrottlingRateLimit: route.throttle.rate,
          ThrottlingBurstLimit: route.throttle.burst,
        };
        this.stage.routeSettings = this.routeSettings;
      }
      const [served] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
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
    // This API's routes may invoke the function; only the routes above are integrated with it.
    fn.addPermission('InvokedByApi', {
      principal: new ServicePrincipal('apigateway.amazonaws.com'),
      sourceArn: Stack.of(this).formatArn({
        service: 'execute-api',
        resource: this.httpApi.apiId,
        resourceName: '*/*',
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      }),
    });
  }
}
