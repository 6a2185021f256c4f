/**
 * The global `Buffer` the shared code uses, for the browser (the bundle injects this module).
 * The `buffer` package predates Node's `base64url` encoding; keys and tokens are written in it,
 * so it is added here over the package's `base64`.
 */
import { Buffer } from 'buffer';

type Encoding = Parameters<Buffer['toString']>[0] | 'base64url';

const toString = Buffer.prototype.toString;
Buffer.prototype.toString = function (this: Buffer, encoding?: Encoding, start?: number, end?: number) {
  if (encoding !== 'base64url') return toString.call(this, encoding, start, end);
  return toString.call(this, 'base64', start, end).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

const from = Buffer.from.bind(Buffer) as (...args: unknown[]) => Buffer;
Buffer.from = ((value: unknown, encoding?: unknown, length?: unknown) =>
  typeof value === 'string' && encoding === 'base64url'
    ? from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
    : from(value, encoding, length)) as typeof Buffer.from;

export { Buffer };
