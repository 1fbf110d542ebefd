// CarePulse agent SDK — PROTOCOL-v1 client for the agent softphone plugin. One ES module, no build step.
// Frames are numbered per call and kept until the server acks them; on any drop the client reconnects with
// exponential backoff and jitter, resumes with hello.resume and resends from the server's nextSeq. Unacked frames
// are mirrored to sessionStorage (or any Storage-like object) so they survive a page reload.

export const PROTOCOL_VERSION = 1;
export const SDK_VERSION = '1.0.0';
export const SDK_NAME = 'carepulse-agent-js';

const CALL_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const SPEAKERS = ['agent', 'customer'];
const EVENT_KINDS = ['hold', 'unhold', 'mute', 'unmute', 'transfer', 'conference', 'dtmf'];
const FEEDBACK = ['shown', 'dismissed', 'helpful', 'unhelpful'];
const MAX_FRAME_BYTES = 64 * 1024;
const MAX_RESUME = 64; // hello.resume maxItems
const OPEN = 1;

/** An error the application can act on; `code` is one of the protocol's error codes or an SDK code. */
export class CarePulseError extends Error {
  constructor(code, message, detail = {}) {
    super(message);
    this.name = 'CarePulseError';
    this.code = code;
    Object.assign(this, detail);
  }
}

/** Thrown by a send method when the unacked buffer is full: the frame was not queued. */
export class BufferFullError extends CarePulseError {
  constructor(buffered, max) {
    super('buffer_full', `CarePulse: ${buffered} frames are waiting for the server's ack (limit ${max}); `
      + 'the service has been unreachable too long, this frame was not queued', { buffered, max });
    this.name = 'BufferFullError';
  }
}

class Emitter {
  #handlers = new Map();

  /** Subscribes; returns a function that unsubscribes. */
  on(type, handler) {
    if (!this.#handlers.has(type)) this.#handlers.set(type, new Set());
    this.#handlers.get(type).add(handler);
    return () => this.off(type, handler);
  }

  off(type, handler) {
    this.#handlers.get(type)?.delete(handler);
  }

  once(type, handler) {
    const off = this.on(type, (value) => { off(); handler(value); });
    return off;
  }

  emit(type, value) {
    for (const handler of [...(this.#handlers.get(type) ?? [])]) {
      try {
        handler(value);
      } catch (error) {
        queueMicrotask(() => { throw error; });
      }
    }
  }
}

/** The JWT's `sub`, read without verifying (the server verifies); used only to name the storage slot. */
function subjectOf(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const text = typeof atob === 'function' ? atob(part) : Buffer.from(part, 'base64').toString('utf8');
    return JSON.parse(text).sub ?? 'anonymous';
  } catch {
    return 'anonymous';
  }
}

function memoryStorage() {
  const items = new Map();
  return {
    getItem: (k) => (items.has(k) ? items.get(k) : null),
    setItem: (k, v) => { items.set(k, String(v)); },
    removeItem: (k) => { items.delete(k); },
  };
}

function defaultStorage() {
  try {
    if (typeof sessionStorage !== 'undefined') return sessionStorage;
  } catch {
    // sandboxed frames throw on access
  }
  return memoryStorage();
}

/** Unacked frames mirrored to a Storage: an index of calls, and one item per frame so an ack removes, never rewrites. */
class FrameStore {
  constructor(storage, prefix, onError) {
    this.storage = storage;
    this.prefix = prefix;
    this.onError = onError;
    this.failed = false;
  }

  #set(key, value) {
    try {
      this.storage.setItem(key, value);
    } catch (error) {
      if (!this.failed) this.onError(error);
      this.failed = true;
    }
  }

  #remove(key) {
    try {
      this.storage.removeItem(key);
    } catch {
      // nothing to keep
    }
  }

  frameKey(callId, seq) {
    return `${this.prefix}:f:${callId}:${seq}`;
  }

  saveFrame(frame) {
    this.#set(this.frameKey(frame.callId, frame.seq), JSON.stringify(frame));
  }

  removeFrame(callId, seq) {
    this.#remove(this.frameKey(callId, seq));
  }

  saveIndex(calls) {
    const index = {};
    for (const call of calls) {
      if (!call.done) index[call.callId] = call.persistedState();
    }
    if (Object.keys(index).length === 0) {
      this.#remove(`${this.prefix}:calls`);
    } else {
      this.#set(`${this.prefix}:calls`, JSON.stringify(index));
    }
  }

