/**
 * C2SP signed notes (https://c2sp.org/signed-note) with Ed25519: text, a blank line,
 * then lines "— <key name> base64(key ID ‖ signature)". Checkpoints travel in them.
 */
import { type KeyObject, createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { invalidParameter, NoteRejectedError } from './errors';

/**
 * Signs with the log's key; a local key in tests and on the local stack, a KMS key on
 * AWS. `publicKey` is the raw 32-byte Ed25519 key, `sign` returns the 64-byte signature.
 */
export interface NoteSigner {
  readonly keyName: string;
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** Signature type identifier of Ed25519 in a key ID and a verifier key. */
const ED25519 = 0x01;
const ED25519_KEY_SIZE = 32;
const ED25519_SIGNATURE_SIZE = 64;
/** The spec asks verifiers to accept at least 16; more only costs parsing time. */
const MAX_SIGNATURES = 100;

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Notes must be well-formed UTF-8 with no control characters other than newline. */
const hasForbiddenCharacters = (text: string): boolean =>
  Buffer.from(text, 'utf8').toString('utf8') !== text ||
  [...text].some((char) => char.charCodeAt(0) < 0x20 && char !== '\n');

/** Key names must be non-empty, without Unicode spaces or "+" (which separates vkey parts). */
export const isKeyName = (name: string): boolean => /^[^\s+]+$/u.test(name) && !hasForbiddenCharacters(name);

/** Decodes standard base64 that re-encodes to itself, so each value has one spelling; else undefined. */
export const decodeStrictBase64 = (text: string): Buffer | undefined => {
  const bytes = Buffer.from(text, 'base64');
  return text.length > 0 && bytes.toString('base64') === text ? bytes : undefined;
};

/**
 * The key ID: the first 4 bytes of SHA-256(key name ‖ 0x0A ‖ type ‖ public key), where the type
 * is 0x01 for a note's Ed25519 signature and 0x04 for a witness's cosignature/v1.
 */
export const keyIdOf = (keyName: string, publicKey: Uint8Array, type = ED25519): Buffer =>
  createHash('sha256')
    .update(utf8(`${keyName}\n`))
    .update(Uint8Array.of(type))
    .update(publicKey)
    .digest()
    .subarray(0, 4);

const requireSignerKey = (keyName: string, publicKey: Uint8Array): void => {
  if (!isKeyName(keyName)) {
    throw invalidParameter(
      'keyName',
      'A key name must be non-empty, without spaces, "+" or control characters.',
    );
  }
  if (publicKey.length !== ED25519_KEY_SIZE) {
    throw invalidParameter('publicKey', `An Ed25519 public key is ${ED25519_KEY_SIZE} bytes.`);
  }
};

/**
 * The verifier key string that identifies the log's key to verifiers:
 * `<key name>+<8 hex digits of key ID>+<base64(0x01 ‖ public key)>`.
 */
export const verifierKeyString = (keyName: string, publicKey: Uint8Array): string => {
  requireSignerKey(keyName, publicKey);
  const encoded = Buffer.concat([Uint8Array.of(ED25519), publicKey]).toString('base64');
  return `${keyName}+${keyIdOf(keyName, publicKey).toString('hex')}+${encoded}`;
};

/** A {@link NoteSigner} over an Ed25519 private key held in this process (PEM or KeyObject). */
export const localEd25519Signer = (keyName: string, privateKey: string | KeyObject): NoteSigner => {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  if (key.type !== 'private' || key.asymmetricKeyType !== 'ed25519') {
    throw invalidParameter('privateKey', 'The note signer needs an Ed25519 private key.');
  }
  const { x } = createPublicKey(key).export({ format: 'jwk' });
  const publicKey = Buffer.from(x ?? '', 'base64url');
  requireSignerKey(keyName, publicKey);
  return { keyName, publicKey, sign: async (message) => sign(null, message, key) };
};

/**
 * Signs `text` (which must end in a newline) and returns the signed note. Throws
 * VALIDATION_FAILED for text a note cannot carry.
 */
export const signNoteText = async (text: string, signer: NoteSigner): Promise<string> => {
  if (!text.endsWith('\n') || hasForbiddenCharacters(text)) {
    throw invalidParameter(
      'text',
      'Note text must end in a newline and hold no control characters but newlines.',
    );
  }
  requireSignerKey(signer.keyName, signer.publicKey);
  const signature = await signer.sign(utf8(text));
  if (signature.length !== ED25519_SIGNATURE_SIZE) {
    throw invalidParameter(
      'signer',
      `The signer returned ${signature.length} bytes, not an Ed25519 signature.`,
    );
  }
  const line = Buffer.concat([keyIdOf(signer.keyName, signer.publicKey), signature]).toString('base64');
  return `${text}\n— ${signer.keyName} ${line}\n`;
};

export interface VerifierKey {
  keyName: string;
  keyId: Buffer;
  publicKey: KeyObject;
}

/** Reads `<key name>+<hex key ID>+<base64(type ‖ key)>`, checking the type and the ID against the key. */
export const parseVerifierKey = (vkey: string, type = ED25519): VerifierKey => {
  const malformed = (why: string) =>
    new NoteRejectedError('malformed', `The verifier key ${why}.`, 'verifierKey');
  // The base64 part may itself contain "+", so split at the first two only.
  const match = /^([^+]*)\+([0-9a-f]{8})\+(.*)$/u.exec(vkey);
  const [, keyName = '', keyIdHex = '', encoded = ''] = match ?? [];
  if (!match || !isKeyName(keyName)) throw malformed('is not "<name>+<8 hex digits>+<base64 key>"');
  const key = decodeStrictBase64(encoded);
  if (key?.length !== 1 + ED25519_KEY_SIZE || key[0] !== type) throw malformed('is not an Ed25519 key');
  const raw = key.subarray(1);
  const keyId = keyIdOf(keyName, raw, type);
  if (keyId.toString('hex') !== keyIdHex)
    throw malformed(`has key ID ${keyIdHex}, but its key's ID is ${keyId.toString('hex')}`);
  const publicKey = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
    format: 'jwk',
  });
  return { keyName, keyId, publicKey };
};

