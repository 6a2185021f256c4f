import { anchorProcessLogs } from '../../packages/audit-log';
import { sealedProcesses } from '../../packages/storage';
import { auditLog, clock, platformTable, processLogs } from '../adapters';
import { logger } from '../http/logger';

const log = auditLog();
const table = platformTable();
const anchors = { clock, processes: () => sealedProcesses(table), processLogs: processLogs() };

/**
 * The scheduled sequencer: integrates every entry still pending (writers integrate their own and
 * each other's at once; this sweep bounds the wait of one whose writer stopped), then anchors
 * every open tender's and auction's sealed process log in the public log, whether or not anything
 * happened.
 */
export const handler = async (): Promise<{ integrated: number; anchored: number }> => {
  const integrated = await log.integratePending();
  if (integrated > 0) logger.info('integrated entries left pending', { integrated });
  return { integrated, anchored: await anchorProcessLogs(anchors) };
};
