import { auditLog } from '../adapters';
import { logger } from '../http/logger';

const log = auditLog();

/**
 * The scheduled sequencer: integrates every entry still pending. Writers integrate their own
 * (and each other's) at once; this sweep bounds the wait of an entry whose writer stopped between
 * its commit and its integration.
 */
export const handler = async (): Promise<{ integrated: number }> => {
  const integrated = await log.integratePending();
  if (integrated > 0) logger.info('integrated entries left pending', { integrated });
  return { integrated };
};
