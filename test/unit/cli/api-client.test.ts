import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { call } from '../../../packages/cli/api-client';

/**
 * The CLI's calls against a real HTTP server that loses answers: a write is retried with the same
 * Idempotency-Key until the platform answers, so it can be made at most once.
 */
describe('the CLI calling the API', () => {
  let server: Server;
  let api: string;
  const seen: { method: string; key?: string }[] = [];
  let script: ((req: IncomingMessage, res: import('node:http').ServerResponse) => void)[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ method: req.method!, key: req.headers['idempotency-key'] as string | undefined });
      const next = script.shift();
      if (next) return next(req, res);
      res.writeHead(500).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    seen.length = 0;
    script = [];
  });

  it('retries a lost answer and a 503 with the same Idempotency-Key, and returns the answer that came', async () => {
    script = [
      (req) => req.socket.destroy(),
      (_req, res) => res.writeHead(503, { 'retry-after': '1' }).end('{"error":{"code":"UNAVAILABLE"}}'),
      (_req, res) => res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"P-1"}'),
    ];
    await expect(call({ api }, 'POST', '/projects', { name: 'x' })).resolves.toEqual({ id: 'P-1' });
    expect(seen.map((s) => s.method)).toEqual(['POST', 'POST', 'POST']);
    expect(new Set(seen.map((s) => s.key)).size).toBe(1);
    expect(seen[0]!.key).toMatch(/^[A-Za-z0-9._:-]{1,255}$/);
  });

  it('gives every logical write its own key, keeps a key the caller chose, and sends none on a read', async () => {
    const ok = (_req: IncomingMessage, res: import('node:http').ServerResponse) =>
      res.writeHead(200).end('{}');
    script = [ok, ok, ok, ok];
    await call({ api }, 'POST', '/a');
    await call({ api }, 'POST', '/a');
    await call({ api }, 'POST', '/a', undefined, { 'idempotency-key': 'chosen-key' });
    await call({ api }, 'GET', '/a');
    expect(seen[0]!.key).not.toBe(seen[1]!.key);
    expect(seen[2]!.key).toBe('chosen-key');
    expect(seen[3]!.key).toBeUndefined();
  });

  it("passes a refusal on at once, in the platform's words, without retrying it", async () => {
    script = [
      (_req, res) =>
        res
          .writeHead(422)
          .end(
            '{"error":{"code":"RULE_VIOLATED","message":"Too late.","field":"bidDeadline","rule":"法24"}}',
          ),
    ];
    await expect(call({ api }, 'POST', '/tenders')).rejects.toThrow(
      'POST /tenders → 422: Too late. (field bidDeadline, rule 法24)',
    );
    expect(seen).toHaveLength(1);
  });
});
