import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const projectRoot = path.resolve(__dirname, '../../..');
const vectors = JSON.parse(
  readFileSync(path.resolve(projectRoot, '../shared/spec/draw-vectors.json'), 'utf8'),
) as {
  cases: {
    name: string;
    request: unknown;
    pool: unknown;
    secrets: string[];
    expected: Record<string, unknown>;
  }[];
};

/** A regulator replays each published draw with the CLI, from a file, as the spec promises. */
describe('sunlit draw replay', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sunlit-draw-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const replay = (name: string, content: string) => {
    const file = path.join(dir, `${name}.json`);
    writeFileSync(file, content);
    return spawnSync(process.execPath, [path.join(projectRoot, 'bin/sunlit.cjs'), 'draw', 'replay', file], {
      encoding: 'utf8',
    });
  };

  it.each(vectors.cases.map((c) => [c.name, c] as const))(
    'reproduces vector %s, with the exit code the outcome calls for',
    (name, vector) => {
      const run = replay(
        name,
        JSON.stringify({ request: vector.request, pool: vector.pool, secrets: vector.secrets }),
      );
      expect(JSON.parse(run.stdout)).toEqual(vector.expected);
      expect(run.status).toBe('error' in vector.expected ? 3 : 0);
    },
  );

  it('exits 2 with a clear message on bad input', () => {
    const [vector] = vectors.cases;
    const notJson = replay('not-json', '{ nope');
    expect(notJson.status).toBe(2);
    expect(notJson.stderr).toContain('is not readable JSON');
    const shortSecret = replay(
      'short-secret',
      JSON.stringify({ request: vector!.request, pool: vector!.pool, secrets: ['abcd', 'ef'] }),
    );
    expect(shortSecret.status).toBe(2);
    expect(shortSecret.stderr).toContain('secret');
  });
});
