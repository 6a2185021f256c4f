import { openApiDocument } from '../../packages/api-contract';
import { platformRoutes, allRoutes } from '../../packages/api-catalog';
import { checkHealth } from '../../packages/health';
import { describeCaller } from '../../packages/identity';
import { listProcedures } from '../../packages/procedures';
import { dynamoOrganisations, dynamoProbe, documentClient, requiredEnv } from '../../packages/storage';
import { clock } from '../adapters';
import { contextHandler, json, ok } from '../http/http-handler';

const db = documentClient();
const table = requiredEnv('TABLE_NAME');
const deps = { probe: dynamoProbe(db, table), organisations: dynamoOrganisations(db, table), clock };

// Built on first use, then kept: the routes do not change while the function runs.
let document: ReturnType<typeof openApiDocument> | undefined;

/** The platform itself: whether it is up, who calls, the API described, and the procedures as data. */
export const handler = contextHandler(platformRoutes, {
  getHealth: async () => {
    const health = await checkHealth(deps);
    return json(health.status === 'ok' ? 200 : 503, health);
  },
  getMe: async ({ caller }) => ok(await describeCaller(deps, caller)),
  listProcedures: async () => ok(listProcedures()),
  getOpenApi: async () =>
    ok(
      (document ??= openApiDocument(allRoutes, {
        title: 'Sunlit public-resource trading platform',
        version: '0.1.0',
        description:
          'Projects, tenders, notices and the public audit log of a city trading center (公共资源交易中心).',
      })),
    ),
});
