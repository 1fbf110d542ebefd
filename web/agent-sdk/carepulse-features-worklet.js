// CarePulse audio features, computed in an AudioWorklet from one audio track. Per window (250 ms – 1 s) it posts
// numbers only — RMS in dBFS, pitch (YIN), voiced ratio, a speaking-rate estimate and whether the window is silence —
// never samples. FeatureExtractor is plain JavaScript so that Node can test it on synthetic signals.

const ANALYSIS_RATE = 8000; // enough for voice pitch (70–400 Hz) and cheap: 48 kHz input is decimated by 6 (YIN costs ∝ rate²)
const HOP_MS = 20;
const FRAME_MS = 40;
const MIN_PITCH = 70;
const MAX_PITCH = 400;
const YIN_THRESHOLD = 0.2;
const SYLLABLES_PER_WORD = 1.5; // English conversational speech (≈1.4–1.6)
const RATE_SPAN_WINDOWS_MS = 4000;
const MIN_SPEECH_FOR_RATE_MS = 1200;

export class FeatureExtractor {
  constructor(sampleRate, { windowMs = 500, silenceDb = -50 } = {}) {
    this.sampleRate = sampleRate;
    this.windowMs = windowMs;
    this.silenceDb = silenceDb;
    this.decimation = Math.max(1, Math.round(sampleRate / ANALYSIS_RATE));
    this.rate = sampleRate / this.decimation;
    this.hop = Math.round((this.rate * HOP_MS) / 1000);
    this.frameLength = Math.round((this.rate * FRAME_MS) / 1000);
    this.tauMin = Math.floor(this.rate / MAX_PITCH);
    this.tauMax = Math.ceil(this.rate / MIN_PITCH);
    this.ring = new Float32Array(this.frameLength);
    this.written = 0;
    this.frame = new Float32Array(this.frameLength);
    this.difference = new Float32Array(this.tauMax + 2);
    this.filled = 0;
    this.sinceHop = 0;
    this.decimated = 0;
    this.decimatedCount = 0;
    this.windowSamples = Math.round((sampleRate * windowMs) / 1000);
    this.hopSumSq = 0;
    this.hopSamples = 0;
    this.history = [];
    this.envelope = { max: -Infinity, min: Infinity, rising: true, lastPeakMs: -1e9, maxVoiced: false };
    this.clockMs = 0;
    this.resetWindow();
  }

  resetWindow() {
    this.win = { sumSq: 0, samples: 0, hops: 0, voiced: 0, speech: 0, pitches: [], syllables: 0 };
  }

  /** Feeds samples (Float32Array, −1..1); returns the windows completed by them. */
  push(samples) {
    const done = [];
    const d = this.decimation;
    for (let i = 0; i < samples.length; i++) {
      const x = samples[i];
      const sq = x * x;
      this.win.sumSq += sq;
      this.win.samples++;
      this.hopSumSq += sq;
      this.hopSamples++;
      this.decimated += x;
      if (++this.decimatedCount === d) {
        this.#append(this.decimated / d);
        this.decimated = 0;
        this.decimatedCount = 0;
      }
      if (this.win.samples >= this.windowSamples) done.push(this.#closeWindow());
    }
    return done;
  }

  #append(y) {
    this.ring[this.written % this.frameLength] = y;
    this.written++;
    if (this.filled < this.frameLength) this.filled++;
    if (++this.sinceHop >= this.hop) {
      this.sinceHop = 0;
      this.#analyseHop();
    }
  }

