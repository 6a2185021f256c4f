import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface SiteFile {
  body: Buffer;
  headers: Record<string, string>;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The built portal held in memory, as CloudFront serves it from its bucket: `/` is the page
 * (revalidated each time), the hashed assets are immutable.
 */
export const staticSite = (dir: string, files: string[]): ((urlPath: string) => SiteFile | undefined) => {
  const served = new Map(
    files.map((file) => {
      const urlPath = `/${file.split(path.sep).join('/')}`;
      const page = urlPath === '/index.html';
      return [
        page ? '/' : urlPath,
        {
          body: readFileSync(path.join(dir, file)),
          headers: {
            'content-type': types[path.extname(file)] ?? 'application/octet-stream',
            'cache-control': page ? 'no-cache' : 'public, max-age=31536000, immutable',
            'x-content-type-options': 'nosniff',
          },
        },
      ] as const;
    }),
  );
  return (urlPath) => served.get(urlPath);
};
