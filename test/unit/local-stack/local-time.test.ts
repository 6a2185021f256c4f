import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LocalTime } from '../../../packages/local-stack/local-time';

const fileIn = () => path.join(mkdtempSync(path.join(tmpdir(), 'sunlit-clock-')), 'clock.json');
const DAY = 86_400_000;

describe('the local stack clock', () => {
  it('wakes a sleeper as soon as the clock is moved past its time, and not before', async () => {
    const time = new LocalTime(fileIn(), 1);
    let woke = false;
    const sleeping = time
      .sleepUntil(time.now() + 30 * DAY, new AbortController().signal)
      .then(() => (woke = true));
    time.advance(DAY);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(woke).toBe(false);
    time.advance(29 * DAY);
    await sleeping;
    expect(woke).toBe(true);
  });

  it('wakes a sleeper on its own once the time comes, and on abort', async () => {
    const time = new LocalTime(fileIn(), 1);
    const started = Date.now();
    await time.sleepUntil(time.now() + 50, new AbortController().signal);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    const abort = new AbortController();
    const sleeping = time.sleepUntil(time.now() + DAY, abort.signal);
    abort.abort();
    await expect(sleeping).resolves.toBeUndefined();
  });

  it('only moves forward, and keeps its offset across restarts', () => {
    const file = fileIn();
    const time = new LocalTime(file, 1);
    expect(() => time.advance(0)).toThrow(RangeError);
    expect(() => time.advance(-1)).toThrow(RangeError);
    time.advance(3 * DAY);
    const again = new LocalTime(file, 1);
    expect(again.offsetMs).toBe(3 * DAY);
    expect(again.now() - Date.now()).toBeGreaterThanOrEqual(3 * DAY - 5);
  });

  it('starts again no earlier than it stopped, though a time scale ran it ahead of the machine', () => {
    const file = fileIn();
    const fast = new LocalTime(file, 1440, Date.now() - 1000);
    // Read before saving: at 1440× every real millisecond between the two is 1.44 platform seconds.
    const stoppedAt = fast.now();
    fast.save();
    const again = new LocalTime(file, 1);
    expect(again.now()).toBeGreaterThanOrEqual(stoppedAt);
    expect(again.offsetMs).toBeGreaterThanOrEqual(1_439_000 - 5);
  });

  it('runs the time scale from its origin', () => {
    const origin = Date.now() - 1000;
    const time = new LocalTime(fileIn(), 1440, origin);
    // One real second since the origin is 1,440 platform seconds.
    expect(time.now() - origin).toBeGreaterThanOrEqual(1_440_000);
  });
});
