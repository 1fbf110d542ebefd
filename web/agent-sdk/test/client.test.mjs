// The client against the real service: sequencing, ack bookkeeping, resume after drops and restarts, reloads, bound.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { BufferFullError } from '../carepulse-agent.js';
import {
  skip, token, agentFor, proxy, servicePort, waitFor, stopService, startService, reloadableStorage, report,
  assertStoredExactly, recordFrames, stored, wireTap,
} from './harness.mjs';

const agents = [];
const feeds = [];
const keep = (agent) => { agents.push(agent); return agent; };
after(() => { feeds.forEach((f) => f.stop()); agents.forEach((a) => a.close()); });
const LONG = { timeout: 60000 };

/** Sends a mixed stream of frames, one every `everyMs`, until stop() — as a live call does. */
function stream(call, everyMs = 30) {
  let n = 0;
  const timer = setInterval(() => {
    n++;
    if (n % 10 === 0) call.utterance({ speaker: n % 20 ? 'customer' : 'agent', text: `line ${n}, thanks for waiting`, final: true });
    else if (n % 37 === 0) call.event(n % 2 ? 'hold' : 'unhold');
    else call.acoustic({ speaker: n % 2 ? 'agent' : 'customer', windowMs: 250, rmsDb: -30 - (n % 7), pitchHz: 120 + (n % 50), voicedRatio: 0.6 });
  }, everyMs);
  feeds.push({ stop: () => clearInterval(timer) });
  return { stop: () => clearInterval(timer), get count() { return n; } };
}

