import { FeeSchedule } from './fee-schedule';
import { LedgerDeps } from './ports';
import { refundsAtResult } from './refunds';
import { chargeServiceFee } from './service-fees';

type Result = [tenderId: string, winnerOrg: string, price: number, awardedAt: Date];

/**
 * What a result moves in the ledger, each step safe to take again: the winner's service fee is
 * charged, and where the procedure says so (government procurement) the others' bonds become
 * refunds due from the result notice.
 */
export const settleResult = async (deps: LedgerDeps, schedule: FeeSchedule, ...result: Result) => {
  const [tenderId, winnerOrg, , awardedAt] = result;
  return {
    fee: await chargeServiceFee(deps, schedule, ...result),
    refunds: await refundsAtResult(deps, tenderId, winnerOrg, awardedAt),
  };
};
