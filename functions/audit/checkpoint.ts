import { checkpointRoutes } from '../../packages/audit-log';
import { auditLog, checkpointSigner, tilePublisher } from '../adapters';
import { contextHandler, text } from '../http/http-handler';

const log = auditLog();
const signer = checkpointSigner();
const publish = tilePublisher();

/** The log's latest signed checkpoint (C2SP signed note), signed once per size, its tiles written first. */
export const handler = contextHandler(checkpointRoutes, {
  getCheckpoint: async () => {
    const key = await signer();
    return text(await log.checkpoint(key, key.keyName, publish));
  },
});
