import { DomainError } from '../../../packages/kernel/errors';
import { leafHash } from '../../../packages/audit-log/hash';
import { MemoryHashStore } from '../../../packages/audit-log/memory-hash-store';
import { proveRecord, proveTree, treeHash } from '../../../packages/audit-log/proofs';
import {
  type HashReader,
  splitStoredHashIndex,
  storedHashCount,
  storedHashIndex,
  storedHashesForBatch,
  storedHashesForRecord,
} from '../../../packages/audit-log/stored-hashes';

/**
 * golang.org/x/mod/sumdb/tlog's StoredHashIndex as its doc comment states it: level L's
 * n-th hash follows level L+1's (2n+1)-th, and level 0's n-th sits at n + n/2 + n/4 + ….
 * Written out here as an oracle, so the closed form in the package must agree with it.
 */
const tlogStoredHashIndex = (level: number, n: number): number => {
  let m = n;
  for (let l = level; l > 0; l--) m = 2 * m + 1;
  let index = 0;
  for (; m > 0; m = Math.floor(m / 2)) index += m;
  return index + level;
};

const leafOf = (i: number): Uint8Array => leafHash(Buffer.from(`record ${i}`));

const storeOf = async (size: number): Promise<MemoryHashStore> => {
  const store = new MemoryHashStore();
  for (let i = 0; i < size; i++) await store.append(leafOf(i));
  return store;
};

/** Wraps a reader to record every call it receives. */
const counting = (read: HashReader) => {
  const calls: number[][] = [];
  const reader: HashReader = (indexes) => {
    calls.push(indexes);
    return read(indexes);
  };
  return { reader, calls };
};

describe('stored hash numbering', () => {
  it('lays out the first records as leaf, then the subtrees each one completes', () => {
    const layout = Array.from({ length: 11 }, (_, index) => splitStoredHashIndex(index));

    expect(layout).toEqual([
      { level: 0, n: 0 },
      { level: 0, n: 1 },
      { level: 1, n: 0 },
      { level: 0, n: 2 },
      { level: 0, n: 3 },
      { level: 1, n: 1 },
      { level: 2, n: 0 },
      { level: 0, n: 4 },
      { level: 0, n: 5 },
      { level: 1, n: 2 },
      { level: 0, n: 6 },
    ]);
  });

  it('numbers subtrees as sumdb/tlog does', () => {
    const disagreements: string[] = [];
    for (let level = 0; level <= 12; level++) {
      for (let n = 0; n < 600; n++) {
        if (storedHashIndex(level, n) !== tlogStoredHashIndex(level, n)) disagreements.push(`${level},${n}`);
      }
    }

    expect(disagreements).toEqual([]);
  });

  it('numbers subtrees as sumdb/tlog does far beyond 32 bits', () => {
    const cases = [
      [0, 2 ** 40 + 12345],
      [7, 2 ** 35 - 1],
      [20, 987_654_321],
      [45, 3],
    ] as const;

    for (const [level, n] of cases) expect(storedHashIndex(level, n)).toBe(tlogStoredHashIndex(level, n));
  });

  it('splits every index back into the subtree it was made from', () => {
    const indexes = Array.from({ length: 5000 }, (_, index) => index);

    const roundTrips = indexes.map((index) => {
      const { level, n } = splitStoredHashIndex(index);
      return storedHashIndex(level, n);
    });

    expect(roundTrips).toEqual(indexes);
    const big = storedHashIndex(17, 2 ** 30 + 5);
    expect(splitStoredHashIndex(big)).toEqual({ level: 17, n: 2 ** 30 + 5 });
  });

  it('counts the hashes stored for n records', async () => {
    const store = new MemoryHashStore();
    for (let n = 1; n <= 64; n++) {
      const before = storedHashCount(n - 1);
      const hashes = await storedHashesForRecord(n - 1, leafOf(n - 1), store.readHashes);
      await store.append(leafOf(n - 1));
      expect(storedHashCount(n)).toBe(before + hashes.length);
    }
    expect([0, 1, 2, 3, 4, 8, 1000].map(storedHashCount)).toEqual([0, 1, 3, 4, 7, 15, 1994]);
  });

  it.each([
    ['a negative level', () => storedHashIndex(-1, 0), 'level'],
    ['a fractional index', () => splitStoredHashIndex(1.5), 'index'],
    ['a subtree past 2^53', () => storedHashIndex(60, 2 ** 10), 'level'],
    ['an unsafe count', () => storedHashCount(2 ** 53), 'n'],
  ])('refuses %s', (_, call, field) => {
    expect(call).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', details: { field } }));
  });
});

