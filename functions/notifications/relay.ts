import { relayOutbox, RelayDeps, RelayReport } from '../../packages/notifications';
import { notificationStore } from '../../packages/storage';
import { answerLinkSigner, clock, platformTable, portalUrl } from '../adapters';
import { logger } from '../http/logger';
import { notificationChannels } from './senders';

const deps: RelayDeps = {
  store: notificationStore(platformTable()),
  clock,
  channels: notificationChannels(),
  links: { portalUrl: portalUrl(), signer: answerLinkSigner() },
};

/** The scheduled relay: every message of the outbox whose attempt is due, once per channel. */
export const handler = async (): Promise<RelayReport> => {
  const report = await relayOutbox(deps);
  if (report.sent + report.retrying + report.failed + report.unrouted > 0)
    logger.info('outbox relayed', report);
  return report;
};
