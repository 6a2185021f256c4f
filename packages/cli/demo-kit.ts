import { createHash } from 'node:crypto';
import { call, connect, Connection } from './api-client';

/** What the demos share: their actors, the local stack's clock, polling, and how they print. */

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export const DAY = 86_400_000;
/** SHA-256 in lowercase hex, as the platform logs every document's hash. */
export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
export const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN')}`;

export const step = (text: string) => console.log(`\n▶ ${text}`);
export const say = (text: string) => console.log(`  ${text}`);

/** The demo's actors, each with their own token, and the local stack's clock, which only moves forward. */
export const cast = async (url: string) => {
  const names = [
    'staff1',
    'staff2',
    'regulator1',
    'regulator2',
    'bidder1',
    'bidder2',
    'bidder3',
    'bidder4',
    'bidder5',
    'bidder6',
  ];
  const connections = new Map<string, Connection>();
  for (const user of names) connections.set(user, await connect({ url, user }));
  const as =
    (user: string) =>
    <T = Json>(method: string, route: string, body?: unknown) =>
      call<T>(connections.get(user)!, method, route, body);
  /** A document's bytes (a PDF), as `user` downloads it. */
  const download = async (user: string, route: string): Promise<Uint8Array> => {
    const { api, token } = connections.get(user)!;
    const response = await fetch(`${api}${route}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`GET ${route} → ${response.status}: ${await response.text()}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  const clock = connections.get('staff1')!;
  const now = async () =>
    new Date((await call<{ now: string }>(clock, 'GET', '/.local/clock')).now).getTime();
  return {
    as,
    download,
    now,
    /** `user`'s ID token, for the auction room's door. */
    tokenOf: (user: string): string => {
      const { token } = connections.get(user)!;
      if (!token) throw new Error(`No token for ${user}.`);
      return token;
    },
    /** Moves the platform's clock to `at`, if it is not there yet. */
    async moveTo(at: number) {
      const ahead = at - (await now());
      if (ahead > 0) await call(clock, 'POST', '/.local/clock', { advanceMs: Math.ceil(ahead) });
    },
  };
};

/** Polls until `check` answers, as a person refreshing a page would; the lifecycle runs on its own. */
export const until = async <T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check().catch(() => undefined);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

type Actor = <T = Json>(method: string, route: string, body?: unknown) => Promise<T>;

/** Waits until the tender's lifecycle waits for `step`, and says what for and until when. */
export const lifecycleAwaits = async (staff: Actor, tenderId: string, waitingFor: string, says: string) => {
  const lifecycle = await until(`the lifecycle to wait for ${waitingFor}`, async () => {
    const current = await staff('GET', `/tenders/${tenderId}/lifecycle`);
    return current.waiting?.step === waitingFor ? current : undefined;
  });
  say(`⏳ the lifecycle waits for ${says}, until ${lifecycle.waiting.dueAt} at the latest`);
};
