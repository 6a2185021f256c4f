import { verifierKeyString } from '../../packages/audit-log/note';
import { signerFromEnvironment } from '../../packages/storage/note-signers';
import { publicKeyRoute } from '../../packages/audit-log/routes';
import { ok, routeHandler } from '../http/http-handler';

const signer = await signerFromEnvironment();
const description = {
  origin: signer.keyName,
  keyName: signer.keyName,
  algorithm: 'Ed25519',
  publicKey: Buffer.from(signer.publicKey).toString('base64'),
  verifierKey: verifierKeyString(signer.keyName, signer.publicKey),
};

/** GET /audit/public-key: the key that signs checkpoints, for verifiers to pin. */
export const handler = routeHandler(publicKeyRoute, async () => ok(description));
