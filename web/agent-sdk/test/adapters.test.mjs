// Transcript adapters: the generic pushTranscript and the Web Speech API adapter (with a recognizer standing in for
// the browser's, which needs a speech service this machine cannot reach).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CarePulseAgent, pushTranscript, webSpeechTranscript } from '../carepulse-agent.js';

class NoSocket {
  constructor() { this.readyState = 0; }
  send() {}
  close() {}
}

function offlineCall() {
  const agent = new CarePulseAgent({ url: 'ws://127.0.0.1:9/v1/agent', token: 'x.eyJzdWIiOiJhIn0.y', WebSocket: NoSocket, storage: null });
  agent.startCall({ callId: 'adapters-1' }).catch(() => {});
  return { agent, call: agent.call('adapters-1') };
}

test('pushTranscript: partials and the final share an utteranceId; endMs defaults to now for a final', () => {
  const { call } = offlineCall();
  pushTranscript(call, { speaker: 'customer', text: 'I was charged', final: false, utteranceId: 'u1', startMs: 1000 });
  pushTranscript(call, { speaker: 'customer', text: 'I was charged twice', final: true, utteranceId: 'u1', startMs: 1000 });
  const [partial, final] = call.unacked.slice(1);
  assert.deepEqual([partial.type, partial.final, partial.utteranceId, partial.seq], ['utterance', false, 'u1', 2]);
  assert.deepEqual([final.final, final.utteranceId, final.seq], [true, 'u1', 3]);
  assert.equal(typeof final.endMs, 'number');
});

test('Web Speech: interim and final results become partial and final utterances of one utteranceId', () => {
  const { call } = offlineCall();
  let recognizer;
  class FakeRecognition {
    constructor() { recognizer = this; }
    start() { this.started = true; }
    stop() { this.started = false; }
  }
  const result = (text, isFinal) => Object.assign([{ transcript: text }], { isFinal });
  const adapter = webSpeechTranscript(call, { Recognition: FakeRecognition, lang: 'en-GB' });
  assert.equal(recognizer.lang, 'en-GB');
  assert.equal(recognizer.continuous, true);
  recognizer.onresult({ resultIndex: 0, results: [result('let me', false)] });
  recognizer.onresult({ resultIndex: 0, results: [result('let me fix that for you', true)] });
  recognizer.onresult({ resultIndex: 1, results: [result('let me fix that for you', true), result('right now', true)] });
  const utterances = call.unacked.filter((f) => f.type === 'utterance');
  assert.deepEqual(utterances.map((u) => [u.speaker, u.text, u.final]), [
    ['agent', 'let me', false], ['agent', 'let me fix that for you', true], ['agent', 'right now', true]]);
  assert.equal(utterances[0].utteranceId, utterances[1].utteranceId);
  assert.notEqual(utterances[1].utteranceId, utterances[2].utteranceId);
  recognizer.onend();
  assert.equal(recognizer.started, true, 'restarts after the browser ends a recognition session');
  adapter.stop();
  assert.equal(recognizer.started, false);
});

test('Web Speech: null where the browser has none', () => {
  const { call } = offlineCall();
  assert.equal(webSpeechTranscript(call, { Recognition: undefined }), null);
});
