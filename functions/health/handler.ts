import { clockFromEnvironment } from '../../packages/kernel/clock';
import { checkHealth } from '../../packages/health/check-health';
import { documentClient, requiredEnv } from '../../packages/storage/clients';
import { dynamoProbe } from '../../packages/storage/probe';
import { healthRoute } from '../../packages/health/routes';
import { json, routeHandler } from '../http/http-handler';

const deps = {
  probe: dynamoProbe(documentClient(), requiredEnv('TABLE_NAME')),
  clock: clockFromEnvironment(),
};

export const handler = routeHandler(healthRoute, async () => {
  const health = await checkHealth(deps);
  return json(health.status === 'ok' ? 200 : 503, health);
});
