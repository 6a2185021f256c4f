import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { DomainError } from '../kernel';

/**
 * A reserve price nobody can move (底价): staff seal it before the listing starts by publishing
 * only a salted SHA-256 commitment; at the close they open it, and anyone checks the opened
 * reserve against the commitment logged before the first bid. The salt (32 random bytes, fresh for
 * each auction) keeps the commitment from being searched by trying every plausible price; staff make
 * it before the platform names the auction, so the commitment holds the reserve and the salt only.
 */
export interface ReserveOpening {
  /** The reserve in integer fen; `null` for an auction without one (无底价). */
  reserveFen: number | null;
  /** 64 hex characters. */
  salt: string;
}

const SALT = /^[0-9a-f]{64}$/;

/** The commitment published before bidding: SHA-256 of the canonical JSON of the opening. */
export const reserveCommitment = (opening: ReserveOpening): string => {
  if (!SALT.test(opening.salt)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'The salt must be 32 random bytes as 64 lowercase hex characters.',
      {
        field: 'salt',
      },
    );
  }
  return createHash('sha256').update(canonicalize(opening)!).digest('hex');
};

/** The opened reserve, if it is the one committed to; else a CONFLICT naming what differs. */
export const openReserve = (committed: string, opening: ReserveOpening): number | null => {
  if (reserveCommitment(opening) !== committed) {
    throw new DomainError(
      'CONFLICT',
      `The opened reserve does not match the commitment ${committed.slice(0, 12)}… published before bidding: the reserve or the salt differs.`,
      { field: 'reserve' },
    );
  }
  return opening.reserveFen;
};
