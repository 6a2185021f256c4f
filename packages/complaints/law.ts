import { ChallengeRegime, ProcurementLaw } from '../legal-rules';
import { procedureOf } from '../procedures';
import { Tender } from '../tenders';

/** The law a tender's process runs under, which decides its challenges' rows: its procedure's. */
export const lawOf = (tender: Tender): ProcurementLaw => procedureOf(tender.procedure).law;

/** The regime of a tender's challenges where it is not its law's: a single-source notice's objections (74号令39). */
export const regimeOf = (tender: Tender): Exclude<ChallengeRegime, ProcurementLaw> | undefined =>
  tender.procedure === 'single-source' ? '单一来源公示' : undefined;
