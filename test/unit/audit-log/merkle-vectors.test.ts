/**
 * Known answers for the RFC 6962/9162 Merkle tree, from the test tree every Certificate
 * Transparency implementation shares: eight leaves, "" to 0x60…6f.
 *
 * - Leaf, node and root hashes: transparency-dev/merkle testonly/constants.go
 *   (LeafInputs, NodeHashes, RootHashes), commit 417fb0c314750d94e53942e9f92e79b6d35915db.
 * - Inclusion and consistency proofs: transparency-dev/merkle proof/verify_test.go at
 *   commit 022f84c (inclusionProofs, consistencyProofs; leaf numbers there are 1-based).
 * - Probes, including corrupted proofs: transparency-dev/merkle testdata/inclusion and
 *   testdata/consistency at 417fb0c, copied into vectors/transparency-dev-merkle-probes.json.
 */
import { InvalidProofError } from '../../../packages/audit-log/errors';
import { emptyTreeHash, leafHash } from '../../../packages/audit-log/hash';
import { MemoryHashStore } from '../../../packages/audit-log/memory-hash-store';
import { proveRecord, proveTree, treeHash } from '../../../packages/audit-log/proofs';
import { RootBuilder } from '../../../packages/audit-log/root-builder';
import { storedHashIndex } from '../../../packages/audit-log/stored-hashes';
import { checkRecord, checkTree } from '../../../packages/audit-log/verify';
import probes from './vectors/transparency-dev-merkle-probes.json';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const unhex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));
const unbase64 = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'base64'));

const leafInputs = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];

/** NodeHashes()[level][index]: every complete subtree of the 8-leaf tree. */
const nodeHashes = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ],
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ],
  [
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
  ],
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
];

