import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../packages/storage';
import { againstFloor, Benchmark, Figure, percentile, round, runConcurrently } from '../harness';

/** Routes under light load (one request at a time), each with the DynamoDB round trips it needs. */
const routes: { route: string; user?: string; roundTrips: number }[] = [
  { route: '/health', roundTrips: 1 },
  { route: '/me', user: 'bidder1', roundTrips: 1 },
  { route: '/audit/checkpoint', roundTrips: 2 },
  { route: '/audit/entries?start=0&end=1', roundTrips: 2 },
  { route: '/audit/proofs/inclusion?index=0&size=1', roundTrips: 3 },
];

export const apiLatencyBenchmark: Benchmark = {
  name: 'API latency',
  async run({ quick, progress, stack }) {
    const { running, db, table } = await stack();
    const api = running.info.api;
    const requests = quick ? 10 : 200;
    const token = async (username: string) => {
      const response = await fetch(`${api}/.local/issuer/token`, {
        method: 'POST',
        body: JSON.stringify({ username }),
      });
      return ((await response.json()) as { idToken: string }).idToken;
    };
    const figures: Figure[] = [];
    for (const { route, user, roundTrips } of routes) {
      progress(`API latency: ${route}`);
      const headers = user ? { authorization: `Bearer ${await token(user)}` } : undefined;
      const call = async () => {
        const response = await fetch(`${api}${route}`, { headers });
        if (!response.ok) throw new Error(`${route} answered ${response.status}`);
        await response.arrayBuffer();
      };
      await call(); // the function's cold start is measured elsewhere
      const latencies = await runConcurrently(requests, 1, call);
      const floors = await runConcurrently(requests, 1, async () => {
        for (let i = 0; i < roundTrips; i++)
          await db.send(new GetCommand({ TableName: table, Key: keys.auditHead() }));
      });
      const p50 = percentile(latencies, 50);
      const floor50 = percentile(floors, 50);
      figures.push(
        againstFloor({
          benchmark: 'API latency',
          name: `${route} p50`,
          value: p50,
          floor: floor50,
          maxRatio: 1.5,
          floorName: 'floor',
          note: `${roundTrips} DynamoDB round trip(s)`,
        }),
      );
      figures.push({
        benchmark: 'API latency',
        name: `${route} p99`,
        unit: 'ms',
        value: round(percentile(latencies, 99)),
        floor: round(percentile(floors, 99)),
      });
    }
    return figures;
  },
};
