import { half, isOdd } from './bits';
import { requireHash } from './errors';
import { emptyTreeHash, nodeHash } from './hash';

/**
 * Recomputes a log's root from its leaf hashes in one pass, holding only the roots of
 * the complete subtrees seen so far (one per 1 bit of the size, so O(log n) memory):
 * how the offline verifier checks a checkpoint against a full copy of the log.
 */
export class RootBuilder {
  /** Roots of the complete subtrees covering the leaves so far, largest (leftmost) first. */
  readonly #subtrees: Uint8Array[] = [];
  #size = 0;

  /** How many leaves have been appended. */
  get size(): number {
    return this.#size;
  }

  /** Appends the next leaf hash. */
  append(leafHash: Uint8Array): void {
    requireHash(leafHash, 'leafHash');
    let hash = leafHash;
    // Each trailing 1 bit of the old size is a subtree of the same height as the one the
    // new leaf completes: merge them, smallest first.
    for (let size = this.#size; isOdd(size); size = half(size)) {
      hash = nodeHash(this.#subtrees.pop() as Uint8Array, hash);
    }
    this.#subtrees.push(hash);
    this.#size += 1;
  }

  /** The root hash of the leaves appended so far (RFC 9162 §2.1.1). */
  root(): Uint8Array {
    if (this.#subtrees.length === 0) return emptyTreeHash();
    return this.#subtrees.reduceRight((right, left) => nodeHash(left, right));
  }
}