describe('agent client against the real service', { skip, timeout: 180000 }, () => {
  test('numbers frames 1, 2, 3… per call and forgets each frame once acked', LONG, async () => {
    const agent = keep(agentFor(await token('agent-seq')));
    const created = recordFrames(agent);
    const states = [];
    agent.on('state', (s) => states.push(s));
    await agent.connect();
    assert.equal(agent.state, 'open');
    const call = await agent.startCall({ callId: 'node-seq-1', customer: { id: 'c-1', name: 'Dana Whitfield' }, teamId: 'team-a' });
    assert.equal(call.acked, 1);
    const scores = [];
    call.on('score', (s) => scores.push(s));
    const seqs = [];
    seqs.push(call.utterance({ speaker: 'agent', text: 'Thank you for calling, how can I help?', final: true }));
    seqs.push(call.utterance({ speaker: 'customer', text: 'My card was charged twice', final: false, utteranceId: 'u-2' }));
    seqs.push(call.utterance({ speaker: 'customer', text: 'My card was charged twice and I am upset', final: true, utteranceId: 'u-2' }));
    for (let i = 0; i < 20; i++) seqs.push(call.acoustic({ speaker: 'customer', windowMs: 500, rmsDb: -25, pitchHz: 180, voicedRatio: 0.7 }));
    seqs.push(call.event('hold'));
    seqs.push(call.event('unhold'));
    assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 2), 'consecutive seqs after call.start');
    await call.whenAcked(seqs.at(-1));
    assert.equal(call.pending, 0, 'nothing kept once acked');
    await call.end('completed');
    assert.equal(call.done, true);
    assert.ok(scores.length >= 4, `scores after final utterances and events (${scores.length})`);
    assert.equal(call.stats.resent, 0, 'no frame sent twice on a healthy connection');
    assert.equal(call.stats.sentPastAck, 0);
    assert.deepEqual(states, ['connecting', 'open']);
    const result = await assertStoredExactly(assert, 'node-seq-1', created.get('node-seq-1'));
    report('sequencing', { created: call.stats.created, transmissions: call.stats.transmissions, acked: call.acked, stored: result.count });
  });

  test('a second call on the same socket has its own numbering', LONG, async () => {
    const agent = keep(agentFor(await token('agent-seq')));
    await agent.connect();
    const [a, b] = await Promise.all([agent.startCall({ callId: 'node-two-a' }), agent.startCall({ callId: 'node-two-b' })]);
    assert.equal(a.utterance({ speaker: 'agent', text: 'hello a' }), 2);
    assert.equal(b.utterance({ speaker: 'agent', text: 'hello b' }), 2);
    assert.equal(a.utterance({ speaker: 'customer', text: 'hi' }), 3);
    await Promise.all([a.end(), b.end()]);
  });

  test('a refused token closes the agent with a clear error instead of retrying', LONG, async () => {
    const agent = keep(agentFor('not.a.token'));
    const states = [];
    agent.on('state', (st) => states.push(st));
    await assert.rejects(agent.connect(), (e) => e.code === 'unauthorized');
    assert.equal(agent.state, 'closed');
    assert.deepEqual(states, ['connecting', 'closed']);
  });

  test('refuses a frame that breaks the schema before it is numbered', LONG, async () => {
    const agent = keep(agentFor(await token('agent-seq')));
    await agent.connect();
    const call = await agent.startCall({ callId: 'node-invalid' });
    assert.throws(() => call.utterance({ speaker: 'robot', text: 'x' }), /speaker must be one of agent, customer/);
    assert.throws(() => call.event('explode'), /event.kind must be one of/);
    assert.throws(() => call.feedback('p-1', 'loved'), /action must be one of/);
    assert.equal(call.nextSeq, 2, 'nothing consumed a seq');
    await call.end();
  });

  test('resumes after dropped sockets: every frame stored once, nothing resent past an ack', LONG, async () => {
    const cutter = await proxy(servicePort());
    const tap = wireTap();
    const agent = keep(agentFor(await token('agent-drop'), { url: cutter.url, WebSocket: tap.WebSocket }));
    const created = recordFrames(agent);
    const closes = [];
    agent.on('disconnected', (c) => closes.push(c.code));
    let resumes = 0;
    agent.on('welcome', (w) => { if (w.resume.length) resumes++; });
    await agent.connect();
    const call = await agent.startCall({ callId: 'node-drop-1' });
    const feed = stream(call);
    let ackedBeforeCut = 0;
    for (let cut = 0; cut < 3; cut++) {
      await waitFor(() => call.acked > ackedBeforeCut + 30, 'acks before the cut');
      ackedBeforeCut = call.acked;
      cutter.cut();
      await waitFor(() => agent.state === 'resuming', 'the drop noticed');
      await waitFor(() => agent.state === 'open', 'reconnected and resumed');
    }
    feed.stop();
    await call.end('completed');
    const result = await assertStoredExactly(assert, 'node-drop-1', created.get('node-drop-1'));
    assert.equal(call.stats.sentPastAck, 0, 'no frame was sent again once acked');
    assert.deepEqual(tap.pastAck, [], 'on the wire too');
    assert.equal(tap.sent, call.stats.transmissions);
    assert.ok(closes.length >= 3 && closes.every((c) => c === 1006), `abnormal closes ${closes}`);
    assert.ok(resumes >= 3, 'every reconnect resumed the call');
    report('drop', { drops: closes.length, created: call.stats.created, transmissions: call.stats.transmissions,
      resent: call.stats.resent, sentPastAck: tap.pastAck.length, acked: call.acked, stored: result.count, distinct: result.distinctSeqs, duplicatesStored: result.count - result.distinctSeqs });
    await cutter.close();
  });

  for (const mode of ['graceful', 'kill']) {
    test(`resumes after the service ${mode === 'graceful' ? 'stops (close 1001)' : 'is killed'} and starts again`, LONG, async () => {
      const tap = wireTap();
      const agent = keep(agentFor(await token(`agent-${mode}`), { WebSocket: tap.WebSocket }));
      const created = recordFrames(agent);
      const closes = [];
      agent.on('disconnected', (c) => closes.push(c.code));
      await agent.connect();
      const callId = `node-${mode}-1`;
      const call = await agent.startCall({ callId, customer: { name: 'Lee Park' } });
      const feed = stream(call);
      await waitFor(() => call.acked > 40, 'frames acked before the stop');
      const ackedAtStop = call.acked;
      await stopService(mode);
      await waitFor(() => agent.state === 'resuming', 'the drop noticed');
      const createdWhileDown = call.stats.created;
      await waitFor(() => call.stats.created > createdWhileDown + 20, 'frames created while the service is down');
      await startService();
      await waitFor(() => agent.state === 'open', 'resumed on the new process', 30000);
      await waitFor(() => call.acked > call.stats.created - 5, 'caught up');
      feed.stop();
      await call.end('completed');
      const result = await assertStoredExactly(assert, callId, created.get(callId));
      // A graceful stop drains then closes 1001; a kill drops the sockets however the transport ends them.
      if (mode === 'graceful') assert.equal(closes[0], 1001, `close code ${closes}`);
      assert.ok(call.acked >= ackedAtStop);
      assert.equal(call.stats.sentPastAck, 0, 'no frame was sent again once acked');
      assert.deepEqual(tap.pastAck, [], 'on the wire too');
      report(mode === 'graceful' ? 'stop-1001' : 'kill', { close: closes[0], reconnectAttempts: agent.stats.reconnects,
        created: call.stats.created, transmissions: call.stats.transmissions, resent: call.stats.resent,
        sentPastAck: tap.pastAck.length, acked: call.acked, stored: result.count, distinct: result.distinctSeqs, duplicatesStored: result.count - result.distinctSeqs });
    });
  }

  test('unacked frames survive a page reload and are resumed by the next page', LONG, async () => {
    const cutter = await proxy(servicePort());
    const storage = reloadableStorage();
    const tokenValue = await token('agent-reload');
    const first = keep(agentFor(tokenValue, { url: cutter.url, storage }));
    const created = recordFrames(first);
    await first.connect();
    const call = await first.startCall({ callId: 'node-reload-1' });
    for (let i = 0; i < 10; i++) call.utterance({ speaker: 'customer', text: `acked line ${i}` });
    await call.whenAcked(11);
    // Frames that reach the server but whose acks never come back, then frames the server never sees.
    cutter.muteReplies();
    for (let i = 0; i < 10; i++) call.utterance({ speaker: 'agent', text: `applied, ack lost ${i}` });
    await waitFor(async () => (await stored('node-reload-1')).count >= 21, 'applied on the server');
    cutter.state.refuse = true;
    cutter.cut();
    for (let i = 0; i < 15; i++) call.acoustic({ speaker: 'customer', windowMs: 500, rmsDb: -40, voicedRatio: 0.2 });
    assert.equal(call.pending, 25);
    const kept = [...storage.items.keys()].filter((k) => k.includes(':f:node-reload-1:')).length;
    assert.equal(kept, 25, 'every unacked frame is in storage');
    first.close(); // the page goes away

    const tap = wireTap();
    tap.acked.set('node-reload-1', 11); // what the first page saw acked
    const second = keep(agentFor(tokenValue, { storage, WebSocket: tap.WebSocket }));
    const restored = second.call('node-reload-1');
    assert.ok(restored, 'the call is restored from storage');
    assert.equal(restored.pending, 25);
    assert.equal(restored.acked, 11);
    await second.connect();
    const same = await second.startCall({ callId: 'node-reload-1' });
    assert.equal(same, restored, 'startCall with the same id returns the restored call');
    recordFrames(second, created);
    same.utterance({ speaker: 'agent', text: 'after the reload' });
    await same.end('completed');
    const result = await assertStoredExactly(assert, 'node-reload-1', created.get('node-reload-1'));
    assert.equal(same.stats.transmissions, 15 + 2, 'the 10 frames the server applied were not resent');
    assert.equal(same.stats.sentPastAck, 0);
    assert.deepEqual(tap.pastAck, [], 'on the wire: nothing at or below an ack');
    assert.equal([...storage.items.keys()].length, 0, 'storage is empty once the call is acked to the end');
    report('reload', { keptInStorage: kept, restored: 25, resentAfterReload: same.stats.transmissions - 2,
      skippedAppliedByNextSeq: 10, stored: result.count, duplicatesStored: result.count - result.distinctSeqs });
    await cutter.close();
  });

  test('the buffer is bounded: a clear error, acoustic windows first, and it drains once the service is back', LONG, async () => {
    const cutter = await proxy(servicePort());
    cutter.state.refuse = true;
    const agent = keep(agentFor(await token('agent-bound'), { url: cutter.url, maxBufferedFrames: 50 }));
    const errors = [];
    agent.on('error', (e) => errors.push(e));
    agent.connect().catch(() => {});
    const started = agent.startCall({ callId: 'node-bound-1' });
    for (let i = 0; i < 39; i++) agent.call('node-bound-1').acoustic({ speaker: 'agent', windowMs: 500, rmsDb: -30 });
    const call = agent.call('node-bound-1');
    assert.throws(() => call.acoustic({ speaker: 'agent', windowMs: 500, rmsDb: -30 }), BufferFullError, 'acoustic stops at 80 %');
    for (let i = 0; i < 10; i++) call.utterance({ speaker: 'agent', text: `still fits ${i}` });
    assert.equal(agent.buffered, 50);
    assert.throws(() => call.utterance({ speaker: 'agent', text: 'one too many' }), (e) => e instanceof BufferFullError
      && e.code === 'buffer_full' && /50 frames are waiting/.test(e.message));
    assert.equal(errors.filter((e) => e.code === 'buffer_full').length, 1, 'reported once per episode');
    cutter.state.refuse = false;
    await started;
    await call.whenAcked(50);
    assert.equal(agent.buffered, 0);
    call.utterance({ speaker: 'agent', text: 'room again' });
    await call.end();
    const result = await stored('node-bound-1');
    assert.equal(result.count, 52);
    report('bound', { maxBufferedFrames: 50, acceptedBeforeError: 50, acousticRefusedAt: 40 });
    await cutter.close();
  });
});
