// Shared by the Node tests: the service under test (started by AgentSdkNodeTest, controlled over HTTP), a TCP proxy
// that can cut connections, a Storage that outlives an agent (a page reload), and waiting on conditions.
import net from 'node:net';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import WebSocket from 'ws';
import { CarePulseAgent } from '../carepulse-agent.js';

export const URL_WS = process.env.CAREPULSE_URL;
export const HTTP = process.env.CAREPULSE_HTTP;
export const CONTROL = process.env.CAREPULSE_CONTROL;
export const configured = Boolean(URL_WS && CONTROL);
export const skip = configured ? false : 'needs the service: run through AgentSdkNodeTest (mvn test)';

export async function control(path, method = 'POST') {
  const response = await fetch(CONTROL + path, { method });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

export const token = async (sub, role = 'agent') => (await control(`/token?sub=${sub}&role=${role}`, 'GET')).token;
export const stored = (callId) => control(`/stored?callId=${encodeURIComponent(callId)}`, 'GET');
export const stopService = (mode) => control(`/service/stop?mode=${mode}`);
export const startService = () => control('/service/start');

/** Polls `condition` every 20 ms until it is truthy; fails after `timeout` ms naming `what`. */
export async function waitFor(condition, what, timeout = 20000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A WebSocket (npm ws) that watches the wire on its own: every frame sent and every ack received, over all the sockets
 * of one tap. `pastAck` lists the frames sent at or below an ack already received for their call.
 */
export function wireTap() {
  const acked = new Map();
  const tap = { sent: 0, pastAck: [], acked };
  tap.WebSocket = class TappedWebSocket extends WebSocket {
    constructor(...args) {
      super(...args);
      this.on('message', (data) => {
        const m = JSON.parse(data.toString());
        if (m.type === 'ack') acked.set(m.callId, Math.max(acked.get(m.callId) ?? 0, m.seq));
      });
    }

    send(text) {
      const frame = JSON.parse(text);
      if (frame.seq != null) {
        tap.sent++;
        if (frame.seq <= (acked.get(frame.callId) ?? 0)) tap.pastAck.push(`${frame.callId}#${frame.seq}`);
      }
      super.send(text);
    }
  };
  return tap;
}

export function agentFor(tokenValue, options = {}) {
  return new CarePulseAgent({ url: URL_WS, token: tokenValue, WebSocket, storage: null,
    backoff: { initialMs: 100, maxMs: 1000 }, ...options });
}

/** A Storage whose contents survive the agent that wrote them, as sessionStorage survives a reload. */
export function reloadableStorage() {
  const items = new Map();
  return {
    items,
    getItem: (k) => (items.has(k) ? items.get(k) : null),
    setItem: (k, v) => { items.set(k, String(v)); },
    removeItem: (k) => { items.delete(k); },
  };
}

/**
 * A TCP proxy in front of the service: cut() drops every connection at once (the client sees 1006), refuse makes new
 * connections fail, muteReplies() stops forwarding what the server sends (acks lost in flight).
 */
export async function proxy(targetPort) {
  const pairs = new Set();
  const state = { refuse: false, mute: false };
  const server = net.createServer((client) => {
    if (state.refuse) {
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1');
    const pair = { client, upstream, mute: false };
    pairs.add(pair);
    client.on('data', (d) => upstream.write(d));
    upstream.on('data', (d) => { if (!pair.mute && !state.mute) client.write(d); });
    const end = () => { pairs.delete(pair); client.destroy(); upstream.destroy(); };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const port = server.address().port;
  const cut = () => {
    for (const { client, upstream } of pairs) { client.destroy(); upstream.destroy(); }
    pairs.clear();
  };
  return {
    url: `ws://127.0.0.1:${port}/v1/agent`,
    state,
    cut,
    muteReplies() {
      for (const pair of pairs) pair.mute = true;
    },
    get connections() { return pairs.size; },
    close: () => new Promise((r) => { cut(); server.close(r); }),
  };
}

export const servicePort = () => Number(new URL(HTTP).port);

/** Appends this test's figures to the file AgentSdkNodeTest reports. */
export function report(name, figures) {
  const file = process.env.FIGURES;
  console.log(`# figures ${name}: ${JSON.stringify(figures)}`);
  if (!file) return;
  const all = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  all[name] = figures;
  writeFileSync(file, JSON.stringify(all, null, 2));
}

/**
 * What the server stored for a call against what the client created: every seq once, none missing, and each stored
 * frame the one the client numbered so (type and ts match).
 */
export async function assertStoredExactly(assert, callId, created) {
  const result = await stored(callId);
  assert.equal(result.count, created.length, `stored ${result.count} frames, the client created ${created.length}`);
  assert.equal(result.distinctSeqs, created.length, 'each seq stored once');
  assert.equal(result.minSeq, 1);
  assert.equal(result.maxSeq, created.length);
  for (const frame of result.frames) {
    const mine = created[frame.seq - 1];
    assert.equal(frame.type, mine.type, `seq ${frame.seq} type`);
    assert.equal(frame.ts, mine.ts, `seq ${frame.seq} ts`);
  }
  return result;
}

/** Records every frame a call creates (from the agent's storage-independent view). */
export function recordFrames(agent, created = new Map()) {
  const original = agent.enqueue.bind(agent);
  agent.enqueue = (call, fields) => {
    const seq = original(call, fields);
    const frame = call.unacked.find((f) => f.seq === seq);
    if (!created.has(call.callId)) created.set(call.callId, []);
    created.get(call.callId).push({ seq, type: frame.type, ts: frame.ts });
    return seq;
  };
  return created;
}
