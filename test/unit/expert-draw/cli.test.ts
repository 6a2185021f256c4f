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
    commitments: string[];
    expected: unknown;
  }[];
};

/** A regulator re-runs each published draw with the CLI, from files, as the spec promises. */
describe('sunlit draw run', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sunlit-draw-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(vectors.cases.map((c) => [c.name, c] as const))(
    'reproduces vector %s byte for byte',
    (name, vector) => {
      const file = (what: string, value: unknown) => {
        const at = path.join(dir, `${name}-${what}.json`);
        writeFileSync(at, JSON.stringify(value));
        return at;
      };
      const args = [
        'run',
        '--request',
        file('request', vector.request),
        '--pool',
        file('pool', vector.pool),
        '--expect',
        file('expected', vector.expected),
      ];
      const run = spawnSync(
        process.execPath,
        [
          path.join(projectRoot, 'bin/sunlit.cjs'),
          'draw',
          ...args,
          ...vector.secrets.flatMap((s) => ['--secret', s]),
        ],
        {
          encoding: 'utf8',
        },
      );
      expect(run.stderr).toContain('OK: the draw reproduces');
      expect(run.status).toBe(0);
      for (const c of vector.commitments) expect(run.stderr).toContain(`commitment ${c}`);
    },
  );

  it('fails when the published result differs', () => {
    const [vector] = vectors.cases.filter((c) => !('error' in (c.expected as object)));
    const file = (what: string, value: unknown) => {
      const at = path.join(dir, `tampered-${what}.json`);
      writeFileSync(at, JSON.stringify(value));
      return at;
    };
    const expected = { ...(vector!.expected as object), seed: '00'.repeat(32) };
    const run = spawnSync(
      process.execPath,
      [
        path.join(projectRoot, 'bin/sunlit.cjs'),
        'draw',
        'run',
        '--request',
        file('request', vector!.request),
        '--pool',
        file('pool', vector!.pool),
        '--expect',
        file('expected', expected),
        ...vector!.secrets.flatMap((s) => ['--secret', s]),
      ],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('does not reproduce');
  });
});
