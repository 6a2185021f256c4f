import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** Longest timer Node keeps exactly (2^31 − 1 ms); longer waits are re-armed. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * The local stack's clock: real time, sped up by the time scale, plus an offset that only grows.
 * Tests and the demo move it forward (a bid deadline, a publicity period) and every function and
 * state machine sees the move at once: sleeping Wait states and task timeouts wake if they are due.
 * The offset is kept in the data folder, so a restart never takes the platform back in time.
 */
export class LocalTime {
  private offset: number;
  private readonly wakers = new Set<() => void>();

  constructor(
    private readonly file: string,
    readonly timeScale: number,
    private readonly origin = Date.now(),
  ) {
    const saved = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as {
      offsetMs?: number;
      now?: number;
      at?: number;
    };
    this.offset = Number(saved.offsetMs) || 0;
    if (Number(saved.now) && Number(saved.at)) {
      // The time since the clock was saved passes at the stack's scale, so a restart under a slow
      // scale does not leap the platform forward by the machine's downtime, nor a fast one lose it.
      const target = Number(saved.now) + Math.max(0, origin - Number(saved.at)) * timeScale;
      this.offset = Math.ceil(target - origin);
    } else {
      // A clock saved without the machine's time: start again no earlier than it stopped.
      const behind = (Number(saved.now) || 0) - this.now();
      if (behind > 0) this.offset += Math.ceil(behind);
    }
  }

  /** How far the platform runs ahead of the machine's (scaled) clock, in platform milliseconds. */
  get offsetMs(): number {
    return this.offset;
  }

  /** The platform's time, epoch ms. */
  now(): number {
    return this.origin + (Date.now() - this.origin) * this.timeScale + this.offset;
  }

  advance(ms: number): void {
    if (!Number.isSafeInteger(ms) || ms <= 0)
      throw new RangeError('advanceMs must be a positive whole number of ms.');
    this.offset += ms;
    this.save();
    for (const wake of [...this.wakers]) wake();
  }

  /** Records the offset and the time reached, for the next start. */
  save(): void {
    writeFileSync(this.file, JSON.stringify({ offsetMs: this.offset, now: this.now(), at: Date.now() }));
  }

  /** Resolves once the platform's time reaches `at` (epoch ms), or when `signal` aborts. */
  sleepUntil(at: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const check = (): void => {
        clearTimeout(timer);
        const left = (at - this.now()) / this.timeScale;
        if (signal.aborted || left <= 0) {
          this.wakers.delete(check);
          signal.removeEventListener('abort', check);
          return resolve();
        }
        timer = setTimeout(check, Math.min(left, MAX_TIMER_MS));
      };
      this.wakers.add(check);
      signal.addEventListener('abort', check, { once: true });
      check();
    });
  }
}
