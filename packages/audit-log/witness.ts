import * as z from 'zod';
import { Caller, Clock, DomainError, notFound } from '../kernel';
import { actorOf } from './actors';
import { Checkpoint, openSignedNote } from './checkpoint';
import { cosignatureLine, verifyCosignature, withSignatureLines } from './cosignature';
import { NoteRejectedError } from './errors';
import { sameHash } from './hash';
import { NewEntry } from './new-entry';
import { NoteSigner, parseVerifierKey, signaturesBy } from './note';
import { LogClient } from './offline-verifier';
import { checkTree } from './verify';

/**
 * Witnesses (见证人): regulators' own processes that check each new checkpoint against the last
 * one they saw and cosign it (C2SP tlog-witness). The platform keeps each witness's latest
 * cosigned checkpoint and serves it, so a verifier can require that a witness saw the history it
 * is shown; a platform that showed two histories could not get both cosigned.
 */

export const WitnessName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1–64 letters, digits, ".", "_" or "-"');
export const WitnessPath = z.object({ name: WitnessName });
export const RegisterWitness = z.object({
  /** `<name>+<hex key ID>+base64(0x04 ‖ Ed25519 public key)`, as `sunlit audit witness init` prints it. */
  verifierKey: z
    .string()
    .max(300, 'must be at most 300 characters')
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII: "<name>+<8 hex digits>+<base64 key>"'),
});
export const SubmitCosignature = z.object({
  /** The platform's signed checkpoint the witness checked, byte for byte (its lines are ASCII; "—" marks a signature). */
  checkpoint: z
    .string()
    .max(8000, 'must be at most 8000 characters')
    .regex(/^[\x20-\x7e\n—]+$/u, 'must be a signed note: printable ASCII lines and "—" signature lines'),
  /** The witness's cosignature/v1 line for it. */
  cosignature: z.string().regex(/^— \S+ \S+$/, 'must be one signature line, "— <name> <base64>"'),
});

export const Witness = z.object({
  name: WitnessName,
  verifierKey: z.string(),
  registeredAt: z.iso.datetime(),
  registeredBy: z.string(),
  /** The latest checkpoint it cosigned: the platform's note with the witness's line. */
  cosigned: z
    .object({ size: z.int().nonnegative(), checkpoint: z.string(), at: z.iso.datetime() })
    .optional(),
});
export type Witness = z.infer<typeof Witness>;

/** Where witnesses are kept: their registration commits with its audit entry; cosignatures do not. */
export interface WitnessStore {
  witness(name: string): Promise<Witness | undefined>;
  witnesses(): Promise<Witness[]>;
  register(witness: Witness, entry: NewEntry): Promise<void>;
  /**
   * Stores a witness's cosigned checkpoint. No audit entry: one per cosignature would grow the log
   * each time it is witnessed, so no checkpoint would stay the latest long enough to be cosigned.
   */
  putCosigned(witness: Witness): Promise<void>;
}

export interface WitnessDeps {
  store: WitnessStore;
  clock: Clock;
}

const invalid = (field: string, message: string) => new DomainError('VALIDATION_FAILED', message, { field });

/** A regulator registers (or rotates) a witness's key; the registration is in the public log. */
export const registerWitness = async (
  deps: WitnessDeps,
  caller: Caller,
  name: string,
  body: z.infer<typeof RegisterWitness>,
): Promise<Witness> => {
  try {
    const key = parseVerifierKey(body.verifierKey, 0x04);
    if (key.keyName !== name)
      throw invalid('verifierKey', `The key is named ${key.keyName}; register it as witness ${key.keyName}.`);
  } catch (error) {
    if (error instanceof NoteRejectedError)
      throw invalid('verifierKey', `${error.message} A witness key is "<name>+<8 hex>+base64(0x04 ‖ key)".`);
    throw error;
  }
  const witness: Witness = {
    name,
    verifierKey: body.verifierKey,
    registeredAt: deps.clock.now().toISOString(),
    registeredBy: caller.user,
  };
  await deps.store.register(witness, {
    actor: actorOf(caller),
    action: 'audit.witness-registered',
    subject: { witness: name },
    data: { verifierKey: body.verifierKey },
  });
  return witness;
};

/**
 * Takes a witness's cosignature of a checkpoint the platform signed: both signatures are checked,
 * and a witness never goes back to a smaller checkpoint than the one it last cosigned.
 */
