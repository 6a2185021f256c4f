import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { StorageProbe } from '../health';
import { keys } from './key-scheme';

export const dynamoProbe = (db: DynamoDBDocumentClient, tableName: string): StorageProbe => ({
  async ping() {
    await db.send(new GetCommand({ TableName: tableName, Key: keys.meta('HEALTH') }));
  },
});
