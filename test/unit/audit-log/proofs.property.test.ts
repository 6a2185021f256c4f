import fc from 'fast-check';
import { InvalidProofError } from '../../../packages/audit-log/errors';
import { MemoryHashStore } from '../../../packages/audit-log/memory-hash-store';
import { proveRecord, proveTree, treeHash } from '../../../packages/audit-log/proofs';
import { RootBuilder } from '../../../packages/audit-log/root-builder';
import { checkRecord, checkTree } from '../../../packages/audit-log/verify';
import { rfcLeafHash, rfcPath, rfcProof, rfcRoot } from './rfc9162-reference';

const MAX_SIZE = 300;
/** Every pair of sizes is checked up to here; beyond it, up to MAX_SIZE, they are sampled. */
const EXHAUSTIVE_SIZE = 128;
const leaves = Array.from({ length: MAX_SIZE }, (_, i) => rfcLeafHash(Buffer.from(`audit entry ${i}`)));
const naiveRoots = Array.from({ length: MAX_SIZE + 1 }, (_, size) => rfcRoot(leaves.slice(0, size)));
const leafAt = (n: number): Uint8Array => leaves[n] as Uint8Array;
const rootAt = (size: number): Uint8Array => naiveRoots[size] as Uint8Array;
const hex = (hashes: Uint8Array[]): string[] => hashes.map((hash) => Buffer.from(hash).toString('hex'));

let store: MemoryHashStore;
beforeAll(async () => {
  store = new MemoryHashStore();
  for (const leaf of leaves) await store.append(leaf);
});

/** A tree size t ≤ 300 and a record n < t. */
const recordInTree = fc
  .integer({ min: 1, max: MAX_SIZE })
  .chain((t) => fc.record({ t: fc.constant(t), n: fc.integer({ min: 0, max: t - 1 }) }));

/** Sizes 1 ≤ n ≤ t ≤ 300. */
const prefixOfTree = fc
  .integer({ min: 1, max: MAX_SIZE })
  .chain((t) => fc.record({ t: fc.constant(t), n: fc.integer({ min: 1, max: t }) }));

const flipBit = (hash: Uint8Array, bit: number): Uint8Array => {
  const copy = Uint8Array.from(hash);
  const byte = Math.floor(bit / 8) % copy.length;
  copy[byte] = (copy[byte] as number) ^ (1 << (bit % 8));
  return copy;
};

const refused = (verify: () => void): boolean => {
  try {
    verify();
    return false;
  } catch (error) {
    if (error instanceof InvalidProofError) return true;
    throw error;
  }
};

describe('roots', () => {
  it('from stored hashes equal the naive root for every size up to 300', async () => {
    const roots = await Promise.all(naiveRoots.map((_, size) => treeHash(size, store.readHashes)));

    expect(hex(roots)).toEqual(hex(naiveRoots));
  });

  it('from the streaming builder equal the naive root for every size up to 300', () => {
    const builder = new RootBuilder();
    const roots = [builder.root()];
    for (const leaf of leaves) {
      builder.append(leaf);
      roots.push(builder.root());
    }

    expect(builder.size).toBe(MAX_SIZE);
    expect(hex(roots)).toEqual(hex(naiveRoots));
  });
});