  /** [{state, frames}] of the calls a previous page left unfinished; frames end at the first one missing. */
  load() {
    let index;
    try {
      index = JSON.parse(this.storage.getItem(`${this.prefix}:calls`) ?? '{}');
    } catch {
      return [];
    }
    const restored = [];
    for (const [callId, state] of Object.entries(index)) {
      const frames = [];
      for (let seq = state.acked + 1; seq < state.nextSeq; seq++) {
        const text = this.storage.getItem(this.frameKey(callId, seq));
        if (text == null) {
          // Lost to a storage quota: what follows cannot be applied without it.
          for (let later = seq; later < state.nextSeq; later++) this.#remove(this.frameKey(callId, later));
          state.truncatedFrom = seq;
          state.nextSeq = seq;
          break;
        }
        frames.push(JSON.parse(text));
      }
      restored.push({ state: { ...state, callId }, frames });
    }
    return restored;
  }
}

/** One call on the agent's connection. Create it with CarePulseAgent.startCall. */
export class CarePulseCall extends Emitter {
  constructor(agent, callId, startFrame, restored) {
    super();
    this.agent = agent;
    this.callId = callId;
    /** Frames not yet acked, in seq order. */
    this.unacked = [];
    this.acked = restored?.acked ?? 0;
    this.nextSeq = restored?.nextSeq ?? 1;
    /** The next seq to transmit; never at or below `acked`. */
    this.sendFrom = this.acked + 1;
    this.startedAt = restored?.startedAt ?? Date.now();
    this.endSeq = restored?.endSeq ?? 0;
    this.start = startFrame ?? restored?.start ?? null;
    this.done = false;
    this.lost = false;
    this.resumed = Boolean(restored);
    this.lastScore = null;
    this.holdout = null;
    this.stats = { created: 0, transmissions: 0, resent: 0, acked: this.acked, refused: 0, sentPastAck: 0 };
    this.rewoundTo = 0;
    this.pausedUntil = 0;
    this.waiters = [];
    this.highestSent = this.acked;
  }

  /** Milliseconds since the call started (for utterance startMs/endMs). */
  now() {
    return Math.max(0, Date.now() - this.startedAt);
  }

  utterance({ speaker, text, final = true, startMs, endMs, utteranceId, ...extra }) {
    requireOneOf('utterance.speaker', speaker, SPEAKERS);
    if (typeof text !== 'string') throw new TypeError('utterance.text must be a string');
    if (text.length > 4000) throw new TypeError('utterance.text must have at most 4000 characters');
    return this.#frame('utterance', clean({ ...extra, speaker, text, final: Boolean(final),
      startMs: ms(startMs), endMs: ms(endMs), utteranceId }));
  }

  acoustic({ speaker, windowMs, rmsDb, pitchHz, voicedRatio, wordsPerMin, ...extra }) {
    requireOneOf('acoustic.speaker', speaker, SPEAKERS);
    if (!Number.isInteger(windowMs) || windowMs < 1 || windowMs > 600000) {
      throw new TypeError('acoustic.windowMs must be an integer from 1 to 600000');
    }
    return this.#frame('acoustic', clean({ ...extra, speaker, windowMs,
      rmsDb: bounded(rmsDb, -200, 200), pitchHz: bounded(pitchHz, 0, 20000),
      voicedRatio: bounded(voicedRatio, 0, 1), wordsPerMin: bounded(wordsPerMin, 0, 2000) }));
  }

  /** A softphone state change: hold, unhold, mute, unmute, transfer, conference, dtmf. */
  event(kind, detail) {
    requireOneOf('event.kind', kind, EVENT_KINDS);
    return this.#frame('event', clean({ kind, detail: detail == null ? undefined : String(detail).slice(0, 256) }));
  }

  /** An emotion estimate of the customer from an external engine (never of the agent). */
  emotion({ valence, arousal, label, source, confidence }) {
    if (typeof source !== 'string' || !source) throw new TypeError('emotion.source is required');
    return this.#frame('emotion', clean({ speaker: 'customer', valence: bounded(valence, -1, 1),
      arousal: bounded(arousal, 0, 1), label, source, confidence: bounded(confidence, 0, 1) }));
  }

  feedback(promptId, action) {
    if (typeof promptId !== 'string' || !promptId) throw new TypeError('prompt.feedback.promptId is required');
    requireOneOf('prompt.feedback.action', action, FEEDBACK);
    return this.#frame('prompt.feedback', { promptId, action });
  }

  /** Sends call.end; resolves once the server has acked it (every frame of the call is then applied). */
  end(reason = 'completed') {
    if (!this.endSeq) {
      this.endSeq = this.#frame('call.end', clean({ reason: reason == null ? undefined : String(reason).slice(0, 256) }));
    }
    return this.whenAcked(this.endSeq);
  }

  /** Resolves when every frame up to `seq` is acked; rejects if the call is lost first. */
  whenAcked(seq) {
    if (this.acked >= seq) return Promise.resolve(this);
    if (this.lost) return Promise.reject(this.lost);
    return new Promise((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
  }

  get ended() {
    return this.endSeq > 0;
  }

  /** Frames waiting for an ack. */
  get pending() {
    return this.unacked.length;
  }

  #frame(type, fields) {
    if (this.done || this.lost) throw new CarePulseError('call_ended', `call ${this.callId} is over`);
    if (this.endSeq) throw new CarePulseError('call_ended', `call ${this.callId} has ended`);
    return this.agent.enqueue(this, { type, ...fields });
  }

  persistedState() {
    return { acked: this.acked, nextSeq: this.nextSeq, startedAt: this.startedAt, endSeq: this.endSeq,
      start: this.start, touched: Date.now() };
  }
}

