import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { WebSocket, WebSocketServer } from 'ws';
import { reserveCommitment } from '../../packages/auctions';
import { againstFloor, Benchmark, Figure, percentile, round } from '../harness';
import { surgeBidders } from '../local-stack-handle';

const DAY = 86_400_000;

/** `count` watchers connected to `url`; each records when every message reaches it. */
const connectWatchers = async (url: string, count: number) => {
  const arrivals: Map<string, number>[] = [];
  const sockets = await Promise.all(
    Array.from(
      { length: count },
      (_, i) =>
        new Promise<WebSocket>((resolve, reject) => {
          const socket = new WebSocket(url);
          arrivals[i] = new Map();
          socket.on('message', (data) => {
            const message = JSON.parse(data.toString()) as {
              auction?: { state: { sequence: number } };
              n?: number;
            };
            arrivals[i]!.set(String(message.auction?.state.sequence ?? message.n), performance.now());
          });
          socket.once('open', () => resolve(socket));
          socket.once('error', reject);
        }),
    ),
  );
  return { arrivals, close: () => sockets.forEach((s) => s.close()) };
};

const waitFor = async (check: () => boolean, ms = 30_000) => {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
};

/**
 * Live bidding: bids accepted one after another, each the next sequence number, with watchers in the
 * auction room; against a raw conditional UpdateItem on DynamoDB Local (the write each bid must make)
 * and a raw `ws` broadcast to as many connections, in the same run.
 */
export const auctionBenchmark: Benchmark = {
  name: 'auction',
  async run({ quick, progress, stack }) {
    const { running, db, table } = await stack();
    const api = running.info.api;
    const bids = quick ? 20 : 200;
    const watchers = quick ? 20 : 200;
    const bidders = surgeBidders.slice(0, quick ? 4 : 20);
    const token = async (username: string) =>
      (
        (await (
          await fetch(`${api}/.local/issuer/token`, { method: 'POST', body: JSON.stringify({ username }) })
        ).json()) as { idToken: string }
      ).idToken;
    const call = async (user: string, method: string, route: string, body?: unknown, offsetMs = 0) => {
      const response = await fetch(`${api}${route}`, {
        method,
        headers: {
          authorization: `Bearer ${await tokens(user)}`,
          'content-type': 'application/json',
          ...(offsetMs ? { 'x-local-clock-offset-ms': String(offsetMs) } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const answer = (await response.json()) as Record<string, unknown>;
      if (!response.ok)
        throw new Error(`${method} ${route} answered ${response.status}: ${JSON.stringify(answer)}`);
      return answer;
    };
    const cache = new Map<string, Promise<string>>();
    const tokens = (user: string) => {
      if (!cache.has(user)) cache.set(user, token(user));
      return cache.get(user)!;
    };

    progress(`auction: announcing and qualifying ${bidders.length} bidders`);
    const now = Date.parse(((await (await fetch(`${api}/.local/clock`)).json()) as { now: string }).now);
    const opensAt = now + 20 * DAY + 3_600_000;
    const auction = await call('staff1', 'POST', '/auctions', {
      kind: 'land-auction',
      title: '基准测试地块',
      sellerOrg: 'ORG-TENDERER-1',
      startingPriceFen: 100_000_000,
      incrementFen: 100_000,
      bondFen: 1_000_000,
      applicationsCloseAt: new Date(opensAt - DAY).toISOString(),
      opensAt: new Date(opensAt).toISOString(),
      reserveCommitment: reserveCommitment({ reserveFen: null, salt: 'ab'.repeat(32) }),
    });
    const id = String(auction.id);
    for (const bidder of bidders) {
      const application = await call(bidder.username, 'POST', `/auctions/${id}/applications`, {
        bond: { kind: 'paid', reference: `BENCH-${bidder.org}` },
      });
      await call('staff1', 'PUT', `/auctions/${id}/applications/${String(application.org)}`, {
        qualified: true,
      });
    }

    progress(`auction: ${watchers} watchers in the room, ${bids} bids one after another`);
    const room = await connectWatchers(`${running.info.webSockets[0]}?auction=${id}`, watchers);
    const offsetMs = opensAt - now + 1000;
    const sent: number[] = [];
    const accepted: number[] = [];
    for (let i = 0; i < bids; i++) {
      const bidder = bidders[i % bidders.length]!;
      sent[i] = performance.now();
      await call(
        bidder.username,
        'POST',
        `/auctions/${id}/bids`,
        { amountFen: 100_000_000 + i * 100_000, sequence: i + 1 },
        offsetMs,
      );
      accepted[i] = performance.now() - sent[i]!;
    }
    await waitFor(() => room.arrivals.every((a) => a.size >= bids));
    const broadcast = room.arrivals.flatMap((a) =>
      Array.from({ length: bids }, (_, i) => (a.get(String(i + 1)) ?? NaN) - sent[i]!),
    );
    const lost = broadcast.filter(Number.isNaN).length;
    room.close();

    progress('auction: the floors, a raw conditional UpdateItem and a raw ws broadcast');
    const key = { pk: `BENCH#AUCTION#${id}`, sk: 'PROFILE' };
    await db.send(new PutCommand({ TableName: table, Item: { ...key, version: 0 } }));
    const writes: number[] = [];
    for (let i = 0; i < bids; i++) {
      const start = performance.now();
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: key,
          UpdateExpression: 'SET version = :next',
          ConditionExpression: 'version = :seen',
          ExpressionAttributeValues: { ':seen': i, ':next': i + 1 },
        }),
      );
      writes.push(performance.now() - start);
    }
    const wss = new WebSocketServer({ noServer: true });
    const server = createServer();
    server.on('upgrade', (req, socket, head) =>
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws)),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const raw = await connectWatchers(`ws://127.0.0.1:${port}`, watchers);
    const rawSent: number[] = [];
    for (let n = 1; n <= bids; n++) {
      rawSent[n] = performance.now();
      for (const client of wss.clients) client.send(JSON.stringify({ n }));
      await new Promise((r) => setTimeout(r, 1));
    }
    await waitFor(() => raw.arrivals.every((a) => a.size >= bids));
    const rawBroadcast = raw.arrivals.flatMap((a) =>
      Array.from({ length: bids }, (_, i) => (a.get(String(i + 1)) ?? NaN) - rawSent[i + 1]!),
    );
    raw.close();
    await new Promise((r) => server.close(r));

    const figures: Figure[] = [
      againstFloor({
        benchmark: 'auction',
        name: 'accepted bid p50',
        value: percentile(accepted, 50),
        floor: percentile(writes, 50),
        maxRatio: 3,
        floorName: 'conditional UpdateItem',
      }),
      againstFloor({
        benchmark: 'auction',
        name: 'accepted bid p99',
        value: percentile(accepted, 99),
        floor: percentile(writes, 99),
        maxRatio: 3,
        floorName: 'conditional UpdateItem',
        note: `${bids} bids in one total order, ${watchers} watchers pushed each`,
      }),
      {
        benchmark: 'auction',
        name: 'broadcast to every watcher p99',
        unit: 'ms',
        value: round(
          percentile(
            broadcast.filter((v) => !Number.isNaN(v)),
            99,
          ),
        ),
        floor: round(
          percentile(
            rawBroadcast.filter((v) => !Number.isNaN(v)),
            99,
          ),
        ),
        target: '≤ 250 ms, none lost',
        met: percentile(broadcast, 99) <= 250 && lost === 0,
        note: `from the bid's request to its arrival at each of ${watchers} watchers; ${lost} of ${broadcast.length} lost`,
      },
    ];
    return figures;
  },
};