describe('inclusion proofs', () => {
  it(`verify for every record of every tree up to ${EXHAUSTIVE_SIZE}`, async () => {
    const failures: string[] = [];
    for (let t = 1; t <= EXHAUSTIVE_SIZE; t++) {
      for (let n = 0; n < t; n++) {
        const proof = await proveRecord(t, n, store.readHashes);
        if (refused(() => checkRecord(proof, t, rootAt(t), n, leafAt(n)))) failures.push(`${n} in ${t}`);
      }
    }

    expect(failures).toEqual([]);
  });

  it('up to 300 are the RFC audit path and verify against the naive root', async () => {
    await fc.assert(
      fc.asyncProperty(recordInTree, async ({ t, n }) => {
        const proof = await proveRecord(t, n, store.readHashes);

        expect(hex(proof)).toEqual(hex(rfcPath(n, leaves.slice(0, t))));
        expect(refused(() => checkRecord(proof, t, rootAt(t), n, leafAt(n)))).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('are refused after any single-bit change to a proof node, the root or the leaf', async () => {
    await fc.assert(
      fc.asyncProperty(recordInTree, fc.nat(), fc.nat({ max: 255 }), async ({ t, n }, which, bit) => {
        const proof = await proveRecord(t, n, store.readHashes);
        const target = which % (proof.length + 2);
        const tampered = proof.map((hash, i) => (i === target ? flipBit(hash, bit) : hash));
        const root = target === proof.length ? flipBit(rootAt(t), bit) : rootAt(t);
        const leaf = target === proof.length + 1 ? flipBit(leafAt(n), bit) : leafAt(n);

        expect(refused(() => checkRecord(tampered, t, root, n, leaf))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('are refused when moved, resized, cut, padded or given another root', async () => {
    await fc.assert(
      fc.asyncProperty(recordInTree, async ({ t, n }) => {
        const proof = await proveRecord(t, n, store.readHashes);
        const root = rootAt(t);
        const leaf = leafAt(n);
        const other = rootAt(t - 1);
        const attempts: [string, () => void][] = [
          ['index − 1', () => checkRecord(proof, t, root, n - 1, leaf)],
          ['index + 1', () => checkRecord(proof, t, root, n + 1, leaf)],
          ['index ^ 2', () => checkRecord(proof, t, root, n ^ 2, leaf)],
          ['size × 2', () => checkRecord(proof, t * 2, root, n, leaf)],
          ['size ÷ 2', () => checkRecord(proof, Math.floor(t / 2), root, n, leaf)],
          ['another leaf', () => checkRecord(proof, t, root, n, leafAt((n + 1) % MAX_SIZE))],
          ['the previous root', () => checkRecord(proof, t, other, n, leaf)],
          ['a trailing root', () => checkRecord([...proof, root], t, root, n, leaf)],
          ['a preceding root', () => checkRecord([root, ...proof], t, root, n, leaf)],
          ['a trailing short hash', () => checkRecord([...proof, new Uint8Array(0)], t, root, n, leaf)],
          ['the last node removed', () => checkRecord(proof.slice(0, -1), t, root, n, leaf)],
          [
            'a node inserted',
            () => checkRecord([...proof.slice(0, 1), other, ...proof.slice(1)], t, root, n, leaf),
          ],
        ];
        const accepted = attempts
          .filter(([name]) => proof.length > 0 || !['the last node removed'].includes(name))
          .filter(([, attempt]) => !refused(attempt))
          .map(([name]) => name);

        expect(accepted).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('consistency proofs', () => {
  it(`verify for every pair of sizes up to ${EXHAUSTIVE_SIZE}`, async () => {
    const failures: string[] = [];
    for (let t = 1; t <= EXHAUSTIVE_SIZE; t++) {
      for (let n = 1; n <= t; n++) {
        const proof = await proveTree(t, n, store.readHashes);
        if (refused(() => checkTree(proof, t, rootAt(t), n, rootAt(n)))) failures.push(`${n} to ${t}`);
      }
    }

    expect(failures).toEqual([]);
  });

  it('up to 300 are the RFC consistency proof and verify against the naive roots', async () => {
    await fc.assert(
      fc.asyncProperty(prefixOfTree, async ({ t, n }) => {
        const proof = await proveTree(t, n, store.readHashes);

        expect(hex(proof)).toEqual(hex(rfcProof(n, leaves.slice(0, t))));
        expect(refused(() => checkTree(proof, t, rootAt(t), n, rootAt(n)))).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('are refused after any single-bit change to a proof node or either root', async () => {
    await fc.assert(
      fc.asyncProperty(prefixOfTree, fc.nat(), fc.nat({ max: 255 }), async ({ t, n }, which, bit) => {
        const proof = await proveTree(t, n, store.readHashes);
        const target = which % (proof.length + 2);
        const tampered = proof.map((hash, i) => (i === target ? flipBit(hash, bit) : hash));
        const rootT = target === proof.length ? flipBit(rootAt(t), bit) : rootAt(t);
        const rootN = target === proof.length + 1 ? flipBit(rootAt(n), bit) : rootAt(n);

        expect(refused(() => checkTree(tampered, t, rootT, n, rootN))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('are refused with other sizes, swapped sizes or roots, or cut and padded', async () => {
    await fc.assert(
      fc.asyncProperty(prefixOfTree, async ({ t, n }) => {
        const proof = await proveTree(t, n, store.readHashes);
        const [rootT, rootN] = [rootAt(t), rootAt(n)];
        const attempts: [string, () => void][] = [
          ['old size − 1', () => checkTree(proof, t, rootT, n - 1, rootN)],
          ['old size + 1', () => checkTree(proof, t, rootT, n + 1, rootN)],
          ['new size × 2', () => checkTree(proof, t * 2, rootT, n, rootN)],
          ['new size ÷ 2', () => checkTree(proof, Math.floor(t / 2), rootT, n, rootN)],
          ['swapped sizes', () => checkTree(proof, n, rootT, t, rootN)],
          ['swapped roots', () => checkTree(proof, t, rootN, n, rootT)],
          ['a trailing root', () => checkTree([...proof, rootT], t, rootT, n, rootN)],
          ['a preceding root', () => checkTree([rootN, ...proof], t, rootT, n, rootN)],
          ['the last node removed', () => checkTree(proof.slice(0, -1), t, rootT, n, rootN)],
          ['a trailing short hash', () => checkTree([...proof, new Uint8Array(0)], t, rootT, n, rootN)],
        ];
        // With equal sizes and roots, swapping changes nothing and there is no node to remove.
        const meaningless = n === t ? ['swapped sizes', 'swapped roots', 'the last node removed'] : [];
        const accepted = attempts
          .filter(([name]) => !meaningless.includes(name))
          .filter(([, attempt]) => !refused(attempt))
          .map(([name]) => name);

        expect(accepted).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