function requireOneOf(name, value, allowed) {
  if (!allowed.includes(value)) throw new TypeError(`${name} must be one of ${allowed.join(', ')}`);
}

function ms(value) {
  return value == null ? undefined : Math.max(0, Math.round(value));
}

function bounded(value, min, max) {
  if (value == null || Number.isNaN(value)) return undefined;
  if (typeof value !== 'number') throw new TypeError('acoustic and emotion values must be numbers');
  return Math.min(max, Math.max(min, value));
}

function clean(object) {
  for (const key of Object.keys(object)) if (object[key] === undefined) delete object[key];
  return object;
}

/**
 * The agent's connection to CarePulse. States (event 'state'): idle, connecting, open, resuming, closed.
 */
export class CarePulseAgent extends Emitter {
  /**
   * @param {object} options
   * @param {string} options.url ws(s)://host/v1/agent
   * @param {string|(() => string|Promise<string>)} options.token agent JWT, or a function that returns a fresh one
   * @param {Function} [options.WebSocket] an implementation (npm 'ws' in Node); the global one by default
   */
  constructor(options = {}) {
    super();
    const { url, token, WebSocket: Impl = globalThis.WebSocket } = options;
    if (!url) throw new TypeError('CarePulseAgent: url is required (ws://host:8080/v1/agent)');
    if (!token) throw new TypeError('CarePulseAgent: token is required');
    if (!Impl) throw new TypeError('CarePulseAgent: no WebSocket implementation; pass { WebSocket } (npm ws in Node)');
    this.url = url;
    this.token = token;
    this.WebSocket = Impl;
    this.client = options.client ?? { name: SDK_NAME, version: SDK_VERSION };
    this.maxBufferedFrames = options.maxBufferedFrames ?? 2000;
    this.backoff = { initialMs: 250, maxMs: 15000, factor: 2, jitter: 0.5, ...options.backoff };
    // Below the server's per-connection budget (100/s, burst 200) so that a replay after a reconnect is never cut.
    this.sendRate = { perSecond: 80, burst: 150, ...options.sendRate };
    this.helloTimeoutMs = options.helloTimeoutMs ?? 10000;
    this.probeAfterMs = options.probeAfterMs ?? 3000;
    this.random = options.random ?? Math.random;
    this.state = 'idle';
    this.stats = { connects: 0, reconnects: 0, drops: 0, lastClose: null, droppedAcoustic: 0 };
    this.calls = new Map();
    this.finished = new Map();
    this.socket = null;
    this.sessionId = null;
    this.attempt = 0;
    this.tokens = this.sendRate.burst;
    this.tokensAt = Date.now();
    this.timers = new Set();
    this.pumpTimer = null;
    this.bufferFullReported = false;
    this.closedByUser = false;
    const storage = options.storage === null ? memoryStorage() : (options.storage ?? defaultStorage());
    const prefix = options.storageKey ?? `carepulse-agent:${typeof token === 'string' ? subjectOf(token) : 'agent'}`;
    this.store = new FrameStore(storage, prefix, (error) => this.emit('error',
      new CarePulseError('storage_failed', `unacked frames cannot be kept across a reload: ${error.message}`)));
    this.#restore();
  }

  /** Opens the connection; resolves on the first welcome. Reconnects by itself after any drop until close(). */
  connect() {
    if (this.state === 'closed' && this.closedByUser) {
      return Promise.reject(new CarePulseError('closed', 'this agent was closed; create a new one'));
    }
    if (this.state === 'open') return Promise.resolve(this);
    if (!this.connecting) {
      this.connecting = new Promise((resolve, reject) => {
        this.connectWaiters = { resolve, reject };
      });
      if (!this.socket && !this.reconnectTimer) this.#open();
    }
    return this.connecting;
  }

