import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DemoUser } from '../packages/demo-data';
import { s3rverCredentials, RunningStack, startLocalStack, localRegion } from '../packages/local-stack';
/** As many bidder companies as the deadline surge needs: `surge-bidder-N` of `ORG-SURGE-N`. */
export const SURGE_BIDDERS = 1000;
export const surgeBidders: DemoUser[] = Array.from({ length: SURGE_BIDDERS }, (_, i) => ({
  username: `surge-bidder-${i + 1}`,
  sub: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
  role: 'bidder',
  org: `ORG-SURGE-${i + 1}`,
  email: `surge-bidder-${i + 1}@bench.invalid`,
}));

export interface LocalStackHandle {
  running: RunningStack;
  db: DynamoDBDocumentClient;
  table: string;
  stop(): Promise<void>;
}

/** The whole local stack, started once for the benchmarks that need it, in a throwaway data folder. */
export const startBenchStack = async (log: (line: string) => void): Promise<LocalStackHandle> => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sunlit-bench-'));
  const running = await startLocalStack({
    dataDir,
    port: 0,
    log,
    extraUsers: surgeBidders,
    testControls: true,
  });
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
