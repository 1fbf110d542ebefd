// CarePulse supervisor dashboard: one WebSocket to /v1/supervisor, no build step, no dependencies.
// The server conflates updates (latest row per call, a few per second), so this page just keeps the latest state
// and re-renders at most once per animation frame.
'use strict';

const TOKEN_KEY = 'carepulse.supervisorToken';
const PART_NAMES = ['emotion', 'empathy', 'ownership', 'listening', 'responsiveness', 'personal'];
const PART_LABELS = { responsiveness: 'responsive' };
/** How long an ended call stays on the board, faded, unless the server says otherwise (welcome.endedLingerMs). */
const DEFAULT_LINGER_MS = 60_000;
/**
 * The triage rank (0–100, docs/supervisor.md) in words. A fresh call at the neutral score ranks about 26; a falling
 * call with an open critical alert ranks 60 and up.
 */
const PRIORITIES = [
  { min: 50, level: 'save', label: 'Save first' },
  { min: 35, level: 'watch', label: 'Watch' },
  { min: 0, level: 'steady', label: 'On track' },
];
const $ = (id) => document.getElementById(id);

const state = {
  calls: new Map(),      // live rows by callId
  ended: new Map(),      // callId → { row, ended, until }: ended calls, shown faded until `until`
  alerts: [], kudos: [], selected: null, detail: null,
  lingerMs: DEFAULT_LINGER_MS,
  socket: null, retryMs: 500, nextRequest: 1, pendingWhisper: null,
};

