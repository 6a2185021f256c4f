import { Construct } from 'constructs';
import * as routes from '../../packages/award/routes';
import { alertsRoute } from '../../packages/supervision/routes';
import { RouteFunction, RouteFunctionsProps, serveRoutes } from './route-functions';

const handlers: RouteFunction[] = [
  { route: routes.reportUploadRoute, file: 'report-upload', table: 'read', documents: 'write' },
  { route: routes.recordReportRoute, file: 'record-report', table: 'readWrite', documents: 'read' },
  { route: routes.getReportRoute, file: 'get-report', table: 'read' },
  { route: routes.startPublicityRoute, file: 'start-publicity', table: 'readWrite' },
  { route: routes.getPublicityRoute, file: 'get-publicity', table: 'read' },
  { route: routes.raisePublicityObjectionRoute, file: 'raise-objection', table: 'readWrite' },
  { route: routes.answerPublicityObjectionRoute, file: 'answer-objection', table: 'readWrite' },
  { route: routes.publishResultRoute, file: 'publish-result', table: 'readWrite' },
  { route: routes.recordContractRoute, file: 'record-contract', table: 'readWrite' },
  { route: alertsRoute, file: 'supervision-alerts', table: 'read' },
];

/**
 * From the evaluation report (评标报告) through the candidate publicity (中标候选人公示) and its
 * objections to the result notice (中标结果公告), the notices to every bidder and the contract,
 * with the supervision alerts when one of their time limits passes.
 */
export class Award extends Construct {
  constructor(scope: Construct, id: string, props: RouteFunctionsProps) {
    super(scope, id);
    serveRoutes(this, props, 'award', handlers);
  }
}
