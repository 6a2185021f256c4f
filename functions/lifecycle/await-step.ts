import { awaitStep } from '../../packages/lifecycle/lifecycle';
import { AwaitTask } from '../../packages/lifecycle/model';
import { deps } from '../tenders/deps';
import { taskHandler } from './task-handler';

export const handler = taskHandler(AwaitTask, (task) => awaitStep(deps, task));
