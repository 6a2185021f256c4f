import type { SFNClient } from '@aws-sdk/client-sfn';
import { LifecycleRunner } from '../lifecycle';
import { LifecycleStarter } from '../tenders';

/** Errors that mean a token no longer waits: used, timed out, or its execution ended. */
const STALE_TOKEN = ['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken'];

/**
 * The tender lifecycle on Step Functions. The SDK loads on first use, so functions that only
 * sometimes resume an execution do not pay for it at cold start.
 */
export const stepFunctionsLifecycle = (
  stateMachineArn: string | undefined,
): LifecycleStarter & LifecycleRunner => {
  let client: Promise<{ sfn: SFNClient; sdk: typeof import('@aws-sdk/client-sfn') }> | undefined;
  const connect = () =>
    (client ??= import('@aws-sdk/client-sfn').then((sdk) => ({ sdk, sfn: new sdk.SFNClient({}) })));
  const startOnce = async (name: string, input: object) => {
    if (!stateMachineArn) throw new Error('Environment variable LIFECYCLE_STATE_MACHINE is not set.');
    const { sdk, sfn } = await connect();
    try {
      await sfn.send(new sdk.StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    } catch (error) {
      if ((error as Error).name !== 'ExecutionAlreadyExists') throw error;
    }
  };
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
