import { ProcurementLaw } from '../legal-rules';
import { procedureOf } from '../procedures';
import { Tender } from '../tenders';

/** The law a tender's process runs under, which decides its challenges' rows: its procedure's. */
export const lawOf = (tender: Tender): ProcurementLaw => procedureOf(tender.procedure).law;
