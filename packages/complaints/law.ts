import { ProcurementLaw } from '../legal-rules';
import { Tender } from '../tenders';

/**
 * The law a tender's process runs under. The tender's procedure decides it; every tender today
 * is open tendering (公开招标) under the 招标投标法, so this is the one place to read it from.
 */
export const lawOf = (_tender: Tender): ProcurementLaw => '招标投标法';
