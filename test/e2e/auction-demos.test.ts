import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { stackInfo } from '../support/local-stack';
import { startStackProcess, StackProcess } from '../support/stack-process';
import { runDemo } from './demo-run';

/**
 * `sunlit demo --kind …` plays each listing and auction to its result and replays it, on a stack of
 * its own: each moves the clock weeks forward, which the shared stack's other tests must not see.
 */
describe('the auction demos, on the local stack', () => {
  let stack: StackProcess;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sunlit-auction-demos-'));

  beforeAll(async () => {
    stack = await startStackProcess({ assembly: stackInfo().assemblyDir, dataDir });
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const replayed = [
    'ok   bids under the rules',
    'ok   reserve: the opened reserve is the one committed before bidding',
    'ok   bids in the audit log',
    'MATCH: auction AU-',
  ];

  it('plays a land listing into timed bidding, extended by a late bid, to a sale that replays: MATCH', () => {
    const output = runDemo(
      stack.info,
      ['--kind', 'land-listing'],
      [
        'reserve sealed as',
        'two bidders ask to go on',
        'the listing closed; timed bidding (限时竞价) runs until',
        'a bid 2 s before the end extended the countdown',
        'a bid after the countdown ran out is refused',
        'sold to paddle',
        '-byte PDF in Chinese for bidder',
        'confirmation.pdf → 403',
        'the auction room told a watcher 4 accepted bids and the result',
        ...replayed,
      ],
    );
    expect(output).not.toContain('FAIL');
  });

  it('plays a land auction without a reserve to a sale that replays: MATCH', () => {
    const output = runDemo(
      stack.info,
      ['--kind', 'land-auction'],
      [
        'a 4-minute countdown',
        'over the room (sequence',
        'extended the countdown',
        'sold to paddle',
        '-byte PDF in Chinese for bidder',
        'confirmation.pdf → 403',
        'the auction room told a watcher 3 accepted bids and the result',
        ...replayed,
      ],
    );
    expect(output).not.toContain('FAIL');
  });

  it('plays a state-property auction whose bids stay below the reserve: no sale (流拍), and it replays: MATCH', () => {
    const output = runDemo(
      stack.info,
      ['--kind', 'property-auction'],
      ['网络竞价', 'extended the countdown', 'no sale (流拍): below-reserve', ...replayed],
    );
    expect(output).not.toContain('FAIL');
  });
});
