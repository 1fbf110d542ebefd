// Shared by the browser scripts: Debian's headless chromium through playwright-core, steps reported to the JUnit test
// as JSON lines on stdout, "go on" words read from stdin, and every failed HTTP request of the page remembered.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const WAIT = { timeout: 15_000 };
export const step = (name, extra = {}) => console.log(JSON.stringify({ step: name, ...extra }));

const input = createInterface({ input: process.stdin });
const lines = input[Symbol.asyncIterator]();

/** Waits for the test to say `expected` (after it drove the calls this step needs); returns the rest of the line. */
export async function go(expected) {
  const { value } = await lines.next();
  const [word, ...rest] = (value ?? '').trim().split(' ');
  if (word !== expected) throw new Error(`expected "${expected}" from the test, got "${value}"`);
  return rest.join(' ');
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Runs `body(page, context)` in a fresh profile; on failure saves `failure.png` and exits 1. */
export async function withBrowser(screenshots, body, viewport = { width: 1440, height: 900 }) {
  const profile = mkdtempSync(join(tmpdir(), 'carepulse-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? await context.newPage();
  const failedRequests = [];
  page.on('console', (m) => { if (m.type() === 'error') console.error(`page: ${m.text()}`); });
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 400) failedRequests.push(`${r.status()} ${r.url()}`); });
  try {
    await body(page, { failedRequests });
  } catch (error) {
    await page.screenshot({ path: join(screenshots, 'failure.png') }).catch(() => {});
    console.error(error.stack || String(error));
    process.exitCode = 1;
  } finally {
    input.close();
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** True when the element's box lies inside the viewport (what "always in view" means). */
export async function inViewport(page, locator) {
  const box = await locator.boundingBox();
  const size = page.viewportSize();
  return !!box && box.y >= 0 && box.x >= 0 && box.y + Math.min(box.height, 20) <= size.height && box.x + box.width <= size.width + 1;
}
