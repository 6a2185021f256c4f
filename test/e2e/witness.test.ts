import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { verifyCosignature } from '../../packages/audit-log/cosignature';
import { verifyNote } from '../../packages/audit-log/note';
import { callApi, stackInfo } from '../support/local-stack';
import { Json, setUpTender } from './tender-fixture';

/** The CLI on this machine; `sunlit` also names the stack it talks to. */
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [path.resolve(__dirname, '../../bin/sunlit.cjs'), ...args], {
    encoding: 'utf8',
  });
const sunlit = (...args: string[]) => cli(...args, '--url', stackInfo().api);
/** A new witness key pair in `file`; its verifier key, as `init` prints it last. */
const initWitness = (file: string, name: string) => {
  const init = cli('audit', 'witness', 'init', '--key', file, '--name', name);
  expect(init.status).toBe(0);
  return init.stdout.trim().split('\n').at(-1)!;
};

describe('a regulator’s witness', () => {
  it('cosigns each checkpoint that extends the last, and the verifier then requires its cosignature', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sunlit-witness-'));
    try {
      const key = path.join(dir, 'witness.json');
      const verifierKey = initWitness(key, 'city-regulator');
      expect(verifierKey).toMatch(/^city-regulator\+[0-9a-f]{8}\+/);

      // Only a regulator registers a witness, and the registration is in the public log.
      expect(sunlit('audit', 'witness', 'register', '--key', key, '--user', 'bidder1').status).not.toBe(0);
      const registered = sunlit('audit', 'witness', 'register', '--key', key, '--user', 'regulator1');
      expect(registered.stderr).toBe('');
      expect(registered.status).toBe(0);

      const logKey = (await callApi<Json>('/audit/public-key')).body.verifierKey;
      const witnessRun = () =>
        sunlit('audit', 'witness', 'run', '--key', key, '--log-key', logKey, '--user', 'regulator1');
      const first = witnessRun();
      expect(first.stdout).toMatch(/cosigned the checkpoint of \d+ entries/);
      expect(first.status).toBe(0);
      // The log grows; the witness checks the new checkpoint against the one it cosigned.
      await setUpTender();
      const second = witnessRun();
      expect(second.status).toBe(0);
      const sizeOf = (out: string) => Number(/of (\d+) entries/.exec(out)![1]);
      expect(sizeOf(second.stdout)).toBeGreaterThan(sizeOf(first.stdout));
      const witnesses = (await callApi<Json>('/audit/witnesses')).body.witnesses as Json[];
      const mine = witnesses.find((w) => w.name === 'city-regulator')!;
      expect(mine.cosigned.checkpoint).toContain('— city-regulator ');

      // The log serves its checkpoint with the cosignature while that checkpoint is the latest; the
      // log grows with the anchors' cadence, so the witness runs again until it cosigned the latest.
      let served = '';
      for (let round = 0; round < 5 && !served.includes('— city-regulator '); round++) {
        expect(witnessRun().status).toBe(0);
        served = (await callApi<string>('/audit/checkpoint')).body;
      }
      expect(verifyCosignature(served, verifierKey).time.getTime()).toBeLessThanOrEqual(Date.now());
      expect(verifyNote(served, logKey)).toMatch(/^\S+\n\d+\n/);

      const verified = sunlit('audit', 'verify', '--key', logKey, '--witness', verifierKey);
      expect(verified.stdout).toMatch(
        /witness city-regulator cosigned \d+ entries at .*; the verified log extends them/,
      );
      expect(verified.status).toBe(0);
      // A witness that never cosigned is required in vain.
      const other = path.join(dir, 'other.json');
      const otherKey = initWitness(other, 'absent-witness');
      const refused = sunlit('audit', 'verify', '--key', logKey, '--witness', otherKey);
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('witness absent-witness has cosigned no checkpoint');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
