import { Construct } from 'constructs';
import * as routes from '../../packages/tenders/routes';
import { RouteFunction, RouteFunctionsProps, serveRoutes } from './route-functions';

/** Each route's function and exactly the access it needs. */
const handlers: RouteFunction[] = [
  { route: routes.registerProjectRoute, file: 'register-project', table: 'readWrite' },
  { route: routes.acceptProjectRoute, file: 'accept-project', table: 'readWrite' },
  { route: routes.getProjectRoute, file: 'get-project', table: 'read' },
  { route: routes.createTenderRoute, file: 'create-tender', table: 'readWrite' },
  { route: routes.requestUploadRoute, file: 'request-upload', table: 'readWrite', documents: 'write' },
  { route: routes.confirmUploadRoute, file: 'confirm-upload', table: 'readWrite', documents: 'read' },
  { route: routes.publishTenderRoute, file: 'publish-tender', table: 'readWrite', lifecycle: 'start' },
  { route: routes.getTenderRoute, file: 'get-tender', table: 'read' },
  { route: routes.manageTenderRoute, file: 'manage-tender', table: 'read' },
  { route: routes.registerForTenderRoute, file: 'register-for-tender', table: 'readWrite' },
  { route: routes.listRegistrationsRoute, file: 'list-registrations', table: 'read' },
  { route: routes.downloadDocumentRoute, file: 'download-document', table: 'readWrite', documents: 'read' },
  { route: routes.publishAmendmentRoute, file: 'publish-amendment', table: 'readWrite' },
  { route: routes.listNoticesRoute, file: 'list-notices', table: 'read' },
  { route: routes.myNoticesRoute, file: 'my-notices', table: 'read' },
  { route: routes.setCalendarRoute, file: 'set-calendar', table: 'readWrite' },
  { route: routes.getCalendarRoute, file: 'get-calendar', table: 'read' },
];

/**
 * Projects, tenders, documents, registrations, amendments and notices: the routes staff and
 * bidders use before the bid deadline. Document bytes never pass through a function.
 */
export class Trading extends Construct {
  constructor(scope: Construct, id: string, props: RouteFunctionsProps) {
    super(scope, id);
    serveRoutes(this, props, 'tenders', handlers);
  }
}
