import { readFileSync } from 'node:fs';
import { issueAwardLetter } from '../../packages/award';
import { unobserved } from '../../packages/kernel';
import { DOCUMENT_FONT_FILE } from '../../packages/pdf';
import { AwardLetterTask } from '../../packages/lifecycle';
import { awardStore } from '../../packages/storage';
import { clock, documentStore, platformTable } from '../adapters';
import { taskHandler } from '../tasks/task-handler';

/** The letter's font ships beside the bundle, not inside it, and is read once per instance. */
const font = new Uint8Array(readFileSync(new URL(`./${DOCUMENT_FONT_FILE}`, import.meta.url)));

const deps = {
  store: awardStore(platformTable()),
  documents: documentStore(),
  clock,
  milestones: unobserved,
  font,
};

/** Makes the award letter (中标通知书) and stores it with its hash logged. */
export const handler = taskHandler(AwardLetterTask, ({ tenderId }) => issueAwardLetter(deps, tenderId));