function esc(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
function clock(ms) {
  const s = Math.floor((ms || 0) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
// The score bands of docs/score-model.md ("Bands"): cold below 36, at risk below 56, connected from 75.
const BAND = { cold: 36, atRisk: 56, connected: 75 };

function band(score) {
  if (score < BAND.cold) return 'band-low';
  if (score < BAND.atRisk) return 'band-mid';
  if (score >= BAND.connected) return 'band-top';
  return 'band-ok';
}
function trendArrow(trend) {
  return { falling: '▼ falling', rising: '▲ rising', steady: '● steady' }[trend] || '';
}
function priorityOf(rank) {
  return PRIORITIES.find((p) => rank >= p.min);
}
function words(kind) {
  return String(kind || '').replaceAll('_', ' ');
}
function timeOf(iso) {
  return iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }) : '';
}
function customerOf(callId) {
  const row = state.calls.get(callId) || state.ended.get(callId)?.row;
  return row?.customer || callId;
}

// ---- connection

function token() { return sessionStorage.getItem(TOKEN_KEY); }

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

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/v1/supervisor`);
  state.socket = socket;
  setStatus('connecting…');
  socket.onopen = () => socket.send(JSON.stringify({ type: 'hello', token: token() }));
  socket.onmessage = (event) => receive(JSON.parse(event.data));
  socket.onclose = (event) => {
    if (state.socket !== socket) return;
    state.socket = null;
    if (event.code === 4401 || event.code === 4403) {
      sessionStorage.removeItem(TOKEN_KEY);
      showSignIn(event.code === 4403 ? 'That token is not a supervisor or admin token.' : 'The token was not accepted (expired or wrong).');
      return;
    }
    setStatus('reconnecting…');
    setTimeout(() => token() && connect(), state.retryMs);
    state.retryMs = Math.min(state.retryMs * 2, 10000);
  };
}

function send(frame) {
  if (state.socket && state.socket.readyState === WebSocket.OPEN) {
    state.socket.send(JSON.stringify(frame));
    return true;
  }
  return false;
}

function receive(message) {
  switch (message.type) {
    case 'welcome':
      state.retryMs = 500;
      if (Number.isInteger(message.endedLingerMs)) state.lingerMs = message.endedLingerMs;
      $('who').textContent = `${message.userId} · ${message.role === 'admin' ? 'all teams' : message.teams.join(', ')}`;
      setStatus('live', true);
      showBoard();
      if (state.selected) send({ type: 'watch', callId: state.selected });
      break;
    case 'snapshot':
      state.calls = new Map(message.calls.map((row) => [row.callId, row]));
      for (const id of state.calls.keys()) state.ended.delete(id);
      state.kudos = message.kudos.slice().reverse();
      // Calls that ended a moment ago linger as they would have had this page been open (until endedAt + linger).
      for (const { row, ...ended } of (message.ended || []).slice().reverse()) {
        if (!state.ended.has(ended.callId)) {
          const until = Date.parse(ended.endedAt) + state.lingerMs;
          if (until > Date.now()) state.ended.set(ended.callId, { row: row || rowFromEnded(ended), ended, until });
        }
      }
      break;
    case 'call':
      state.calls.set(message.callId, message);
      break;
    case 'call.ended':
      callEnded(message);
      break;
    case 'alert.raised':
      state.alerts.unshift(message);
      state.alerts.length = Math.min(state.alerts.length, 50);
      break;
    case 'alert.cleared': {
      // One line per alert: a cleared one is struck through where it was raised.
      const raised = state.alerts.find((a) => a.alertId === message.alertId);
      if (raised) raised.clearedAt = message.at;
      else state.alerts.unshift({ ...message, clearedAt: message.at });
      break;
    }
    case 'kudos.awarded':
      addKudos(message);
      break;
    case 'call.detail':
      mergeDetail(message);
      break;
    case 'whisper.result':
      whisperStatus(message.outcome === 'held'
        ? 'Held: the agent is reconnecting; it will be delivered on resume.' : 'Delivered to the agent.', 'ok');
      break;
    case 'error':
      if (message.requestId && message.requestId === state.pendingWhisper) {
        const why = { forbidden: 'not one of your teams’ calls', call_ended: 'the call has ended', unknown_call: 'no such call' }[message.code];
        whisperStatus(`Not delivered: ${why || message.message}`, 'bad');
      }
      break;
    default:
      break;
  }
  scheduleRender();
}

/** The least a row needs, for a call that ended before this page saw a row of it. */
function rowFromEnded(ended) {
  return { callId: ended.callId, agentId: ended.agentId, teamId: ended.teamId, customer: ended.customer,
    history: [], alerts: [], parts: null, rank: 0 };
}

/** An ended call keeps its last row, with the final figures of call.ended, for state.lingerMs. */
function callEnded(message) {
  const row = state.calls.get(message.callId) || state.ended.get(message.callId)?.row
    || (state.detail?.callId === message.callId && state.detail.call?.type === 'call' ? state.detail.call : null)
    || rowFromEnded(message);
  state.calls.delete(message.callId);
  state.ended.set(message.callId, { row, ended: message, until: Date.now() + state.lingerMs });
  if (message.kudos) addKudos(message.kudos);
}

function addKudos(kudos) {
  if (!state.kudos.some((k) => k.kudosId === kudos.kudosId)) state.kudos.unshift(kudos);
  state.kudos.length = Math.min(state.kudos.length, 30);
}

function expireEnded() {
  const now = Date.now();
  let changed = false;
  for (const [id, entry] of state.ended) {
    if (entry.until <= now && !entry.gone) {
      entry.gone = true;   // off the board; kept while its detail is open
      changed = true;
    }
    if (entry.gone && id !== state.selected) state.ended.delete(id);
  }
  if (changed) scheduleRender();
}

function mergeDetail(message) {
  if (message.callId !== state.selected) return;
  if (message.reset || !state.detail) {
    state.detail = { callId: message.callId, transcript: [], timeline: [], prompts: [], whispers: [], alerts: [], call: message.call };
    if (message.call?.type === 'call.ended' && !state.ended.has(message.callId)) callEnded(message.call);
  }
  for (const key of ['transcript', 'timeline', 'prompts', 'whispers', 'alerts']) {
    state.detail[key].push(...(message[key] || []));
    if (state.detail[key].length > 400) state.detail[key].splice(0, state.detail[key].length - 400);
  }
}

// ---- rendering

let renderQueued = false;
function scheduleRender() {
  if (!renderQueued) {
    renderQueued = true;
    requestAnimationFrame(() => { renderQueued = false; render(); });
  }
}

/** Live calls by priority, then the lingering ended ones, most recently ended first. */
function boardRows() {
  const live = [...state.calls.values()].sort((a, b) => b.rank - a.rank || a.callId.localeCompare(b.callId));
  const ended = [...state.ended.values()].filter((e) => !e.gone && e.row)
    .sort((a, b) => b.until - a.until || a.row.callId.localeCompare(b.row.callId));
  return [...live.map((row) => ({ row })), ...ended];
}

function render() {
  const rows = boardRows();
  const list = $('call-list');
  const focusedId = list.contains(document.activeElement) ? document.activeElement.dataset.callId : null;
  $('call-count').textContent = state.calls.size;
  $('no-calls').hidden = rows.length > 0;
  // One row takes Tab focus (the selected one, else the first); arrows move between rows (a roving tabindex).
  const tabbable = rows.some(({ row }) => row.callId === state.selected) ? state.selected : rows[0]?.row.callId;
  list.innerHTML = rows.map(({ row, ended }) => callRow(row, ended, row.callId === tabbable)).join('');
  if (focusedId) list.querySelector(`.call[data-call-id="${CSS.escape(focusedId)}"]`)?.focus();

  $('alert-count').textContent = state.alerts.filter((a) => !a.clearedAt).length;
  $('alert-feed').innerHTML = state.alerts.slice(0, 20).map((a) => `
    <li class="${a.clearedAt ? 'cleared' : 'raised'}" data-call-id="${esc(a.callId)}" title="${esc(a.message)}">
      <span class="when">${timeOf(a.at)}</span><span class="chip ${esc(a.severity)}">${esc(words(a.kind))}</span>
      <span class="subject">${esc(customerOf(a.callId))}</span> · ${esc(a.message)}${a.clearedAt
        ? ` <span class="when">(cleared ${timeOf(a.clearedAt)})</span>` : ''}</li>`).join('')
    || '<li class="empty">No alerts yet.</li>';
  $('kudos-count').textContent = state.kudos.length;
  $('kudos-feed').innerHTML = state.kudos.slice(0, 20).map((k) => `
    <li data-call-id="${esc(k.callId)}"><span class="when">${timeOf(k.at)}</span><span class="chip kudos">★ ${esc(k.agentId)}</span>
      ${esc(k.message)}</li>`).join('')
    || '<li class="empty">No kudos yet.</li>';
  $('board').classList.toggle('has-selection', !!state.selected);
  renderDetail();
}

function partsGrid(parts) {
  return PART_NAMES.map((name) => {
    const value = parts?.[name] ?? 0;
    const level = value < 45 ? 'low' : value >= 65 ? 'high' : '';
    return `<div class="part ${level}" title="${name} ${value}">${PART_LABELS[name] || name} <b>${value}</b><div class="bar"><i style="width:${value}%"></i></div></div>`;
  }).join('');
}

function priorityBadge(row, ended) {
  if (ended) return `<div class="priority over" title="the call has ended">Ended</div>`;
  const p = priorityOf(row.rank);
  return `<div class="priority ${p.level}" title="priority ${row.rank} of 100: ${esc(row.rankReason)}">${p.label}
    <span class="meter"><i style="width:${row.rank}%"></i></span></div>`;
}

function callRow(row, ended, tabbable) {
  const score = ended ? ended.score : row.score;
  const alerts = ended ? '' : row.alerts.map((a) => `<span class="chip alert-chip ${esc(a.severity)}" title="${esc(a.message)}">${esc(words(a.kind))}</span>`).join('');
  const selected = row.callId === state.selected;
  const status = ended
    ? `<span class="trend over">ended ${esc(ended.reason || '')}</span>`
    : `<span class="trend ${esc(row.trend)}">${trendArrow(row.trend)}</span>`;
  const chips = ended
    ? (ended.kudos ? `<span class="chip kudos">★ ${esc(words(ended.kudos.reason))}</span>` : '')
    : `${row.onHold ? '<span class="chip hold">on hold</span>' : ''}${holdoutChip(row)}${repeatChip(row)}${alerts}`;
  return `
  <li class="call${selected ? ' selected' : ''}${ended ? ' ended' : ''}" data-call-id="${esc(row.callId)}" role="option"
      aria-selected="${selected}" tabindex="${tabbable ? 0 : -1}"><div class="call-body">
    ${priorityBadge(row, ended)}
    <div class="score ${band(score)}" data-score="${score}">${score}</div>
    <div class="who-line"><strong>${esc(row.customer || 'Unknown customer')}</strong>
      <span class="meta">${esc(row.agentId)} · ${clock(ended ? ended.callTimeMs : row.callTimeMs)} · ${status}</span></div>
    <div class="spark">${sparkline(row.history, 128, 30)}</div>
    <div class="parts">${partsGrid(row.parts)}</div>
    <div class="chips">${chips}</div>
    <div class="reason">${ended ? `final score ${ended.score} · call score ${ended.callScore ?? '–'} · lowest ${ended.minScore ?? '–'}` : esc(row.rankReason)}</div>
  </div></li>`;
}

/** Care memory: the customer called before; the title says how the last call ended. */
function repeatChip(row) {
  const r = row.repeatCaller;
  if (!r) return '';
  const last = r.lastResolved === false ? 'unresolved' : r.lastResolved === true ? 'resolved' : `ended at ${r.lastScore}`;
  return `<span class="chip hold" title="last call ${esc(r.lastCallId)}: ${esc(last)}">repeat caller · ${r.callsThisWeek + 1} this week</span>`;
}

/** A control call of an uplift experiment gets no prompts: say so, so a quiet coach is not read as a fault. */
function holdoutChip(row) {
  return row.holdout?.arm === 'control'
    ? `<span class="chip hold" title="uplift experiment ${esc(row.holdout.experiment)}: scored, never prompted">control · no prompts</span>`
    : '';
}

function sparkline(values, width, height) {
  if (!values || values.length < 2) return `<svg width="${width}" height="${height}"></svg>`;
  const lo = Math.min(...values, 40) - 2;
  const hi = Math.max(...values, 70) + 2;
  const points = values.map((v, i) => `${(i / (values.length - 1)) * (width - 4) + 2},${height - 2 - ((v - lo) / (hi - lo)) * (height - 4)}`).join(' ');
  const last = values[values.length - 1];
  const color = last < BAND.cold ? '#d92d20' : last >= BAND.connected ? '#067647' : '#5b3df5';
  return `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-label="score history">
    <polyline fill="none" stroke="${color}" stroke-width="2" stroke-linejoin="round" points="${points}"/></svg>`;
}

function timelineChart(points) {
  const width = 600, height = 110;
  if (points.length < 2) return `<svg viewBox="0 0 ${width} ${height}"></svg>`;
  const t0 = points[0].callTimeMs, t1 = Math.max(points[points.length - 1].callTimeMs, t0 + 1);
  const scores = points.map((p) => p.score);
  const lo = Math.max(0, Math.min(...scores, 40) - 5), hi = Math.min(100, Math.max(...scores, 70) + 5);
  const x = (t) => 30 + ((t - t0) / (t1 - t0)) * (width - 40);
  const y = (s) => height - 10 - ((s - lo) / (hi - lo)) * (height - 20);
  const line = points.map((p) => `${x(p.callTimeMs)},${y(p.score)}`).join(' ');
  const marks = points.filter((p) => p.reasons.length).map((p) =>
    `<circle cx="${x(p.callTimeMs)}" cy="${y(p.score)}" r="3" fill="#5b3df5"><title>${esc(p.reasons.map((r) => r.text).join('; '))}</title></circle>`).join('');
  const grid = [30, 45, 60, 75].filter((s) => s > lo && s < hi).map((s) => `<line x1="30" x2="${width - 10}" y1="${y(s)}" y2="${y(s)}" stroke="#e3e8ef"/>
    <text x="4" y="${y(s) + 4}" font-size="10" fill="#667085">${s}</text>`).join('');
  return `<svg viewBox="0 0 ${width} ${height}" preserveAspectRatio="none">${grid}
    <polyline fill="none" stroke="#5b3df5" stroke-width="2" points="${line}"/>${marks}</svg>`;
}

/** What the detail header shows: the live row, or once the call has ended the final figures of call.ended. */
function headline(id) {
  const entry = state.ended.get(id);
  const row = state.calls.get(id) || entry?.row || (state.detail?.callId === id ? state.detail.call : null);
  if (entry) {
    const e = entry.ended;
    return { row, ended: e, score: e.score, callScore: e.callScore, callTimeMs: e.callTimeMs,
      status: `<span class="trend over">ended</span>` };
  }
  return { row, ended: null, score: row?.score, callScore: row?.callScore, callTimeMs: row?.callTimeMs,
    status: row?.trend ? `<span class="trend ${esc(row.trend)}">${trendArrow(row.trend)}</span>` : '' };
}

function renderDetail() {
  const panel = $('detail');
  const id = state.selected;
  if (!id) {
    if (!panel.querySelector('.empty-detail')) {
      panel.innerHTML = '<p class="empty empty-detail">Select a call to see its transcript, score timeline and prompts, and to whisper to the agent.</p>';
    }
    return;
  }
  const h = headline(id);
  const row = h.row;
  const ended = h.ended;
  const d = state.detail && state.detail.callId === id ? state.detail : { transcript: [], timeline: [], prompts: [], whispers: [], alerts: [] };
  const reasons = d.timeline.flatMap((p) => p.reasons.map((r) => ({ ...r, callTimeMs: p.callTimeMs, score: p.score }))).slice(-40).reverse();
  const typing = document.activeElement && document.activeElement.id === 'whisper-text';
  const backFocused = document.activeElement && document.activeElement.id === 'detail-back';
  const draft = $('whisper-text') ? $('whisper-text').value : '';
  const status = $('whisper-status') ? $('whisper-status').outerHTML : '<div class="whisper-status" id="whisper-status" role="status"></div>';
  const transcriptScroll = panel.querySelector('.transcript');
  const atBottom = !transcriptScroll || transcriptScroll.scrollTop + transcriptScroll.clientHeight >= transcriptScroll.scrollHeight - 20;
  const priority = !ended && row ? priorityOf(row.rank) : null;
  panel.innerHTML = `
    <button class="ghost back" id="detail-back" type="button">← All calls</button>
    <div class="detail-head">
      <div class="score ${band(h.score ?? 57)}" id="detail-score">${h.score ?? '–'}</div>
      <div><h2>${esc(row?.customer || id)}</h2>
        <div class="meta" id="detail-meta">${esc(id)} · agent ${esc(row?.agentId || ended?.agentId || '')} · <span class="call-time">${clock(h.callTimeMs)}</span>
          · call score ${h.callScore ?? '–'} · ${h.status}</div></div>
    </div>
    ${ended ? `<div class="ended-banner" id="ended-banner">Call ended (${esc(ended.reason || 'ended')}) at ${clock(ended.callTimeMs)}: final score ${ended.score}, call score ${ended.callScore ?? '–'}, lowest ${ended.minScore ?? '–'}${ended.kudos ? ' · ★ ' + esc(ended.kudos.message) : ''}</div>` : ''}
    ${row?.parts ? `<div class="parts">${partsGrid(row.parts)}</div>` : ''}
    ${priority ? `<h3>Priority: ${priority.label} <span class="count" title="triage rank, 0–100">${row.rank}</span></h3><div class="reason">${esc(row.rankReason)}</div>` : ''}
    <h3>Score timeline</h3>
    <div class="timeline">${timelineChart(d.timeline)}</div>
    <ul class="reasons">${reasons.map((r) => `<li><span class="when">${clock(r.callTimeMs)}</span>
      <span class="delta ${r.delta < 0 ? 'neg' : 'pos'}">${r.delta > 0 ? '+' : ''}${r.delta} ${esc(r.part)}</span> · ${esc(r.text)}</li>`).join('') || '<li class="empty">No reasons yet.</li>'}</ul>
    <h3>Transcript</h3>
    <div class="transcript">${d.transcript.map((l) => `<div class="line ${esc(l.speaker)}"><span class="t">${esc(l.speaker)} · ${clock(l.callTimeMs)}</span>${esc(l.text)}</div>`).join('') || '<p class="empty">Nothing said yet.</p>'}</div>
    <h3>Prompts sent to the agent</h3>
    <ul class="prompts">${d.prompts.map((p) => `<li><span class="when">${clock(p.callTimeMs)}</span><span class="chip info">${esc(words(p.kind))}</span> ${esc(p.text)}</li>`).join('') || '<li class="empty">None yet.</li>'}
      ${d.whispers.map((w) => `<li><span class="when">${clock(w.callTimeMs)}</span><span class="chip hold">whisper · ${esc(w.from)}</span> ${esc(w.text)} <em>(${esc(w.outcome)})</em></li>`).join('')}</ul>
    <h3>Whisper to the agent</h3>
    <form class="whisper" id="whisper-form">
      <label class="visually-hidden" for="whisper-text">Whisper</label>
      <input id="whisper-text" maxlength="500" placeholder="${ended ? 'The call has ended' : `Private message to ${esc(row?.agentId || 'the agent')}…`}" autocomplete="off"${ended ? ' disabled' : ''}>
      <button id="whisper-send" type="submit"${ended ? ' disabled' : ''}>Send</button>
    </form>
    ${status}`;
  const input = $('whisper-text');
  input.value = draft;
  if (typing && !ended) input.focus();
  if (backFocused) $('detail-back').focus();
  const transcript = panel.querySelector('.transcript');
  if (atBottom) transcript.scrollTop = transcript.scrollHeight;
}

function whisperStatus(text, kind) {
  const el = $('whisper-status');
  if (el) {
    el.textContent = text;
    el.className = `whisper-status ${kind}`;
  }
}

// ---- actions

function select(id, { focusDetail = false } = {}) {
  if (id === state.selected) return;
  state.selected = id;
  state.detail = null;
  $('detail').innerHTML = '';
  if (id) send({ type: 'watch', callId: id }); else send({ type: 'unwatch' });
  scheduleRender();
  if (focusDetail) requestAnimationFrame(() => requestAnimationFrame(() => $('detail-back')?.focus()));
}

function closeDetail() {
  const was = state.selected;
  select(null);
  requestAnimationFrame(() => requestAnimationFrame(() => {
    const row = was && $('call-list').querySelector(`.call[data-call-id="${CSS.escape(was)}"]`);
    (row || $('call-list').querySelector('.call'))?.focus();
  }));
}

const narrow = () => window.matchMedia('(max-width: 760px)').matches;

document.addEventListener('click', (event) => {
  if (event.target.closest('#detail-back')) {
    closeDetail();
    return;
  }
  const target = event.target.closest('.call, .feed li[data-call-id]');
  if (!target) return;
  const id = target.dataset.callId;
  if (!state.calls.has(id) && !state.ended.has(id)) return;
  select(id);
});

document.addEventListener('keydown', (event) => {
  const typing = event.target.closest && event.target.closest('input, textarea');
  if (typing) {
    if (event.key === 'Escape') event.target.blur();
    return;
  }
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const rows = [...$('call-list').querySelectorAll('.call')];
  const current = event.target.closest && event.target.closest('.call');
  const index = current ? rows.indexOf(current) : rows.findIndex((r) => r.dataset.callId === state.selected);
  const moveTo = (i) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, i))];
    if (!row) return;
    row.focus();
    if (!narrow()) select(row.dataset.callId);
  };
  switch (event.key) {
    case 'ArrowDown': case 'j': moveTo(index + 1); break;
    case 'ArrowUp': case 'k': moveTo(index < 0 ? 0 : index - 1); break;
    case 'Home': moveTo(0); break;
    case 'End': moveTo(rows.length - 1); break;
    case 'Enter': case ' ':
      if (!current) return;
      select(current.dataset.callId, { focusDetail: narrow() });
      break;
    case 'Escape':
      if (!state.selected) return;
      closeDetail();
      break;
    case 'w':
      if (!state.selected || !$('whisper-text') || $('whisper-text').disabled) return;
      $('whisper-text').focus();
      break;
    default:
      return;
  }
  event.preventDefault();
});

document.addEventListener('submit', (event) => {
  if (event.target.id === 'whisper-form') {
    event.preventDefault();
    const input = $('whisper-text');
    const text = input.value.trim();
    if (!text || !state.selected) return;
    state.pendingWhisper = `w${state.nextRequest++}`;
    if (send({ type: 'whisper', callId: state.selected, text, requestId: state.pendingWhisper })) {
      input.value = '';
      whisperStatus('Sending…', '');
    } else {
      whisperStatus('Not connected; try again in a moment.', 'bad');
    }
  } else if (event.target.id === 'sign-in-form') {
    event.preventDefault();
    const value = $('token').value.trim();
    if (!value) return;
    sessionStorage.setItem(TOKEN_KEY, value);
    $('sign-in-error').textContent = '';
    connect();
  }
});

$('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  const socket = state.socket;
  state.socket = null;
  if (socket) socket.close();
  state.calls.clear();
  state.ended.clear();
  state.alerts = [];
  state.kudos = [];
  state.selected = null;
  state.detail = null;
  showSignIn('');
});

function setStatus(text, live) {
  $('status').textContent = text;
  $('status').classList.toggle('live', !!live);
}

function showSignIn(error) {
  $('sign-in').hidden = false;
  $('board').hidden = true;
  $('sign-out').hidden = true;
  $('who').textContent = '';
  $('sign-in-error').textContent = error || '';
  setStatus('signed out');
  $('token').focus();
}

function showBoard() {
  $('sign-in').hidden = true;
  $('board').hidden = false;
  $('sign-out').hidden = false;
}

setInterval(expireEnded, 1000);
tokenFromLink();
if (token()) connect(); else showSignIn('');
