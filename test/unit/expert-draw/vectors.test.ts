import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { drawExperts } from '../../../packages/expert-draw/draw';
import { poolHash, requestHash } from '../../../packages/expert-draw/freeze';
import { commitment, drawSeed, verifyReveal } from '../../../packages/expert-draw/secrets';

interface DrawVector {
  name: string;
  request: unknown;
  pool: unknown;
  secrets: string[];
  commitments: string[];
  expected: { requestHash: string; poolHash: string; seed: string } & Record<string, unknown>;
}

// The vectors live in the shared spec folder beside the repository, not in it.
const vectorsPath = path.resolve(__dirname, '../../../../shared/spec/draw-vectors.json');
const vectors = JSON.parse(readFileSync(vectorsPath, 'utf8')) as { algorithm: string; cases: DrawVector[] };
const cases = vectors.cases.map((vector) => [vector.name, vector] as const);

describe('the sunlit-draw-v1 test vectors', () => {
  it('are read from the shared spec and hold the known cases', () => {
    expect(existsSync(vectorsPath)).toBe(true);
    expect(vectors.algorithm).toBe('sunlit-draw-v1');
    expect(cases.map(([name]) => name)).toEqual(expect.arrayContaining(['v1-0', 'v1-7', 'v1-insufficient']));
  });

  it.each(cases)('%s: each secret matches its published commitment', (_, vector) => {
    expect(vector.secrets.map(commitment)).toEqual(vector.commitments);
    vector.secrets.forEach((secret, i) =>
      expect(() => verifyReveal(secret, vector.commitments[i]!)).not.toThrow(),
    );
  });

  it.each(cases)('%s: request hash, pool hash and seed', (_, vector) => {
    expect(requestHash(vector.request)).toBe(vector.expected.requestHash);
    expect(poolHash(vector.pool)).toBe(vector.expected.poolHash);
    expect(drawSeed(vector.expected.requestHash, vector.expected.poolHash, vector.secrets)).toBe(
      vector.expected.seed,
    );
  });

  it.each(cases)('%s: the result, byte for byte', (_, vector) => {
    const outcome = drawExperts(vector.request, vector.pool, vector.secrets);
    expect(outcome).toStrictEqual(vector.expected);
    // Key order too: the result is published as JSON.
    expect(JSON.stringify(outcome)).toBe(JSON.stringify(vector.expected));
  });
});
