import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../src/server/test/test-app.js';

// Browser journeys drive Debian's Chromium against the real app (built web + API + its own PostgreSQL
// database), listening on a free port of this machine.

export const ARTIFACTS = path.resolve('test-results/e2e');
const WEB_DIST = path.resolve('dist/web');

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
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const browser = await chromium.launch({
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
  return {
    t,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    async newPage(opts = {}) {
      const context = await browser.newContext({
        viewport: { width: opts.width ?? 1366, height: opts.height ?? 800 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        // A refused request (401/423 on a wrong password) is the app working; it is checked by the journey.
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

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
