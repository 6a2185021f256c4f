import { html } from 'htm/preact';
import { api } from './api';
import { beijing } from './format';
import { RefusalBox, useAction } from './ui';
import { usePlatformClock } from './clock';

const HOUR = 3_600_000;

/** How far one click moves the clock: past a quote's time, a publicity's day, a period's week. */
const steps: [label: string, ms: number][] = [
  ['1 小时', HOUR],
  ['1 日', 24 * HOUR],
  ['7 日', 7 * 24 * HOUR],
];

/**
 * The local stack's demo clock, under every page: the platform's time, and buttons that move it
 * forward for everyone (the functions and the state machines), so a demo reaches a deadline, the
 * end of a publicity or the time of the final quotes without waiting days. The page is then read
 * again at the new time (the session stays in the tab). On AWS the path does not exist, and
 * nothing shows.
 */
export const DemoClock = () => {
  const clock = usePlatformClock();
  const advance = useAction(async (key, advanceMs: number) => {
    await api('POST', '/.local/clock', { key, body: { advanceMs } });
    location.reload();
  });
  if (!clock?.local) return null;
  return html`<section class="demo-clock" aria-label="演示时钟">
    <span>本机演示环境，平台时间 ${beijing(new Date(clock.now()).toISOString())}</span>
    <span>
      平台时钟前进
      ${steps.map(
        ([label, ms]) =>
          html`<button
            type="button"
            class="secondary"
            disabled=${advance.busy}
            onClick=${() => advance.run(ms)}
          >
            ${label}
          </button>`,
      )}
    </span>
    <${RefusalBox} error=${advance.error} />
  </section>`;
};
