import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Browser, chromium, Locator, Page } from 'playwright-core';
import { stackInfo } from './local-stack';

/**
 * A real browser for the portal's tests: Debian's Chromium (`.ci/run` installs it), headless,
 * driven by playwright-core without any browser download of its own.
 */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // The sandbox needs user namespaces, which a root CI container lacks.
    args: ['--no-sandbox'],
  });

/**
 * A fresh browser profile at 1366×768 in zh-CN, on the portal. `errors` collects what the page
 * throws and what it logs as an error, for a test to assert there was none; `refusals` lists the
 * API's 4xx answers (`409 POST /venues/HALL-1/bookings`), which the page shows as refusals and
 * Chromium also logs, for a test to assert they were the ones it provoked.
 */
export const newPortalPage = async (
  browser: Browser,
  { viewport = { width: 1366, height: 768 }, laterMs = 0 } = {},
): Promise<{ page: Page; errors: string[]; refusals: string[] }> => {
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    acceptDownloads: true,
    // Acts that many ms later on the test stack's clock only (as `as(user, later)` does).
    extraHTTPHeaders: laterMs > 0 ? { 'x-local-clock-offset-ms': String(laterMs) } : {},
  });
  // Well inside Jest's own timeout, so a wait that fails says which.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  const refusals: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400 && response.status() < 500)
      refusals.push(
        `${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`,
      );
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Chromium's own line for each 4xx answer, which `refusals` lists; a 5xx stays an error.
    if (/^Failed to load resource: the server responded with a status of 4\d\d\b/.test(message.text()))
      return;
    errors.push(`console: ${message.text()}`);
  });
  await page.goto(`${stackInfo().api}/`);
  return { page, errors, refusals };
};

/** The portal's page of a tender. */
export const tenderUrl = (id: string): string => `${stackInfo().api}/#/tenders/${id}`;

/** What a download the page hands the user holds. */
export const downloaded = async (
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; bytes: Buffer }> => {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
};

/** Signs in on the local sign-in page as a demo user, as a person would: by clicking their name. */
export const signIn = async (page: Page, username: string): Promise<void> => {
  await page.goto(`${stackInfo().api}/#/signin`);
  await page.getByRole('button', { name: new RegExp(`^${username}\\b`) }).click();
  await page.getByText(`${username}（`).waitFor();
};

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The accessibility violations axe-core finds on the page as it stands, serious or worse. */
export const seriousViolations = async (
  page: Page,
): Promise<{ id: string; help: string; nodes: string[] }[]> => {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: () => Promise<{ violations: any[] }> } }).axe; // eslint-disable-line @typescript-eslint/no-explicit-any
    return (await axe.run()).violations.map((v) => ({
      id: v.id as string,
      impact: v.impact as string,
      help: v.help as string,
      nodes: (v.nodes as { html: string }[]).map((n) => n.html),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
};

/** Where the browser tests leave their screenshots (a test artifact, not committed). */
export const artifactsDir = path.resolve(__dirname, '..', '..', 'test-artifacts', 'portal');

/** A screenshot of the whole page, or of `only` that part of it. */
export const screenshot = async (page: Page, name: string, only?: Locator): Promise<void> => {
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await (only ? only.screenshot({ path: file }) : page.screenshot({ path: file, fullPage: true }));
};
