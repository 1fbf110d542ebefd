// Drives the leader view (/leaders) for LeaderViewBrowserTest (mvn test) over ten weeks of seeded calls and surveys,
// and saves target/screenshots/leaders.png and leaders-narrow.png.
import { join } from 'node:path';
import { WAIT, check, step, withBrowser } from './browser.mjs';

const { BASE_URL, TOKEN, AGENT_TOKEN, SCREENSHOTS, TEAMS, SURVEYED } = process.env;
const teams = TEAMS.split(',');

await withBrowser(SCREENSHOTS, async (page, { failedRequests }) => {
  await page.goto(`${BASE_URL}leaders`);
  await page.waitForSelector('#sign-in:not([hidden])', WAIT);
  check(await page.locator('#leaders').isHidden(), 'the leader view shows while signed out');

  // An agent token is turned away with a reason.
  await page.fill('#token', AGENT_TOKEN);
  await page.click('#sign-in-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#sign-in-error').textContent.includes('supervisor or admin'), null, WAIT);
  step('agent-refused');

  // A sign-in link (#token=…) signs in and leaves the address bar clean.
  await page.goto(`${BASE_URL}leaders#token=${TOKEN}`);
  await page.waitForSelector('#team-cards .card', WAIT);
  check(!page.url().includes('token='), `the token stayed in the address bar: ${page.url()}`);
  const cards = await page.locator('#team-cards .card').evaluateAll((els) => els.map((e) => e.dataset.teamId));
  check(teams.every((t) => cards.includes(t)), `team cards ${cards}, expected ${teams}`);
  step('cards', { cards });

  // Weekly trend: one line per team, a point for each week with calls; the band spread beneath it.
  const series = page.locator('#trend-chart .series');
  check(await series.count() === teams.length, `trend lines: ${await series.count()}`);
  const dots = await page.locator('#trend-chart .series').first().locator('.dot').count();
  check(dots >= 6, `only ${dots} weekly points for the first team`);
  check(await page.locator('#trend-chart polyline').count() >= teams.length, 'no trend lines drawn');
  check(await page.locator('#distribution-chart .bar rect').count() >= 6, 'no distribution bars');
  const labels = await page.locator('#trend-chart text.axis').allTextContents();
  check(labels.some((l) => /\d+ [A-Z][a-z]{2}/.test(l)), `no week labels: ${labels}`);
  step('trend', { dots });

  // Score against CSAT, banded, with the calibration figures.
  check(await page.locator('#calibration-chart circle.bubble').count() >= 3, 'no CSAT bubbles');
  const overall = await page.textContent('#calibration-overall');
  check(overall.includes('Spearman ρ') && overall.includes('95% CI') && overall.includes(`n = ${SURVEYED} calls`),
    `calibration figures: ${overall}`);
  const rho = Number((await page.textContent('#calibration-overall .figure')).trim());
  check(rho > 0.3, `seeded calls whose CSAT follows the score give rho ${rho}`);
  step('calibration', { rho });

  // Agents: every seeded agent, with a trend and a spread.
  const agents = await page.locator('#agents tbody tr[data-agent-id]').count();
  check(agents >= 4, `agents listed: ${agents}`);
  check(await page.locator('#agents tbody svg.mini').count() >= agents, 'agent rows without sparklines');
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(SCREENSHOTS, 'leaders.png'), fullPage: true });

  // Month by month: fewer points; one team: one card and one line.
  await page.selectOption('#bucket', 'month');
  await page.waitForFunction((weekly) => document.querySelectorAll('#trend-chart .series .dot').length > 0
    && document.querySelectorAll('#trend-chart .series')[0].querySelectorAll('.dot').length < weekly, dots, WAIT);
  await page.selectOption('#team', teams[0]);
  await page.waitForFunction(() => document.querySelectorAll('#team-cards .card').length === 1
    && document.querySelectorAll('#trend-chart .series').length === 1, null, WAIT);
  step('filters');

  await page.setViewportSize({ width: 420, height: 900 });
  await page.selectOption('#team', '');
  await page.waitForSelector('#team-cards .card >> nth=1', WAIT);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(width <= 420, `the leader view is ${width} px wide at 420`);
  await page.screenshot({ path: join(SCREENSHOTS, 'leaders-narrow.png'), fullPage: true });
  check(failedRequests.length === 0, `failed requests: ${failedRequests.join(', ')}`);
  step('done');
});
