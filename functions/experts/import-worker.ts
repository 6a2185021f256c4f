import * as z from 'zod';
import { recordImportFailure, runImport } from '../../packages/experts';
import { BackgroundJob } from '../../packages/storage';
import { taskHandler } from '../tasks/task-handler';
import { expertDeps } from './deps';

const deps = expertDeps();

/** Runs a queued expert import in the background, where a city's pool has the time it needs. */
export const handler = taskHandler(
  BackgroundJob.extend({ job: z.literal('import-experts') }),
  ({ id, failure }) => (failure ? recordImportFailure(deps, id, failure.Error) : runImport(deps, id)),
);
