/** The portal's one way to the API: same origin, bearer token, an Idempotency-Key on every write. */

export type Role = 'bidder' | 'staff' | 'regulator';

export interface Session {
  username: string;
  role: Role;
  org?: string;
  token: string;
}

const SESSION_KEY = 'sunlit.session';

/** Kept for the tab only: closing it signs out, and no token outlives the browser session. */
export const loadSession = (): Session | undefined => {
  const text = sessionStorage.getItem(SESSION_KEY);
  return text ? (JSON.parse(text) as Session) : undefined;
};

export const saveSession = (session: Session | undefined): void => {
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(SESSION_KEY);
};

/** A refusal as the API states it: what happened, the field at fault and the legal rule behind it. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
  field?: string;
  rule?: string;
  issues?: { field: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/** A refusal from an answer's status and body (`{ error }`); status 0 when it came by another way. */
export const refusalOf = (status: number, body: unknown): Refusal => {
  const answer = (body ?? {}) as { error?: Partial<Refusal>; message?: string };
  const error = answer.error ?? {};
  return {
    status,
    code: error.code ?? (status === 401 ? 'UNAUTHENTICATED' : `HTTP_${status}`),
    message: error.message ?? answer.message ?? `请求失败（HTTP ${status}）`,
    field: error.field,
    rule: error.rule,
    issues: error.issues,
  };
};

export interface CallOptions {
  body?: unknown;
  /** The Idempotency-Key of a write: the same one when the user retries the same action. */
  key?: string;
  /** A token other than the session's (while signing in). */
  token?: string;
}

/** One request as the signed-in user; the network failing throws {@link ApiError}. */
const request = async (
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  { body, key = crypto.randomUUID(), token = loadSession()?.token }: CallOptions,
): Promise<Response> => {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['idempotency-key'] = key;
  try {
    return await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError({ status: 0, code: 'NETWORK', message: `无法连接平台：${(error as Error).message}` });
  }
};

/** An answer's body: JSON parsed, anything else as text (the checkpoint is a signed note). */
const bodyOf = async (response: Response): Promise<unknown> => {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
};

/** Calls the API as the signed-in user; a refusal throws {@link ApiError}. */
export const api = async <T = Record<string, unknown>>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: CallOptions = {},
): Promise<T> => {
  const response = await request(method, path, options);
  const parsed = await bodyOf(response);
  if (!response.ok) throw new ApiError(refusalOf(response.status, parsed));
  return parsed as T;
};

/** GETs a file the API serves itself (a PDF), as bytes; a refusal throws {@link ApiError}. */
export const apiFile = async (path: string): Promise<Uint8Array> => {
  const response = await request('GET', path, {});
  if (!response.ok) throw new ApiError(refusalOf(response.status, await bodyOf(response)));
  return new Uint8Array(await response.arrayBuffer());
};

/**
 * Downloads `url`, checks its SHA-256 against the one the platform published, and only then saves
 * it as `fileName`: a file that differs is not saved. Resolves the hash it checked.
 */
export const saveChecked = async (
  url: string,
  sha256: string,
  fileName: string,
  type?: string,
): Promise<string> => {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const actual = await sha256Hex(bytes);
  if (actual !== sha256)
    throw new Error(`下载的 ${fileName} 与公布的哈希不符（应为 ${sha256}，实为 ${actual}），未保存。`);
  saveFile(fileName, bytes, type);
  return actual;
};

/** What a read answers, or undefined where the API says there is none yet (404). */
export const absentAs = <T>(read: Promise<T>): Promise<T | undefined> =>
  read.catch((error: unknown) => {
    if (error instanceof ApiError && error.refusal.status === 404) return undefined;
    throw error;
  });

/** PUT to a presigned URL with upload progress (fetch reports none). */
export const upload = (
  url: string,
  body: Uint8Array,
  headers: Record<string, string>,
  onProgress: (fraction: number) => void,
): Promise<void> =>
  new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) {
      // The browser sets these itself and refuses them from a page.
      if (!/^(content-length|host)$/i.test(name)) request.setRequestHeader(name, value);
    }
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () =>
      request.status >= 200 && request.status < 300
        ? (onProgress(1), resolve())
        : reject(
            new ApiError({
              status: request.status,
              code: 'UPLOAD_FAILED',
              message: `上传失败（HTTP ${request.status}）`,
            }),
          );
    request.onerror = () =>
      reject(new ApiError({ status: 0, code: 'NETWORK', message: '上传失败：无法连接存储服务' }));
    request.send(new Blob([body as BlobPart]));
  });

/** Bytes in lowercase hex, as every hash and salt of the platform is written. */
export const hexOf = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** SHA-256 in lowercase hex, computed in the browser. */
export const sha256Hex = async (bytes: Uint8Array): Promise<string> =>
  hexOf(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource)));

/** Hands bytes to the user as a file download; nothing is sent anywhere. */
export const saveFile = (name: string, content: BlobPart, type = 'application/octet-stream'): void => {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([content], { type }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
};
