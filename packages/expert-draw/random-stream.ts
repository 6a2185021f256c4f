import { createHash } from 'node:crypto';
import { bytes32 } from './secrets';

/** The spec's random stream, consumed one unbiased index at a time. */
export interface RandomStream {
  /**
   * An integer in `[0, m)`, for an integer `1 ≤ m ≤ 2^32` (a pool index never needs more):
   * the next 64-bit value `x`, discarded while `x ≥ 2^64 − (2^64 mod m)`, then `x mod m`.
   */
  uniform(m: number): number;
}

const TWO_32 = 2 ** 32;
const BLOCK_BYTES = 32;

/**
 * `(high·2^32 + low) mod m`, exact in doubles: every intermediate stays below 2^48,
 * far inside the 2^53 of exact integers, so no BigInt is needed in the draw's loop.
 */
const mod64 = (high: number, low: number, m: number): number => {
  const top = ((high % m) * 0x1_0000 + (low >>> 16)) % m;
  return (top * 0x1_0000 + (low & 0xffff)) % m;
};

/**
 * A stream over the 32-byte blocks `nextBlock` returns, each read as four unsigned 64-bit
 * big-endian values. `randomStream` feeds it SHA-256 blocks; tests feed it chosen ones.
 */
export const streamFromBlocks = (nextBlock: () => Uint8Array): RandomStream => {
  // Starts as if a block were used up, so the first value asks for block 0.
  let view: DataView = new DataView(new ArrayBuffer(BLOCK_BYTES));
  let offset = BLOCK_BYTES;
  return {
    uniform(m) {
      if (!Number.isInteger(m) || m < 1 || m > TWO_32) {
        throw new RangeError(`uniform(m) needs an integer 1 ≤ m ≤ 2^32, got ${m}`);
      }
      // 2^64 mod m, by four exact steps of 2^16.
      let rest = 1 % m;
      for (let step = 0; step < 4; step++) rest = (rest * 0x1_0000) % m;
      for (;;) {
        if (offset === BLOCK_BYTES) {
          const block = nextBlock();
          if (block.length !== BLOCK_BYTES) {
            throw new RangeError(`a block must be 32 bytes, got ${block.length}`);
          }
          view = new DataView(block.buffer, block.byteOffset, BLOCK_BYTES);
          offset = 0;
        }
        const high = view.getUint32(offset);
        const low = view.getUint32(offset + 4);
        offset += 8;
        // With 0 < rest < m ≤ 2^32, the limit 2^64 − rest has high word 2^32 − 1 and low word 2^32 − rest.
        if (rest !== 0 && high === TWO_32 - 1 && low >= TWO_32 - rest) continue;
        return mod64(high, low, m);
      }
    },
  };
};

/** The stream of a draw: `block(i) = SHA-256(seed || uint64_be(i))` for i = 0, 1, 2, … */
export const randomStream = (seed: string): RandomStream => {
  const input = Buffer.alloc(BLOCK_BYTES + 8);
  bytes32(seed, 'seed').copy(input);
  let counter = 0;
  return streamFromBlocks(() => {
    input.writeUInt32BE(Math.floor(counter / TWO_32), BLOCK_BYTES);
    input.writeUInt32BE(counter % TWO_32, BLOCK_BYTES + 4);
    counter += 1;
    return createHash('sha256').update(input).digest();
  });
};
