import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { stackInfo } from '../support/local-stack';

describe('sunlit demo', () => {
  it('plays a whole tender to its award through the API and ends with a verified audit log', () => {
    const info = stackInfo();
    const demo = spawnSync(
      process.execPath,
      [path.resolve(__dirname, '../../bin/sunlit.cjs'), 'demo', '--url', info.api, '--data', info.dataDir],
      { encoding: 'utf8' },
    );
    expect(demo.stderr).toBe('');
    expect(demo.status).toBe(0);
    for (const milestone of [
      'published; bid deadline',
      'receipt verified',
      'refused: The bid deadline',
      '4 valid bids',
      'opening record',
      'names known to staff and regulators only',
      'publicity until',
      'winner ORG-BIDDER-',
      '中标通知书',
      'OK: ',
    ]) {
      expect(demo.stdout).toContain(milestone);
    }
  });
});
