import { openApiDocument } from '../../packages/api-contract/openapi';
import { allRoutes, openApiRoute } from '../../packages/api-catalog/catalog';
import { ok, routeHandler } from '../http/http-handler';

// Built once per instance: the routes do not change while it runs.
const document = openApiDocument(allRoutes, {
  title: 'Sunlit public-resource trading platform',
  version: '0.1.0',
  description:
    'Projects, tenders, notices and the public audit log of a city trading center (公共资源交易中心).',
});

export const handler = routeHandler(openApiRoute, async () => ok(document));
