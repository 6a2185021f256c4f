import {
  acceptCosignature,
  checkpointRoutes,
  cosignedCheckpoint,
  registerWitness,
  verifierKeyString,
} from '../../packages/audit-log';
import { witnessStore } from '../../packages/storage';
import { auditLog, checkpointSigner, clock, platformTable, tilePublisher } from '../adapters';
import { contextHandler, ok, text } from '../http/http-handler';

const log = auditLog();
const signer = checkpointSigner();
const publish = tilePublisher();
const witnesses = { store: witnessStore(platformTable()), clock };

/**
 * The log's latest signed checkpoint (C2SP signed note), signed once per size, its tiles written
 * first, with the cosignatures witnesses gave it; and the witnesses' keys and cosignatures,
 * checked against the log's own key.
 */
export const handler = contextHandler(checkpointRoutes, {
  getCheckpoint: async () => {
    const key = await signer();
    const [note, cosigners] = await Promise.all([
      log.checkpoint(key, key.keyName, publish),
      witnesses.store.witnesses(),
    ]);
    return text(cosignedCheckpoint(note, cosigners));
  },
  registerWitness: async ({ caller, path, body }) =>
    ok(await registerWitness(witnesses, caller, path.name, body)),
  submitCosignature: async ({ path, body }) => {
    const { keyName, publicKey } = await signer();
    const logKey = verifierKeyString(keyName, publicKey);
    return ok(await acceptCosignature({ ...witnesses, logKey }, path.name, body));
  },
});
