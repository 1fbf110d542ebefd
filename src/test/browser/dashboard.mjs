// Drives the supervisor dashboard for DashboardBrowserTest (mvn test): each fix of issue 16 is checked in the page,
// and the board, a call's detail and the narrow layout are saved under target/screenshots/.
import { join } from 'node:path';
import { WAIT, check, go, inViewport, step, withBrowser } from './browser.mjs';

const { BASE_URL, TOKEN, CALL_ID, SCREENSHOTS } = process.env;
const shot = (name) => join(SCREENSHOTS, name);

await withBrowser(SCREENSHOTS, async (page, { failedRequests }) => {
  // Signed out: the sign-in card only; the board's own display:grid must not defeat its hidden attribute.
  await page.goto(BASE_URL);
  await page.waitForSelector('#sign-in:not([hidden])', WAIT);
  check(await page.locator('#board').isHidden(), 'the board shows while signed out');
  check(await page.locator('#sign-in').isVisible(), 'no sign-in card while signed out');
  await page.screenshot({ path: shot('signed-out.png') });

  await page.fill('#token', TOKEN);
  await page.click('#sign-in-form button[type=submit]');
  await page.waitForSelector('#status.live', WAIT);
  check(await page.locator('#sign-in').isHidden(), 'the sign-in card stays after signing in');
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
  step('score-changed', { from: firstScore, to: await row.locator('.score').textContent() });

  await row.locator('.alert-chip', { hasText: 'escalation' }).waitFor(WAIT);
  step('alert-shown');

  // With many calls live, the alerts stay on screen (their own column), not below the list.
  const rows = await page.locator('.call').count();
  check(rows >= 8, `expected at least 8 calls on the board, saw ${rows}`);
  const alert = page.locator('#alert-feed li', { hasText: 'escalation' }).first();
  await alert.waitFor(WAIT);
  check(await inViewport(page, alert), 'the escalation alert is not in view with many calls live');
  check(await inViewport(page, page.locator('#kudos-feed')), 'the kudos list is not in view');
  // Rank as a priority in words, not a number that reads as a position.
  await page.waitForFunction((id) => document.querySelector(`.call[data-call-id="${id}"] .priority`)?.textContent
    .trim().startsWith('Save first'), CALL_ID, WAIT);
  const badges = await page.locator('.call .priority').allTextContents();
  check(badges.every((b) => /^(Save first|Watch|On track|Ended)$/.test(b.trim())), `priorities: ${badges}`);
  check(!(await page.locator('.call').first().textContent()).match(/\d+\s*rank/i), 'a rank number is still shown');
  check((await row.locator('.priority').getAttribute('title')).startsWith('priority '), 'no priority tooltip');
  await page.screenshot({ path: shot('board.png') });
  step('priority-and-feeds-in-view');

  // Keyboard: arrows move and open, Home/End jump, Escape closes, Enter opens, w goes to the whisper box.
  const ids = await page.locator('.call').evaluateAll((els) => els.map((e) => e.dataset.callId));
  await page.locator('.call').first().focus();
  await page.keyboard.press('ArrowDown');
  const focused = () => page.evaluate(() => document.activeElement?.dataset?.callId);
  check(await focused() === ids[1], `ArrowDown focused ${await focused()}, not ${ids[1]}`);
  await page.waitForSelector(`.call.selected[data-call-id="${ids[1]}"]`, WAIT);
  await page.keyboard.press('End');
  check(await focused() === ids[ids.length - 1], 'End did not reach the last call');
  await page.keyboard.press('Home');
  check(await focused() === ids[0], 'Home did not reach the first call');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#detail .empty-detail', WAIT);
  check(await page.locator('.call.selected').count() === 0, 'Escape left a call selected');
  await row.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.call.selected[data-call-id="${CALL_ID}"]`, WAIT);
  await page.waitForSelector('#detail .transcript .line', WAIT);
  await row.focus();
  await page.keyboard.press('w');
  check(await page.evaluate(() => document.activeElement?.id) === 'whisper-text', 'w did not open the whisper box');
  step('keyboard');

  await page.keyboard.type('Offer the goodwill credit now');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#whisper-status.ok', WAIT);
  const status = await page.textContent('#whisper-status');
  await page.$eval('#detail', (panel) => { panel.scrollTop = 0; });
  await page.waitForTimeout(300); // let the last row update paint before the picture
  await page.screenshot({ path: shot('call-detail.png') });
  step('whispered', { status });

  // The call ends: its row stays, faded, with the final score; the detail header shows the same final figures.
  const finalScore = await go('ended');
  const endedRow = page.locator(`.call.ended[data-call-id="${CALL_ID}"]`);
  await endedRow.waitFor(WAIT);
  await page.waitForSelector('#ended-banner', WAIT);
  check((await endedRow.locator('.score').textContent()).trim() === finalScore,
    `ended row shows ${await endedRow.locator('.score').textContent()}, the call ended at ${finalScore}`);
  check((await page.textContent('#detail-score')).trim() === finalScore, 'the detail header does not show the final score');
  const meta = await page.textContent('#detail-meta');
  check(meta.includes('ended') && !meta.includes('falling') && !meta.includes('rising'), `stale header: ${meta}`);
  check((await page.textContent('#ended-banner')).includes(`final score ${finalScore}`), 'banner disagrees');
  check(await page.locator('#whisper-text').isDisabled(), 'whisper box still open on an ended call');
  check(Number(await endedRow.evaluate((e) => getComputedStyle(e).opacity)) < 0.9, 'the ended row is not faded');
  step('ended-shown', { score: finalScore });

  // ...for the configured linger, then it leaves the board.
  await endedRow.waitFor({ state: 'detached', timeout: 20_000 });
  step('ended-gone');

  // Narrow (420 px): one column, nothing wider than the window, the feeds on top, a call replaces the list.
  await page.setViewportSize({ width: 420, height: 860 });
  await page.keyboard.press('Escape');
  await page.waitForSelector('#call-list .call', WAIT);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  check(overflow <= 420, `the page is ${overflow} px wide at 420`);
  const widths = await page.locator('.call').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
  check(widths.every((right) => right <= 420), `a row overflows: ${widths}`);
  const feedsBox = await page.locator('#feeds').boundingBox();
  const callsBox = await page.locator('.calls').boundingBox();
  check(feedsBox && callsBox && feedsBox.y < callsBox.y, 'alerts and kudos are not above the calls');
  check(await inViewport(page, page.locator('#alert-feed')), 'alerts are not in view at 420 px');
  await page.screenshot({ path: shot('board-narrow.png') });
  await page.locator('.call').first().click();
  await page.waitForSelector('#detail-back', { state: 'visible', ...WAIT });
  check(await page.locator('.calls').isHidden(), 'the list stays beside the detail at 420 px');
  await page.screenshot({ path: shot('call-detail-narrow.png') });
  await page.click('#detail-back');
  await page.waitForSelector('.calls', { state: 'visible', ...WAIT });
  step('narrow');

  // No asset of the page failed (the favicon used to 404).
  const icon = await page.evaluate(async () => (await fetch(document.querySelector('link[rel=icon]').href)).status);
  check(icon === 200, `favicon answers ${icon}`);
  check(failedRequests.length === 0, `failed requests: ${failedRequests.join(', ')}`);
  step('done');
});
