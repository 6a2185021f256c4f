/** The draw algorithm `sunlit-draw-v1` (spec/expert-draw.md): pure, deterministic, with its frozen inputs and secrets. */
export { drawExperts, drawFrozen } from './draw';
export { freezePool, freezeRequest, poolHash, requestHash, sha256Hex } from './freeze';
export { randomStream } from './random-stream';
export { ALGORITHM, DrawQuota, DrawRequest, PoolExpert } from './schema';
export type { DrawResult } from './schema';
export { commitment, drawSeed, verifyReveal } from './secrets';
