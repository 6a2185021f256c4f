import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as routes from '../../packages/experts/routes';
import { RouteFunction, RouteFunctionsProps, serveRoutes } from './route-functions';

const handlers: RouteFunction[] = [
  { route: routes.startImportRoute, file: 'start-import', table: 'readWrite', documents: 'write' },
  // Reads and writes a city's whole pool; API Gateway stops waiting after 30 s, the function does not,
  // and the client follows the import's progress.
  {
    route: routes.runImportRoute,
    file: 'run-import',
    table: 'readWrite',
    documents: 'read',
    timeout: Duration.minutes(10),
    memorySize: 2048,
  },
  { route: routes.getImportRoute, file: 'get-import', table: 'read' },
  { route: routes.getExpertRoute, file: 'get-expert', table: 'read' },
  { route: routes.updateExpertRoute, file: 'update-expert', table: 'readWrite' },
  { route: routes.listSpecialtiesRoute, file: 'list-specialties', table: 'read' },
];

/** The expert pool (评标专家库): bulk imports, one expert's changes, the specialty catalog. */
export class ExpertPool extends Construct {
  constructor(scope: Construct, id: string, props: RouteFunctionsProps) {
    super(scope, id);
    serveRoutes(this, props, 'experts', handlers);
  }
}
