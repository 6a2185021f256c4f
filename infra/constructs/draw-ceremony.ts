import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as routes from '../../packages/draw-ceremony/routes';
import { RouteFunction, RouteFunctionsProps, serveRoutes } from './route-functions';

/** Freezing and drawing read the whole pool, so those two get the time and memory for it. */
const poolSized = { timeout: Duration.minutes(2), memorySize: 2048 };

const handlers: RouteFunction[] = [
  {
    route: routes.requestDrawRoute,
    file: 'request-draw',
    table: 'readWrite',
    documents: 'write',
    ...poolSized,
  },
  { route: routes.getDrawRoute, file: 'get-draw', table: 'read' },
  { route: routes.commitRoute, file: 'commit', table: 'readWrite' },
  {
    route: routes.revealRoute,
    file: 'reveal',
    table: 'readWrite',
    documents: 'read',
    lifecycle: 'resume',
    ...poolSized,
  },
  { route: routes.drawRecordRoute, file: 'draw-record', table: 'read', documents: 'read' },
  { route: routes.publicDrawRecordRoute, file: 'public-draw-record', table: 'read', documents: 'read' },
  { route: routes.getCommitteeRoute, file: 'get-committee', table: 'read' },
  { route: routes.answerNoticeRoute, file: 'answer-notice', table: 'readWrite', lifecycle: 'resume' },
];

/**
 * The expert draw ceremony (专家抽取): frozen inputs, the platform's and the regulator's
 * commitments and reveals, the draw itself, the committee and its replacements.
 */
export class DrawCeremony extends Construct {
  constructor(scope: Construct, id: string, props: RouteFunctionsProps) {
    super(scope, id);
    serveRoutes(this, props, 'draws', handlers);
  }
}
