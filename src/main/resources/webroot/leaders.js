// CarePulse leader view: trends of the "I care" score per team and agent, and whether it predicts CSAT.
// Reads the REST reports (GET /v1/reports/teams|agents|calibration|uplift, openapi.yaml) with the signed-in token.
import {
  TEAM_COLORS, bandLegend, calibrationChart, distributionBars, esc, fmt, lineChart, lineLegend, miniDistribution,
  sparkline,
} from './charts.js';

const TOKEN_KEY = 'carepulse.supervisorToken';
const $ = (id) => document.getElementById(id);
const token = () => sessionStorage.getItem(TOKEN_KEY);
/**
 * A sign-in link (development mode prints one): http://host/#token=… signs this tab in and leaves the address bar
 * without the token. The fragment never reaches the server or its logs.
 */
function tokenFromLink() {
  const match = location.hash.match(/(?:^#|&)token=([^&]+)/);
  if (!match) return false;
  sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
  history.replaceState(null, '', location.pathname + location.search);
  return true;
}
// A link followed from this very page only changes the fragment: start again with the new token.
window.addEventListener('hashchange', () => { if (tokenFromLink()) location.reload(); });

/** Charts are drawn at the pixel width they get, so their text stays at its CSS size on any screen. */
const widthOf = (id, fallback = 640) => Math.max(300, Math.round($(id).clientWidth || fallback));
const pct = (v) => (v == null ? '–' : `${Math.round(v * 100)}%`);

/** The first instant of the period, aligned to the bucket, in UTC (weeks start on Monday, like the reports). */
function periodStart(range) {
  if (range === 'all') return null;
  const now = new Date();
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (range.startsWith('w')) {
    const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
    return new Date(monday.getTime() - (Number(range.slice(1)) - 1) * 7 * 86_400_000);
  }
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() - (Number(range.slice(1)) - 1), 1));
}

class Refused extends Error {
  constructor(status, detail) { super(detail); this.status = status; }
}

async function get(path, params) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v != null && v !== ''));
  const response = await fetch(`${path}?${query}`, { headers: { Authorization: `Bearer ${token()}` } });
  if (!response.ok) {
    let detail = `${response.status}`;
    try { detail = (await response.json()).detail || detail; } catch { /* not problem+json */ }
    throw new Refused(response.status, detail);
  }
  return response.json();
}

