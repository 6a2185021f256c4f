import { Construct } from 'constructs';
import * as routes from '../../packages/award/routes';
import { RouteFunction, RouteFunctionsProps, serveRoutes } from './route-functions';

const handlers: RouteFunction[] = [
  { route: routes.reportUploadRoute, file: 'report-upload', table: 'read', documents: 'write' },
  {
    route: routes.recordReportRoute,
    file: 'record-report',
    table: 'readWrite',
    documents: 'read',
    lifecycle: 'resume',
  },
  { route: routes.getReportRoute, file: 'get-report', table: 'read' },
  { route: routes.startPublicityRoute, file: 'start-publicity', table: 'readWrite', lifecycle: 'resume' },
  { route: routes.getPublicityRoute, file: 'get-publicity', table: 'read' },
  { route: routes.raisePublicityObjectionRoute, file: 'raise-objection', table: 'readWrite' },
  {
    route: routes.answerPublicityObjectionRoute,
    file: 'answer-objection',
    table: 'readWrite',
    lifecycle: 'resume',
  },
  { route: routes.publishResultRoute, file: 'publish-result', table: 'readWrite', lifecycle: 'resume' },
  { route: routes.recordContractRoute, file: 'record-contract', table: 'readWrite', lifecycle: 'resume' },
  { route: routes.awardLetterRoute, file: 'award-letter', table: 'read', documents: 'read' },
];

/**
 * From the evaluation report (评标报告) through the candidate publicity (中标候选人公示) and its
 * objections to the result notice (中标结果公告), the notices to every bidder and the contract,
 * and the award letter.
 */
export class Award extends Construct {
  constructor(scope: Construct, id: string, props: RouteFunctionsProps) {
    super(scope, id);
    serveRoutes(this, props, 'award', handlers);
  }
}