  /**
   * Starts a call (call.start, seq 1); resolves once the server acks it. A call restored after a page reload with
   * the same callId is returned as it is, without a new call.start.
   */
  async startCall({ callId, customer, teamId, locale, metadata, ...extra } = {}) {
    if (!CALL_ID.test(callId ?? '')) throw new TypeError('callId must be 1-128 characters of [A-Za-z0-9._:-]');
    const existing = this.calls.get(callId);
    if (existing) return existing.whenAcked(1);
    const start = clean({ ...extra, customer, teamId, locale, metadata });
    const call = new CarePulseCall(this, callId, start, null);
    this.calls.set(callId, call);
    this.enqueue(call, { type: 'call.start', ...start });
    return call.whenAcked(1);
  }

  /** A call this agent carries (live, or restored from storage after a reload). */
  call(callId) {
    return this.calls.get(callId) ?? this.finished.get(callId);
  }

  /** Frames waiting for an ack, over all calls. */
  get buffered() {
    let n = 0;
    for (const call of this.calls.values()) n += call.unacked.length;
    return n;
  }

  /** Closes the socket and stops reconnecting. Unacked frames stay in storage for the next page. */
  close() {
    this.closedByUser = true;
    this.#clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      detach(socket);
      try { socket.close(1000, 'agent closed'); } catch { /* already closing */ }
    }
    this.#setState('closed');
    this.connectWaiters?.reject(new CarePulseError('closed', 'closed before the service answered'));
    this.connectWaiters = null;
    this.connecting = null;
  }

  // ---- frames out

  enqueue(call, fields) {
    const buffered = this.buffered;
    // Acoustic windows are lossy by nature: they stop at 80 % so transcript and events keep a reserve.
    const limit = fields.type === 'acoustic' ? Math.floor(this.maxBufferedFrames * 0.8) : this.maxBufferedFrames;
    if (buffered >= limit) {
      const error = new BufferFullError(buffered, this.maxBufferedFrames);
      if (!this.bufferFullReported) {
        this.bufferFullReported = true;
        this.emit('error', error);
      }
      throw error;
    }
    const frame = { type: fields.type, callId: call.callId, seq: call.nextSeq, ts: Date.now(), ...fields };
    const size = byteLength(JSON.stringify(frame));
    if (size > MAX_FRAME_BYTES) {
      throw new CarePulseError('too_large', `${frame.type} frame of ${size} bytes exceeds 64 KiB`);
    }
    call.nextSeq++;
    call.stats.created++;
    call.unacked.push(frame);
    this.store.saveFrame(frame);
    this.store.saveIndex(this.calls.values());
    call.emit('frame', frame);
    this.emit('frame', frame);
    this.#pump();
    return frame.seq;
  }

  #pump() {
    if (this.state !== 'open' || !this.socket || this.socket.readyState !== OPEN || this.pumpTimer) return;
    const now = Date.now();
    this.tokens = Math.min(this.sendRate.burst, this.tokens + ((now - this.tokensAt) * this.sendRate.perSecond) / 1000);
    this.tokensAt = now;
    let progress = true;
    while (progress) {
      progress = false;
      for (const call of this.calls.values()) {
        if (this.tokens < 1) break;
        if (call.pausedUntil > now) continue;
        const frame = call.unacked.find((f) => f.seq >= call.sendFrom);
        if (!frame) continue;
        this.#transmit(call, frame);
        call.sendFrom = frame.seq + 1;
        this.tokens -= 1;
        progress = true;
      }
      if (this.tokens < 1) {
        if (this.#hasWork(now)) {
          const wait = Math.ceil(((1 - this.tokens) * 1000) / this.sendRate.perSecond);
          this.pumpTimer = this.#later(() => { this.pumpTimer = null; this.#pump(); }, wait);
        }
        return;
      }
    }
    this.#armProbe();
  }

  #hasWork(now) {
    for (const call of this.calls.values()) {
      if (call.pausedUntil <= now && call.unacked.some((f) => f.seq >= call.sendFrom)) return true;
    }
    return false;
  }

  #transmit(call, frame) {
    call.stats.transmissions++;
    if (frame.seq <= call.highestSent) call.stats.resent++;
    // Never expected: kept as a figure the tests check.
    if (frame.seq <= call.acked) call.stats.sentPastAck++;
    call.highestSent = Math.max(call.highestSent, frame.seq);
    this.socket.send(JSON.stringify(frame));
  }

  /**
   * Everything sent but nothing acked for a while (a frame dropped by the server's rate limit at the end of a burst,
   * an ack lost with a socket): resend the newest unacked frame. The server answers with an ack if it has it, or
   * with seq_gap naming where to resend from.
   */
  #armProbe() {
    if (this.probeTimer) return;
    const waiting = [...this.calls.values()].some((c) => c.unacked.length && c.sendFrom > c.unacked[c.unacked.length - 1].seq);
    if (!waiting) return;
    const ackedAtArm = [...this.calls.values()].map((c) => c.acked).join(',');
    this.probeTimer = this.#later(() => {
      this.probeTimer = null;
      if (this.state !== 'open') return;
      const ackedNow = [...this.calls.values()].map((c) => c.acked).join(',');
      if (ackedNow === ackedAtArm) this.#probe();
      this.#armProbe();
    }, this.probeAfterMs);
  }

  #probe() {
    for (const call of this.calls.values()) {
      const last = call.unacked[call.unacked.length - 1];
      if (last && call.sendFrom > last.seq && this.socket?.readyState === OPEN) {
        call.rewoundTo = 0;
        this.#transmit(call, last);
      }
    }
  }

  // ---- connection

  async #open() {
    if (this.opening) return;
    this.opening = true;
    this.#setState(this.stats.connects === 0 ? 'connecting' : 'resuming');
    let token;
    try {
      token = typeof this.token === 'function' ? await this.token() : this.token;
    } catch (error) {
      this.emit('error', new CarePulseError('unauthorized', `token provider failed: ${error.message}`));
      this.#scheduleReconnect();
      return;
    } finally {
      this.opening = false;
    }
    if (this.closedByUser) return;
    let socket;
    try {
      socket = new this.WebSocket(this.url);
    } catch (error) {
      this.emit('error', new CarePulseError('connect_failed', error.message));
      this.#scheduleReconnect();
      return;
    }
    this.socket = socket;
    this.welcomed = false;
    socket.onopen = () => {
      this.helloTimer = this.#later(() => {
        if (!this.welcomed && this.socket === socket) socket.close(4000, 'no welcome');
      }, this.helloTimeoutMs);
      this.#sendHello(token, [...this.calls.values()]);
    };
    socket.onmessage = (event) => this.#onMessage(socket, event.data);
    socket.onerror = () => { /* onclose follows with the code */ };
    socket.onclose = (event) => this.#onClose(socket, event.code, event.reason);
  }

  #sendHello(token, calls) {
    const resume = calls.filter((c) => !c.done && !c.lost).slice(0, MAX_RESUME)
      .map((c) => ({ callId: c.callId, lastSeq: c.acked }));
    this.resumeAsked = new Set(resume.map((r) => r.callId));
    this.socket.send(JSON.stringify({ type: 'hello', token, client: this.client, resume }));
  }

  #onClose(socket, code, reason) {
    if (socket !== this.socket) return;
    detach(socket);
    this.socket = null;
    this.welcomed = false;
    this.stats.drops++;
    this.stats.lastClose = { code, reason };
    this.#cancel(this.helloTimer);
    this.#cancel(this.pumpTimer);
    this.pumpTimer = null;
    this.#cancel(this.probeTimer);
    this.probeTimer = null;
    this.emit('disconnected', { code, reason });
    if (this.closedByUser) return;
    const fatal = code === 4401 || code === 4403;
    if (fatal && typeof this.token !== 'function') {
      const error = new CarePulseError(code === 4401 ? 'unauthorized' : 'forbidden', this.lastRefusal
        ?? `the service refused the token (close ${code})`);
      this.#setState('closed');
      this.connectWaiters?.reject(error);
      this.connectWaiters = null;
      this.connecting = null;
      this.emit('error', error);
      return;
    }
    this.#scheduleReconnect();
  }

  #scheduleReconnect() {
    // Never connected yet: still connecting (the UI has nothing to resume).
    this.#setState(this.stats.connects === 0 ? 'connecting' : 'resuming');
    const { initialMs, maxMs, factor, jitter } = this.backoff;
    const ceiling = Math.min(maxMs, initialMs * factor ** this.attempt);
    const delay = Math.round(ceiling * (1 - jitter * this.random()));
    this.attempt++;
    this.stats.reconnects++;
    this.emit('reconnecting', { attempt: this.attempt, delayMs: delay });
    this.reconnectTimer = this.#later(() => {
      this.reconnectTimer = null;
      if (!this.closedByUser) this.#open();
    }, delay);
  }

  #onMessage(socket, data) {
    if (socket !== this.socket) return;
    let message;
    try {
      message = JSON.parse(typeof data === 'string' ? data : data.toString());
    } catch {
      return;
    }
    this.emit('message', message);
    const call = message.callId ? this.calls.get(message.callId) ?? this.finished.get(message.callId) : null;
    switch (message.type) {
      case 'welcome': this.#onWelcome(message); break;
      case 'ack': if (call) this.#onAck(call, message.seq); break;
      case 'score': if (call) { call.lastScore = message; call.emit('score', message); } this.emit('score', message); break;
      case 'prompt': call?.emit('prompt', message); this.emit('prompt', message); break;
      case 'whisper': call?.emit('whisper', message); this.emit('whisper', message); break;
      case 'kudos': call?.emit('kudos', message); this.emit('kudos', message); break;
      case 'holdout': if (call) call.holdout = message; call?.emit('holdout', message); this.emit('holdout', message); break;
      case 'error': this.#onError(call, message); break;
      default: break;
    }
  }

  #onWelcome(message) {
    const first = !this.welcomed;
    this.welcomed = true;
    this.sessionId = message.sessionId;
    this.#cancel(this.helloTimer);
    this.attempt = 0;
    this.stats.connects++;
    for (const { callId, nextSeq } of message.resume ?? []) {
      const call = this.calls.get(callId);
      if (!call) continue;
      // nextSeq is what the server applied; only an ack lets a frame go, so frames below it stay kept (with a
      // durable store, applied is not yet persisted) but are not resent.
      call.sendFrom = Math.max(call.acked + 1, nextSeq);
      call.rewoundTo = 0;
      if (nextSeq <= call.acked) {
        call.emit('error', new CarePulseError('history_lost', `the service resumed ${callId} at ${nextSeq}, `
          + `below the ack of ${call.acked}`));
      }
    }
    if (first) {
      for (const call of this.calls.values()) {
        // Calls not in hello.resume (more than 64): the server takes them on this socket anyway; duplicates are acked.
        if (!this.resumeAsked?.has(call.callId)) call.sendFrom = call.acked + 1;
        call.pausedUntil = 0;
      }
    }
    this.bufferFullReported = false;
    this.#setState('open');
    this.emit('welcome', message);
    if (this.connectWaiters) {
      this.connectWaiters.resolve(this);
      this.connectWaiters = null;
      this.connecting = null;
    }
    this.#pump();
  }

  #onAck(call, seq) {
    if (seq <= call.acked) return;
    call.acked = seq;
    call.stats.acked = seq;
    while (call.unacked.length && call.unacked[0].seq <= seq) {
      this.store.removeFrame(call.callId, call.unacked.shift().seq);
    }
    if (call.sendFrom <= seq) call.sendFrom = seq + 1;
    if (call.rewoundTo && call.rewoundTo <= seq) call.rewoundTo = 0;
    call.emit('ack', { seq });
    call.waiters = call.waiters.filter((w) => {
      if (w.seq > seq) return true;
      w.resolve(call);
      return false;
    });
    if (call.endSeq && seq >= call.endSeq) this.#finish(call);
    this.store.saveIndex(this.calls.values());
    this.#pump();
  }

  #finish(call, lost) {
    call.done = true;
    this.calls.delete(call.callId);
    this.finished.set(call.callId, call);
    if (this.finished.size > 32) this.finished.delete(this.finished.keys().next().value);
    for (const frame of call.unacked) this.store.removeFrame(call.callId, frame.seq);
    call.unacked = [];
    if (lost) {
      call.lost = lost;
      call.waiters.forEach((w) => w.reject(lost));
      call.waiters = [];
      call.emit('error', lost);
      this.emit('error', lost);
    }
    call.emit('ended', { lost: Boolean(lost) });
    this.store.saveIndex(this.calls.values());
  }

  #onError(call, message) {
    const error = new CarePulseError(message.code, message.message, { callId: message.callId, seq: message.seq,
      expectedSeq: message.expectedSeq });
    if (message.code === 'unauthorized' || (message.code === 'forbidden' && !message.callId)) {
      this.lastRefusal = message.message;
      this.emit('error', error);
      return;
    }
    if (!call) {
      this.emit('error', error);
      return;
    }
    if (call.done) return;
    const refusedSeq = message.seq;
    switch (message.code) {
      case 'seq_gap':
        // Gaps reported for frames sent before the rewind all name the same expectedSeq: rewind once.
        if (message.expectedSeq > call.acked && message.expectedSeq !== call.rewoundTo) {
          call.sendFrom = Math.min(call.sendFrom, message.expectedSeq);
          call.rewoundTo = message.expectedSeq;
          this.#pump();
        }
        return;
      case 'rate_limited':
        this.#later(() => { if (this.state === 'open') this.#probe(); }, 1000);
        return;
      case 'store_unavailable':
        if (refusedSeq == null && message.expectedSeq == null) {
          // The resume lookup failed: ask again after a pause.
          this.#later(() => this.#retryResume(call), this.#pauseMs());
        } else {
          call.pausedUntil = Date.now() + this.#pauseMs();
          call.sendFrom = Math.max(call.acked + 1, Math.min(call.sendFrom, message.expectedSeq ?? refusedSeq));
          call.rewoundTo = 0;
          this.#later(() => this.#pump(), call.pausedUntil - Date.now() + 5);
        }
        call.emit('error', error);
        return;
      case 'call_ended':
        if (refusedSeq == null) {
          // Resume refused because the call is over: resend what is kept; frames it applied come back acked.
          call.sendFrom = call.acked + 1;
          this.#pump();
          if (!call.unacked.length) this.#finish(call);
        } else {
          this.#finish(call, new CarePulseError('call_ended', `call ${call.callId} ended before frames `
            + `${refusedSeq}…${call.nextSeq - 1} were applied; they are lost`, { callId: call.callId, lostFrames: call.unacked.length }));
        }
        return;
      case 'unknown_call':
        if (call.unacked[0]?.seq === 1) {
          // The service never saw the call.start (started offline): send it all from the start.
          call.sendFrom = 1;
          this.#pump();
        } else {
          this.#finish(call, new CarePulseError('unknown_call', `the service no longer knows call ${call.callId}`
            + ` (restarted without durable history, or the resume window passed)`, { callId: call.callId, lostFrames: call.unacked.length }));
        }
        return;
      case 'forbidden':
      case 'call_exists':
      case 'too_many_calls':
      case 'too_many_agent_calls':
        if (refusedSeq === 1 || refusedSeq == null) {
          this.#finish(call, error);
          return;
        }
        this.#dropRefused(call, refusedSeq, error);
        return;
      default:
        // invalid, bad_json, too_large: that frame will never be applied. Drop it and renumber the frames after it
        // (the server refused them all as gaps), so the call goes on.
        if (refusedSeq == null) {
          call.emit('error', error);
          return;
        }
        if (refusedSeq === 1) {
          this.#finish(call, error);
          return;
        }
        this.#dropRefused(call, refusedSeq, error);
    }
  }

  #dropRefused(call, seq, error) {
    const at = call.unacked.findIndex((f) => f.seq === seq);
    if (at < 0) return;
    call.stats.refused++;
    for (const frame of call.unacked.slice(at)) this.store.removeFrame(call.callId, frame.seq);
    call.unacked.splice(at, 1);
    for (const frame of call.unacked.slice(at)) {
      frame.seq -= 1;
      this.store.saveFrame(frame);
    }
    call.nextSeq -= 1;
    if (call.endSeq > seq) call.endSeq -= 1;
    else if (call.endSeq === seq) call.endSeq = 0;
    call.waiters.forEach((w) => { if (w.seq > seq) w.seq -= 1; });
    call.sendFrom = seq;
    call.rewoundTo = seq;
    call.highestSent = seq - 1;
    this.store.saveIndex(this.calls.values());
    call.emit('error', error);
    this.#pump();
  }

  #retryResume(call) {
    if (this.state !== 'open' || !this.socket || call.done) return;
    const token = typeof this.token === 'function' ? undefined : this.token;
    this.socket.send(JSON.stringify({ type: 'hello', token, client: this.client,
      resume: [{ callId: call.callId, lastSeq: call.acked }] }));
  }

  #pauseMs() {
    return Math.round(1000 + 1000 * this.random());
  }

  #restore() {
    for (const { state, frames } of this.store.load()) {
      if (Date.now() - (state.touched ?? 0) > 24 * 3600 * 1000) continue;
      const call = new CarePulseCall(this, state.callId, null, state);
      call.unacked = frames;
      call.highestSent = frames.length ? frames[frames.length - 1].seq : call.acked;
      this.calls.set(call.callId, call);
    }
    if (this.calls.size) this.store.saveIndex(this.calls.values());
  }

  #setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.emit('state', state);
  }

  #later(fn, ms) {
    const id = setTimeout(() => { this.timers.delete(id); fn(); }, ms);
    this.timers.add(id);
    return id;
  }

  #cancel(id) {
    if (id) {
      clearTimeout(id);
      this.timers.delete(id);
    }
  }

  #clearTimers() {
    for (const id of this.timers) clearTimeout(id);
    this.timers.clear();
    this.pumpTimer = null;
    this.probeTimer = null;
    this.reconnectTimer = null;
  }
}