export const acceptCosignature = async (
  deps: WitnessDeps & { logKey: string },
  name: string,
  body: z.infer<typeof SubmitCosignature>,
): Promise<Witness> => {
  const witness = await deps.store.witness(name);
  if (!witness) throw notFound('witness', name, 'name');
  let checkpoint: Checkpoint;
  try {
    checkpoint = openSignedNote(body.checkpoint, deps.logKey);
  } catch (error) {
    throw invalid('checkpoint', `Not a checkpoint this log signed: ${(error as Error).message}`);
  }
  // Kept as the log's own note and this witness's line: the note may have been served with others'.
  const note = withSignatureLines(signaturesBy(body.checkpoint, deps.logKey), [body.cosignature]);
  try {
    verifyCosignature(note, witness.verifierKey);
  } catch (error) {
    throw invalid(
      'cosignature',
      `Not witness ${name}'s cosignature of this checkpoint: ${(error as Error).message}`,
    );
  }
  if (witness.cosigned && witness.cosigned.size > checkpoint.size)
    throw new DomainError(
      'CONFLICT',
      `Witness ${name} already cosigned ${witness.cosigned.size} entries; a witness never goes back to ${checkpoint.size}.`,
      { field: 'checkpoint' },
    );
  const cosigned: Witness = {
    ...witness,
    cosigned: { size: checkpoint.size, checkpoint: note, at: deps.clock.now().toISOString() },
  };
  await deps.store.putCosigned(cosigned);
  return cosigned;
};

/**
 * The checkpoint as the log serves it (C2SP tlog-witness): the platform's note with the
 * cosignature lines of every witness whose latest cosigned checkpoint is this very note. A
 * witness that cosigned another size adds nothing, so each line served verifies on this note.
 */
export const cosignedCheckpoint = (note: string, witnesses: readonly Witness[]): string =>
  withSignatureLines(
    note,
    witnesses.flatMap(({ cosigned }) =>
      cosigned?.checkpoint.startsWith(note)
        ? cosigned.checkpoint.slice(note.length).split('\n').filter(Boolean)
        : [],
    ),
  );

/** A checkpoint that is not an extension of the last one the witness cosigned: it refuses to cosign. */
export class InconsistentCheckpoint extends Error {}

const fromHex = (hex: string) => Buffer.from(hex, 'hex');

/** Checks that `newer` extends `older` (same origin, no smaller, a consistency proof ties the roots). */
export const requireConsistent = async (
  client: Pick<LogClient, 'consistency'>,
  older: Checkpoint,
  newer: Checkpoint,
): Promise<void> => {
  if (older.origin !== newer.origin)
    throw new InconsistentCheckpoint(`The checkpoint is of ${newer.origin}, not of ${older.origin}.`);
  if (newer.size < older.size)
    throw new InconsistentCheckpoint(`The log shrank from ${older.size} to ${newer.size} entries.`);
  if (newer.size === older.size) {
    if (!sameHash(newer.root, older.root))
      throw new InconsistentCheckpoint(`Two different roots were signed for ${older.size} entries.`);
    return;
  }
  if (older.size === 0) return;
  const { proof } = await client.consistency(older.size, newer.size);
  try {
    checkTree(proof.map(fromHex), newer.size, newer.root, older.size, older.root);
  } catch (error) {
    throw new InconsistentCheckpoint(
      `The checkpoint of ${newer.size} entries does not extend the one of ${older.size}: ${(error as Error).message}`,
    );
  }
};

/**
 * One round of a witness: reads the log's checkpoint, checks its signature and, given the last
 * checkpoint it cosigned, its consistency with it; then cosigns. Throws {@link InconsistentCheckpoint}
 * (and cosigns nothing) for a checkpoint that does not extend the last one.
 */
export const witnessCheckpoint = async (
  deps: {
    client: Pick<LogClient, 'checkpoint' | 'consistency'>;
    logKey: string;
    witness: NoteSigner;
    clock: Clock;
  },
  last?: string,
): Promise<{ note: string; checkpoint: Checkpoint; cosignature: string }> => {
  const note = await deps.client.checkpoint();
  const checkpoint = openSignedNote(note, deps.logKey);
  if (last) await requireConsistent(deps.client, openSignedNote(last, deps.logKey), checkpoint);
  return { note, checkpoint, cosignature: await cosignatureLine(note, deps.witness, deps.clock.now()) };
};
