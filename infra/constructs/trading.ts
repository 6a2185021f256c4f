import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AnyRoute, routeKey } from '../../packages/api-contract/route';
import * as routes from '../../packages/tenders/routes';
import { Api } from './api';
import { BucketAccess, SunlitFunction, TableAccess } from './sunlit-function';

export interface TradingProps {
  api: Api;
  table: TableV2;
  documents: IBucket;
}

interface Handler {
  route: AnyRoute;
  /** File under functions/tenders/. */
  file: string;
  table: TableAccess;
  documents?: BucketAccess;
}

/** Each route's function and exactly the access it needs. */
const handlers: Handler[] = [
  { route: routes.registerProjectRoute, file: 'register-project', table: 'readWrite' },
  { route: routes.acceptProjectRoute, file: 'accept-project', table: 'readWrite' },
  { route: routes.getProjectRoute, file: 'get-project', table: 'read' },
  { route: routes.createTenderRoute, file: 'create-tender', table: 'readWrite' },
  { route: routes.requestUploadRoute, file: 'request-upload', table: 'readWrite', documents: 'write' },
  { route: routes.confirmUploadRoute, file: 'confirm-upload', table: 'readWrite', documents: 'read' },
  { route: routes.publishTenderRoute, file: 'publish-tender', table: 'readWrite' },
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
  constructor(scope: Construct, id: string, props: TradingProps) {
    super(scope, id);
    for (const handler of handlers) {
      const fn = new SunlitFunction(this, handler.route.operationId, {
        entry: `functions/tenders/${handler.file}.ts`,
        description: `${routeKey(handler.route)}: ${handler.route.summary}`.slice(0, 256),
      }).bindTable(props.table, handler.table);
      if (handler.documents) fn.bindBucket(props.documents, 'DOCUMENTS_BUCKET', handler.documents);
      props.api.serve(handler.route, fn);
    }
  }
}
