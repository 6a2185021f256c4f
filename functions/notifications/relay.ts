import { relayOutbox, RelayReport } from '../../packages/notifications';
import { notificationStore } from '../../packages/storage';
import { clock, notificationChannels, platformTable } from '../adapters';
import { logger } from '../http/logger';

const deps = { store: notificationStore(platformTable()), clock, channels: notificationChannels() };

/** The scheduled relay: every message of the outbox whose attempt is due, once per channel. */
export const handler = async (): Promise<RelayReport> => {
  const report = await relayOutbox(deps);
  if (report.sent + report.retrying + report.failed + report.unrouted > 0)
    logger.info('outbox relayed', report);
  return report;
};
