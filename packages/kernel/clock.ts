/**
 * Time is a domain input: every deadline is computed from an injected clock so that
 * tests (and the local stack's time scale) can move it. Only this file reads the system time.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved; for tests. */
export const fixedClock = (start: Date | string): Clock & { advance(ms: number): void } => {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
  };
};

/**
 * A clock that runs `scale` times faster than real time since `originMs`, so a demo can
 * watch a 20-day tender in minutes. Every process given the same origin and scale agrees.
 */
export const scaledClock = (scale: number, originMs: number): Clock => ({
  now: () => new Date(originMs + (Date.now() - originMs) * scale),
});

/** Set only by the local stack's function runner: how far ahead of the machine the current request runs. */
const localOffsetMs = (): number =>
  (globalThis as { sunlitLocalClockOffsetMs?: () => number }).sunlitLocalClockOffsetMs?.() ?? 0;

/**
 * The clock a function runs with: the system clock on AWS. On the local stack,
 * `SUNLIT_TIME_SCALE` and `SUNLIT_TIME_ORIGIN` (epoch ms) speed it up for demos, and a request
 * may run later than the machine's time (the gateway's `x-local-clock-offset-ms` header).
 */
export const clockFromEnvironment = (env: NodeJS.ProcessEnv = process.env): Clock => {
  const scale = Number(env.SUNLIT_TIME_SCALE ?? '1');
  const origin = Number(env.SUNLIT_TIME_ORIGIN ?? '0');
  const base = scale > 0 && scale !== 1 && origin > 0 ? scaledClock(scale, origin) : systemClock;
  return { now: () => new Date(base.now().getTime() + localOffsetMs()) };
};
