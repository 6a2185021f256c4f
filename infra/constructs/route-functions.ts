import { Duration } from 'aws-cdk-lib';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AnyRoute, routeKey } from '../../packages/api-contract/route';
import { Api } from './api';
import { AuditLog } from './audit-log';
import { TenderLifecycle } from './tender-lifecycle';
import { BucketAccess, SunlitFunction, TableAccess } from './sunlit-function';

export interface RouteFunctionsProps {
  api: Api;
  table: TableV2;
  documents: IBucket;
  bids: IBucket;
  auditLog: AuditLog;
  lifecycle: TenderLifecycle;
}

/** One route's function and exactly the access it needs. */
export interface RouteFunction {
  route: AnyRoute;
  /** Handler file under the component's folder in functions/. */
  file: string;
  table: TableAccess;
  documents?: BucketAccess;
  bids?: BucketAccess;
  /** Starts the tender's lifecycle (publication), or resumes the step it waits for (the people's steps). */
  lifecycle?: 'start' | 'resume';
  /** Hands out receipts, which cite a signed checkpoint. */
  signsCheckpoints?: boolean;
  /** For the few functions that work through a whole file or pool. */
  timeout?: Duration;
  memorySize?: number;
}

/** Serves each route with its own function, granted only the table and bucket access it declares. */
export const serveRoutes = (
  scope: Construct,
  props: RouteFunctionsProps,
  folder: string,
  functions: readonly RouteFunction[],
): void => {
  for (const handler of functions) {
    const fn = new SunlitFunction(scope, handler.route.operationId, {
      entry: `functions/${folder}/${handler.file}.ts`,
      description: `${routeKey(handler.route)}: ${handler.route.summary}`.slice(0, 256),
      timeout: handler.timeout,
      memorySize: handler.memorySize,
    }).bindTable(props.table, handler.table);
    if (handler.documents) fn.bindBucket(props.documents, 'DOCUMENTS_BUCKET', handler.documents);
    if (handler.bids) fn.bindBucket(props.bids, 'BIDS_BUCKET', handler.bids);
    if (handler.signsCheckpoints) props.auditLog.grantSigning(fn);
    if (handler.lifecycle === 'start') props.lifecycle.grantStart(fn);
    if (handler.lifecycle === 'resume') props.lifecycle.grantResume(fn);
    props.api.serve(handler.route, fn);
  }
};
