import * as z from 'zod';
import { decryptBids, recordDecryptionFailure, BiddingDeps } from '../../packages/bidding';
import { BackgroundJob, biddingStore } from '../../packages/storage';
import { bidStore, clock, milestones, platformTable } from '../adapters';
import { taskHandler } from '../tasks/task-handler';

const table = platformTable();
const deps: BiddingDeps = {
  store: biddingStore(table),
  clock,
  milestones: milestones(table),
  bids: bidStore(),
};

/** Decrypts an opening's bids once K shares are in, and publishes the opening record. */
export const handler = taskHandler(
  BackgroundJob.extend({ job: z.literal('decrypt-bids') }),
  ({ id, failure }) =>
    // The failure's name only: its cause may carry a stack trace, and the opening is public.
    failure ? recordDecryptionFailure(deps, id, failure.Error) : decryptBids(deps, id),
);
