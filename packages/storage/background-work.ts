import type { SFNClient } from '@aws-sdk/client-sfn';
import * as z from 'zod';
import { Identifier } from '../kernel';

/** The jobs the background-work state machine runs, each by a worker function of its own. */
export const backgroundJobs = ['import-experts', 'decrypt-bids'] as const;
export type BackgroundJobName = (typeof backgroundJobs)[number];

/**
 * What a worker receives: the job and the id of what it works on; after the run failed beyond its
 * retries, the failure as a Catch clause passes it on, for the worker to record.
 */
export const BackgroundJob = z.strictObject({
  job: z.enum(backgroundJobs),
  id: Identifier,
  failure: z.object({ Error: z.string(), Cause: z.string().optional() }).optional(),
});

/**
 * Work too long for a request (an expert import, the decryption of an opening) runs in the
 * background-work state machine, one execution per run of a job, named by job, id and run: a
 * retried start of the same run is the same execution, and a new run gets a new one.
 */
export const stepFunctionsWork = (stateMachineArn: string | undefined) => {
  let client: Promise<{ sfn: SFNClient; sdk: typeof import('@aws-sdk/client-sfn') }> | undefined;
  const connect = () =>
    (client ??= import('@aws-sdk/client-sfn').then((sdk) => ({ sdk, sfn: new sdk.SFNClient({}) })));
  return {
    async start(job: BackgroundJobName, id: string, run: number): Promise<void> {
      if (!stateMachineArn) throw new Error('Environment variable BACKGROUND_WORK_STATE_MACHINE is not set.');
      const { sdk, sfn } = await connect();
      const input = JSON.stringify({ job, id });
      try {
        await sfn.send(
          new sdk.StartExecutionCommand({ stateMachineArn, name: `${job}-${id}-${run}`, input }),
        );
      } catch (error) {
        // The same start again: Step Functions refuses a second execution of the name, which is what we want.
        if ((error as Error).name !== 'ExecutionAlreadyExists') throw error;
      }
    },
  };
};