function detach(socket) {
  socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
}

function byteLength(text) {
  return typeof TextEncoder === 'function' ? new TextEncoder().encode(text).length : Buffer.byteLength(text);
}

// ---- audio features and transcript adapters (browser)

const WORKLET_URL = new URL('./carepulse-features-worklet.js', import.meta.url);

/**
 * Computes audio features in an AudioWorklet from a MediaStream (the agent's microphone or the remote track of the
 * softphone's RTCPeerConnection) and sends them as acoustic frames of `call`. Raw audio never leaves the browser:
 * only per-window numbers do. Returns { stop(), node, context }.
 */
export async function attachAudio(call, stream, { speaker, windowMs = 500, silenceDb = -50, context, onWindow } = {}) {
  requireOneOf('attachAudio speaker', speaker, SPEAKERS);
  if (windowMs < 250 || windowMs > 1000) throw new RangeError('windowMs must be from 250 to 1000');
  const audio = context ?? sharedAudioContext();
  await loadWorklet(audio);
  const source = audio.createMediaStreamSource(stream);
  const node = new AudioWorkletNode(audio, 'carepulse-features', {
    numberOfInputs: 1, numberOfOutputs: 0, channelCount: 1, channelCountMode: 'explicit',
    processorOptions: { windowMs, silenceDb },
  });
  node.port.onmessage = ({ data }) => {
    if (data.type !== 'window') return;
    onWindow?.(data, speaker);
    if (call.done || call.ended) return;
    try {
      call.acoustic({ speaker, windowMs: data.windowMs, rmsDb: round(data.rmsDb, 1),
        pitchHz: data.pitchHz == null ? undefined : round(data.pitchHz, 1), voicedRatio: round(data.voicedRatio, 2),
        wordsPerMin: data.wordsPerMin == null ? undefined : Math.round(data.wordsPerMin),
        ...(data.silence ? { silence: true } : {}) });
    } catch (error) {
      if (error instanceof BufferFullError) call.agent.stats.droppedAcoustic++;
      else throw error;
    }
  };
  source.connect(node);
  if (audio.state === 'suspended') audio.resume().catch(() => {});
  const stop = () => {
    try { source.disconnect(); } catch { /* already */ }
    node.port.onmessage = null;
    node.port.postMessage({ type: 'stop' });
  };
  call.once('ended', stop);
  return { stop, node, context: audio, source };
}

