import { ProcurementLaw } from '../legal-rules';
import { procedureOf } from '../procedures';
import { Tender } from '../tenders';

/** The law a tender's process runs under, which decides its challenges' rows: its procedure's. */
export const lawOf = (tender: Tender): ProcurementLaw => procedureOf(tender.procedure).law;

/** Whether anyone may object to the tender's notice while it is public: a single-source notice (74号令39). */
export const takesNoticeObjections = (tender: Tender): boolean => tender.procedure === 'single-source';
