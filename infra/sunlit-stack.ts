import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { routeKey } from '../packages/api-contract/route';
import { openApiRoute } from '../packages/api-catalog/catalog';
import { healthRoute } from '../packages/health/routes';
import { meRoute } from '../packages/identity/routes';
import { Api } from './constructs/api';
import { AuditLog } from './constructs/audit-log';
import { Award } from './constructs/award';
import { Identity } from './constructs/identity';
import { Storage } from './constructs/storage';
import { SunlitFunction } from './constructs/sunlit-function';
import { DrawCeremony } from './constructs/draw-ceremony';
import { ExpertPool } from './constructs/expert-pool';
import { SealedBids } from './constructs/sealed-bids';
import { Supervision } from './constructs/supervision';
import { TenderLifecycle } from './constructs/tender-lifecycle';
import { Trading } from './constructs/trading';

/**
 * The platform, read as the architecture diagram: identity → API → functions → storage, and the
 * tender lifecycle's state machine driving each tender from its publication to its close.
 */
export class SunlitStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const storage = new Storage(this, 'Storage');
    const identity = new Identity(this, 'Identity');
    const api = new Api(this, 'Api', { identity });

    const health = new SunlitFunction(this, 'Health', {
      entry: 'functions/health/handler.ts',
      description: `${routeKey(healthRoute)}: ${healthRoute.summary}`,
    }).bindTable(storage.table, 'read');
    api.serve(healthRoute, health);

    const me = new SunlitFunction(this, 'Me', {
      entry: 'functions/me/handler.ts',
      description: `${routeKey(meRoute)}: ${meRoute.summary}`,
    }).bindTable(storage.table, 'read');
    api.serve(meRoute, me);

    const openApi = new SunlitFunction(this, 'OpenApi', {
      entry: 'functions/openapi/handler.ts',
      description: `${routeKey(openApiRoute)}: the API described`,
    });
    api.serve(openApiRoute, openApi);

    const auditLog = new AuditLog(this, 'AuditLog', {
      api,
      table: storage.table,
      origin: this.node.tryGetContext('auditLogOrigin') ?? 'sunlit.example/audit-log',
    });

    const lifecycle = new TenderLifecycle(this, 'TenderLifecycle', {
      table: storage.table,
      documents: storage.documents,
    });
    const routeProps = {
      api,
      table: storage.table,
      documents: storage.documents,
      bids: storage.bids,
      auditLog,
      lifecycle,
    };
    new Trading(this, 'Trading', routeProps);
    new ExpertPool(this, 'ExpertPool', routeProps);
    new DrawCeremony(this, 'DrawCeremony', routeProps);
    new SealedBids(this, 'SealedBids', routeProps);
    new Award(this, 'Award', routeProps);
    new Supervision(this, 'Supervision', routeProps);
  }
}
