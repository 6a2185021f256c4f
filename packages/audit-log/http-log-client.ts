import { LogClient } from './offline-verifier';
import type { TileClient } from './tile-verifier';

/** The log's public HTTP paths; any failure to get a good answer names the path. */
export const httpLogClient = (base: string): LogClient => {
  const get = async (path: string) => {
    let response: Response;
    try {
      response = await fetch(new URL(path, base.endsWith('/') ? base : `${base}/`));
    } catch (error) {
      throw new Error(`Cannot reach ${base}: ${(error as Error).message}`);
    }
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
    return response;
  };
  const json = async <T>(path: string) => (await (await get(path)).json()) as T;
  return {
    checkpoint: async () => (await get('audit/checkpoint')).text(),
    publicKey: () => json('audit/public-key'),
    entries: (start, end) => json(`audit/entries?start=${start}&end=${end}`),
    inclusion: (index, size) => json(`audit/proofs/inclusion?index=${index}&size=${size}`),
    consistency: (first, second) => json(`audit/proofs/consistency?first=${first}&second=${second}`),
  };
};

/** The log's tiles as the platform serves them (`/audit/tile/…` beside `/audit/checkpoint`). */
export const httpTileClient = (base: string): TileClient => {
  const log = httpLogClient(base);
  return {
    checkpoint: log.checkpoint,
    publicKey: log.publicKey,
    get: async (path) => {
      const url = new URL(`audit/${path}`, base.endsWith('/') ? base : `${base}/`);
      const response = await fetch(url);
      if (!response.ok) throw new Error(`GET /audit/${path} answered ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
  };
};
