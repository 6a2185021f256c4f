import { AnchorChains } from './anchor-chains';
import { openCheckpoint, VerificationFailed, declaresIndex, type LogClient } from './offline-verifier';
import { leafHash, sameHash } from './hash';
import { RootBuilder } from './root-builder';
import { decodeEntryBundle, entryBundles, hashTilesAt, TILE_WIDTH, tileHashes } from './tiles';

/** How a verifier reaches a tiled log: its checkpoint, its key, and objects by path. */
export interface TileClient extends Pick<LogClient, 'checkpoint' | 'publicKey'> {
  get(path: string): Promise<Uint8Array>;
}

const rootOf = (hashes: Uint8Array[]): Uint8Array => {
  const builder = new RootBuilder();
  for (const hash of hashes) builder.append(hash);
  return builder.root();
};

/**
 * Verifies a tiled log from bytes alone: each entry bundle against its level-0 hash tile, those
 * hashes against the signed root, and each higher tile against the tiles below it. Reads one
 * bundle and one tile at a time, holding one hash per 256 entries; and, as `verifyLog` does, that
 * every sealed process's anchors form one chain. Throws {@link VerificationFailed} naming the first
 * entry whose bytes differ, and the tile that shows it.
 */
export const verifyTiles = async (
  client: TileClient,
  options: { pinnedKey?: string; onProgress?: (done: number, total: number) => void } = {},
) => {
  const opened = await openCheckpoint(client, options.pinnedKey);
  const { size, root } = opened.checkpoint;
  const fetched = async (path: string) => {
    try {
      return await client.get(path);
    } catch (error) {
      throw new VerificationFailed(`${path} cannot be read: ${(error as Error).message}`);
    }
  };
  const builder = new RootBuilder();
  // The root of each full level-0 tile: what the level-1 tiles must hold, and so on up.
  let below: Uint8Array[] = [];
  let differs: string | undefined;
  const chains = new AnchorChains();
  let broken: string | undefined;
  for (const bundle of entryBundles(size)) {
    const tile = hashTilesAt(size, 0)[bundle.n]!;
    const [tileBytes, bundleBytes] = await Promise.all([fetched(tile.path), fetched(bundle.path)]);
    const hashes = tileHashes(tileBytes, tile.width, tile.path);
    const entries = decodeEntryBundle(bundleBytes, bundle.path);
    if (entries.length !== bundle.width) {
      throw new VerificationFailed(`${bundle.path} holds ${entries.length} entries, not ${bundle.width}.`);
    }
    for (const [i, bytes] of entries.entries()) {
      const index = bundle.n * TILE_WIDTH + i;
      if (!differs && !(declaresIndex(bytes, index) && sameHash(leafHash(bytes), hashes[i]!))) {
        differs =
          `Entry ${index} differs from what the signed tree holds: its bytes in ${bundle.path} ` +
          `do not hash to hash ${i} of ${tile.path}` +
          (index > 0 ? ` (entries 0–${index - 1} are proven as signed).` : '.');
      }
      // Only over bytes proven so far: a changed entry is reported as such, not as a broken chain.
      if (!differs) broken ??= chains.check(index, bytes);
      builder.append(hashes[i]!);
    }
    if (tile.width === TILE_WIDTH) below.push(rootOf(hashes));
    options.onProgress?.(bundle.n * TILE_WIDTH + bundle.width, size);
  }
  if (!sameHash(builder.root(), root)) {
    throw new VerificationFailed(`The ${size} hashes of the level-0 tiles do not hash to the signed root.`);
  }
  if (differs) throw new VerificationFailed(differs);
  if (broken) throw new VerificationFailed(broken);
  for (let level = 1; below.length > 0; level++) {
    const above: Uint8Array[] = [];
    for (const tile of hashTilesAt(size, level)) {
      const hashes = tileHashes(await fetched(tile.path), tile.width, tile.path);
      hashes.forEach((hash, i) => {
        if (!sameHash(hash, below[tile.n * TILE_WIDTH + i]!)) {
          throw new VerificationFailed(`Hash ${i} of ${tile.path} is not the root of the tile below it.`);
        }
      });
      if (tile.width === TILE_WIDTH) above.push(rootOf(hashes));
    }
    below = above;
  }
  return opened;
};
