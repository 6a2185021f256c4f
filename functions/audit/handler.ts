import {
  confidentialRecord,
  consistencyProof,
  inclusionProof,
  readEntriesPage,
  verifierKeyString,
  auditReadRoutes,
} from '../../packages/audit-log';
import { witnessStore } from '../../packages/storage';
import { auditLog, checkpointSigner, platformTable } from '../adapters';
import { contextHandler, ok } from '../http/http-handler';

const log = auditLog();
const witnesses = witnessStore(platformTable());
// The key's public half only: this function may read the key, never sign with it.
const signer = checkpointSigner();

/** The public audit log as anyone verifies it, and the confidential records behind it for regulators. */
export const handler = contextHandler(auditReadRoutes, {
  getAuditPublicKey: async () => {
    const { keyName, publicKey } = await signer();
    return ok({
      origin: keyName,
      keyName,
      algorithm: 'Ed25519',
      publicKey: Buffer.from(publicKey).toString('base64'),
      verifierKey: verifierKeyString(keyName, publicKey),
    });
  },
  getAuditEntries: async ({ query }) => ok(await readEntriesPage(log, query.start, query.end)),
  getInclusionProof: async ({ query }) => ok(await inclusionProof(log, query.index, query.size)),
  getConsistencyProof: async ({ query }) => ok(await consistencyProof(log, query.first, query.second)),
  getAuditRecord: async ({ path }) => ok(await confidentialRecord(log, path.index)),
  listWitnesses: async () => ok({ witnesses: await witnesses.witnesses() }),
});
