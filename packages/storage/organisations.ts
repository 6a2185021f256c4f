import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { Organisation, OrganisationRepository } from '../organisations';
import { keys } from './key-scheme';

/** Organisations in the platform table. */
export const dynamoOrganisations = (
  db: DynamoDBDocumentClient,
  tableName: string,
): OrganisationRepository => ({
  async get(id) {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: keys.organisation(id) }));
    return Item ? Organisation.parse(Item) : undefined;
  },
});
