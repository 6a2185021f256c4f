import * as path from 'node:path';
import { buildPortal } from './build';

/** `npm run build:portal [-- DIR]`: the portal's files for the site bucket (default dist/portal). */
const outDir = path.resolve(process.argv[2] ?? 'dist/portal');
const files = buildPortal(outDir);
console.log(`portal built into ${outDir}: ${files.join(', ')}`);
