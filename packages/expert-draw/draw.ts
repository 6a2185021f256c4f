import { DomainError } from '../kernel';
import { freezePool, freezeRequest, FrozenPool, FrozenRequest } from './freeze';
import { randomStream } from './random-stream';
import { drawSeed } from './secrets';
import { ALGORITHM, DrawOutcome, DrawPick, DrawRequest } from './schema';

/** 1 at every pool position no quota may pick: inactive, excluded by organisation or by id. */
const initiallyBlocked = (request: DrawRequest, pool: FrozenPool): Uint8Array => {
  const excludedOrgs = new Set(request.excludedOrgs);
  const excludedExperts = new Set(request.excludedExperts);
  const blocked = new Uint8Array(pool.experts.length);
  pool.experts.forEach(({ id, org, active }, at) => {
    if (!active || excludedOrgs.has(org) || excludedExperts.has(id)) blocked[at] = 1;
  });
  return blocked;
};

const refuseSecretCount = (parties: number, secrets: number): void => {
  if (secrets === parties) return;
  const message = `must hold one secret per party (${parties}), got ${secrets}`;
  throw new DomainError('VALIDATION_FAILED', `secrets: ${message}`, {
    field: 'secrets',
    issues: [{ field: 'secrets', message }],
  });
};

/**
 * Runs `sunlit-draw-v1` on inputs frozen before any secret was revealed, with one secret
 * per party in the order of `parties`. Returns the picks or, when a quota has fewer
 * eligible experts than its count, a failure naming that specialty; both carry the hashes
 * and seed for the audit log.
 */
export const drawFrozen = (
  frozen: FrozenRequest,
  pool: FrozenPool,
  secrets: readonly string[],
): DrawOutcome => {
  const { request } = frozen;
  refuseSecretCount(request.parties.length, secrets.length);
  const hashes = { requestHash: frozen.hash, poolHash: pool.hash };
  const seed = drawSeed(hashes.requestHash, hashes.poolHash, secrets);
  const stream = randomStream(seed);
  // Drawn experts join `blocked`, which is how "not in taken" is checked.
  const blocked = initiallyBlocked(request, pool);
  // One list of eligible positions, reused by every quota and shuffled in place.
  const eligible = new Int32Array(pool.experts.length);
  const picks: DrawPick[] = [];
  for (const { specialty, count, reserves } of request.quotas) {
    let size = 0;
    for (let at = 0; at < pool.experts.length; at++) {
      if (blocked[at] === 0 && pool.experts[at]!.specialties.includes(specialty)) eligible[size++] = at;
    }
    if (size < count) {
      return { algorithm: ALGORITHM, error: `insufficient experts for ${specialty}`, ...hashes, seed };
    }
    const drawn = Math.min(count + reserves, size);
    // Partial Fisher–Yates: only the first `drawn` places are settled.
    for (let j = 0; j < drawn; j++) {
      const other = j + stream.uniform(size - j);
      const picked = eligible[other]!;
      eligible[other] = eligible[j]!;
      eligible[j] = picked;
      blocked[picked] = 1;
    }
    const ids = Array.from(eligible.subarray(0, drawn), (at) => pool.experts[at]!.id);
    picks.push({ specialty, primaries: ids.slice(0, count), reserves: ids.slice(count) });
  }
  return { algorithm: ALGORITHM, ...hashes, seed, picks };
};

/**
 * Validates and normalises the request and pool, then draws (see `drawFrozen`). Validating
 * and hashing a large pool costs far more than drawing from it, so the platform freezes the
 * snapshot once, when its hash is logged, and calls `drawFrozen` when the secrets arrive.
 */
export const drawExperts = (request: unknown, pool: unknown, secrets: readonly string[]): DrawOutcome =>
  drawFrozen(freezeRequest(request), freezePool(pool), secrets);
