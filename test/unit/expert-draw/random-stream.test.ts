import fc from 'fast-check';
import { randomStream, streamFromBlocks } from '../../../packages/expert-draw/random-stream';
import { referenceBlocks, referenceUniform, valuesOf } from './reference-draw';

const TWO_32 = 2 ** 32;

/** Blocks made of the given 64-bit values, four per block, then zeros. */
const blocksOf = (values: bigint[]): (() => Uint8Array) => {
  const bytes = Buffer.alloc(Math.ceil(values.length / 4) * 32 + 32 * 8);
  values.forEach((value, i) => bytes.writeBigUInt64BE(value, i * 8));
  let next = 0;
  return () => bytes.subarray(32 * next, 32 * ++next);
};

const MAX = 2n ** 64n - 1n;

// Values near 2^64 − 1, where rejection happens; uniform values almost never get there.
const anyValue = fc.oneof(fc.bigInt({ min: 0n, max: MAX }), fc.bigInt({ min: MAX - 2n ** 33n, max: MAX }));
const anyM = fc.oneof(
  fc.integer({ min: 1, max: 1000 }),
  fc.integer({ min: 1, max: TWO_32 }),
  fc.integer({ min: TWO_32 - 1000, max: TWO_32 }),
  fc.integer({ min: 2 ** 31 - 1000, max: 2 ** 31 + 1000 }),
);

describe('uniform(m)', () => {
  it('agrees with a BigInt transcription of the spec, including the values it discards', () => {
    fc.assert(
      fc.property(
        fc.array(anyValue, { minLength: 1, maxLength: 24 }),
        fc.array(anyM, { minLength: 1, maxLength: 12 }),
        (values, ms) => {
          const fast = streamFromBlocks(blocksOf(values));
          const next = valuesOf(blocksOf(values));
          for (const m of ms) expect(fast.uniform(m)).toBe(referenceUniform(next, m));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('discards a value at or above 2^64 − (2^64 mod m) and takes the next', () => {
    // 2^64 mod 3 = 1, so only 2^64 − 1 is discarded; 2^64 mod (2^31 + 1) = 4.
    const stream = streamFromBlocks(blocksOf([MAX, 7n, MAX - 3n, MAX - 4n]));
    expect(stream.uniform(3)).toBe(1);
    expect(stream.uniform(2 ** 31 + 1)).toBe(Number((MAX - 4n) % BigInt(2 ** 31 + 1)));
  });

  it('never discards when m divides 2^64, and still consumes a value for m = 1', () => {
    const stream = streamFromBlocks(blocksOf([MAX, MAX, 5n]));
    expect(stream.uniform(1)).toBe(0);
    expect(stream.uniform(TWO_32)).toBe(TWO_32 - 1);
    expect(stream.uniform(2)).toBe(1);
  });

  it('is always below m', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), anyM, (seed, m) => {
        const stream = randomStream(Buffer.from(seed).toString('hex'));
        for (let i = 0; i < 9; i++) {
          const r = stream.uniform(m);
          expect(Number.isInteger(r) && r >= 0 && r < m).toBe(true);
        }
      }),
    );
  });

  it.each([0, -1, 1.5, TWO_32 + 1, Number.NaN])('refuses m = %p', (m) => {
    expect(() => randomStream('00'.repeat(32)).uniform(m)).toThrow(RangeError);
  });
});

describe('the random stream of a seed', () => {
  it('reads SHA-256(seed || uint64_be(i)) blocks in order, four values each', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.array(anyM, { maxLength: 20 }),
        (seed, ms) => {
          const stream = randomStream(Buffer.from(seed).toString('hex'));
          const next = valuesOf(referenceBlocks(Buffer.from(seed)));
          for (const m of ms) expect(stream.uniform(m)).toBe(referenceUniform(next, m));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a seed that is not 32 bytes of hex', () => {
    expect(() => randomStream('00'.repeat(31))).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});
