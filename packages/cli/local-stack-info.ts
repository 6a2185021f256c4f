import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { StackInfo } from '../local-stack';

const projectRoot = path.resolve(__dirname, '..', '..');

/** The local stack's data folder: `dataDir` (--data), SUNLIT_DATA_DIR, or `.local`, from the project root. */
export const localDataDir = (dataDir = process.env.SUNLIT_DATA_DIR ?? '.local'): string =>
  path.resolve(projectRoot, dataDir);

/** The running local stack's addresses, from the file it writes at start. */
export const localStackInfo = (dataDir?: string): StackInfo => {
  const file = path.join(localDataDir(dataDir), 'stack.json');
  if (!existsSync(file)) {
    throw new Error(`No local stack is running (no ${file}). Start it with "npm start", or pass --url.`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as StackInfo;
};
