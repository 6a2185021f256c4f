import { RemovalPolicy } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * An API stage's access log: a log group kept a year (and kept when the stack goes), one JSON
 * line per request with what every stage logs and the fields this API adds.
 */
export const accessLogSettings = (scope: Construct, id: string, fields: Record<string, string>) => ({
  destinationArn: new LogGroup(scope, id, {
    retention: RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.RETAIN,
  }).logGroupArn,
  format: JSON.stringify({
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    time: '$context.requestTime',
    route: '$context.routeKey',
    status: '$context.status',
    ...fields,
  }),
});
