// CarePulse supervisor dashboard: one WebSocket to /v1/supervisor, no build step, no dependencies.
// The server conflates updates (latest row per call, a few per second), so this page just keeps the latest state
// and re-renders at most once per animation frame.
'use strict';

const TOKEN_KEY = 'carepulse.supervisorToken';
const PART_NAMES = ['emotion', 'empathy', 'ownership', 'listening', 'responsiveness', 'personal'];
const PART_LABELS = { responsiveness: 'responsive' };
const $ = (id) => document.getElementById(id);

const state = {
  calls: new Map(), alerts: [], kudos: [], selected: null, detail: null, endedCalls: new Map(),
  socket: null, retryMs: 500, nextRequest: 1, pendingWhisper: null,
};

function esc(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
function clock(ms) {
  const s = Math.floor((ms || 0) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
function band(score) {
  if (score < 45) return 'band-low';
  if (score < 55) return 'band-mid';
  if (score >= 70) return 'band-top';
  return 'band-ok';
}
function trendArrow(trend) {
  return { falling: '▼ falling', rising: '▲ rising', steady: '● steady' }[trend] || '';
}
function timeOf(iso) {
  return iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '';
}

// ---- connection

function token() { return sessionStorage.getItem(TOKEN_KEY); }

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
      $('who').textContent = `${message.userId} · ${message.role === 'admin' ? 'all teams' : message.teams.join(', ')}`;
      setStatus('live', true);
      showBoard();
      if (state.selected) send({ type: 'watch', callId: state.selected });
      break;
    case 'snapshot':
      state.calls = new Map(message.calls.map((row) => [row.callId, row]));
      state.kudos = message.kudos.slice().reverse();
      break;
    case 'call':
      state.calls.set(message.callId, message);
      break;
    case 'call.ended':
      state.calls.delete(message.callId);
      state.endedCalls.set(message.callId, message);
      break;
    case 'alert.raised':
    case 'alert.cleared':
      state.alerts.unshift(message);
      state.alerts.length = Math.min(state.alerts.length, 30);
      break;
    case 'kudos.awarded':
      if (!state.kudos.some((k) => k.kudosId === message.kudosId)) state.kudos.unshift(message);
      state.kudos.length = Math.min(state.kudos.length, 20);
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

function mergeDetail(message) {
  if (message.callId !== state.selected) return;
  if (message.reset || !state.detail) {
    state.detail = { callId: message.callId, transcript: [], timeline: [], prompts: [], whispers: [], alerts: [], call: message.call };
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

function render() {
  const rows = [...state.calls.values()].sort((a, b) => b.rank - a.rank || a.callId.localeCompare(b.callId));
  $('call-count').textContent = rows.length;
  $('no-calls').hidden = rows.length > 0;
  $('call-list').innerHTML = rows.map(callRow).join('');
  $('alert-feed').innerHTML = state.alerts.slice(0, 8).map((a) => `
    <li class="${a.type === 'alert.cleared' ? 'cleared' : ''}"><span class="when">${timeOf(a.at)}</span>
      <span class="chip ${esc(a.severity)}">${esc(a.kind.replace('_', ' '))}</span> ${esc(a.callId)} · ${esc(a.message)}</li>`).join('')
    || '<li class="empty">No alerts yet.</li>';
  $('kudos-feed').innerHTML = state.kudos.slice(0, 8).map((k) => `
    <li><span class="when">${timeOf(k.at)}</span><span class="chip kudos">★ ${esc(k.agentId)}</span> ${esc(k.message)}</li>`).join('')
    || '<li class="empty">No kudos yet.</li>';
  renderDetail();
}

function callRow(row) {
  const alerts = row.alerts.map((a) => `<span class="chip alert-chip ${esc(a.severity)}" title="${esc(a.message)}">${esc(a.kind.replace('_', ' '))}</span>`).join('');
  const parts = PART_NAMES.map((name) => {
    const value = row.parts[name];
    const level = value < 45 ? 'low' : value >= 65 ? 'high' : '';
    return `<div class="part ${level}" title="${name} ${value}">${PART_LABELS[name] || name} <b>${value}</b><div class="bar"><i style="width:${value}%"></i></div></div>`;
  }).join('');
  return `
  <li class="call${row.callId === state.selected ? ' selected' : ''}" data-call-id="${esc(row.callId)}">
    <div class="rank" title="triage rank">${row.rank}<small>rank</small></div>
    <div class="score ${band(row.score)}" data-score="${row.score}">${row.score}</div>
    <div class="who-line"><strong>${esc(row.customer || 'Unknown customer')}</strong>
      <span class="meta">${esc(row.agentId)} · ${clock(row.callTimeMs)} · <span class="trend ${esc(row.trend)}">${trendArrow(row.trend)}</span></span></div>
    <div class="spark">${sparkline(row.history, 128, 30)}</div>
    <div class="parts">${parts}</div>
    <div class="chips">${row.onHold ? '<span class="chip hold">on hold</span>' : ''}${alerts}</div>
    <div class="reason">${esc(row.rankReason)}</div>
  </li>`;
}

function sparkline(values, width, height) {
  if (!values || values.length < 2) return `<svg width="${width}" height="${height}"></svg>`;
  const lo = Math.min(...values, 40) - 2;
  const hi = Math.max(...values, 70) + 2;
  const points = values.map((v, i) => `${(i / (values.length - 1)) * (width - 4) + 2},${height - 2 - ((v - lo) / (hi - lo)) * (height - 4)}`).join(' ');
  const last = values[values.length - 1];
  const color = last < 45 ? '#d92d20' : last >= 70 ? '#067647' : '#5b3df5';
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

function renderDetail() {
  const panel = $('detail');
  const id = state.selected;
  if (!id) return;
  const row = state.calls.get(id) || state.detail?.call;
  const ended = state.endedCalls.get(id);
  const d = state.detail && state.detail.callId === id ? state.detail : { transcript: [], timeline: [], prompts: [], whispers: [], alerts: [] };
  const reasons = d.timeline.flatMap((p) => p.reasons.map((r) => ({ ...r, callTimeMs: p.callTimeMs, score: p.score }))).slice(-40).reverse();
  const typing = document.activeElement && document.activeElement.id === 'whisper-text';
  const draft = $('whisper-text') ? $('whisper-text').value : '';
  const status = $('whisper-status') ? $('whisper-status').outerHTML : '<div class="whisper-status" id="whisper-status"></div>';
  const transcriptScroll = panel.querySelector('.transcript');
  const atBottom = !transcriptScroll || transcriptScroll.scrollTop + transcriptScroll.clientHeight >= transcriptScroll.scrollHeight - 20;
  panel.innerHTML = `
    <div class="detail-head">
      <div class="score ${band(row?.score ?? 57)}">${row?.score ?? '–'}</div>
      <div><h2>${esc(row?.customer || id)}</h2>
        <div class="meta">${esc(id)} · agent ${esc(row?.agentId || '')} · ${clock(row?.callTimeMs)} · call score ${row?.callScore ?? '–'}
          ${row ? ` · <span class="trend ${esc(row.trend)}">${trendArrow(row.trend)}</span>` : ''}</div></div>
    </div>
    ${ended ? `<div class="ended-banner">Call ended (${esc(ended.reason)}) at score ${ended.score}${ended.kudos ? ' · ★ ' + esc(ended.kudos.message) : ''}</div>` : ''}
    ${row?.rankReason ? `<h3>Why it ranks ${row.rank}</h3><div class="reason">${esc(row.rankReason)}</div>` : ''}
    <h3>Score timeline</h3>
    <div class="timeline">${timelineChart(d.timeline)}</div>
    <ul class="reasons">${reasons.map((r) => `<li><span class="when">${clock(r.callTimeMs)}</span>
      <span class="delta ${r.delta < 0 ? 'neg' : 'pos'}">${r.delta > 0 ? '+' : ''}${r.delta} ${esc(r.part)}</span> · ${esc(r.text)}</li>`).join('') || '<li class="empty">No reasons yet.</li>'}</ul>
    <h3>Transcript</h3>
    <div class="transcript">${d.transcript.map((l) => `<div class="line ${esc(l.speaker)}"><span class="t">${esc(l.speaker)} · ${clock(l.callTimeMs)}</span>${esc(l.text)}</div>`).join('') || '<p class="empty">Nothing said yet.</p>'}</div>
    <h3>Prompts sent to the agent</h3>
    <ul class="prompts">${d.prompts.map((p) => `<li><span class="when">${clock(p.callTimeMs)}</span><span class="chip info">${esc(p.kind.replaceAll('_', ' '))}</span> ${esc(p.text)}</li>`).join('') || '<li class="empty">None yet.</li>'}
      ${d.whispers.map((w) => `<li><span class="when">${clock(w.callTimeMs)}</span><span class="chip hold">whisper · ${esc(w.from)}</span> ${esc(w.text)} <em>(${esc(w.outcome)})</em></li>`).join('')}</ul>
    <h3>Whisper to the agent</h3>
    <form class="whisper" id="whisper-form">
      <input id="whisper-text" maxlength="500" placeholder="Private message to ${esc(row?.agentId || 'the agent')}…" autocomplete="off">
      <button id="whisper-send" type="submit"${ended ? ' disabled' : ''}>Send</button>
    </form>
    ${status}`;
  const input = $('whisper-text');
  input.value = draft;
  if (typing) input.focus();
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

document.addEventListener('click', (event) => {
  const row = event.target.closest('.call');
  if (!row) return;
  const id = row.dataset.callId;
  if (id === state.selected) return;
  state.selected = id;
  state.detail = null;
  $('detail').innerHTML = '';
  send({ type: 'watch', callId: id });
  scheduleRender();
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
  state.selected = null;
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
}

function showBoard() {
  $('sign-in').hidden = true;
  $('board').hidden = false;
  $('sign-out').hidden = false;
}

if (token()) connect(); else showSignIn('');
