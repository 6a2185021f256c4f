import canonicalize from 'canonicalize';
import { generateKeyPairSync } from 'node:crypto';
import { signCheckpoint } from '../../../packages/audit-log/checkpoint';
import { leafHashOfLoggedText } from '../../../packages/audit-log/entry';
import { MemoryHashStore } from '../../../packages/audit-log/memory-hash-store';
import { prepareEntry } from '../../../packages/audit-log/new-entry';
import { localEd25519Signer, verifierKeyString } from '../../../packages/audit-log/note';
import { treeHash } from '../../../packages/audit-log/proofs';
import { TileClient, verifyTiles } from '../../../packages/audit-log/tile-verifier';
import {
  decodeEntryBundle,
  encodeEntryBundle,
  entryBundlePath,
  hashTilePath,
  hashTiles,
  hashTilesAt,
  publishTiles,
  tilesAddedBetween,
} from '../../../packages/audit-log/tiles';
import { rfcLeafHash, rfcRoot } from './rfc9162-reference';
import { ANCHOR_ACTION, AnchorEntryData } from '../../../packages/audit-log/anchor-chains';

const origin = 'test.example/tiles';

/** Flips bits of one byte of an object, as a tampered store would serve it. */
const flip = (bytes: Uint8Array | undefined, at: number, bits: number) => {
  bytes![at] = bytes![at]! ^ bits;
};
const signer = localEd25519Signer(origin, generateKeyPairSync('ed25519').privateKey);
const pinnedKey = verifierKeyString(origin, signer.publicKey);

/**
 * A log of `size` entries served as tiles from memory, as the object store would serve them;
 * `anchorsAt` makes some of them anchor entries.
 */
const tiledLog = async (
  size: number,
  steps: number[] = [],
  anchorsAt: (index: number) => AnchorEntryData | undefined = () => undefined,
) => {
  const store = new MemoryHashStore();
  const texts: string[] = [];
  for (let i = 0; i < size; i++) {
    const anchors = anchorsAt(i);
    const { entry } = prepareEntry(i, new Date('2026-05-01T00:00:00Z'), {
      actor: { role: 'system', user: 'test' },
      action: anchors ? ANCHOR_ACTION : 'test.appended',
      subject: { n: String(i) },
      ...(anchors ? { data: anchors } : {}),
    });
    texts.push(canonicalize(entry) as string);
    await store.append(leafHashOfLoggedText(texts[i]!));
  }
  const storage = {
    readHashes: store.readHashes,
    readEntries: async (start: number, end: number) => texts.slice(start, end),
  };
  // An object store that refuses to change an object: tiles are immutable.
  const objects = new Map<string, Uint8Array>();
  const put = async (path: string, bytes: Uint8Array) => {
    const had = objects.get(path);
    if (had && !Buffer.from(had).equals(bytes)) throw new Error(`${path} would change`);
    objects.set(path, Buffer.from(bytes));
  };
  let published = 0;
  for (const step of [...steps, size]) {
    await publishTiles(storage, put, published, step);
    published = step;
  }
  const note = await signCheckpoint({ origin, size, root: await treeHash(size, store.readHashes) }, signer);
  const client: TileClient = {
    checkpoint: async () => note,
    publicKey: async () => ({ verifierKey: pinnedKey }),
    get: async (path) => {
      const object = objects.get(path);
      if (!object) throw new Error(`no object ${path}`);
      return Buffer.from(object);
    },
  };
  return { client, objects, texts };
};

describe('tile paths (C2SP tlog-tiles)', () => {
  it('spells indexes in groups of three digits, all but the last with "x", and partial widths', () => {
    expect(hashTilePath(0, 1234067)).toBe('tile/0/x001/x234/067');
    expect(hashTilePath(2, 5, 17)).toBe('tile/2/005.p/17');
    expect(hashTilePath(1, 1000)).toBe('tile/1/x001/000');
    expect(entryBundlePath(0, 1)).toBe('tile/entries/000.p/1');
    expect(entryBundlePath(999)).toBe('tile/entries/999');
  });

  it('lists the full tiles of each level, then the partial one, up to the level with one hash', () => {
    // 70,000 = 273 × 256 + 112; 273 = 1 × 256 + 17; ⌊70,000 / 65,536⌋ = 1.
    const level0 = hashTilesAt(70_000, 0);
    expect(level0).toHaveLength(274);
    expect(level0.at(-1)).toMatchObject({ n: 273, width: 112, path: 'tile/0/273.p/112' });
    expect(hashTilesAt(70_000, 1).map((t) => t.path)).toEqual(['tile/1/000', 'tile/1/001.p/17']);
    expect(hashTilesAt(70_000, 2).map((t) => t.path)).toEqual(['tile/2/000.p/1']);
    expect(hashTiles(70_000)).toHaveLength(274 + 2 + 1);
    expect(hashTiles(0)).toEqual([]);
  });

  it('bundles entries behind 2-byte big-endian lengths, and refuses a bundle cut short', () => {
    const bundle = encodeEntryBundle([Buffer.from('ab'), Buffer.alloc(0), Buffer.alloc(300, 7)]);
    expect(Buffer.from(bundle.subarray(0, 4))).toEqual(Buffer.from([0, 2, 0x61, 0x62]));
    expect(Buffer.from(bundle.subarray(6, 8))).toEqual(Buffer.from([0x01, 0x2c]));
    expect(decodeEntryBundle(bundle, 'b').map((e) => e.length)).toEqual([2, 0, 300]);
    expect(() => decodeEntryBundle(bundle.subarray(0, bundle.length - 1), 'tile/entries/000')).toThrow(
      'tile/entries/000 ends inside entry 2.',
    );
  });
});

