import { runPlatformTask } from '../../packages/lifecycle/lifecycle';
import { PlatformTask } from '../../packages/lifecycle/model';
import { deps } from '../tenders/deps';
import { taskHandler } from './task-handler';

export const handler = taskHandler(PlatformTask, (task) => runPlatformTask(deps, task));