  #analyseHop() {
    const db = toDb(this.hopSamples ? this.hopSumSq / this.hopSamples : 0);
    this.hopSumSq = 0;
    this.hopSamples = 0;
    this.clockMs += HOP_MS;
    const w = this.win;
    w.hops++;
    let voiced = false;
    if (db > this.silenceDb) {
      w.speech++;
      if (this.filled >= this.frameLength) {
        const pitch = this.#yin();
        if (pitch > 0) {
          voiced = true;
          w.voiced++;
          w.pitches.push(pitch);
        }
      }
    }
    this.#syllable(db, voiced);
  }

  /** YIN (de Cheveigné & Kawahara 2002): cumulative mean normalised difference, absolute threshold, parabolic step. */
  #yin() {
    const x = this.frame;
    const n = this.frameLength;
    const oldest = this.written % n;
    x.set(this.ring.subarray(oldest), 0);
    x.set(this.ring.subarray(0, oldest), n - oldest);
    const start = 0;
    const width = this.frameLength - this.tauMax;
    if (width < 16) return 0;
    const dft = this.difference;
    dft[0] = 1;
    let running = 0;
    let best = -1;
    // The difference function is built tau by tau and stops just past the first dip under the threshold: the
    // cost follows the pitch period instead of the longest period searched.
    for (let tau = 1; tau <= this.tauMax; tau++) {
      let sum = 0;
      for (let j = 0; j < width; j++) {
        const delta = x[start + j] - x[start + j + tau];
        sum += delta * delta;
      }
      running += sum;
      dft[tau] = running > 0 ? (sum * tau) / running : 1;
      if (best < 0 && tau > this.tauMin && dft[tau - 1] < YIN_THRESHOLD && dft[tau] >= dft[tau - 1]) {
        best = tau - 1;
        if (tau + 1 <= this.tauMax) continue;
      }
      if (best >= 0 && tau >= best + 1) break;
    }
    if (best < 0) return 0;
    const a = dft[best - 1];
    const b = dft[best];
    const c = dft[best + 1];
    const shift = a + c - 2 * b !== 0 ? (a - c) / (2 * (a + c - 2 * b)) : 0;
    return this.rate / (best + Math.max(-1, Math.min(1, shift)));
  }

  /** Syllable nuclei: voiced peaks of the energy envelope with a dip of at least 2 dB between them. */
  #syllable(db, voiced) {
    const e = this.envelope;
    if (e.rising) {
      if (db > e.max) {
        e.max = db;
        e.maxVoiced = voiced;
      } else if (db < e.max - 2) {
        if (e.maxVoiced && e.max > this.silenceDb + 6 && this.clockMs - e.lastPeakMs >= 100) {
          this.win.syllables++;
          e.lastPeakMs = this.clockMs;
        }
        e.rising = false;
        e.min = db;
      }
    } else if (db < e.min) {
      e.min = db;
    } else if (db > e.min + 2) {
      e.rising = true;
      e.max = db;
      e.maxVoiced = voiced;
    }
  }

  #closeWindow() {
    const w = this.win;
    const rmsDb = toDb(w.samples ? w.sumSq / w.samples : 0);
    const voicedRatio = w.hops ? w.voiced / w.hops : 0;
    const silence = rmsDb < this.silenceDb && w.speech <= w.hops * 0.1;
    this.history.push({ syllables: w.syllables, speechMs: w.speech * HOP_MS });
    const keep = Math.max(1, Math.round(RATE_SPAN_WINDOWS_MS / this.windowMs));
    while (this.history.length > keep) this.history.shift();
    let syllables = 0;
    let speechMs = 0;
    for (const h of this.history) {
      syllables += h.syllables;
      speechMs += h.speechMs;
    }
    const result = {
      windowMs: this.windowMs,
      rmsDb: Math.max(-120, rmsDb),
      pitchHz: w.pitches.length ? median(w.pitches) : null,
      voicedRatio,
      wordsPerMin: !silence && speechMs >= MIN_SPEECH_FOR_RATE_MS
        ? Math.min(2000, (syllables / SYLLABLES_PER_WORD) / (speechMs / 60000)) : null,
      silence,
    };
    this.resetWindow();
    return result;
  }
}

function toDb(meanSquare) {
  return meanSquare > 0 ? 10 * Math.log10(meanSquare) : -120;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

if (typeof registerProcessor === 'function') {
  class CarePulseFeaturesProcessor extends AudioWorkletProcessor {
    constructor(options) {
      super();
      const { windowMs = 500, silenceDb = -50 } = options.processorOptions ?? {};
      // sampleRate is a global of the AudioWorkletGlobalScope.
      this.extractor = new FeatureExtractor(sampleRate, { windowMs, silenceDb });
      this.running = true;
      this.port.onmessage = ({ data }) => {
        if (data?.type === 'stop') this.running = false;
      };
    }

    process(inputs) {
      const channel = inputs[0]?.[0];
      if (channel && channel.length) {
        for (const w of this.extractor.push(channel)) this.port.postMessage({ type: 'window', ...w });
      }
      return this.running;
    }
  }

  registerProcessor('carepulse-features', CarePulseFeaturesProcessor);
}
