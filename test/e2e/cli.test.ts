import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { localNow, stackInfo } from '../support/local-stack';
import { issuedJustNow } from './tender-fixture';

const projectRoot = path.resolve(__dirname, '..', '..');
const DAY = 86_400_000;
const sunlit = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(projectRoot, 'bin/sunlit.cjs'), ...args, '--url', stackInfo().api], {
    encoding: 'utf8',
  });

describe('the sunlit CLI for staff and bidders', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sunlit-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes a tender from a file, lets a bidder register and download a byte-identical document', () => {
    const document = randomBytes(3 * 1024 * 1024);
    writeFileSync(path.join(dir, '招标文件.pdf'), document);
    const from = issuedJustNow();
    writeFileSync(
      path.join(dir, 'tender.json'),
      JSON.stringify({
        project: {
          name: `污水管网改造 ${randomBytes(3).toString('hex')}`,
          type: 'works',
          tendererOrg: 'ORG-TENDERER-1',
          stateFunded: true,
          estimatedPrice: 500_000_000,
        },
        tender: {
          name: '一标段',
          schedule: {
            documentsFrom: new Date(from).toISOString(),
            documentsTo: new Date(from + 6 * DAY).toISOString(),
            bidDeadline: new Date(from + 22 * DAY).toISOString(),
            openingPlace: '开标一室',
            bidBond: 5_000_000,
            bidValidityDays: 90,
          },
        },
        documents: ['招标文件.pdf'],
      }),
    );
    const published = sunlit(
      'tender',
      'publish',
      '--file',
      path.join(dir, 'tender.json'),
      '--user',
      'staff1',
    );
    expect(published.stderr).toContain('uploading 招标文件.pdf  100%');
    expect(published.status).toBe(0);
    const tenderId = published.stdout.match(/tender (T-\S+) created/)?.[1];
    const documentId = published.stdout.match(/document (D-\S+) v1/)?.[1];
    expect(published.stdout).toContain('published:');

    const again = sunlit('tender', 'publish', '--file', path.join(dir, 'tender.json'), '--user', 'staff1');
    expect(again.stdout).toContain(`tender ${tenderId} was already published`);

    expect(
      sunlit('docs', 'download', '--tender', tenderId!, '--document', documentId!, '--user', 'bidder4')
        .status,
    ).toBe(1);
    expect(sunlit('tender', 'register', '--tender', tenderId!, '--user', 'bidder4').status).toBe(0);
    const out = path.join(dir, 'downloaded.pdf');
    const downloaded = sunlit(
      'docs',
      'download',
      '--tender',
      tenderId!,
      '--document',
      documentId!,
      '--out',
      out,
      '--user',
      'bidder4',
    );
    expect(downloaded.stdout).toContain("matches the platform's record");
    expect(readFileSync(out).equals(document)).toBe(true);

    // 终止: a ground the procedure does not give is refused naming it; the same command twice ends it once.
    const terminate = (ground: string) =>
      sunlit(
        'tender',
        'terminate',
        '--tender',
        tenderId!,
        '--ground',
        ground,
        '--reason',
        '项目因规划调整取消',
        '--user',
        'staff1',
      );
    const refused = terminate('over-budget');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/→ 422: .*field body\.ground/);
    const ended = terminate('cancelled');
    expect(ended.status).toBe(0);
    expect(ended.stdout).toMatch(
      new RegExp(`^terminated ${tenderId} on cancelled \\(条例31\\) at \\S+; notice N-\\S+$`, 'm'),
    );
    expect(terminate('cancelled').stdout).toBe(ended.stdout);
  }, 60_000);

  it('says what the platform refused, naming the field and rule', () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ project: { name: 'x' }, tender: {}, documents: [] }));
    const result = sunlit('tender', 'publish', '--file', bad, '--user', 'staff1');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/POST \/projects → 400: .*field body\./);
  });

  it('stops the demo before it moves time when the custodian keys are not in the data folder given', async () => {
    const before = await localNow();
    const demo = sunlit('demo', '--data', path.join(dir, 'not-the-stack'));
    expect(demo.status).toBe(1);
    expect(demo.stderr).toContain("pass the stack's data folder with --data DIR");
    // The tender was published, but the clock did not cross its deadline.
    expect((await localNow()) - before).toBeLessThan(DAY);
  }, 60_000);
});
