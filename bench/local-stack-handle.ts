import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { s3rverCredentials } from '../packages/local-stack/s3-local';
import { RunningStack, startLocalStack } from '../packages/local-stack/stack';
import { localRegion } from '../packages/local-stack/template';

export interface LocalStackHandle {
  running: RunningStack;
  db: DynamoDBDocumentClient;
  table: string;
  stop(): Promise<void>;
}

/** The whole local stack, started once for the benchmarks that need it, in a throwaway data folder. */
export const startBenchStack = async (log: (line: string) => void): Promise<LocalStackHandle> => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sunlit-bench-'));
  const running = await startLocalStack({ dataDir, port: 0, log });
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: running.info.dynamodb,
      region: localRegion,
      credentials: s3rverCredentials,
    }),
  );
  return {
    running,
    db,
    table: running.info.tables[0]!,
    stop: async () => {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
