/**
 * Witness cosignatures (C2SP tlog-cosignature, `cosignature/v1`): a witness that checked a
 * checkpoint's consistency with the last one it saw signs "cosignature/v1\ntime <seconds>\n"
 * followed by the checkpoint's note text, and the note carries one more line:
 * "— <witness name> base64(key ID ‖ time as 8 bytes big-endian ‖ Ed25519 signature)".
 * A log that showed two histories could not have both cosigned by the same witness.
 */
import { verify } from 'node:crypto';
import { NoteRejectedError } from './errors';
import { keyIdOf, NoteSigner, parseVerifierKey, splitNote } from './note';

/** The signature type of cosignature/v1 in a key ID and a verifier key. */
const COSIGNATURE_V1 = 0x04;

const signedMessage = (text: string, seconds: number) =>
  new TextEncoder().encode(`cosignature/v1\ntime ${seconds}\n${text}`);

/** A witness's verifier key: `<name>+<hex key ID>+base64(0x04 ‖ public key)`. */
export const witnessVerifierKey = (name: string, publicKey: Uint8Array): string =>
  `${name}+${keyIdOf(name, publicKey, COSIGNATURE_V1).toString('hex')}+${Buffer.concat([
    Uint8Array.of(COSIGNATURE_V1),
    publicKey,
  ]).toString('base64')}`;

/** The witness's cosignature line for a signed checkpoint note, made at `at`. */
export const cosignatureLine = async (note: string, witness: NoteSigner, at: Date): Promise<string> => {
  const { text } = splitNote(note);
  const seconds = Math.floor(at.getTime() / 1000);
  const time = Buffer.alloc(8);
  time.writeBigUInt64BE(BigInt(seconds));
  const signature = await witness.sign(signedMessage(text, seconds));
  const id = keyIdOf(witness.keyName, witness.publicKey, COSIGNATURE_V1);
  return `— ${witness.keyName} ${Buffer.concat([id, time, signature]).toString('base64')}`;
};

/** The note with `lines` appended to its signatures (each once). */
export const withSignatureLines = (note: string, lines: readonly string[]): string =>
  note +
  lines
    .filter((line) => !note.includes(`${line}\n`))
    .map((line) => `${line}\n`)
    .join('');

/**
 * Checks the witness's cosignature on a note and returns when it was made. Throws
 * {@link NoteRejectedError}: `unknown-key` when the witness did not cosign, `bad-signature`
 * when its line does not match the note's text.
 */
export const verifyCosignature = (note: string, witnessKey: string): { time: Date } => {
  const key = parseVerifierKey(witnessKey, COSIGNATURE_V1);
  const { text, signatures } = splitNote(note);
  const line = signatures.find(
    ({ keyName, signature }) => keyName === key.keyName && signature.subarray(0, 4).equals(key.keyId),
  );
  if (!line)
    throw new NoteRejectedError(
      'unknown-key',
      `The checkpoint carries no cosignature by witness ${key.keyName}.`,
    );
  if (line.signature.length !== 4 + 8 + 64)
    throw new NoteRejectedError('malformed', `The cosignature by ${key.keyName} is not a cosignature/v1.`);
  const seconds = Number(line.signature.readBigUInt64BE(4));
  if (!verify(null, signedMessage(text, seconds), key.publicKey, line.signature.subarray(12)))
    throw new NoteRejectedError(
      'bad-signature',
      `The cosignature by ${key.keyName} does not match the checkpoint.`,
    );
  return { time: new Date(seconds * 1000) };
};
