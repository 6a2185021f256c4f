import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import type { KMSClient } from '@aws-sdk/client-kms';
import { localEd25519Signer, NoteSigner } from '../audit-log';
import { requiredEnv } from './clients';

/**
 * The audit log's signer on AWS: an Ed25519 KMS key (`ECC_NIST_EDWARDS25519`); the private
 * key never leaves KMS. The raw public key is the last 32 bytes of its DER SubjectPublicKeyInfo.
 */
export const kmsNoteSigner = async (kms: KMSClient, keyId: string, keyName: string): Promise<NoteSigner> => {
  // Loaded only when a checkpoint is signed, so functions that may sign do not pay for KMS at cold start.
  const { GetPublicKeyCommand, SignCommand } = await import('@aws-sdk/client-kms');
  const { PublicKey } = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
  if (!PublicKey) throw new Error(`KMS key ${keyId} has no public key.`);
  return {
    keyName,
    publicKey: PublicKey.subarray(PublicKey.length - 32),
    async sign(message) {
      const { Signature } = await kms.send(
        new SignCommand({
          KeyId: keyId,
          Message: message,
          MessageType: 'RAW',
          SigningAlgorithm: 'ED25519_SHA_512',
        }),
      );
      if (!Signature) throw new Error(`KMS returned no signature for key ${keyId}.`);
      return Signature;
    },
  };
};

/** Creates a local Ed25519 signing key (PKCS#8 PEM) once; later runs keep using it. */
export const ensureLocalSigningKey = (file: string): void => {
  if (existsSync(file)) return;
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
};

/** Where a function finds one signing key: a PEM file on the local stack, a KMS key on AWS, each named by a variable. */
export interface SigningKeySource {
  keyName: string;
  fileVariable: string;
  kmsKeyVariable: string;
}

/** The audit log's key: its name is the log's origin (`AUDIT_LOG_ORIGIN`). */
const auditLogKey = (env: NodeJS.ProcessEnv): SigningKeySource => ({
  keyName: requiredEnv('AUDIT_LOG_ORIGIN', env),
  fileVariable: 'AUDIT_SIGNING_KEY_FILE',
  kmsKeyVariable: 'AUDIT_SIGNING_KEY_ID',
});

/**
 * The key of the experts' answer links: a key of its own, so that the relay, which signs links,
 * can never sign a checkpoint or a receipt.
 */
export const expertLinkKey: SigningKeySource = {
  keyName: 'sunlit-expert-link',
  fileVariable: 'EXPERT_LINK_KEY_FILE',
  kmsKeyVariable: 'EXPERT_LINK_KEY_ID',
};

/**
 * The signer a function runs with: a local key file on the local stack (`AUDIT_SIGNING_KEY_FILE`
 * for the audit log), the KMS key named by `AUDIT_SIGNING_KEY_ID` on AWS; another key by its own
 * variables.
 */
export const signerFromEnvironment = async (
  env: NodeJS.ProcessEnv = process.env,
  source: SigningKeySource = auditLogKey(env),
): Promise<NoteSigner> => {
  const keyFile = env[source.fileVariable];
  if (keyFile) return localEd25519Signer(source.keyName, readFileSync(keyFile, 'utf8'));
  const { KMSClient } = await import('@aws-sdk/client-kms');
  return kmsNoteSigner(new KMSClient({}), requiredEnv(source.kmsKeyVariable, env), source.keyName);
};
