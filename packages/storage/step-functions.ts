import type { SFNClient } from '@aws-sdk/client-sfn';
import type { BiddingClock } from '../auctions';
import { LifecycleRunner } from '../lifecycle';
import { LifecycleStarter } from '../tenders';

/** Errors that mean a token no longer waits: used, timed out, or its execution ended. */
const STALE_TOKEN = ['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken'];

/**
 * One state machine's executions: the SDK loads on first use, so functions that only sometimes
 * start or resume one do not pay for it at cold start. A start of an execution that exists is done.
 */
const executions = (stateMachineArn: string | undefined, variable: string) => {
  let client: Promise<{ sfn: SFNClient; sdk: typeof import('@aws-sdk/client-sfn') }> | undefined;
  const connect = () =>
    (client ??= import('@aws-sdk/client-sfn').then((sdk) => ({ sdk, sfn: new sdk.SFNClient({}) })));
  const startOnce = async (name: string, input: object) => {
    if (!stateMachineArn) throw new Error(`Environment variable ${variable} is not set.`);
    const { sdk, sfn } = await connect();
    try {
      await sfn.send(new sdk.StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    } catch (error) {
      if ((error as Error).name !== 'ExecutionAlreadyExists') throw error;
    }
  };
  return { connect, startOnce };
};

/** The auctions' bidding clock on Step Functions: an auction's first run is named by its id. */
export const stepFunctionsBiddingClock = (stateMachineArn: string | undefined): BiddingClock => {
  const { startOnce } = executions(stateMachineArn, 'BIDDING_CLOCK_STATE_MACHINE');
  return {
    start: (run) =>
      startOnce(run.generation === 0 ? run.auctionId : `${run.auctionId}-${run.generation}`, run),
  };
};

/** The tender lifecycle on Step Functions. */
export const stepFunctionsLifecycle = (
  stateMachineArn: string | undefined,
): LifecycleStarter & LifecycleRunner => {
  const { connect, startOnce } = executions(stateMachineArn, 'LIFECYCLE_STATE_MACHINE');
  return {
    // The first execution is named by the tender: a second start of the same tender is refused by Step Functions itself.
    start: (tenderId, startedAt) => startOnce(tenderId, { tenderId, startedAt }),
    continueIn: (execution, input) => startOnce(execution, input),
    async resume(token, output) {
      const { sdk, sfn } = await connect();
      try {
        await sfn.send(new sdk.SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
        return true;
      } catch (error) {
        if (STALE_TOKEN.includes((error as Error).name)) return false;
        throw error;
      }
    },
  };
};
