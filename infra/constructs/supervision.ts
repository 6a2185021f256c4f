import { Construct } from 'constructs';
import { getLifecycleRoute } from '../../packages/lifecycle/routes';
import { alertsRoute } from '../../packages/supervision/routes';
import { RouteFunction, RouteFunctionsProps, serveRoutes } from './route-functions';

const handlers: RouteFunction[] = [
  { route: alertsRoute, file: 'alerts', table: 'read' },
  { route: getLifecycleRoute, file: 'lifecycle', table: 'read' },
];

/** What regulators watch (电子监察): time limits passed without their step, and each tender's lifecycle. */
export class Supervision extends Construct {
  constructor(scope: Construct, id: string, props: RouteFunctionsProps) {
    super(scope, id);
    serveRoutes(this, props, 'supervision', handlers);
  }
}