describe('appending a record', () => {
  it('stores only the leaf for an even record, without reading', async () => {
    const store = await storeOf(6);
    const { reader, calls } = counting(store.readHashes);

    const hashes = await storedHashesForRecord(6, leafOf(6), reader);

    expect(hashes).toHaveLength(1);
    expect(calls).toEqual([]);
  });

  it('reads the left siblings in one call when the record completes subtrees', async () => {
    const store = await storeOf(7);
    const { reader, calls } = counting(store.readHashes);

    const hashes = await storedHashesForRecord(7, leafOf(7), reader);

    // Record 7 completes subtrees at levels 1, 2 and 3.
    expect(hashes).toHaveLength(4);
    expect(calls).toEqual([[storedHashIndex(0, 6), storedHashIndex(1, 2), storedHashIndex(2, 0)]]);
  });

  it('refuses a leaf hash that is not 32 bytes', async () => {
    const store = new MemoryHashStore();

    await expect(store.append(new Uint8Array(31))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'leafHash' },
    });
  });

  it('refuses two appends that race for the same record', async () => {
    const store = await storeOf(3);

    const results = await Promise.allSettled([store.append(leafOf(3)), store.append(leafOf(3))]);

    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(store.size).toBe(4);
  });
});

describe('reads from the store', () => {
  const log2 = (n: number) => Math.ceil(Math.log2(n + 1));

  it('computes any root, inclusion or consistency proof with one read of O(log n) hashes', async () => {
    const size = 1000;
    const store = await storeOf(size);
    const bound = (t: number) => 2 * log2(t) + 1;

    for (const t of [1, 2, 3, 7, 8, 9, 255, 256, 257, 511, 640, 999, 1000]) {
      const root = counting(store.readHashes);
      await treeHash(t, root.reader);
      expect(root.calls).toHaveLength(1);
      expect(root.calls[0]?.length).toBeLessThanOrEqual(log2(t));

      for (const n of [0, 1, Math.floor(t / 3), t - 1].filter((n) => n < t)) {
        const inclusion = counting(store.readHashes);
        await proveRecord(t, n, inclusion.reader);
        expect(inclusion.calls.length).toBeLessThanOrEqual(1);
        expect(inclusion.calls.flat().length).toBeLessThanOrEqual(bound(t));
      }
      for (const n of [1, 2, Math.ceil(t / 3), t - 1, t].filter((n) => n >= 1 && n <= t)) {
        const consistency = counting(store.readHashes);
        await proveTree(t, n, consistency.reader);
        expect(consistency.calls.length).toBeLessThanOrEqual(1);
        expect(consistency.calls.flat().length).toBeLessThanOrEqual(bound(t));
      }
    }
  });

  it('fails loudly when the store returns fewer hashes than asked', async () => {
    const store = await storeOf(5);
    const short: HashReader = async (indexes) => (await store.readHashes(indexes)).slice(1);

    await expect(treeHash(5, short)).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('reports a stored hash the memory store does not hold', async () => {
    const store = await storeOf(2);

    await expect(store.readHashes([3])).rejects.toBeInstanceOf(DomainError);
    await expect(treeHash(3, store.readHashes)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('proof parameters', () => {
  it.each([
    ['an index at the tree size', () => proveRecord(5, 5, async () => []), 'n'],
    ['an index past the tree size', () => proveRecord(5, 9, async () => []), 'n'],
    ['a negative tree size', () => proveRecord(-1, 0, async () => []), 't'],
    ['a fractional index', () => proveRecord(4, 0.5, async () => []), 'n'],
    ['a consistency proof from size 0', () => proveTree(5, 0, async () => []), 'n'],
    ['a consistency proof to a smaller tree', () => proveTree(3, 5, async () => []), 'n'],
    ['a root of a negative size', () => treeHash(-2, async () => []), 'n'],
  ])('refuses %s', async (_, call, field) => {
    await expect(call()).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field } });
  });
});

describe('appending a batch', () => {
  it('stores exactly what appending its records one by one stores, reading each older hash once', async () => {
    for (const [before, count] of [
      [0, 1],
      [0, 16],
      [5, 11],
      [7, 1],
      [31, 33],
      [64, 3],
    ] as const) {
      const oneByOne = await storeOf(before + count);
      const older = await storeOf(before);
      const { reader, calls } = counting(older.readHashes);
      const leaves = Array.from({ length: count }, (_, i) => leafOf(before + i));
      const batch = await storedHashesForBatch(before, leaves, reader);
      const expected = await oneByOne.readHashes(
        Array.from(
          { length: storedHashCount(before + count) - storedHashCount(before) },
          (_, i) => storedHashCount(before) + i,
        ),
      );
      expect(batch.map((h) => Buffer.from(h).toString('hex'))).toEqual(
        expected.map((h) => Buffer.from(h).toString('hex')),
      );
      const read = calls.flat();
      expect(new Set(read).size).toBe(read.length);
      expect(read.every((index) => index < storedHashCount(before))).toBe(true);
    }
  });
});