describe('a tiled log', () => {
  it('gains only new objects as it grows, never changing one, and ends as if written at once', async () => {
    expect(tilesAddedBetween(300, 600).bundles.map((b) => b.path)).toEqual([
      'tile/entries/001',
      'tile/entries/002.p/88',
    ]);
    expect(tilesAddedBetween(600, 600)).toEqual({ hashTiles: [], bundles: [] });
    const grown = await tiledLog(600, [1, 255, 256, 300, 511]);
    const atOnce = await tiledLog(600);
    for (const tile of [...hashTiles(600), ...tilesAddedBetween(0, 600).bundles]) {
      expect(grown.objects.get(tile.path)).toEqual(atOnce.objects.get(tile.path));
    }
    // The partial objects of earlier sizes stay, for the checkpoints that named those sizes.
    expect(grown.objects.has('tile/entries/001.p/44')).toBe(true);
    await expect(verifyTiles(grown.client, { pinnedKey })).resolves.toMatchObject({
      checkpoint: { size: 600 },
    });
  });

  it('holds in each level-1 hash the RFC 9162 root of the 256 leaves below it', async () => {
    const { objects, texts } = await tiledLog(600);
    const leaves = texts.map((t) => rfcLeafHash(Buffer.from(t, 'utf8')));
    const level1 = objects.get('tile/1/000.p/2')!;
    expect(Buffer.from(level1.subarray(0, 32))).toEqual(rfcRoot(leaves.slice(0, 256)));
    expect(Buffer.from(level1.subarray(32, 64))).toEqual(rfcRoot(leaves.slice(256, 512)));
    expect(objects.get('tile/0/002.p/88')!.length).toBe(88 * 32);
  });

  it('verifies from bytes alone against the signed checkpoint', async () => {
    const { client } = await tiledLog(600);
    const progress: number[] = [];
    await expect(
      verifyTiles(client, { pinnedKey, onProgress: (done) => progress.push(done) }),
    ).resolves.toMatchObject({
      checkpoint: { size: 600 },
    });
    expect(progress).toEqual([256, 512, 600]);
  });

  it("follows each sealed process's anchors across bundles, and names a second chain", async () => {
    const anchor = (previous: number | null): AnchorEntryData => ({
      final: false,
      anchors: [{ processId: 'T-1', commitment: 'a'.repeat(64), previous }],
    });
    const chained = await tiledLog(600, [], (i) =>
      i === 3 ? anchor(null) : i === 300 ? anchor(3) : undefined,
    );
    await expect(verifyTiles(chained.client, { pinnedKey })).resolves.toMatchObject({
      checkpoint: { size: 600 },
    });
    const forked = await tiledLog(600, [], (i) => (i === 3 || i === 300 ? anchor(null) : undefined));
    await expect(verifyTiles(forked.client, { pinnedKey })).rejects.toThrow(
      'Entry 300 anchors process T-1 after no anchor, but its latest anchor is at entry 3: its anchors fork.',
    );
  });

  it('names the first entry whose bytes were changed in its bundle, and the tile that shows it', async () => {
    const { client, objects } = await tiledLog(600);
    flip(objects.get('tile/entries/001'), 2 + 40, 0x01); // a byte inside entry 256, the bundle's first
    await expect(verifyTiles(client, { pinnedKey })).rejects.toThrow(
      'Entry 256 differs from what the signed tree holds: its bytes in tile/entries/001 do not hash to hash 0 of tile/0/001 (entries 0–255 are proven as signed).',
    );
  });

  it('refuses hash tiles that do not lead to the signed root, and a higher tile that disagrees with the one below', async () => {
    const forgedLeaf = await tiledLog(600);
    flip(forgedLeaf.objects.get('tile/0/002.p/88'), 5, 0x80);
    await expect(verifyTiles(forgedLeaf.client, { pinnedKey })).rejects.toThrow(
      'The 600 hashes of the level-0 tiles do not hash to the signed root.',
    );
    const forgedAbove = await tiledLog(600);
    flip(forgedAbove.objects.get('tile/1/000.p/2'), 40, 0x80);
    await expect(verifyTiles(forgedAbove.client, { pinnedKey })).rejects.toThrow(
      'Hash 1 of tile/1/000.p/2 is not the root of the tile below it.',
    );
  });

  it('refuses a bundle with an entry missing', async () => {
    const { client, objects, texts } = await tiledLog(10);
    objects.set(
      'tile/entries/000.p/10',
      encodeEntryBundle(texts.slice(0, 9).map((t) => Buffer.from(t, 'utf8'))),
    );
    await expect(verifyTiles(client, { pinnedKey })).rejects.toThrow(
      'tile/entries/000.p/10 holds 9 entries, not 10.',
    );
  });
});
