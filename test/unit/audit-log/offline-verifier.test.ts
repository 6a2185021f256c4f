import canonicalize from 'canonicalize';
import { generateKeyPairSync } from 'node:crypto';
import { signCheckpoint } from '../../../packages/audit-log/checkpoint';
import { leafHashOfEntry } from '../../../packages/audit-log/entry';
import {
  consistencyProof,
  inclusionProof,
  LogStorage,
  readEntriesPage,
} from '../../../packages/audit-log/log-reader';
import { MemoryHashStore } from '../../../packages/audit-log/memory-hash-store';
import { prepareEntry } from '../../../packages/audit-log/new-entry';
import { localEd25519Signer, verifierKeyString } from '../../../packages/audit-log/note';
import {
  declaresIndex,
  LogClient,
  proveEntries,
  proveEntry,
  verifyLog,
  VerificationFailed,
} from '../../../packages/audit-log/offline-verifier';
import { treeHash } from '../../../packages/audit-log/proofs';
import { ANCHOR_ACTION, AnchorEntryData } from '../../../packages/audit-log/anchor-chains';

const origin = 'test.example/log';
const signer = localEd25519Signer(origin, generateKeyPairSync('ed25519').privateKey);
const pinnedKey = verifierKeyString(origin, signer.publicKey);

/** A log server in memory, built from the same reader functions the HTTP routes use. */
const memoryLog = async (count: number, action = 'test.appended') => {
  const store = new MemoryHashStore();
  const texts: string[] = [];
  const append = async (anchors?: AnchorEntryData) => {
    const { entry } = prepareEntry(texts.length, new Date('2026-05-01T00:00:00Z'), {
      actor: { role: 'system', user: 'test' },
      action: anchors ? ANCHOR_ACTION : action,
      subject: { n: String(texts.length) },
      ...(anchors ? { data: anchors } : {}),
    });
    texts.push(canonicalize(entry) as string);
    await store.append(leafHashOfEntry(entry));
  };
  for (let i = 0; i < count; i++) await append();
  const storage: LogStorage = {
    size: async () => store.size,
    readHashes: store.readHashes,
    readEntries: async (start, end) => texts.slice(start, end),
  };
  const note = async () =>
    signCheckpoint({ origin, size: store.size, root: await treeHash(store.size, store.readHashes) }, signer);
  const client: LogClient = {
    checkpoint: note,
    publicKey: async () => ({ verifierKey: pinnedKey }),
    entries: (start, end) => readEntriesPage(storage, start, end),
    inclusion: (index, size) => inclusionProof(storage, index, size),
    consistency: (first, second) => consistencyProof(storage, first, second),
  };
  return { client, texts, append, note };
};

type Page = Awaited<ReturnType<LogClient['entries']>>;

/** The client, with every page of entries edited by `edit` on its way to the verifier. */
const editingPages = (client: LogClient, edit: (page: Page) => void): LogClient => ({
  ...client,
  entries: async (start, end) => {
    const page = await client.entries(start, end);
    edit(page);
    return page;
  },
});