let sharedContext;
const loadedContexts = new WeakMap();

function sharedAudioContext() {
  if (!sharedContext || sharedContext.state === 'closed') sharedContext = new AudioContext();
  return sharedContext;
}

function loadWorklet(audio) {
  if (!loadedContexts.has(audio)) loadedContexts.set(audio, audio.audioWorklet.addModule(WORKLET_URL));
  return loadedContexts.get(audio);
}

function round(value, digits) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * Attaches the features worklet to both sides of a softphone call: the agent's microphone stream and the remote
 * (customer) audio of the RTCPeerConnection. Either may be omitted.
 */
export async function attachCallAudio(call, { microphone, peerConnection, remoteStream, ...options } = {}) {
  const attached = [];
  if (microphone) attached.push(await attachAudio(call, microphone, { ...options, speaker: 'agent' }));
  const remote = remoteStream ?? (peerConnection ? remoteStreamOf(peerConnection) : null);
  if (remote) attached.push(await attachAudio(call, remote, { ...options, speaker: 'customer' }));
  return { stop: () => attached.forEach((a) => a.stop()), attached };
}

/** The remote audio of an RTCPeerConnection as one MediaStream. */
export function remoteStreamOf(peerConnection) {
  const tracks = peerConnection.getReceivers().map((r) => r.track).filter((t) => t && t.kind === 'audio');
  return tracks.length ? new MediaStream(tracks) : null;
}

