import { signerFromEnvironment } from '../../packages/storage/note-signers';
import { checkpointRoute } from '../../packages/audit-log/routes';
import { routeHandler, text } from '../http/http-handler';
import { auditLog } from './log';

const signer = await signerFromEnvironment();

/** GET /audit/checkpoint: the log's latest signed checkpoint (C2SP signed note). */
export const handler = routeHandler(checkpointRoute, async () =>
  text(await auditLog.checkpoint(signer, signer.keyName)),
);
