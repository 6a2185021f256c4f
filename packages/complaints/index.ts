/** Challenges (异议 to the documents or to a single-source notice, 质疑) and complaints (投诉) with their clocks, and the regulator's suspension of a tender. */
export {
  assertNotHeld,
  challengeClocks,
  complaintStepsOpen,
  holdOn,
  listChallenges,
  raiseChallenge,
  reviewsDue,
  suspensionInForce,
  takeChallengeStep,
  upheldNoticeObjection,
  viewChallenges,
} from './challenges';
export type { ChallengeClock } from './challenges';
export { lawOf } from './law';
export { Challenges, Complaint, ComplaintStatus, Objection, Suspension } from './model';
export type { ChallengeReads, ComplaintDeps, ComplaintRecord, ComplaintStore, PriorObjection } from './ports';
export { complaintRoutes } from './routes';
