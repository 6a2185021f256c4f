/** From the evaluation report (评标报告) through the candidate publicity (中标候选人公示) to the result (中标结果), the contract and the award letter (中标通知书). */
export { recordReport, reportUploadSlot, requireEvaluation } from './evaluation';
export { issueAwardLetter } from './issue-letter';
export { downloadAwardLetter } from './letter';
export { Award, AwardLetter, Contract, Evaluation, Negotiation, Publicity } from './model';
export { callFinalQuotes, recordRound, submitFinalQuote, viewNegotiation } from './negotiation';
export type { AwardDeps, AwardReads, AwardRecord, AwardStore, ResultLedger } from './ports';
export {
  answerPublicityObjection,
  raisePublicityObjection,
  publicPublicity,
  startPublicity,
} from './publicity';
export { publishResult, publishWhenClear, recordContract } from './result';
export { awardRoutes } from './routes';
export { settleTermination, terminateTender } from './termination';
