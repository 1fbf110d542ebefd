// The worklet's feature extractor on synthetic signals: pitch, loudness, voicing, silence, speaking rate, and cost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FeatureExtractor } from '../carepulse-features-worklet.js';
import { report } from './harness.mjs';

const RATE = 48000;

function run(signal, options) {
  const extractor = new FeatureExtractor(RATE, options);
  const windows = [];
  for (let i = 0; i < signal.length; i += 128) windows.push(...extractor.push(signal.subarray(i, i + 128)));
  return windows;
}

/** A voiced tone: fundamental plus two harmonics, like a sustained vowel. */
function vowel(seconds, f0, amplitude = 0.2) {
  const out = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < out.length; i++) {
    const t = i / RATE;
    out[i] = amplitude * (Math.sin(2 * Math.PI * f0 * t) + 0.5 * Math.sin(4 * Math.PI * f0 * t) + 0.25 * Math.sin(6 * Math.PI * f0 * t)) / 1.75;
  }
  return out;
}

/** Syllables: 120 ms voiced bursts separated by 80 ms gaps (5 per second), as in quick speech. */
function syllables(seconds, f0) {
  const out = vowel(seconds, f0, 0.3);
  for (let i = 0; i < out.length; i++) {
    const phase = (i / RATE) % 0.2;
    out[i] *= phase < 0.12 ? Math.sin((Math.PI * phase) / 0.12) : 0;
  }
  return out;
}

test('finds the pitch of a voiced tone within 3 %', () => {
  for (const f0 of [95, 140, 210, 320]) {
    const windows = run(vowel(2, f0), { windowMs: 500 });
    for (const w of windows.slice(1)) {
      assert.ok(Math.abs(w.pitchHz - f0) / f0 < 0.03, `${f0} Hz read as ${w.pitchHz}`);
      assert.ok(w.voicedRatio > 0.9, `voiced ratio ${w.voicedRatio}`);
      assert.equal(w.silence, false);
    }
  }
});

test('silence is a silence window: low RMS, nothing voiced, no pitch', () => {
  const windows = run(new Float32Array(RATE * 2), { windowMs: 250 });
  assert.equal(windows.length, 8);
  for (const w of windows) {
    assert.equal(w.silence, true);
    assert.equal(w.pitchHz, null);
    assert.equal(w.voicedRatio, 0);
    assert.ok(w.rmsDb <= -100);
  }
});

test('RMS in dBFS: a full-scale sine reads about −3 dB, 0.01 about −43 dB', () => {
  const full = new Float32Array(RATE).map((_, i) => Math.sin((2 * Math.PI * 200 * i) / RATE));
  const loud = run(full, { windowMs: 500 })[1];
  assert.ok(Math.abs(loud.rmsDb + 3.01) < 0.1, `loud ${loud.rmsDb}`);
  const quiet = new Float32Array(RATE).map((_, i) => 0.01 * Math.sin((2 * Math.PI * 200 * i) / RATE));
  const w = run(quiet, { windowMs: 500 })[1];
  assert.ok(Math.abs(w.rmsDb + 43) < 1, `quiet ${w.rmsDb}`);
});

test('noise is loud but unvoiced', () => {
  let seed = 7;
  const noise = new Float32Array(RATE).map(() => { seed = (seed * 16807) % 2147483647; return (seed / 2147483647 - 0.5) * 0.4; });
  const w = run(noise, { windowMs: 500 })[1];
  assert.ok(w.rmsDb > -25);
  assert.ok(w.voicedRatio < 0.2, `voiced ratio of noise ${w.voicedRatio}`);
});

test('speaking rate: 5 syllables a second reads as about 200 words a minute', () => {
  const windows = run(syllables(6, 150), { windowMs: 500 });
  const rates = windows.map((w) => w.wordsPerMin).filter((r) => r != null);
  assert.ok(rates.length >= 4);
  const last = rates.at(-1);
  // 5 syllables/s over 60 % of the time speaking, 1.5 syllables a word: 5 × 60 / 1.5 / 0.6 ≈ 333 of speaking time;
  // gaps under the silence floor count as pauses, so the estimate lies between the two readings.
  assert.ok(last > 150 && last < 380, `rate ${last}`);
});

test('costs little: one second of 48 kHz audio in under 1 % of a core', () => {
  const audio = syllables(30, 160);
  run(audio.subarray(0, RATE), {});
  const t0 = performance.now();
  run(audio, { windowMs: 500 });
  const perSecondMs = (performance.now() - t0) / 30;
  report('extractor-cpu-node', { msPerAudioSecond: Number(perSecondMs.toFixed(3)), percentOfOneCore: Number((perSecondMs / 10).toFixed(3)) });
  assert.ok(perSecondMs < 10, `${perSecondMs} ms per second of audio`);
});
