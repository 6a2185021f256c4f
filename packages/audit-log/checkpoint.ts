/**
 * Checkpoints (https://c2sp.org/tlog-checkpoint): the log's origin, size and root hash
 * as note text, signed as a C2SP signed note so anyone holding the verifier key can
 * check them offline.
 */
import { invalidParameter, isCount, isHash, NoteRejectedError } from './errors';
import { HASH_SIZE } from './hash';
import { decodeStrictBase64, isKeyName, type NoteSigner, signNoteText, verifyNote } from './note';

/** The signed claim "the log called `origin` had `size` records with root hash `root`". */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Uint8Array;
}

/**
 * The checkpoint's note text: "<origin>\n<size>\n<base64 root>\n". The origin doubles
 * as the signing key's name, so it is held to the spec's recommendation: no spaces or "+".
 */
export const formatCheckpoint = ({ origin, size, root }: Checkpoint): string => {
  if (!isKeyName(origin)) {
    throw invalidParameter(
      'origin',
      'The origin must be non-empty, without spaces, "+" or control characters.',
    );
  }
  if (!isCount(size)) throw invalidParameter('size', `The size must be a whole number ≥ 0; got ${size}.`);
  if (!isHash(root)) throw invalidParameter('root', `The root must be a ${HASH_SIZE}-byte hash.`);
  return `${origin}\n${size}\n${Buffer.from(root).toString('base64')}\n`;
};

/**
 * Reads checkpoint note text. Extension lines after the root are allowed by the spec and
 * ignored here, since our log writes none. Throws {@link NoteRejectedError} (`malformed`).
 */
export const parseCheckpoint = (text: string): Checkpoint => {
  const malformed = (field: string, why: string) =>
    new NoteRejectedError('malformed', `The checkpoint ${why}.`, `checkpoint.${field}`);
  if (!text.endsWith('\n')) throw malformed('text', 'must end in a newline');
  const lines = text.slice(0, -1).split('\n');
  const [origin = '', sizeLine = '', rootLine = ''] = lines;
  if (lines.length < 3 || lines.some((line) => line === '')) {
    throw malformed('text', 'must have an origin, a size and a root hash on non-empty lines');
  }
  const size = Number(sizeLine);
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine) || !isCount(size)) {
    throw malformed('size', `size "${sizeLine}" is not a decimal tree size`);
  }
  const root = decodeStrictBase64(rootLine);
  if (root?.length !== HASH_SIZE) {
    throw malformed('root', `root "${rootLine}" is not a base64 ${HASH_SIZE}-byte hash`);
  }
  return { origin, size, root };
};

/** Signs a checkpoint and returns the signed note. */
export const signCheckpoint = async (checkpoint: Checkpoint, signer: NoteSigner): Promise<string> =>
  signNoteText(formatCheckpoint(checkpoint), signer);

/**
 * Verifies a signed checkpoint against the log's verifier key and returns it. Throws
 * {@link NoteRejectedError} naming what failed: `malformed`, `unknown-key` or
 * `bad-signature`. The caller should still check that `origin` is the log it expects.
 */
export const openSignedNote = (noteText: string, verifierKey: string): Checkpoint =>
  parseCheckpoint(verifyNote(noteText, verifierKey));