/**
 * The generic transcript adapter: the softphone's own speech-to-text pushes text here. Partials with the same
 * utteranceId are superseded by the final.
 */
export function pushTranscript(call, { speaker, text, final = true, startMs, endMs, utteranceId }) {
  return call.utterance({ speaker, text, final, utteranceId,
    startMs: startMs ?? undefined, endMs: endMs ?? (final ? call.now() : undefined) });
}

/**
 * The browser's Web Speech API, where present (Chromium: webkitSpeechRecognition), transcribing the agent's
 * microphone. Returns null when the browser has none. The recognizer restarts itself after the browser's pauses.
 */
export function webSpeechTranscript(call, { speaker = 'agent', lang = 'en-US', interim = true,
  Recognition = globalThis.SpeechRecognition ?? globalThis.webkitSpeechRecognition } = {}) {
  if (!Recognition) return null;
  const recognizer = new Recognition();
  recognizer.lang = lang;
  recognizer.continuous = true;
  recognizer.interimResults = interim;
  let running = true;
  let counter = 0;
  const ids = new Map();
  const started = new Map();
  recognizer.onresult = (event) => {
    for (let i = event.resultIndex; i < event.results.length; i++) {
      const result = event.results[i];
      if (!ids.has(i)) {
        ids.set(i, `ws-${Date.now().toString(36)}-${counter++}`);
        started.set(i, call.now());
      }
      const text = result[0].transcript.trim();
      if (!text || call.ended || call.done) continue;
      pushTranscript(call, { speaker, text, final: result.isFinal, utteranceId: ids.get(i),
        startMs: started.get(i), endMs: result.isFinal ? call.now() : undefined });
    }
  };
  recognizer.onend = () => {
    ids.clear();
    started.clear();
    if (running && !call.ended) {
      try { recognizer.start(); } catch { /* already started */ }
    }
  };
  recognizer.start();
  const stop = () => { running = false; try { recognizer.stop(); } catch { /* not started */ } };
  call.once('ended', stop);
  return { stop, recognizer };
}