function identity() {
  try {
    const claims = JSON.parse(atob(token().split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return { sub: claims.sub, role: claims.role, teams: claims.teams || [] };
  } catch {
    return null;
  }
}

async function load() {
  const who = identity();
  if (!who || (who.role !== 'supervisor' && who.role !== 'admin' && who.role !== 'integrator')) {
    sessionStorage.removeItem(TOKEN_KEY);
    return showSignIn(who ? `The leader view needs a supervisor or admin token; this one is for role ${who.role}.`
      : 'That does not look like a CarePulse token.');
  }
  showPage(who);
  const bucket = $('bucket').value;
  const from = periodStart($('range').value);
  const teamId = $('team').value || null;
  const common = { from: from?.toISOString(), bucket };
  setStatus('loading…');
  try {
    const [teams, agents, calibration, uplift] = await Promise.all([
      get('/v1/reports/teams', common),
      get('/v1/reports/agents', { ...common, teamId }),
      get('/v1/reports/calibration', { from: common.from, teamId }),
      get('/v1/reports/uplift', { from: common.from, teamId }),
    ]);
    $('load-error').textContent = '';
    render(teams, agents, calibration, bucket, teamId);
    $('uplift-body').innerHTML = upliftPanel(uplift);
    setStatus(`updated ${new Date().toLocaleTimeString()}`, true);
  } catch (error) {
    if (error instanceof Refused && (error.status === 401 || error.status === 403)) {
      sessionStorage.removeItem(TOKEN_KEY);
      return showSignIn(error.status === 401 ? 'The token was not accepted (expired or wrong).' : error.message);
    }
    $('load-error').textContent = `Could not load the reports: ${error.message}`;
    setStatus('error');
  }
}

function teamChoices(teams) {
  const select = $('team');
  const chosen = select.value;
  const ids = teams.map((t) => t.teamId).filter((id) => id != null);
  select.innerHTML = `<option value="">all my teams</option>${ids.map((id) => `<option value="${esc(id)}">${esc(id)}</option>`).join('')}`;
  select.value = ids.includes(chosen) ? chosen : '';
}

/** The buckets of the report: one list of start instants, the union over the rows (rows share bucket bounds). */
function bucketsOf(rows) {
  const starts = new Set();
  rows.forEach((row) => (row.series || []).forEach((point) => starts.add(point.start)));
  return [...starts].sort();
}

function valuesFor(row, buckets, field) {
  const byStart = new Map((row.series || []).map((p) => [p.start, p]));
  return buckets.map((start) => byStart.get(start)?.[field] ?? null);
}

function render(teamReport, agentReport, calibration, bucket, teamId) {
  teamChoices(teamReport.teams);
  const teams = teamReport.teams.filter((t) => !teamId || t.teamId === teamId);
  const color = new Map(teamReport.teams.map((t, i) => [t.teamId, TEAM_COLORS[i % TEAM_COLORS.length]]));
  document.querySelectorAll('.bucket-word').forEach((el) => { el.textContent = bucket; });

  $('team-cards').innerHTML = teams.map((t) => teamCard(t, color.get(t.teamId), calibration, bucket)).join('')
    || '<p class="empty">No calls in your teams in this period yet. Run <code>simulate</code> to make some.</p>';

  const buckets = bucketsOf(teams);
  const lines = teams.map((t) => ({ name: t.teamId ?? 'no team', color: color.get(t.teamId), values: valuesFor(t, buckets, 'meanCallScore') }));
  $('trend-chart').innerHTML = lineChart({ buckets, bucket, lines, label: `Mean call score per ${bucket}, by team`,
    width: widthOf('trend-chart') });
  $('trend-legend').innerHTML = buckets.length ? lineLegend(lines) : '';
  const counts = buckets.map((start) => [0, 1, 2, 3, 4].map((b) => teams.reduce((sum, t) => {
    const point = (t.series || []).find((p) => p.start === start);
    return sum + (point ? point.distribution[b] : 0);
  }, 0)));
  $('distribution-chart').innerHTML = buckets.length
    ? distributionBars({ buckets, bucket, counts, label: `Share of ended calls per score band, per ${bucket}`,
      width: widthOf('distribution-chart') }) : '';
  $('distribution-legend').innerHTML = buckets.length ? bandLegend() : '';

  $('calibration-chart').innerHTML = calibrationChart({ bands: calibration.bands, label: 'callScore against CSAT by score band',
    width: widthOf('calibration-chart', 520) });
  $('calibration-figures').innerHTML = calibrationFigures(calibration);

  const agentBuckets = bucketsOf(agentReport.agents);
  const rows = agentReport.agents.slice().sort((a, b) => (b.meanCallScore ?? -1) - (a.meanCallScore ?? -1));
  $('agents').querySelector('tbody').innerHTML = rows.map((a) => `
    <tr data-agent-id="${esc(a.agentId)}">
      <th scope="row">${esc(a.agentId)}<div class="muted small">${esc((a.teams || []).join(', '))}</div></th>
      <td>${a.endedCalls}</td>
      <td class="num">${fmt(a.meanCallScore, 1)}</td>
      <td>${sparkline(valuesFor(a, agentBuckets, 'meanCallScore'))}</td>
      <td>${miniDistribution(a.distribution)}</td>
      <td>${pct(a.recoveryRate)}</td>
      <td>${a.prompts} <span class="muted">(${pct(a.helpfulness)})</span></td>
      <td>${a.kudos ? `★ ${a.kudos}` : '0'}</td>
    </tr>`).join('') || '<tr><td colspan="8" class="empty">No agents with calls in this period.</td></tr>';
}

function teamCard(team, color, calibration, bucket) {
  const series = (team.series || []).filter((p) => p.meanCallScore != null);
  const last = series[series.length - 1];
  const previous = series[series.length - 2];
  const delta = last && previous ? last.meanCallScore - previous.meanCallScore : null;
  const cal = (calibration.teams || []).find((c) => c.teamId === team.teamId);
  return `
  <article class="card" data-team-id="${esc(team.teamId)}" style="--team:${color}">
    <h2>${esc(team.teamId ?? 'no team')}</h2>
    <div class="big"><span class="figure">${fmt(team.meanCallScore, 1)}</span> <span class="muted">mean call score</span></div>
    <div class="delta ${delta == null ? '' : delta >= 0 ? 'up' : 'down'}">${delta == null ? `over ${team.endedCalls} ended calls`
      : `${delta >= 0 ? '▲' : '▼'} ${fmt(Math.abs(delta), 1)} on the previous ${bucket}`}</div>
    ${miniDistribution(team.distribution, 180, 10)}
    <dl>
      <div><dt>Calls</dt><dd>${team.endedCalls}</dd></div>
      <div><dt>Dips recovered</dt><dd>${pct(team.recoveryRate)}</dd></div>
      <div><dt>Prompts helpful</dt><dd>${pct(team.helpfulness)} <span class="muted small">of ${team.prompts}</span></dd></div>
      <div><dt>Kudos</dt><dd>${team.kudos}</dd></div>
      <div><dt>Score ↔ CSAT</dt><dd>${cal ? `ρ ${fmt(cal.spearman.value, 2)} <span class="muted small">n ${cal.n}</span>` : '–'}</dd></div>
    </dl>
  </article>`;
}

function calibrationFigures(calibration) {
  const o = calibration.overall;
  const ci = (c) => (c.ci95 ? `95% CI ${fmt(c.ci95[0], 2)} to ${fmt(c.ci95[1], 2)}` : 'CI needs 4 or more calls');
  const rows = (calibration.teams || []).map((t) => `<tr><th scope="row">${esc(t.teamId ?? 'no team')}</th>
    <td class="num">${fmt(t.spearman.value, 2)}</td><td>${t.spearman.ci95 ? `${fmt(t.spearman.ci95[0], 2)} – ${fmt(t.spearman.ci95[1], 2)}` : '–'}</td><td>${t.n}</td></tr>`).join('');
  return `
    <div class="figures" id="calibration-overall">
      <div class="big"><span class="figure">${fmt(o.spearman.value, 2)}</span> <span class="muted">Spearman ρ</span></div>
      <div>${ci(o.spearman)}</div>
      <div>n = ${o.n} calls with a CSAT · Pearson r ${fmt(o.pearson.value, 2)}</div>
    </div>
    ${rows ? `<table class="small-table"><thead><tr><th>Team</th><th>ρ</th><th>95% CI</th><th>n</th></tr></thead><tbody>${rows}</tbody></table>` : ''}
    <p class="hint">ρ near 1: calls the score rates higher, customers rate higher too. Below 0.3, or a CI that spans 0,
      the score does not yet predict this team's surveys.</p>`;
}

// ---- uplift: treated against control (GET /v1/reports/uplift, docs/uplift.md)

const MEASURES = [
  { key: 'callScore', name: 'Call score', mean: (v) => fmt(v, 1), diff: (v) => signed(v, 1), unit: ' points' },
  { key: 'recoveryRate', name: 'Dips recovered', mean: pct, diff: (v) => signed(v * 100, 1), unit: ' pp' },
  { key: 'csat', name: 'CSAT (1–5)', mean: (v) => fmt(v, 2), diff: (v) => signed(v, 2), unit: '' },
  { key: 'resolution', name: 'Resolved', mean: pct, diff: (v) => signed(v * 100, 1), unit: ' pp' },
];
const VERDICTS = {
  too_few_calls: 'too few calls to conclude',
  no_clear_difference: 'no clear difference',
  treated_higher: 'coached calls higher',
  treated_lower: 'coached calls lower',
};

function signed(v, digits) {
  return v == null ? '–' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(digits)}`;
}

function upliftScope(scope, name, id) {
  const rows = MEASURES.map((m) => {
    const c = scope[m.key];
    const interval = c.ci95 ? `${m.diff(c.ci95[0])} to ${m.diff(c.ci95[1])}${m.unit}` : '–';
    return `<tr data-measure="${m.key}" title="${esc(c.note)}">
      <th scope="row">${m.name}</th>
      <td class="treated"><span class="num">${c.treated.mean == null ? '–' : m.mean(c.treated.mean)}</span> <span class="muted small">n ${c.treated.n}</span></td>
      <td class="control"><span class="num">${c.control.mean == null ? '–' : m.mean(c.control.mean)}</span> <span class="muted small">n ${c.control.n}</span></td>
      <td class="difference num">${c.difference == null ? '–' : m.diff(c.difference) + m.unit}</td>
      <td class="interval">${interval}</td>
      <td class="verdict ${c.verdict}">${VERDICTS[c.verdict] ?? esc(c.verdict)}</td>
    </tr>`;
  }).join('');
  return `<div class="uplift-scope" data-scope="${esc(id)}">
    <h3>${esc(name)} <span class="muted small">${scope.calls.treated} coached · ${scope.calls.control} held out</span></h3>
    <div class="table-wrap"><table class="uplift-table">
      <thead><tr><th scope="col">Measure</th><th scope="col">Coached</th><th scope="col">Held out</th>
        <th scope="col">Difference</th><th scope="col">95% interval</th><th scope="col">Verdict</th></tr></thead>
      <tbody>${rows}</tbody></table></div></div>`;
}

function upliftPanel(report) {
  const calls = report.overall.calls.treated + report.overall.calls.control;
  if (calls === 0) {
    return '<p class="empty" id="uplift-none">No uplift experiment in this period: set <code>holdout.share</code> in a'
      + ' team\'s playbook (PUT /v1/teams/{teamId}/playbook) to hold a share of calls out of coaching.</p>';
  }
  const experiments = report.experiments.length ? `Experiment ${report.experiments.map(esc).join(', ')}` : '';
  return `<p class="hint">${experiments} · a verdict needs ${report.minPerArm} calls in each arm.</p>
    ${upliftScope(report.overall, 'All teams', 'overall')}
    ${report.teams.map((t) => upliftScope(t, t.teamId ?? 'no team', t.teamId ?? '')).join('')}`;
}

// ---- sign-in and page state

function setStatus(text, live) {
  $('status').textContent = text;
  $('status').classList.toggle('live', !!live);
}

function showSignIn(error) {
  $('sign-in').hidden = false;
  $('leaders').hidden = true;
  $('sign-out').hidden = true;
  $('who').textContent = '';
  $('sign-in-error').textContent = error || '';
  setStatus('signed out');
}

function showPage(who) {
  $('sign-in').hidden = true;
  $('leaders').hidden = false;
  $('sign-out').hidden = false;
  $('who').textContent = `${who.sub} · ${who.role === 'supervisor' ? who.teams.join(', ') : 'all teams'}`;
}

$('sign-in-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const value = $('token').value.trim();
  if (!value) return;
  sessionStorage.setItem(TOKEN_KEY, value);
  load();
});
$('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  showSignIn('');
});
$('filters').addEventListener('change', () => load());
let lastWidth = window.innerWidth;
let resizeTimer = null;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    if (Math.abs(window.innerWidth - lastWidth) > 40 && !$('leaders').hidden) {
      lastWidth = window.innerWidth;
      load();
    }
  }, 300);
});

tokenFromLink();
if (token()) load(); else showSignIn('');
