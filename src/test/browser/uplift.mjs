// Drives the leader view's uplift panel for UpliftPanelBrowserTest (mvn test): the panel must show the figures of
// the uplift report it was given (REPORT, fetched by the test from GET /v1/reports/uplift), overall and per team.
// Saves target/screenshots/leaders-uplift.png.
import { join } from 'node:path';
import { WAIT, check, step, withBrowser } from './browser.mjs';

const { BASE_URL, TOKEN, SCREENSHOTS, REPORT } = process.env;
const report = JSON.parse(REPORT);

// The report's units, as a reader sees them: scores to 0.1, CSAT to 0.01, rates in percentage points.
const UNITS = {
  callScore: { mean: (v) => v.toFixed(1), diff: (v) => signed(v, 1), unit: ' points' },
  recoveryRate: { mean: (v) => `${Math.round(v * 100)}%`, diff: (v) => signed(v * 100, 1), unit: ' pp' },
  csat: { mean: (v) => v.toFixed(2), diff: (v) => signed(v, 2), unit: '' },
  resolution: { mean: (v) => `${Math.round(v * 100)}%`, diff: (v) => signed(v * 100, 1), unit: ' pp' },
};
function signed(v, digits) {
  return `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(digits)}`;
}

await withBrowser(SCREENSHOTS, async (page, { failedRequests }) => {
  await page.goto(`${BASE_URL}leaders#token=${TOKEN}`);
  await page.waitForSelector('#uplift .uplift-scope[data-scope="overall"]', WAIT);
  const scopes = await page.locator('#uplift .uplift-scope').evaluateAll((els) => els.map((e) => e.dataset.scope));
  const expected = ['overall', ...report.teams.map((t) => t.teamId)];
  check(expected.every((s) => scopes.includes(s)), `uplift scopes ${scopes}, expected ${expected}`);
  step('panel', { scopes });

  let checked = 0;
  for (const [id, scope] of [['overall', report.overall], ...report.teams.map((t) => [t.teamId, t])]) {
    const header = await page.textContent(`#uplift .uplift-scope[data-scope="${id}"] h3`);
    check(header.includes(`${scope.calls.treated} coached`) && header.includes(`${scope.calls.control} held out`),
      `${id}: header ${header}`);
    for (const [measure, u] of Object.entries(UNITS)) {
      const c = scope[measure];
      const row = `#uplift .uplift-scope[data-scope="${id}"] tr[data-measure="${measure}"]`;
      const text = async (cell) => (await page.textContent(`${row} td.${cell}`)).trim();
      const treated = await text('treated');
      const control = await text('control');
      check(treated.includes(`n ${c.treated.n}`) && control.includes(`n ${c.control.n}`),
        `${id} ${measure}: n ${treated} / ${control}, report ${c.treated.n} / ${c.control.n}`);
      if (c.treated.mean != null) {
        check(treated.startsWith(u.mean(c.treated.mean)), `${id} ${measure}: treated ${treated}, report ${c.treated.mean}`);
      }
      if (c.control.mean != null) {
        check(control.startsWith(u.mean(c.control.mean)), `${id} ${measure}: control ${control}, report ${c.control.mean}`);
      }
      if (c.difference != null) {
        const difference = await text('difference');
        check(difference === u.diff(c.difference) + u.unit, `${id} ${measure}: difference ${difference}, report ${c.difference}`);
      }
      if (c.ci95) {
        const interval = await text('interval');
        check(interval === `${u.diff(c.ci95[0])} to ${u.diff(c.ci95[1])}${u.unit}`,
          `${id} ${measure}: interval ${interval}, report ${c.ci95}`);
      }
      const verdict = await text('verdict');
      if (c.verdict === 'too_few_calls') {
        check(verdict === 'too few calls to conclude', `${id} ${measure}: verdict ${verdict}`);
      }
      checked++;
    }
  }
  step('figures', { checked });

  const small = report.teams.find((t) => t.callScore.verdict === 'too_few_calls');
  check(small, 'the report has no team with too few calls');
  const verdicts = await page.locator(`#uplift .uplift-scope[data-scope="${small.teamId}"] td.verdict`).allTextContents();
  check(verdicts.every((v) => v.trim() === 'too few calls to conclude'), `small team verdicts ${verdicts}`);
  step('too-few', { team: small.teamId });

  await page.locator('#uplift').screenshot({ path: join(SCREENSHOTS, 'leaders-uplift.png') });
  await page.setViewportSize({ width: 420, height: 900 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(width <= 420, `the leader view is ${width} px wide at 420 with the uplift panel`);
  check(failedRequests.length === 0, `failed requests: ${failedRequests.join(', ')}`);
  step('done');
});
