import { randomUUID } from 'node:crypto';
import { parseArgs, ParseArgsConfig } from 'node:util';
import { createReadStream, statSync } from 'node:fs';
import { request } from 'node:http';
import { request as requestTls } from 'node:https';
import { localStackInfo } from './local-stack-info';

/** The options every command that calls the API takes, for `parseArgs`. */
export const connectionOptions = {
  url: { type: 'string' },
  token: { type: 'string' },
  user: { type: 'string' },
  data: { type: 'string' },
  help: { type: 'boolean' },
} as const;

/** Parses a command's arguments: its own options plus the connection options, positionals allowed. */
export const parseCommand = <O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) =>
  parseArgs({ args, allowPositionals: true, options: { ...connectionOptions, ...options } });

/** Where the CLI talks to and as whom: --url and --token, or a demo user of the local stack. */
export interface Connection {
  api: string;
  token?: string;
}

export const connect = async (options: {
  url?: string;
  token?: string;
  user?: string;
  data?: string;
}): Promise<Connection> => {
  const api = options.url ?? localStackInfo(options.data).api;
  if (options.token || !options.user) return { api, token: options.token ?? process.env.SUNLIT_TOKEN };
  let response: Response;
  try {
    response = await fetch(`${api}/.local/issuer/token`, {
      method: 'POST',
      body: JSON.stringify({ username: options.user }),
    });
  } catch {
    throw new Error(`Cannot reach the local stack at ${api}. Is "npm start" running?`);
  }
  const body = (await response.json()) as { idToken?: string; message?: string };
  if (!body.idToken) throw new Error(body.message ?? `No token for ${options.user}.`);
  return { api, token: body.idToken };
};

const ATTEMPTS = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long to wait before attempt `attempt + 1`: the platform's Retry-After, else 0.5 s doubling, at most 10 s. */
const backoff = (attempt: number, retryAfter: string | null) =>
  Math.min(
    10_000,
    retryAfter && Number(retryAfter) > 0 ? Number(retryAfter) * 1000 : 500 * 2 ** (attempt - 1),
  );

/**
 * Sends one logical request, retrying what may not have reached the platform or whose outcome it
 * could not tell (no answer, or a 503). Every write carries an Idempotency-Key, the same on every
 * attempt, so a write the platform did take is answered again, never made twice.
 */
export const send = async (
  connection: Connection,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> => {
  const key: Record<string, string> =
    method === 'GET' ? {} : { 'idempotency-key': headers['idempotency-key'] ?? randomUUID() };
  for (let attempt = 1; ; attempt += 1) {
    let response: Response;
    try {
      response = await fetch(`${connection.api}${path}`, {
        method,
        headers: {
          ...(connection.token ? { authorization: `Bearer ${connection.token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
          ...key,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      if (attempt >= ATTEMPTS)
        throw new Error(
          `${method} ${path}: no answer from ${connection.api} after ${ATTEMPTS} attempts (${(error as Error).message}).`,
        );
      await sleep(backoff(attempt, null));
      continue;
    }
    if (response.status === 503 && attempt < ATTEMPTS) {
      await response.body?.cancel();
      await sleep(backoff(attempt, response.headers.get('retry-after')));
      continue;
    }
    const type = response.headers.get('content-type') ?? 'application/json';
    // A file the API answers as itself comes back as `{ bytes }` (a PDF) or `{ text }` (a CSV).
    if (type.startsWith('application/pdf')) {
      return { status: response.status, body: { bytes: new Uint8Array(await response.arrayBuffer()) } };
    }
    const text = await response.text();
    const answer = !text
      ? {}
      : type.includes('json')
        ? (JSON.parse(text) as Record<string, unknown>)
        : { text };
    return { status: response.status, body: answer };
  }
};

/** Calls the API; a refusal becomes an error carrying the platform's own message, field and rule. */
export const call = async <T = Record<string, unknown>>(
  connection: Connection,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> => {
  const response = await send(connection, method, path, body, headers);
  if (response.status >= 400) {
    const parsed = response.body;
    const error = parsed.error as { message?: string; field?: string; rule?: string } | undefined;
    const where = [error?.field && `field ${error.field}`, error?.rule && `rule ${error.rule}`]
      .filter(Boolean)
      .join(', ');
    throw new Error(
      `${method} ${path} → ${response.status}: ${error?.message ?? String(parsed.message ?? JSON.stringify(parsed))}${where ? ` (${where})` : ''}`,
    );
  }
  return response.body as T;
};

/** Prints "label  42% (1.2 MB of 2.8 MB)" on one line as bytes move. */
export const progressLine = (label: string, total: number) => {
  let last = -1;
  return (done: number) => {
    const percent = total ? Math.floor((done / total) * 100) : 100;
    if (percent === last) return;
    last = percent;
    process.stderr.write(
      `\r${label}  ${percent}% (${(done / 1e6).toFixed(1)} MB of ${(total / 1e6).toFixed(1)} MB)`,
    );
    if (done >= total) process.stderr.write('\n');
  };
};

/** PUTs a file to a presigned URL with its length (S3 needs it), reporting progress. */
export const putFile = (
  url: string,
  file: string,
  headers: Record<string, string>,
  onProgress: (done: number) => void,
) =>
  new Promise<void>((resolve, reject) => {
    const size = statSync(file).size;
    const target = new URL(url);
    const send = target.protocol === 'https:' ? requestTls : request;
    const req = send(target, { method: 'PUT', headers: { ...headers, 'content-length': size } }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode && res.statusCode < 300
          ? resolve()
          : reject(new Error(`Upload of ${file} answered ${res.statusCode}.`)),
      );
    });
    req.on('error', reject);
    let done = 0;
    const stream = createReadStream(file);
    stream.on('data', (chunk) => onProgress((done += chunk.length)));
    stream.pipe(req);
  });
