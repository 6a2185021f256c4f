import { describeCaller } from '../../packages/identity/describe-caller';
import { documentClient, requiredEnv } from '../../packages/storage/clients';
import { dynamoOrganisations } from '../../packages/storage/organisations';
import { httpHandler, ok } from '../http/http-handler';

const deps = { organisations: dynamoOrganisations(documentClient(), requiredEnv('TABLE_NAME')) };

export const handler = httpHandler({ access: ['bidder', 'staff', 'regulator'] }, async ({ caller }) =>
  ok(await describeCaller(deps, caller)),
);
