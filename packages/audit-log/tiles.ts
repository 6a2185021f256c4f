/**
 * C2SP tlog-tiles (https://c2sp.org/tlog-tiles): the log as immutable objects. A hash tile at
 * level L holds up to 256 consecutive hashes of tree level 8·L; an entry bundle holds up to 256
 * consecutive entries, each as the exact bytes its leaf hash covers. A tile or bundle narrower than
 * 256 is partial, and has its width in its path, so no object ever changes once written.
 */
import { invalidParameter, requireCount } from './errors';
import { HASH_SIZE } from './hash';
import type { LogStorage } from './log-reader';
import { type HashReader, readStoredHashes, storedHashIndex } from './stored-hashes';

/** Hashes (or entries) in a full tile: tiles are 8 levels of the tree high. */
export const TILE_WIDTH = 256;
const TILE_HEIGHT = 8;

/**
 * A tile index as its path: groups of three digits, each but the last prefixed with "x"
 * (1234067 → "x001/x234/067").
 */
const indexPath = (n: number): string => {
  const groups: string[] = [];
  let rest = n;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((group, i) => (i < groups.length - 1 ? `x${group}` : group)).join('/');
};

const widthSuffix = (width: number): string => (width === TILE_WIDTH ? '' : `.p/${width}`);

/** The path of hash tile (level, n) of width `width` (256 when full). */
export const hashTilePath = (level: number, n: number, width = TILE_WIDTH): string =>
  `tile/${level}/${indexPath(n)}${widthSuffix(width)}`;

/** The path of entry bundle n of width `width` (256 when full). */
export const entryBundlePath = (n: number, width = TILE_WIDTH): string =>
  `tile/entries/${indexPath(n)}${widthSuffix(width)}`;

/** A tile or bundle of a tree of `size` leaves: its level (-1 for entries), index and width. */
export interface TileRef {
  level: number;
  n: number;
  width: number;
  path: string;
}

/**
 * Every hash tile a tree of `size` leaves has at `level`, full ones first and then the partial
 * one if any: level L has ⌊size / 256^L⌋ hashes of tree level 8·L.
 */
export const hashTilesAt = (size: number, level: number): TileRef[] => {
  requireCount(size, 'size');
  const hashes = Math.floor(size / TILE_WIDTH ** level);
  const tiles: TileRef[] = [];
  for (let n = 0; n * TILE_WIDTH < hashes; n++) {
    const width = Math.min(TILE_WIDTH, hashes - n * TILE_WIDTH);
    tiles.push({ level, n, width, path: hashTilePath(level, n, width) });
  }
  return tiles;
};

/** The entry bundles of a tree of `size` leaves, in order. */
export const entryBundles = (size: number): TileRef[] =>
  hashTilesAt(size, 0).map(({ n, width }) => ({ level: -1, n, width, path: entryBundlePath(n, width) }));

/** The tiles a tree of `size` leaves consists of, every level, lowest first. */
export const hashTiles = (size: number): TileRef[] => {
  const tiles: TileRef[] = [];
  for (let level = 0; Math.floor(size / TILE_WIDTH ** level) > 0; level++)
    tiles.push(...hashTilesAt(size, level));
  return tiles;
};

/** A hash tile's bytes: its hashes, concatenated, read from the stored hashes in one call. */
export const hashTileBytes = async (tile: TileRef, readHashes: HashReader): Promise<Uint8Array> => {
  const indexes = Array.from({ length: tile.width }, (_, i) =>
    storedHashIndex(TILE_HEIGHT * tile.level, tile.n * TILE_WIDTH + i),
  );
  return Buffer.concat(await readStoredHashes(readHashes, indexes));
};

/** Splits a hash tile into its hashes; refuses bytes that are not `width` hashes. */
export const tileHashes = (bytes: Uint8Array, width: number, path: string): Uint8Array[] => {
  if (bytes.length !== width * HASH_SIZE) {
    throw invalidParameter(path, `${path} has ${bytes.length} bytes, not ${width} hashes of ${HASH_SIZE}.`);
  }
  return Array.from({ length: width }, (_, i) => bytes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
};

/** Most bytes an entry may have in a bundle, whose length prefix is two bytes. */
export const MAX_BUNDLED_ENTRY = 0xffff;

/** An entry bundle: each entry's bytes after its length as a big-endian 16-bit number. */
export const encodeEntryBundle = (entries: Uint8Array[]): Uint8Array => {
  const parts: Uint8Array[] = [];
  for (const [i, entry] of entries.entries()) {
    if (entry.length > MAX_BUNDLED_ENTRY) {
      throw invalidParameter(`entries.${i}`, `An entry in a bundle has at most ${MAX_BUNDLED_ENTRY} bytes.`);
    }
    const length = Buffer.alloc(2);
    length.writeUInt16BE(entry.length);
    parts.push(length, entry);
  }
  return Buffer.concat(parts);
};

/** The entries of a bundle, as views on its bytes; refuses a bundle that does not end where its last entry does. */
export const decodeEntryBundle = (bytes: Uint8Array, path: string): Uint8Array[] => {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries: Uint8Array[] = [];
  let at = 0;
  while (at < buffer.length) {
    if (at + 2 > buffer.length) throw invalidParameter(path, `${path} ends inside an entry's length.`);
    const length = buffer.readUInt16BE(at);
    if (at + 2 + length > buffer.length)
      throw invalidParameter(path, `${path} ends inside entry ${entries.length}.`);
    entries.push(buffer.subarray(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return entries;
};

/** The tiles and bundles a tree of `to` leaves has that one of `from` leaves did not: what growing adds. */
export const tilesAddedBetween = (from: number, to: number): { hashTiles: TileRef[]; bundles: TileRef[] } => {
  requireCount(from, 'from');
  requireCount(to, 'to');
  if (from > to) throw invalidParameter('from', `A log grows: from (${from}) must not exceed to (${to}).`);
  const had = new Set([...hashTiles(from), ...entryBundles(from)].map((tile) => tile.path));
  return {
    hashTiles: hashTiles(to).filter((tile) => !had.has(tile.path)),
    bundles: entryBundles(to).filter((bundle) => !had.has(bundle.path)),
  };
};

/**
 * Writes the tiles and entry bundles the log gained from `from` to `to` leaves, each once: a
 * bundle from the entries' logged bytes, a tile from the stored hashes. Objects never change, so
 * writing before the checkpoint that needs them, and again after a failure, is always safe.
 */
export const publishTiles = async (
  log: Pick<LogStorage, 'readHashes' | 'readEntries'>,
  put: (path: string, bytes: Uint8Array) => Promise<void>,
  from: number,
  to: number,
): Promise<number> => {
  const { hashTiles: tiles, bundles } = tilesAddedBetween(from, to);
  for (const bundle of bundles) {
    const start = bundle.n * TILE_WIDTH;
    const texts = await log.readEntries(start, start + bundle.width);
    await put(bundle.path, encodeEntryBundle(texts.map((text) => Buffer.from(text, 'utf8'))));
  }
  for (const tile of tiles) await put(tile.path, await hashTileBytes(tile, log.readHashes));
  return tiles.length + bundles.length;
};
