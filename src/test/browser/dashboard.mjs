// Drives the supervisor dashboard in Debian's headless chromium for DashboardBrowserTest (mvn test).
// Talks to the JUnit test over stdout, one JSON line per step; the test drives the call through the agent endpoint.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const { BASE_URL, TOKEN, CALL_ID, SCREENSHOT, CHROMIUM = '/usr/bin/chromium' } = process.env;
const WAIT = { timeout: 15_000 };
const step = (name, extra = {}) => console.log(JSON.stringify({ step: name, ...extra }));
const input = createInterface({ input: process.stdin });
const lines = input[Symbol.asyncIterator]();
const go = async (expected) => {
  const { value } = await lines.next();
  if (value?.trim() !== expected) throw new Error(`expected "${expected}" from the test, got "${value}"`);
};

const profile = mkdtempSync(join(tmpdir(), 'carepulse-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  viewport: { width: 1440, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = context.pages()[0] ?? await context.newPage();
page.on('console', (m) => { if (m.type() === 'error') console.error(`page: ${m.text()}`); });
page.on('pageerror', (e) => console.error(`page error: ${e.message}`));

try {
  await page.goto(BASE_URL);
  await page.fill('#token', TOKEN);
  await page.click('#sign-in-form button[type=submit]');
  await page.waitForSelector('#status.live', WAIT);
  step('signed-in');

  const row = page.locator(`.call[data-call-id="${CALL_ID}"]`);
  await row.waitFor(WAIT);
  const firstScore = await row.locator('.score').textContent();
  step('call-visible', { score: firstScore });
  await go('continue');

  await page.waitForFunction(([id, before]) => {
    const score = document.querySelector(`.call[data-call-id="${id}"] .score`);
    return score && score.textContent !== before;
  }, [CALL_ID, firstScore], WAIT);
  const laterScore = await row.locator('.score').textContent();
  step('score-changed', { from: firstScore, to: laterScore });

  await row.locator('.alert-chip', { hasText: 'escalation' }).waitFor(WAIT);
  step('alert-shown');

  await row.click();
  await page.waitForSelector('#detail .transcript .line', WAIT);
  await page.fill('#whisper-text', 'Offer the goodwill credit now');
  await page.click('#whisper-send');
  await page.waitForSelector('#whisper-status.ok', WAIT);
  step('whispered', { status: await page.textContent('#whisper-status') });

  await page.waitForTimeout(400);
  await page.screenshot({ path: SCREENSHOT });
  step('done');
} catch (error) {
  await page.screenshot({ path: SCREENSHOT }).catch(() => {});
  console.error(error.stack || String(error));
  process.exitCode = 1;
} finally {
  input.close();
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