/** RootHashes()[size] for sizes 0…8. */
const roots = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const inclusionProofs = [
  { n: 0, t: 1, proof: [] },
  {
    n: 0,
    t: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    n: 5,
    t: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { n: 2, t: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    n: 1,
    t: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];

const consistencyProofs = [
  { n: 1, t: 1, proof: [] },
  {
    n: 1,
    t: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    n: 6,
    t: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    n: 2,
    t: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    n: 6,
    t: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

const rootOf = (size: number): Uint8Array => unhex(roots[size] as string);

const testTree = async (): Promise<MemoryHashStore> => {
  const store = new MemoryHashStore();
  for (const input of leafInputs) await store.append(leafHash(unhex(input)));
  return store;
};

describe('the RFC 6962 test tree', () => {
  it('has SHA-256 of the empty string as the empty root', () => {
    expect(hex(emptyTreeHash())).toBe(roots[0]);
  });

  it('hashes the eight leaves with the 0x00 prefix', () => {
    expect(leafInputs.map((input) => hex(leafHash(unhex(input))))).toEqual(nodeHashes[0]);
  });

  it('stores every complete subtree hash at its stored index', async () => {
    const store = await testTree();

    const stored = await store.readHashes(
      nodeHashes.flatMap((level, l) => level.map((_, k) => storedHashIndex(l, k))),
    );

    expect(stored.map(hex)).toEqual(nodeHashes.flat());
  });

  it('computes the root of every size from stored hashes', async () => {
    const store = await testTree();

    const computed = await Promise.all(roots.map((_, size) => treeHash(size, store.readHashes)));

    expect(computed.map(hex)).toEqual(roots);
  });

  it('computes the root of every size when streaming the leaves', () => {
    const builder = new RootBuilder();
    const computed = [hex(builder.root())];
    for (const input of leafInputs) {
      builder.append(leafHash(unhex(input)));
      computed.push(hex(builder.root()));
    }

    expect(computed).toEqual(roots);
  });

  it.each(inclusionProofs)('proves and accepts record $n in the tree of size $t', async ({ n, t, proof }) => {
    const store = await testTree();

    const proved = await proveRecord(t, n, store.readHashes);

    expect(proved.map(hex)).toEqual(proof);
    expect(() =>
      checkRecord(proof.map(unhex), t, rootOf(t), n, unhex(nodeHashes[0]?.[n] as string)),
    ).not.toThrow();
  });

  it.each(consistencyProofs)(
    'proves and accepts that size $n is a prefix of size $t',
    async ({ n, t, proof }) => {
      const store = await testTree();

      const proved = await proveTree(t, n, store.readHashes);

      expect(proved.map(hex)).toEqual(proof);
      expect(() => checkTree(proof.map(unhex), t, rootOf(t), n, rootOf(n))).not.toThrow();
    },
  );
});

describe('the transparency-dev/merkle verification probes', () => {
  // Upstream accepts this probe because it never checks a root's length; we refuse any
  // "hash" that is not 32 bytes, and its roots are the 15-byte string "don't care 2".
  const refusedForShortHashes = 'consistency/additional/sizes-are-equal-one-and-proof-is-empty.json';

  const outcome = (verify: () => void): string => {
    try {
      verify();
      return 'accepted';
    } catch (error) {
      if (error instanceof InvalidProofError) return 'refused';
      throw error;
    }
  };

  it.each(probes.inclusion)('inclusion $file: $desc', (probe) => {
    const verify = () =>
      checkRecord(
        (probe.proof ?? []).map(unbase64),
        probe.treeSize,
        unbase64(probe.root),
        probe.leafIdx,
        unbase64(probe.leafHash),
      );

    expect(outcome(verify)).toBe(probe.wantErr ? 'refused' : 'accepted');
  });

  it.each(probes.consistency)('consistency $file: $desc', (probe) => {
    const verify = () =>
      checkTree(
        (probe.proof ?? []).map(unbase64),
        probe.size2,
        unbase64(probe.root2),
        probe.size1,
        unbase64(probe.root1),
      );

    const expected = probe.wantErr || probe.file === refusedForShortHashes ? 'refused' : 'accepted';
    expect(outcome(verify)).toBe(expected);
  });
});

describe('refusals', () => {
  const proof8 = (inclusionProofs[2]?.proof ?? []).map(unhex);
  const leaf5 = unhex(nodeHashes[0]?.[5] as string);
  const consistency68 = (consistencyProofs[2]?.proof ?? []).map(unhex);

  it.each([
    [
      'an extra hash',
      () => checkRecord([...proof8, rootOf(8)], 8, rootOf(8), 5, leaf5),
      'proof',
      /more hashes/,
    ],
    [
      'a missing hash',
      () => checkRecord(proof8.slice(0, 2), 8, rootOf(8), 5, leaf5),
      'proof',
      /fewer hashes/,
    ],
    ['another root', () => checkRecord(proof8, 8, rootOf(7), 5, leaf5), 'root', /does not lead/],
    ['an index at the size', () => checkRecord(proof8, 8, rootOf(8), 8, leaf5), 'n', /cannot be in/],
    [
      'a short proof node',
      () => checkRecord([...proof8.slice(0, 2), new Uint8Array(31)], 8, rootOf(8), 5, leaf5),
      'proof.2',
      /32-byte/,
    ],
    ['a negative size', () => checkRecord(proof8, -8, rootOf(8), 5, leaf5), 't', /whole number/],
  ])('name the argument at fault for an inclusion proof with %s', (_, check, field, message) => {
    expect(check).toThrow(
      expect.objectContaining({ details: { field }, message: expect.stringMatching(message) }),
    );
  });

  it.each([
    [
      'an extra hash',
      () => checkTree([...consistency68, rootOf(8)], 8, rootOf(8), 6, rootOf(6)),
      'proof',
      /more hashes/,
    ],
    [
      'a missing hash',
      () => checkTree(consistency68.slice(0, 2), 8, rootOf(8), 6, rootOf(6)),
      'proof',
      /fewer hashes/,
    ],
    ['an empty proof', () => checkTree([], 8, rootOf(8), 4, rootOf(4)), 'proof', /non-empty/],
    ['another old root', () => checkTree(consistency68, 8, rootOf(8), 6, rootOf(5)), 'rootN', /size 6/],
    ['another new root', () => checkTree(consistency68, 8, rootOf(7), 6, rootOf(6)), 'rootT', /size 8/],
    ['swapped sizes', () => checkTree(consistency68, 6, rootOf(8), 8, rootOf(6)), 'n', /cannot be a prefix/],
    ['an empty old tree', () => checkTree([], 8, rootOf(8), 0, rootOf(0)), 'n', /empty tree/],
  ])('name the argument at fault for a consistency proof with %s', (_, check, field, message) => {
    expect(check).toThrow(
      expect.objectContaining({ details: { field }, message: expect.stringMatching(message) }),
    );
  });
});
