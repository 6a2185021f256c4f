import { clockFromEnvironment, fixedClock, scaledClock } from '../../packages/kernel/clock';

describe('clocks', () => {
  it('a fixed clock stands still until advanced', () => {
    const clock = fixedClock('2026-03-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-03-01T00:00:00.000Z');
    clock.advance(86_400_000);
    expect(clock.now().toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });

  it('a scaled clock runs faster from its origin, the same in every process', () => {
    const origin = Date.now() - 1000;
    const elapsed = scaledClock(60, origin).now().getTime() - origin;
    expect(elapsed).toBeGreaterThanOrEqual(60_000);
    expect(elapsed).toBeLessThan(60 * 5000);
  });

  it('reads the scale and origin from the environment, and runs at real time without them', () => {
    const close = (clock: { now(): Date }) => Math.abs(clock.now().getTime() - Date.now()) < 1000;
    expect(close(clockFromEnvironment({}))).toBe(true);
    expect(close(clockFromEnvironment({ SUNLIT_TIME_SCALE: '1', SUNLIT_TIME_ORIGIN: '5' }))).toBe(true);
    const origin = Date.now() - 10_000;
    const fast = clockFromEnvironment({ SUNLIT_TIME_SCALE: '100', SUNLIT_TIME_ORIGIN: String(origin) });
    expect(fast.now().getTime() - origin).toBeGreaterThanOrEqual(1_000_000);
  });

  it('runs a request later by the offset the local function runner sets for it', () => {
    const holder = globalThis as { sunlitLocalClockOffsetMs?: () => number };
    holder.sunlitLocalClockOffsetMs = () => 86_400_000;
    try {
      const ahead = clockFromEnvironment({}).now().getTime() - Date.now();
      expect(ahead).toBeGreaterThan(86_400_000 - 1000);
      expect(ahead).toBeLessThan(86_400_000 + 1000);
    } finally {
      delete holder.sunlitLocalClockOffsetMs;
    }
  });
});
