import { createHash, generateKeyPairSync } from 'node:crypto';
import { signCheckpoint } from '../../../packages/audit-log/checkpoint';
import {
  cosignatureLine,
  verifyCosignature,
  witnessVerifierKey,
  withSignatureLines,
} from '../../../packages/audit-log/cosignature';
import { consistencyProof } from '../../../packages/audit-log/log-reader';
import { MemoryHashStore } from '../../../packages/audit-log/memory-hash-store';
import { localEd25519Signer, verifierKeyString, verifyNote } from '../../../packages/audit-log/note';
import { treeHash } from '../../../packages/audit-log/proofs';
import {
  acceptCosignature,
  cosignedCheckpoint,
  InconsistentCheckpoint,
  registerWitness,
  witnessCheckpoint,
} from '../../../packages/audit-log/witness';
import { fixedClock } from '../../../packages/kernel/clock';
import { witnessStore } from '../../../packages/storage/stores';
import { memoryTable } from '../../support/memory-table';

const ORIGIN = 'sunlit.test/audit-log';
const logSigner = localEd25519Signer(ORIGIN, generateKeyPairSync('ed25519').privateKey);
const logKey = verifierKeyString(ORIGIN, logSigner.publicKey);
const witness = localEd25519Signer('regulator-witness', generateKeyPairSync('ed25519').privateKey);
const witnessKey = witnessVerifierKey(witness.keyName, witness.publicKey);
const regulator = { user: 'regulator1', role: 'regulator' as const, org: 'ORG-REGULATOR' };

/** A log of `size` leaves, with a client that serves its signed checkpoint and proofs. */
const growingLog = async (history = 'a') => {
  const store = new MemoryHashStore();
  const grow = async (n: number) => {
    for (let i = 0; i < n; i++)
      await store.append(createHash('sha256').update(`${history} leaf ${store.size}`).digest());
  };
  const note = async () =>
    signCheckpoint(
      { origin: ORIGIN, size: store.size, root: await treeHash(store.size, store.readHashes) },
      logSigner,
    );
  let served: () => Promise<string> = note;
  const client = {
    checkpoint: () => served(),
    consistency: (first: number, second: number) =>
      consistencyProof(
        { size: async () => store.size, readHashes: store.readHashes, readEntries: async () => [] },
        first,
        second,
      ),
  };
  return { grow, note, client, serve: (f: () => Promise<string>) => (served = f) };
};

