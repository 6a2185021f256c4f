import { describeCaller } from '../../packages/identity/describe-caller';
import { documentClient, requiredEnv } from '../../packages/storage/clients';
import { dynamoOrganisations } from '../../packages/storage/organisations';
import { meRoute } from '../../packages/identity/routes';
import { ok, routeHandler } from '../http/http-handler';

const deps = { organisations: dynamoOrganisations(documentClient(), requiredEnv('TABLE_NAME')) };

export const handler = routeHandler(meRoute, async ({ caller }) => ok(await describeCaller(deps, caller)));
