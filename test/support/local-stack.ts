import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { readPublishedProcessLog } from '../../packages/audit-log/process-log';
import type { StackInfo } from '../../packages/local-stack/stack';
import { localRegion } from '../../packages/local-stack/template';
import { s3rverCredentials } from '../../packages/local-stack/s3-local';

/** The stack the integration run's global setup started. */
export const stackInfo = (): StackInfo => {
  if (!process.env.SUNLIT_STACK)
    throw new Error('No local stack: integration tests run under the integration project.');
  return JSON.parse(process.env.SUNLIT_STACK) as StackInfo;
};

/** Points the project's own client factory (packages/storage/clients.ts) at a local stack. */
export const useStackEndpoints = (info: StackInfo): void => {
  Object.assign(process.env, {
    AWS_REGION: localRegion,
    AWS_ACCESS_KEY_ID: s3rverCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3rverCredentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: info.dynamodb,
    AWS_ENDPOINT_URL_S3: info.s3,
    AWS_ENDPOINT_URL_SFN: info.stepFunctions,
  });
};

const local = { region: localRegion, credentials: s3rverCredentials };
export const dynamoFor = (info: StackInfo) => new DynamoDBClient({ ...local, endpoint: info.dynamodb });
export const stepFunctionsFor = (info: StackInfo) =>
  new SFNClient({ ...local, endpoint: info.stepFunctions });

/** An ID token for a demo user, from the local issuer (for 8 hours, or `lifetimeSeconds`). */
export const tokenFor = async (
  username: string,
  info = stackInfo(),
  lifetimeSeconds?: number,
): Promise<string> => {
  const response = await fetch(`${info.issuer}/token`, {
    method: 'POST',
    body: JSON.stringify({ username, lifetimeSeconds }),
  });
  if (!response.ok) throw new Error(`token for ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { idToken: string }).idToken;
};

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the local API as a client would. */
export const callApi = async <T = Record<string, unknown>>(
  route: string,
  options: {
    token?: string;
    method?: string;
    body?: unknown;
    info?: StackInfo;
    clockOffsetMs?: number;
    headers?: Record<string, string>;
  } = {},
): Promise<ApiResponse<T>> => {
  const info = options.info ?? stackInfo();
  const response = await fetch(`${info.api}${route}`, {
    method: options.method ?? 'GET',
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.clockOffsetMs ? { 'x-local-clock-offset-ms': String(options.clockOffsetMs) } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const type = response.headers.get('content-type') ?? '';
  // A PDF comes back as its bytes; JSON parsed; anything else as text.
  if (type.startsWith('application/pdf')) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, body: bytes as T };
  }
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (type.includes('json') && text ? JSON.parse(text) : text) as T,
  };
};

/** Polls until `probe` returns a value, or fails after `timeoutMs`. */
export const eventually = async <T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** A whole published process log from the local stack's API (`/tenders/{id}/process-log`, …), page after page. */
export const publishedLogAt = (logPath: string, options: { limit?: number; info?: StackInfo } = {}) =>
  readPublishedProcessLog(async (cursor) => {
    const query = new URLSearchParams({
      ...(cursor === undefined ? {} : { cursor }),
      ...(options.limit === undefined ? {} : { limit: String(options.limit) }),
    });
    const { status, body } = await callApi(`${logPath}?${query}`, { info: options.info });
    if (status !== 200) throw new Error(`${logPath}?${query} answered ${status}: ${JSON.stringify(body)}`);
    return body;
  });

/** The platform's time on a local stack (its clock may have been moved forward). */
export const localNow = async (info: StackInfo = stackInfo()): Promise<number> =>
  new Date(((await (await fetch(`${info.api}/.local/clock`)).json()) as { now: string }).now).getTime();

/** Moves a local stack's clock forward for every function and state machine; it never goes back. */
export const advanceClock = async (info: StackInfo, ms: number): Promise<void> => {
  const response = await fetch(`${info.api}/.local/clock`, {
    method: 'POST',
    body: JSON.stringify({ advanceMs: Math.ceil(ms) }),
  });
  if (!response.ok) throw new Error(`moving the clock: ${response.status} ${await response.text()}`);
};