/**
 * A signed note's text and its signature lines, each as the key name and the decoded signature
 * (key ID first). Throws {@link NoteRejectedError} (`malformed`) for anything else.
 */
export const splitNote = (
  note: string,
): { text: string; signatures: { keyName: string; signature: Buffer }[] } => {
  const malformed = (why: string) => new NoteRejectedError('malformed', `The note ${why}.`);
  if (hasForbiddenCharacters(note)) throw malformed('holds control characters or is not valid UTF-8');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw malformed('has no blank line before its signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (!block.endsWith('\n')) throw malformed('does not end with a signature line');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw malformed(`has more than ${MAX_SIGNATURES} signatures`);
  const signatures = lines.map((line) => {
    const match = /^— (\S+) (\S+)$/u.exec(line);
    const [, keyName = '', encoded = ''] = match ?? [];
    const signature = decodeStrictBase64(encoded);
    if (!match || !isKeyName(keyName) || !signature || signature.length < 5) {
      throw malformed(`has a malformed signature line "${line}"`);
    }
    return { keyName, signature };
  });
  return { text, signatures };
};

/**
 * The note with only the signature lines by `verifierKey` (its name and key ID): a log's own note,
 * without the cosignatures or any other lines it was served or handed in with.
 */
export const signaturesBy = (note: string, verifierKey: string): string => {
  const key = parseVerifierKey(verifierKey);
  const { text, signatures } = splitNote(note);
  const own = signatures.filter(
    ({ keyName, signature }) => keyName === key.keyName && signature.subarray(0, 4).equals(key.keyId),
  );
  return `${text}\n${own.map(({ keyName, signature }) => `— ${keyName} ${signature.toString('base64')}\n`).join('')}`;
};

/**
 * Verifies a signed note against one verifier key and returns its text. Signatures by
 * other keys are ignored, as the spec requires (they may be witnesses' cosignatures).
 * Throws {@link NoteRejectedError}: `malformed` (not a signed note, or a bad verifier
 * key), `unknown-key` (no signature by this key) or `bad-signature`.
 */
export const verifyNote = (note: string, verifierKey: string): string => {
  const key = parseVerifierKey(verifierKey);
  const { text, signatures } = splitNote(note);
  let verified = false;
  for (const { keyName, signature } of signatures) {
    const isOurs = keyName === key.keyName && signature.subarray(0, 4).equals(key.keyId);
    if (!isOurs) continue;
    if (!verify(null, utf8(text), key.publicKey, signature.subarray(4))) {
      throw new NoteRejectedError(
        'bad-signature',
        `The signature by ${keyName} does not match the note text.`,
      );
    }
    verified = true;
  }
  if (!verified) {
    throw new NoteRejectedError(
      'unknown-key',
      `The note carries no signature by ${key.keyName}+${key.keyId.toString('hex')}.`,
    );
  }
  return text;
};
