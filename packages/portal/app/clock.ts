import { useLoad } from './ui';
import { api } from './api';

/**
 * The platform's time as the portal knows it. On AWS it is the browser's own clock. The local
 * stack answers `GET /.local/clock`, whose demo clock may be days ahead of the machine's, and the
 * portal then reckons from it: defaults (a quote's time, a contract's day) and what is shown before
 * or after a deadline follow the platform, not the machine. The API still decides every time.
 */
export interface PlatformClock {
  /** Whether this is the local stack's demo clock. */
  local: boolean;
  /** The platform's time now, in ms. */
  now: () => number;
}

let known: Promise<PlatformClock> | undefined;

/** Read once per page load: moving the demo clock reloads the page. */
export const platformClock = (): Promise<PlatformClock> =>
  (known ??= api<{ now: string; timeScale?: number }>('GET', '/.local/clock').then(
    ({ now, timeScale = 1 }) => {
      // A stack run at a time scale runs that much faster than the machine.
      const readAt = Date.now();
      const platformAt = Date.parse(now);
      return { local: true, now: () => platformAt + (Date.now() - readAt) * timeScale };
    },
    () => ({ local: false, now: () => Date.now() }),
  ));

/** The platform's clock, once read (undefined until then). */
export const usePlatformClock = (): PlatformClock | undefined => useLoad(platformClock, []).data;
