import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
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
 * A fresh browser profile at 1366×768 in zh-CN, on the portal; `errors` collects what the page
 * throws, for a test to assert there was none.
 */
export const newPortalPage = async (
  browser: Browser,
  { viewport = { width: 1366, height: 768 }, laterMs = 0 } = {},
): Promise<{ page: Page; errors: string[] }> => {
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
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${stackInfo().api}/`);
  return { page, errors };
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

export const screenshot = async (page: Page, name: string): Promise<void> => {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
};