describe('witness cosignatures (C2SP tlog-cosignature)', () => {
  it('cosigns a checkpoint so that the log signature still verifies and the cosignature names its time', async () => {
    const log = await growingLog();
    await log.grow(5);
    const note = await log.note();
    const at = new Date('2026-12-03T08:00:00Z');
    const cosigned = withSignatureLines(note, [await cosignatureLine(note, witness, at)]);
    expect(verifyNote(cosigned, logKey)).toBe(verifyNote(note, logKey));
    expect(verifyCosignature(cosigned, witnessKey).time).toEqual(at);
    // Another checkpoint's text under the same line, or another witness's key, does not verify.
    const other = localEd25519Signer('regulator-witness', generateKeyPairSync('ed25519').privateKey);
    expect(() => verifyCosignature(cosigned, witnessVerifierKey(other.keyName, other.publicKey))).toThrow(
      /no cosignature/,
    );
    const forged = cosigned.replace(/\n5\n/, '\n6\n');
    expect(() => verifyCosignature(forged, witnessKey)).toThrow(/does not match/);
  });

  it('cosigns a checkpoint that extends the last one, and refuses one that does not', async () => {
    const log = await growingLog();
    const deps = { client: log.client, logKey, witness, clock: fixedClock(new Date('2026-12-03T08:00:00Z')) };
    await log.grow(3);
    const first = await witnessCheckpoint(deps);
    await log.grow(4);
    const second = await witnessCheckpoint(deps, first.note);
    expect(second.checkpoint.size).toBe(7);
    // A split view: another history of 7 entries, signed by the same log key, is refused.
    const fork = await growingLog('b');
    await fork.grow(7);
    log.serve(() => fork.note());
    await expect(witnessCheckpoint(deps, second.note)).rejects.toThrow(InconsistentCheckpoint);
    // So is a history that shrank, even if the platform signed it.
    log.serve(() => Promise.resolve(first.note));
    await expect(witnessCheckpoint(deps, second.note)).rejects.toThrow(/shrank from 7 to 3/);
  });

  it('registers a witness with its audit entry and takes its cosignatures, never going back', async () => {
    const clock = fixedClock(new Date('2026-12-03T08:00:00Z'));
    const { table, log: publicLog } = memoryTable(clock);
    const deps = { store: witnessStore(table), clock, logKey };
    await expect(
      registerWitness(deps, regulator, 'someone-else', { verifierKey: witnessKey }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'verifierKey' } });
    await expect(
      registerWitness(deps, regulator, witness.keyName, { verifierKey: logKey }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await registerWitness(deps, regulator, witness.keyName, { verifierKey: witnessKey });
    expect(publicLog.at(-1)).toMatchObject({
      action: 'audit.witness-registered',
      subject: { witness: witness.keyName },
    });

    const log = await growingLog();
    await log.grow(4);
    const newer = await witnessCheckpoint({ client: log.client, logKey, witness, clock });
    const older = await (async () => {
      const small = await growingLog();
      await small.grow(2);
      return witnessCheckpoint({ client: small.client, logKey, witness, clock });
    })();
    const entries = publicLog.length;
    const taken = await acceptCosignature(deps, witness.keyName, {
      checkpoint: newer.note,
      cosignature: newer.cosignature,
    });
    expect(taken.cosigned).toMatchObject({ size: 4 });
    expect(publicLog).toHaveLength(entries);
    await expect(
      acceptCosignature(deps, witness.keyName, { checkpoint: older.note, cosignature: older.cosignature }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      acceptCosignature(deps, witness.keyName, { checkpoint: newer.note, cosignature: older.cosignature }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'cosignature' } });
    const foreign = await signCheckpoint({ origin: 'elsewhere', size: 1, root: new Uint8Array(32) }, witness);
    await expect(
      acceptCosignature(deps, witness.keyName, { checkpoint: foreign, cosignature: newer.cosignature }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'checkpoint' } });
    await expect(
      acceptCosignature(deps, 'nobody', { checkpoint: newer.note, cosignature: newer.cosignature }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('serves a checkpoint with the cosignatures of the witnesses that cosigned it, and only those', async () => {
    const clock = fixedClock(new Date('2026-12-03T08:00:00Z'));
    const deps = { store: witnessStore(memoryTable(clock).table), clock, logKey };
    const second = localEd25519Signer('second-witness', generateKeyPairSync('ed25519').privateKey);
    const secondKey = witnessVerifierKey(second.keyName, second.publicKey);
    await registerWitness(deps, regulator, witness.keyName, { verifierKey: witnessKey });
    await registerWitness(deps, regulator, second.keyName, { verifierKey: secondKey });
    const log = await growingLog();
    await log.grow(3);
    const earlier = await witnessCheckpoint({ client: log.client, logKey, witness: second, clock });
    await acceptCosignature(deps, second.keyName, {
      checkpoint: earlier.note,
      cosignature: earlier.cosignature,
    });
    await log.grow(2);
    const round = await witnessCheckpoint({ client: log.client, logKey, witness, clock });
    await acceptCosignature(deps, witness.keyName, {
      checkpoint: round.note,
      cosignature: round.cosignature,
    });

    // The latest checkpoint carries the first witness's line; the second cosigned 3 entries, not 5.
    const served = cosignedCheckpoint(round.note, await deps.store.witnesses());
    expect(served).toBe(`${round.note}${round.cosignature}\n`);
    expect(verifyNote(served, logKey)).toContain('\n5\n');
    expect(verifyCosignature(served, witnessKey).time).toEqual(clock.now());
    expect(() => verifyCosignature(served, secondKey)).toThrow(/no cosignature by witness second-witness/);
    // The checkpoint the second witness cosigned, served again, carries its line.
    expect(cosignedCheckpoint(earlier.note, await deps.store.witnesses())).toBe(
      `${earlier.note}${earlier.cosignature}\n`,
    );

    // The second witness cosigns the note as served, with the first's line, and hands it in with a
    // line under the log's name but another key: only the log's own line and its cosignature are kept.
    log.serve(async () => served);
    const later = await witnessCheckpoint(
      { client: log.client, logKey, witness: second, clock },
      earlier.note,
    );
    const impostor = `— ${ORIGIN} ${Buffer.alloc(68, 7).toString('base64')}\n`;
    const taken = await acceptCosignature(deps, second.keyName, {
      checkpoint: `${later.note}${impostor}`,
      cosignature: later.cosignature,
    });
    expect(taken.cosigned!.checkpoint).toBe(`${round.note}${later.cosignature}\n`);
    expect(cosignedCheckpoint(round.note, await deps.store.witnesses())).toBe(
      `${round.note}${round.cosignature}\n${later.cosignature}\n`,
    );
  });
});
