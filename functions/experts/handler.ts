import {
  getExpert,
  listSpecialties,
  queueImport,
  requireImport,
  startImport,
  updateExpert,
  expertRoutes,
} from '../../packages/experts';
import { backgroundWork } from '../adapters';
import { accepted, contextHandler, created, ok } from '../http/http-handler';
import { expertDeps } from './deps';

const work = backgroundWork();
const deps = {
  ...expertDeps(),
  imports: { start: (id: string, run: number) => work.start('import-experts', id, run) },
};

/** The expert pool (评标专家库): imports queued to the background, one expert's changes, the catalog. */
export const handler = contextHandler(expertRoutes, {
  startExpertImport: async ({ caller, body, idempotencyKey }) =>
    created(await startImport(deps, caller, body, idempotencyKey)),
  runExpertImport: async ({ caller, path }) => {
    const { import: job, queued } = await queueImport(deps, caller, path.id);
    return queued ? accepted(job, `/experts/imports/${job.id}`) : ok(job);
  },
  getExpertImport: async ({ path }) => ok(await requireImport(deps, path.id)),
  getExpert: async ({ path }) => ok(await getExpert(deps, path.id)),
  updateExpert: async ({ caller, path, body }) => ok(await updateExpert(deps, caller, path.id, body)),
  listSpecialties: async () => ok(await listSpecialties(deps)),
});
