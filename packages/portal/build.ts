import { buildSync } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const appDir = path.join(__dirname, 'app');

/** Where the built files are served from: the page at `/`, everything else under `/portal/`. */
export const PORTAL_PREFIX = '/portal/';

/**
 * Builds the portal into `outDir`: `index.html` and hashed `portal/*.js|css`, so a CDN may cache
 * the assets for ever and only the page is revalidated. The same build is served by the local
 * stack and uploaded to the portal bucket on AWS. Nothing is fetched from elsewhere at run time:
 * no CDN, no external font.
 */
export const buildPortal = (outDir: string): string[] => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = buildSync({
    entryPoints: { app: path.join(appDir, 'main.ts'), style: path.join(appDir, 'style.css') },
    outdir: path.join(outDir, PORTAL_PREFIX),
    entryNames: '[name]-[hash]',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome120', 'firefox120', 'safari17'],
    minify: true,
    sourcemap: 'linked',
    metafile: true,
    legalComments: 'linked',
    // The shared domain code (receipts, proofs, sealing) runs unchanged: its Node built-ins map
    // to small browser shims over audited libraries and WebCrypto.
    alias: { 'node:crypto': path.join(appDir, 'shims', 'node-crypto.ts') },
    inject: [path.join(appDir, 'shims', 'buffer.ts')],
    logLevel: 'silent',
  });
  const outputs = Object.keys(result.metafile.outputs).map((file) => path.relative(outDir, file));
  const named = (ext: string) => {
    const file = outputs.find((f) => f.endsWith(ext) && !f.endsWith(`${ext}.map`));
    if (!file) throw new Error(`The portal build made no ${ext} file.`);
    return `/${file.split(path.sep).join('/')}`;
  };
  const page = readFileSync(path.join(appDir, 'index.html'), 'utf8')
    .replace('%SCRIPT%', named('.js'))
    .replace('%STYLE%', named('.css'));
  writeFileSync(path.join(outDir, 'index.html'), page);
  return ['index.html', ...outputs];
};
