/** The expert draw ceremony (专家抽取): frozen inputs, commitments and reveals, the committee (评标委员会) it seats, and the verifiable record. */
export { listDraws, requestDraw, requireDraw, revealSecret, submitCommitment, viewDraw } from './ceremony';
export { answerNotice, committeeMembers, vacancies, viewCommittee } from './committee';
export { answerByLink } from './link-answers';
export type { LinkAnswerDeps } from './link-answers';
export { Committee, Draw, DrawLock } from './model';
export type { CeremonyRecord, CommitteeReads, CommitteeVenue, DrawDeps, DrawStore } from './ports';
export { DrawRecord, drawRecord, publishDraws } from './record';
export { drawRoutes } from './routes';
export { verifyDraw } from './verify-draw';
export type { DrawCheck } from './verify-draw';
export { drawSecretText, newDrawSecret, parseDrawSecret } from './secret-file';
export type { DrawSecretFile } from './secret-file';
