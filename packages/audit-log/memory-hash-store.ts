import { DomainError } from '../kernel';
import { type HashReader, storedHashesForRecord } from './stored-hashes';

/**
 * Stored hashes held in memory, indexed as in the database: for tests, and for the
 * offline verifier, which rebuilds the tree from a downloaded log to produce and check
 * proofs without the platform.
 */
export class MemoryHashStore {
  readonly #hashes: Uint8Array[] = [];
  #records = 0;

  /** How many records have been appended. */
  get size(): number {
    return this.#records;
  }

  /** Reads stored hashes by index; pass it wherever a {@link HashReader} is wanted. */
  readonly readHashes: HashReader = async (indexes) =>
    indexes.map((index) => {
      const hash = this.#hashes[index];
      if (!hash) {
        throw new DomainError(
          'NOT_FOUND',
          `Stored hash ${index} does not exist; the store holds ${this.#hashes.length}.`,
        );
      }
      return hash;
    });

  /** Appends the next record's leaf hash and the subtree hashes it completes; returns its index. */
  async append(leafHash: Uint8Array): Promise<number> {
    const record = this.#records;
    const hashes = await storedHashesForRecord(record, leafHash, this.readHashes);
    // Two appends must not interleave, as a conditional write refuses them in the database.
    if (this.#records !== record) {
      throw new DomainError(
        'CONFLICT',
        `Record ${record} was appended concurrently; append one record at a time.`,
      );
    }
    this.#hashes.push(...hashes);
    this.#records += 1;
    return record;
  }
}
