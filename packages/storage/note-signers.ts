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

/**
 * The signer a function runs with: a local key file on the local stack
 * (`AUDIT_SIGNING_KEY_FILE`), the KMS key named by `AUDIT_SIGNING_KEY_ID` on AWS.
 * The log's origin (`AUDIT_LOG_ORIGIN`) is also the key's name.
 */
export const signerFromEnvironment = async (env: NodeJS.ProcessEnv = process.env): Promise<NoteSigner> => {
  const origin = requiredEnv('AUDIT_LOG_ORIGIN', env);
  const keyFile = env.AUDIT_SIGNING_KEY_FILE;
  if (keyFile) return localEd25519Signer(origin, readFileSync(keyFile, 'utf8'));
  const { KMSClient } = await import('@aws-sdk/client-kms');
  return kmsNoteSigner(new KMSClient({}), requiredEnv('AUDIT_SIGNING_KEY_ID', env), origin);
};
