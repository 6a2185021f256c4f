import { publishWhenClear, settleTermination } from '../../packages/award';
import { closeBidding } from '../../packages/bidding';
import { unobserved } from '../../packages/kernel';
import {
  closeTender,
  closeTerminated,
  continueAsNew,
  raiseOverdue,
  readDeadline,
  recordFailure,
  PlatformTask,
} from '../../packages/lifecycle';
import { awardStore, biddingStore, lifecycleStore } from '../../packages/storage';
import { clock, lifecycleRunner, platformTable, processLogs, resultLedger } from '../adapters';
import { taskRouter } from '../tasks/task-handler';

const table = platformTable();
const lifecycle = { store: lifecycleStore(table), clock, lifecycle: lifecycleRunner() };
// The lifecycle takes these steps itself and goes on at once: nothing waits on their milestones.
// Closing the bidding writes the process log's final anchor, signed with the audit log's key.
const bidding = { store: biddingStore(table), clock, milestones: unobserved, processLogs: processLogs() };
const award = { store: awardStore(table), clock, milestones: unobserved, ledger: resultLedger(table) };

/** The steps the tender lifecycle takes on its own, each in the context it belongs to. */
export const handler = taskRouter(PlatformTask, {
  'read-deadline': (task) => readDeadline(lifecycle, task),
  'close-bidding': (task) => closeBidding(bidding, task.tenderId),
  'raise-overdue': (task) => raiseOverdue(lifecycle, task),
  'publish-result': (task) => publishWhenClear(award, task.tenderId),
  'close-tender': (task) => closeTender(lifecycle, task),
  // The refunds and notices again, then the lifecycle's close: each safe to take again.
  'settle-termination': async (task) => ({
    ...(await settleTermination(award, task.tenderId)),
    ...(await closeTerminated(lifecycle, task)),
  }),
  'record-failure': (task) => recordFailure(lifecycle, task),
  'continue-as-new': (task) => continueAsNew(lifecycle, task),
});
