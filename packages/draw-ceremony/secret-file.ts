import { randomBytes } from 'node:crypto';
import { commitment } from '../expert-draw';
import { DomainError } from '../kernel';

/**
 * The regulator's draw secret as kept on their machine: the file `sunlit draw commit` and the
 * portal both write, and both read back to reveal. One format, so a secret committed in the
 * browser can be revealed from the command line and the other way round.
 */
export interface DrawSecretFile {
  drawId: string;
  /** 32 bytes as 64 lowercase hex digits. */
  secret: string;
  /** Its SHA-256: what is logged before any secret is revealed. */
  commitment: string;
}

/** A fresh 32-byte secret for a draw, with its commitment; the caller keeps it before sending the commitment. */
export const newDrawSecret = (drawId: string): DrawSecretFile => {
  const secret = randomBytes(32).toString('hex');
  return { drawId, secret, commitment: commitment(secret) };
};

/** The file's text as JSON, for saving (one trailing newline, as a text file ends). */
export const drawSecretText = (file: DrawSecretFile): string => `${JSON.stringify(file, null, 2)}\n`;

/**
 * Reads a secret file for `drawId`: the JSON {@link drawSecretText} writes, or the secret alone
 * as 64 hex digits (the platform checks it against the commitment either way). A file of
 * another draw or of another shape is refused, naming what was expected.
 */
export const parseDrawSecret = (text: string, drawId: string, fileName = 'the file'): DrawSecretFile => {
  const bare = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(bare)) {
    const secret = bare.toLowerCase();
    return { drawId, secret, commitment: commitment(secret) };
  }
  let saved: Partial<DrawSecretFile> = {};
  try {
    saved = JSON.parse(text) as Partial<DrawSecretFile>;
  } catch {
    // Not JSON: refused below with the shape expected.
  }
  if (typeof saved.secret !== 'string' || typeof saved.drawId !== 'string') {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${fileName} is not a draw secret: expected the JSON file a commit writes ` +
        `({ "drawId", "secret", "commitment" }) or the secret alone, as 64 hex digits.`,
      { field: 'secret' },
    );
  }
  if (saved.drawId !== drawId) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${fileName} holds the secret of draw ${saved.drawId}, not ${drawId}.`,
      { field: 'drawId' },
    );
  }
  return { drawId, secret: saved.secret, commitment: commitment(saved.secret) };
};
