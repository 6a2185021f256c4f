import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { demoExperts, demoOrganisations, demoSpecialties } from '../demo-data/demo-data';
import { indexKeys, keys } from '../storage/key-scheme';

const MARKER = keys.meta('DEMO_DATA');

/** Writes items 25 at a time, retrying what DynamoDB hands back unprocessed. */
const writeAll = async (
  db: DynamoDBDocumentClient,
  table: string,
  items: Record<string, unknown>[],
): Promise<void> => {
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await db.send(
        new BatchWriteCommand({ RequestItems: { [table]: requests } }),
      );
      requests = (UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  }
};

/**
 * Loads the demo data on the first start only: a marker item records that it is there,
 * so a restart keeps whatever the platform changed since.
 */
export const seedDemoData = async (
  db: DynamoDBDocumentClient,
  table: string,
): Promise<'loaded' | 'present'> => {
  const { Item } = await db.send(new GetCommand({ TableName: table, Key: MARKER }));
  if (Item) return 'present';
  const organisations = demoOrganisations().map((org) => ({
    ...keys.organisation(org.id),
    ...indexKeys.organisation(org.kind, org.id),
    ...org,
  }));
  const specialties = demoSpecialties.map((s) => ({
    ...keys.specialty(s.code),
    ...indexKeys.specialty(s.code),
    ...s,
  }));
  const experts = demoExperts().map((e) => ({ ...keys.expert(e.id), ...indexKeys.expert(e.id), ...e }));
  await writeAll(db, table, [...organisations, ...specialties, ...experts]);
  try {
    await db.send(
      new PutCommand({
        TableName: table,
        Item: { ...MARKER, loadedAt: new Date().toISOString(), experts: experts.length },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  return 'loaded';
};
