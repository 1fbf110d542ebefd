// The JsSIP adapter with a real JsSIP RTCSession (npm jssip): its events become CarePulse events on the server.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { attachJsSipSession, JSSIP_EVENTS } from '../carepulse-jssip.js';
import { skip, token, agentFor, stored } from './harness.mjs';

const require = createRequire(import.meta.url);
const JsSIP = require('jssip');

/** A JsSIP UA that is never started: enough to construct RTCSessions; the socket only satisfies its checks. */
function userAgent() {
  const socket = { via_transport: 'WSS', url: 'wss://sip.invalid', sip_uri: 'sip:sip.invalid;transport=ws',
    connect() {}, disconnect() {}, send() { return true; }, isConnected: () => false, isConnecting: () => false };
  return new JsSIP.UA({ sockets: [socket], uri: 'sip:agent-7@sip.invalid', register: false });
}

test('listens only to events JsSIP declares', () => {
  const declared = readFileSync(require.resolve('jssip/lib/RTCSession.d.ts'), 'utf8');
  const map = declared.slice(declared.indexOf('interface RTCSessionEventMap'));
  for (const name of JSSIP_EVENTS) assert.match(map.slice(0, map.indexOf('}')), new RegExp(`\\b${name}:`), name);
});

const agents = [];
after(() => agents.forEach((a) => a.close()));

test('a JsSIP session: mute, hold, DTMF, transfer and hang-up reach the service as events', { skip }, async () => {
  const agent = agentFor(await token('agent-sip'));
  agents.push(agent);
  await agent.connect();
  const call = await agent.startCall({ callId: 'node-jssip-1' });
  const session = new JsSIP.RTCSession(userAgent());
  // mute()/unmute() are JsSIP's own public API; they toggle the senders of session.connection, absent before media.
  Object.defineProperty(session, '_connection', { value: { getSenders: () => [], getReceivers: () => [] }, writable: true });
  const adapter = attachJsSipSession(call, session, { audio: false });

  session.mute({ audio: true });
  session.unmute({ audio: true });
  // What JsSIP emits when the far end holds (re-INVITE with a=sendonly), sends a tone, and REFERs.
  session.emit('hold', { originator: 'remote' });
  session.emit('unhold', { originator: 'remote' });
  session.emit('newDTMF', { originator: 'local', dtmf: { tone: '4' } });
  session.emit('refer', { request: {}, accept() {}, reject() {} });
  try {
    session.refer('sip:billing@sip.invalid');
  } catch {
    // no dialog: JsSIP refuses to send the REFER; the transfer was still seen
  }
  session.emit('ended', { originator: 'remote', cause: JsSIP.C.causes.BYE });
  await call.whenAcked(call.nextSeq - 1);
  adapter.detach();

  const result = await stored('node-jssip-1');
  const events = result.frames.filter((f) => f.type === 'event').map((f) => `${f.kind}:${f.detail ?? ''}`);
  assert.deepEqual(events, ['mute:', 'unmute:', 'hold:remote', 'unhold:remote', 'dtmf:local', 'transfer:remote', 'transfer:local']);
  assert.ok(!JSON.stringify(result.frames).includes('"4"'), 'the DTMF digit never leaves the softphone');
  const end = result.frames.at(-1);
  assert.equal(end.type, 'call.end');
  assert.equal(end.reason, 'sip:terminated', 'JsSIP\'s cause for a BYE');
});