describe('the offline verifier', () => {
  it('accepts an intact log, across several pages, with its pinned key', async () => {
    const { client } = await memoryLog(2345);
    const pages: number[] = [];
    const result = await verifyLog(client, { pinnedKey, onProgress: (done) => pages.push(done) });
    expect(result.checkpoint.size).toBe(2345);
    expect(pages).toEqual([1000, 2000, 2345]);
  });

  it('proves the log only grew since an older checkpoint', async () => {
    const log = await memoryLog(10);
    const older = await log.note();
    for (let i = 0; i < 7; i++) await log.append();
    await expect(verifyLog(log.client, { pinnedKey, olderNote: older })).resolves.toMatchObject({
      olderSize: 10,
    });
  });

  it('refuses a log whose history was rewritten after an older checkpoint', async () => {
    const original = await memoryLog(10);
    const older = await original.note();
    // The same key signs a log of the same shape but other content: a rewritten history.
    const rewritten = await memoryLog(12, 'test.rewritten');
    await expect(verifyLog(rewritten.client, { pinnedKey, olderNote: older })).rejects.toThrow(
      'history was rewritten',
    );
  });

  it('refuses an older checkpoint larger than the current one', async () => {
    const big = await memoryLog(20);
    const small = await memoryLog(5);
    await expect(verifyLog(small.client, { pinnedKey, olderNote: await big.note() })).rejects.toThrow(
      'The log shrank',
    );
  });

  it('refuses a changed entry, naming the first that differs', async () => {
    for (const [size, changed] of [
      [8, 5],
      [8, 0],
      [8, 7],
      [1, 0],
      [37, 20],
    ] as const) {
      const { client, texts } = await memoryLog(size);
      texts[changed] = texts[changed]!.replace(`"n":"${changed}"`, `"n":"x${changed}"`);
      await expect(verifyLog(client, { pinnedKey })).rejects.toThrow(
        `do not hash to the root of the signed checkpoint: entry ${changed} is the first that differs`,
      );
    }
  });

  it('hashes the logged bytes, not the entry re-serialized', async () => {
    const { client, texts } = await memoryLog(6);
    // The same entry as other bytes (a space after the brace): a verifier that re-serialized the
    // parsed entry would accept it; the log signed other bytes.
    texts[4] = `{ ${texts[4]!.slice(1)}`;
    await expect(verifyLog(client, { pinnedKey })).rejects.toThrow(
      'entry 4 is the first that differs (entries 0–3 are proven as signed)',
    );
  });

  it('ignores the parsed entry served beside the logged bytes', async () => {
    const { client } = await memoryLog(3);
    const decorated = editingPages(client, (page) => {
      for (const served of page.entries) served.entry = { ...served.entry, action: 'shown.otherwise' };
    });
    await expect(verifyLog(decorated, { pinnedKey })).resolves.toMatchObject({ checkpoint: { size: 3 } });
  });

  it('refuses an entry replayed at another index', async () => {
    const { client } = await memoryLog(5);
    const replaying = editingPages(client, (page) => {
      page.entries[3]!.canonical = page.entries[2]!.canonical;
    });
    await expect(verifyLog(replaying, { pinnedKey })).rejects.toThrow(
      'Entry 3: its bytes are not an entry that says it is entry 3.',
    );
  });

  it('reads the declared index from the entry itself, not from a field inside its data or subject', () => {
    const bytes = (entry: object) => Buffer.from(canonicalize(entry) as string);
    const decoy = {
      action: 'a.b',
      actor: { role: 'system', user: 's' },
      data: { inner: { index: 9, subject: { n: '9' } }, quoted: ',"index":9,"subject":{' },
      index: 4,
      subject: { index: '9' },
      time: '2026-01-01T00:00:00Z',
    };
    expect(declaresIndex(bytes(decoy), 4)).toBe(true);
    expect(declaresIndex(bytes(decoy), 9)).toBe(false);
    expect(declaresIndex(bytes({ ...decoy, index: 41 }), 4)).toBe(false);
    expect(declaresIndex(Buffer.from('not an entry'), 4)).toBe(false);
  });

  it('refuses a served leaf hash that does not match the entry', async () => {
    const { client } = await memoryLog(3);
    const lying = editingPages(client, (page) => {
      page.entries[1]!.leafHash = '00'.repeat(32);
    });
    await expect(verifyLog(lying, { pinnedKey })).rejects.toThrow('Entry 1: its content does not hash');
  });

  it('refuses a log with a missing entry', async () => {
    const { client, texts } = await memoryLog(6);
    texts.splice(2, 1);
    await expect(verifyLog(client, { pinnedKey })).rejects.toThrow('Entry 2 is missing from the log.');
  });

  it('refuses a checkpoint signed with another key, and one for another log', async () => {
    const { client } = await memoryLog(4);
    const other = localEd25519Signer(origin, generateKeyPairSync('ed25519').privateKey);
    await expect(
      verifyLog(client, { pinnedKey: verifierKeyString(origin, other.publicKey) }),
    ).rejects.toThrow("The checkpoint's signature does not verify");
    const elsewhere = localEd25519Signer('other.example/log', generateKeyPairSync('ed25519').privateKey);
    const wrongLog: LogClient = {
      ...client,
      checkpoint: () =>
        signCheckpoint({ origin: 'other.example/log', size: 0, root: new Uint8Array(32) }, elsewhere),
    };
    await expect(
      verifyLog(wrongLog, { pinnedKey: verifierKeyString('other.example/log', elsewhere.publicKey) }),
    ).rejects.toThrow(VerificationFailed);
  });

  it('proves one entry by its audit path, and refuses an entry beyond the log', async () => {
    const { client } = await memoryLog(13);
    await expect(proveEntry(client, 11, pinnedKey)).resolves.toMatchObject({ entry: { index: 11 } });
    await expect(proveEntry(client, 13, pinnedKey)).rejects.toThrow('there is no entry 13');
  });

  it('proves many entries against one checkpoint, opened once while the log grows, and names each one not proven', async () => {
    const { client, append } = await memoryLog(40);
    let opened = 0;
    // Appends one at a time, as the log's writer does.
    let growing = Promise.resolve();
    const counting: LogClient = {
      ...client,
      checkpoint: async () => {
        opened += 1;
        return client.checkpoint();
      },
      // The log grows while the proofs run: every one is still made in the checkpoint first opened.
      inclusion: async (index, size) => {
        growing = growing.then(() => append());
        await growing;
        return client.inclusion(index, size);
      },
    };
    const progress: number[] = [];
    const { opened: log, proven } = await proveEntries(counting, [3, 39, 3, 17, 40], pinnedKey, (n) =>
      progress.push(n),
    );
    expect(opened).toBe(1);
    expect(log.checkpoint.size).toBe(40);
    expect([...proven.keys()].sort((a, b) => a - b)).toEqual([3, 17, 39, 40]);
    expect(proven.get(17)).toMatchObject({ index: 17 });
    expect(proven.get(40)).toBeInstanceOf(VerificationFailed);
    expect((proven.get(40) as Error).message).toContain('there is no entry 40');
    expect(progress).toEqual([4]);
  });

  it("follows each sealed process's anchors as one chain, naming a fork and an anchor after the final", async () => {
    const anchor = (processId: string, previous: number | null, final = false): AnchorEntryData => ({
      final,
      anchors: [{ processId, commitment: 'a'.repeat(64), previous }],
    });
    const chained = async (...anchors: AnchorEntryData[]) => {
      const log = await memoryLog(2);
      for (const data of anchors) {
        await log.append(data);
        await log.append();
      }
      return log.client;
    };
    // Entries 2, 4, 6 anchor T-1; T-2's first anchor at 4 shares its entry.
    const both: AnchorEntryData = {
      final: false,
      anchors: [...anchor('T-1', 2).anchors, ...anchor('T-2', null).anchors],
    };
    await expect(
      verifyLog(await chained(anchor('T-1', null), both, anchor('T-1', 4, true)), { pinnedKey }),
    ).resolves.toMatchObject({ checkpoint: { size: 8 } });
    await expect(
      verifyLog(await chained(anchor('T-1', null), anchor('T-1', null)), { pinnedKey }),
    ).rejects.toThrow(
      'Entry 4 anchors process T-1 after no anchor, but its latest anchor is at entry 2: its anchors fork.',
    );
    await expect(
      verifyLog(await chained(anchor('T-1', null, true), anchor('T-1', 2)), { pinnedKey }),
    ).rejects.toThrow('Entry 4 anchors process T-1 after its final anchor at entry 2.');
    const twice: AnchorEntryData = {
      final: false,
      anchors: [...anchor('T-1', null).anchors, ...anchor('T-1', 2).anchors],
    };
    await expect(verifyLog(await chained(twice), { pinnedKey })).rejects.toThrow(
      'Entry 2 anchors process T-1 twice.',
    );
  });

  it('refuses an inclusion proof that does not lead to the root', async () => {
    const { client } = await memoryLog(13);
    const forged: LogClient = {
      ...client,
      inclusion: async (index, size) => {
        const proof = await client.inclusion(index, size);
        return { ...proof, auditPath: proof.auditPath.map((h, i) => (i === 0 ? 'ff'.repeat(32) : h)) };
      },
    };
    await expect(proveEntry(forged, 4, pinnedKey)).rejects.toThrow('Entry 4 is not proven');
  });
});

describe('reading the log for the HTTP routes', () => {
  it('clips a page to the end of the log, and refuses pages too large or out of range', async () => {
    const log = await memoryLog(5);
    const storage: LogStorage = {
      size: async () => 5,
      readHashes: async () => [],
      readEntries: async (start, end) => log.texts.slice(start, end),
    };
    expect((await readEntriesPage(storage, 3, 10)).entries.map((e) => e.index)).toEqual([3, 4]);
    await expect(readEntriesPage(storage, 0, 1001)).rejects.toMatchObject({ details: { field: 'end' } });
    await expect(readEntriesPage(storage, 6, 7)).rejects.toMatchObject({ details: { field: 'start' } });
    await expect(readEntriesPage(storage, 3, 2)).rejects.toMatchObject({ details: { field: 'end' } });
  });
});
