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

/**
 * The clock a function runs with: the system clock on AWS; on the local stack,
 * `SUNLIT_TIME_SCALE` and `SUNLIT_TIME_ORIGIN` (epoch ms) speed it up for demos.
 */
export const clockFromEnvironment = (env: NodeJS.ProcessEnv = process.env): Clock => {
  const scale = Number(env.SUNLIT_TIME_SCALE ?? '1');
  const origin = Number(env.SUNLIT_TIME_ORIGIN ?? '0');
  return scale > 0 && scale !== 1 && origin > 0 ? scaledClock(scale, origin) : systemClock;
};
