import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../src/server/test/test-app.js';

// Browser journeys drive Debian's Chromium against the real app (built web + API + its own PostgreSQL
// database), listening on a free port of this machine.

export const ARTIFACTS = path.resolve('test-results/e2e');
// E2E_WEB_DIST lets several people build and run journeys side by side without sharing one build folder.
const WEB_DIST = path.resolve(process.env.E2E_WEB_DIST ?? 'dist/web');

export interface Journey {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  newPage(opts?: {
    width?: number;
    height?: number;
  }): Promise<{ page: Page; context: BrowserContext; errors: string[] }>;
  close(): Promise<void>;
}

export async function startJourney(): Promise<Journey> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error('dist/web is missing: npm test builds the web app before the tests (npm run build:web).');
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const t = await buildTestApp({ webDist: WEB_DIST });
  // The test clock starts on a fixed date, but the browser judges the session cookie's Expires by its own
  // (real) clock: a cookie "expiring" on that fixed date would be dropped at once. Start from real time;
  // journeys still move it forward with t.clock.advance().
  t.clock.set(new Date());
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (err) {
    await t.close();
    throw err;
  }
  return {
    t,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    async newPage(opts = {}) {
      const context = await browser.newContext({
        viewport: { width: opts.width ?? 1366, height: opts.height ?? 800 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        // A refused request (401 from the "who am I" probe before signing in, 401/423 on a wrong password,
        // 400 on a refused password) is the app working; each journey checks what the user sees instead.
        if (m.type() === 'error' && !/status of (4\d\d)/.test(m.text())) errors.push(`console: ${m.text()}`);
      });
      return { page, context, errors };
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** Waits until finite CSS animations (a dialog zooming in, a toast sliding) have finished. */
export async function animationsDone(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
  );
}

/** A full-page picture for people to look at, taken once the page has stopped moving. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await animationsDone(page);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Waits until the locator is on screen (and fails with the locator's description if it never is). */
export async function visible(locator: Locator): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible' });
  return locator;
}

/** Fills the sign-in form and presses 登录; resolves once the server has answered. */
export async function signIn(page: Page, username: string, password: string): Promise<number> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.request().method() === 'POST'),
    page.getByRole('button', { name: '登录' }).click(),
  ]);
  return res.status();
}

/**
 * Opens an antd Select by its form label (a RegExp for labels carrying a suffix such as 「（可选）」) inside
 * `scope` (a dialog, say) and clicks the option showing `option`. The option list is portalled to <body>.
 */
export async function pickOption(
  scope: Page | Locator,
  label: string | RegExp,
  option: string,
): Promise<void> {
  const page = 'page' in scope ? scope.page() : scope;
  await scope.getByLabel(label, { exact: typeof label === 'string' }).click();
  const list = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await list
    .locator('.ant-select-item-option')
    .filter({ hasText: option })
    .getByText(option, { exact: true })
    .click();
}

/** Width of the page's content against the viewport's: a phone user must never scroll sideways. */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; viewport: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
}

/** The red message under a form field (antd's explain line), found through the field's label. */
export function fieldError(page: Page, label: string): Locator {
  return page
    .locator('.ant-form-item')
    .filter({ has: page.getByLabel(label, { exact: true }) })
    .locator('.ant-form-item-explain-error');
}

/**
 * A whole journey may take this long. Alone on this 2-core machine one takes 5–12 s, but `npm test` runs
 * the journeys next to the server's test files (and two browsers at once), which can triple that.
 */
export const JOURNEY_TIMEOUT = 120_000;
