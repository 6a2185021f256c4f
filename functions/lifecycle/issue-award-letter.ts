import { issueAwardLetter } from '../../packages/award/issue-letter';
import { AwardLetterTask } from '../../packages/lifecycle/model';
import { deps } from '../tenders/deps';
import { taskHandler } from './task-handler';

export const handler = taskHandler(AwardLetterTask, ({ tenderId }) => issueAwardLetter(deps, tenderId));
