import { awaitStep, AwaitTask } from '../../packages/lifecycle';
import { lifecycleStore } from '../../packages/storage';
import { clock, lifecycleRunner, platformTable } from '../adapters';
import { taskHandler } from '../tasks/task-handler';

const deps = { store: lifecycleStore(platformTable()), clock, lifecycle: lifecycleRunner() };

/** Keeps the token of a step people must take, and resumes at once if they already took it. */
export const handler = taskHandler(AwaitTask, (task) => awaitStep(deps, task));
