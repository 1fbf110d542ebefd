// Types of the CarePulse agent SDK. Frame types follow PROTOCOL-v1's JSON Schemas, served by the service at
// /v1/asyncapi.yaml and /v1/asyncapi/schemas/<name>.json (src/main/resources/asyncapi/schemas in the repository).
// Objects accept additional properties on the wire; the optional fields below are those the schemas name.

export declare const PROTOCOL_VERSION: 1;
export declare const SDK_VERSION: string;
export declare const SDK_NAME: string;

// ---- common.json

/** 1–128 characters of [A-Za-z0-9._:-]. */
export type CallId = string;
/** Per call: the first frame is 1, each next frame exactly one more. */
export type Seq = number;
/** Client event time, epoch milliseconds. */
export type Ts = number;
export type Speaker = 'agent' | 'customer';
/** Integer 0–100. */
export type Points = number;

// ---- client → server (hello.json, call.start.json, utterance.json, …)

export interface HelloFrame {
  type: 'hello';
  token?: string;
  client?: { name?: string; version?: string };
  /** At most 64. lastSeq: the last seq the client saw acked, 0 when none was. */
  resume?: Array<{ callId: CallId; lastSeq: number }>;
}

interface CallFrameBase {
  callId: CallId;
  seq: Seq;
  ts: Ts;
}

export interface Customer {
  id?: string;
  name?: string;
}

export interface CallStartFrame extends CallFrameBase {
  type: 'call.start';
  seq: 1;
  customer?: Customer;
  teamId?: string;
  /** BCP 47; en-US when absent. */
  locale?: string;
  /** At most 64 properties. */
  metadata?: Record<string, unknown>;
}

export interface UtteranceFields {
  speaker: Speaker;
  /** At most 4000 characters. */
  text: string;
  final: boolean;
  /** Milliseconds since call start. */
  startMs?: number;
  endMs?: number;
  /** A partial is superseded by a later final with the same utteranceId. */
  utteranceId?: string;
}
export interface UtteranceFrame extends CallFrameBase, UtteranceFields {
  type: 'utterance';
}

export interface AcousticFields {
  speaker: Speaker;
  /** 1–600000. */
  windowMs: number;
  /** −200..200. */
  rmsDb?: number;
  /** 0..20000. */
  pitchHz?: number;
  /** 0..1. */
  voicedRatio?: number;
  /** 0..2000. */
  wordsPerMin?: number;
  /** SDK addition (an allowed extra property): the window was silence. */
  silence?: boolean;
}
export interface AcousticFrame extends CallFrameBase, AcousticFields {
  type: 'acoustic';
}

export type EventKind = 'hold' | 'unhold' | 'mute' | 'unmute' | 'transfer' | 'conference' | 'dtmf';
export interface EventFrame extends CallFrameBase {
  type: 'event';
  kind: EventKind;
  /** At most 256 characters. */
  detail?: string;
}

export interface EmotionFields {
  /** −1..1. */
  valence: number;
  /** 0..1. */
  arousal: number;
  label?: string;
  source: string;
  confidence?: number;
}
export interface EmotionFrame extends CallFrameBase, EmotionFields {
  type: 'emotion';
  /** Only the customer's emotion may be inferred. */
  speaker: 'customer';
}

export type FeedbackAction = 'shown' | 'dismissed' | 'helpful' | 'unhelpful';
export interface PromptFeedbackFrame extends CallFrameBase {
  type: 'prompt.feedback';
  promptId: string;
  action: FeedbackAction;
}

export interface CallEndFrame extends CallFrameBase {
  type: 'call.end';
  reason?: string;
}

export type CallFrame = CallStartFrame | UtteranceFrame | AcousticFrame | EventFrame | EmotionFrame
  | PromptFeedbackFrame | CallEndFrame;
export type ClientFrame = HelloFrame | CallFrame;

// ---- server → client (welcome.json, ack.json, score.json, prompt.json, whisper.json, kudos.json, holdout.json, error.json)

export interface WelcomeMessage {
  type: 'welcome';
  protocol: 1;
  sessionId: string;
  resume: Array<{ callId: CallId; nextSeq: Seq }>;
}

/** Cumulative: every frame of the call up to seq is applied (and, with a durable store, persisted). */
export interface AckMessage {
  type: 'ack';
  callId: CallId;
  seq: Seq;
}

export type PartName = 'emotion' | 'empathy' | 'ownership' | 'listening' | 'responsiveness' | 'personal';
export interface ScoreReason {
  rule?: string;
  part?: PartName;
  delta?: number;
  frames?: string[];
  text?: string;
}
export interface ScoreMessage {
  type: 'score';
  callId: CallId;
  /** The last applied frame. */
  seq: Seq;
  score: Points;
  callScore: Points;
  parts: Record<PartName, Points>;
  trend: 'rising' | 'steady' | 'falling';
  model: string;
  reasons: ScoreReason[];
  recovery?: { minScore?: Points; minAtMs?: number; sinceMinMs?: number; slopePerMin?: number };
  callTimeMs?: number;
  /** care-2: how the customer's final turn in this frame read (valence −1..1 after its acts, arousal 0..1). */
  customer?: { frame: string; valence: number; arousal: number };
}

export interface PromptMessage {
  type: 'prompt';
  callId: CallId;
  promptId: string;
  /** acknowledge_feelings, take_ownership, let_them_finish, check_in, slow_down, use_name, next_steps,
   * empathy_without_action, positive_recovery, customer_context (at call start, for a caller with history); more may
   * be added within v1. */
  kind: string;
  text: string;
  priority: number;
  /** The frame that triggered it. */
  seq: Seq;
  /** The other kinds this one prompt carries, when two reasons arose in the same frame; absent when none. */
  also?: string[];
}

export interface WhisperMessage {
  type: 'whisper';
  callId: CallId;
  from: string;
  text: string;
}

/** Recognition for the call that just ended, sent after that call's last ack. */
export interface KudosMessage {
  type: 'kudos';
  callId: CallId;
  kudosId: string;
  reason: 'strong_recovery' | 'top_band';
  message: string;
  score: Points;
  callScore: Points;
}

/**
 * The call is in its team's uplift experiment: sent once after call.start. In the control arm the call is scored
 * but gets no prompts (`prompts: false`); tell the agent why the coach is quiet.
 */
export interface HoldoutMessage {
  type: 'holdout';
  callId: CallId;
  experiment: string;
  arm: 'treated' | 'control';
  prompts: boolean;
}

export type ProtocolErrorCode = 'bad_json' | 'invalid' | 'unauthorized' | 'forbidden' | 'unknown_call' | 'call_exists'
  | 'call_ended' | 'seq_gap' | 'rate_limited' | 'too_large' | 'too_many_calls' | 'too_many_agent_calls' | 'store_unavailable';
export interface ErrorMessage {
  type: 'error';
  code: ProtocolErrorCode;
  message: string;
  callId?: CallId;
  seq?: number;
  expectedSeq?: Seq;
}

export type ServerMessage = WelcomeMessage | AckMessage | ScoreMessage | PromptMessage | WhisperMessage | KudosMessage
  | HoldoutMessage | ErrorMessage;

// ---- the client

/** SDK codes beside the protocol's: buffer_full, storage_failed, history_lost, connect_failed, closed. */
export type SdkErrorCode = ProtocolErrorCode | 'buffer_full' | 'storage_failed' | 'history_lost' | 'connect_failed' | 'closed';

export declare class CarePulseError extends Error {
  readonly code: SdkErrorCode;
  readonly callId?: CallId;
  readonly seq?: number;
  readonly expectedSeq?: Seq;
  /** Frames that can no longer be applied (the call ended or was forgotten before they arrived). */
  readonly lostFrames?: number;
}

/** Thrown by a send method when maxBufferedFrames frames wait for an ack; the frame was not queued. */
export declare class BufferFullError extends CarePulseError {
  readonly code: 'buffer_full';
  readonly buffered: number;
  readonly max: number;
}

export type AgentState = 'idle' | 'connecting' | 'open' | 'resuming' | 'closed';

/** The subset of Storage the SDK uses (sessionStorage by default). */
export interface FrameStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface CarePulseAgentOptions {
  /** ws(s)://host:port/v1/agent */
  url: string;
  /** The agent's JWT, or a function returning a fresh one for each connection. */
  token: string | (() => string | Promise<string>);
  /** A WebSocket implementation (npm 'ws' in Node); globalThis.WebSocket by default. */
  WebSocket?: unknown;
  /** Where unacked frames are kept across a reload; sessionStorage by default; null keeps them in memory only. */
  storage?: FrameStorage | null;
  /** Storage key prefix; `carepulse-agent:<sub of the token>` by default. */
  storageKey?: string;
  client?: { name: string; version: string };
  /** Unacked frames over all calls before send methods throw BufferFullError (acoustic stops at 80 %). Default 2000. */
  maxBufferedFrames?: number;
  /** Reconnect delay: min(maxMs, initialMs × factor^attempt) × (1 − jitter × random). Defaults 250, 15000, 2, 0.5. */
  backoff?: { initialMs?: number; maxMs?: number; factor?: number; jitter?: number };
  /** Client-side pacing, below the server's 100/s (burst 200) per connection. Defaults 80/s, burst 150. */
  sendRate?: { perSecond?: number; burst?: number };
  /** No welcome within this after the socket opens: reconnect. Default 10000. */
  helloTimeoutMs?: number;
  /** Everything sent, no ack for this long: resend the newest unacked frame as a probe. Default 3000. */
  probeAfterMs?: number;
}

export interface StartCallOptions {
  callId: CallId;
  customer?: Customer;
  teamId?: string;
  locale?: string;
  metadata?: Record<string, unknown>;
}

type Unsubscribe = () => void;

export interface CallStats {
  /** Frames numbered by this call. */
  created: number;
  /** Frames written to a socket, resends included. */
  transmissions: number;
  /** Transmissions of a frame already sent once (never of an acked one). */
  resent: number;
  /** The highest acked seq. */
  acked: number;
  /** Frames the server refused for good (dropped, the frames after renumbered). */
  refused: number;
  /** Transmissions of a frame at or below the ack at the time: always 0. */
  sentPastAck: number;
}

export declare class CarePulseCall {
  readonly agent: CarePulseAgent;
  readonly callId: CallId;
  /** Highest seq the server acked. */
  readonly acked: number;
  /** The seq the next frame gets. */
  readonly nextSeq: Seq;
  /** Frames waiting for an ack. */
  readonly pending: number;
  readonly unacked: ReadonlyArray<CallFrame>;
  /** Epoch ms of call start (startMs/endMs of utterances count from here). */
  readonly startedAt: number;
  readonly ended: boolean;
  readonly done: boolean;
  /** Restored from storage after a page reload. */
  readonly resumed: boolean;
  readonly lastScore: ScoreMessage | null;
  /** The call's arm when its team runs an uplift experiment (null otherwise, or until call.start is applied). */
  readonly holdout: HoldoutMessage | null;
  readonly stats: CallStats;
  /** Milliseconds since the call started. */
  now(): number;
  /** Each send method returns the frame's seq, throws TypeError on a field the schema refuses, BufferFullError when full. */
  utterance(fields: UtteranceFields & { final?: boolean }): Seq;
  acoustic(fields: AcousticFields): Seq;
  event(kind: EventKind, detail?: string): Seq;
  emotion(fields: EmotionFields): Seq;
  feedback(promptId: string, action: FeedbackAction): Seq;
  /** Sends call.end; resolves once acked. */
  end(reason?: string): Promise<CarePulseCall>;
  /** Resolves once every frame up to seq is acked. */
  whenAcked(seq: Seq): Promise<CarePulseCall>;
  on(type: 'score', handler: (score: ScoreMessage) => void): Unsubscribe;
  on(type: 'prompt', handler: (prompt: PromptMessage) => void): Unsubscribe;
  on(type: 'whisper', handler: (whisper: WhisperMessage) => void): Unsubscribe;
  on(type: 'kudos', handler: (kudos: KudosMessage) => void): Unsubscribe;
  on(type: 'holdout', handler: (holdout: HoldoutMessage) => void): Unsubscribe;
  on(type: 'ack', handler: (ack: { seq: Seq }) => void): Unsubscribe;
  on(type: 'frame', handler: (frame: CallFrame) => void): Unsubscribe;
  on(type: 'error', handler: (error: CarePulseError) => void): Unsubscribe;
  on(type: 'ended', handler: (end: { lost: boolean }) => void): Unsubscribe;
  off(type: string, handler: (value: any) => void): void;
  once(type: string, handler: (value: any) => void): Unsubscribe;
}

export declare class CarePulseAgent {
  constructor(options: CarePulseAgentOptions);
  readonly state: AgentState;
  readonly sessionId: string | null;
  /** Unacked frames over all calls. */
  readonly buffered: number;
  readonly calls: ReadonlyMap<CallId, CarePulseCall>;
  readonly stats: { connects: number; reconnects: number; drops: number; droppedAcoustic: number;
    lastClose: { code: number; reason: string } | null };
  /** Resolves on the first welcome; the agent reconnects by itself after any drop until close(). */
  connect(): Promise<CarePulseAgent>;
  /** call.start (seq 1); resolves once acked. A call restored after a reload with this callId is returned as it is. */
  startCall(options: StartCallOptions): Promise<CarePulseCall>;
  call(callId: CallId): CarePulseCall | undefined;
  /** Stops reconnecting and closes the socket; unacked frames stay in storage for the next page. */
  close(): void;
  on(type: 'state', handler: (state: AgentState) => void): Unsubscribe;
  on(type: 'welcome', handler: (welcome: WelcomeMessage) => void): Unsubscribe;
  on(type: 'disconnected', handler: (close: { code: number; reason: string }) => void): Unsubscribe;
  on(type: 'reconnecting', handler: (next: { attempt: number; delayMs: number }) => void): Unsubscribe;
  on(type: 'message', handler: (message: ServerMessage) => void): Unsubscribe;
  on(type: 'frame', handler: (frame: CallFrame) => void): Unsubscribe;
  on(type: 'score', handler: (score: ScoreMessage) => void): Unsubscribe;
  on(type: 'prompt', handler: (prompt: PromptMessage) => void): Unsubscribe;
  on(type: 'whisper', handler: (whisper: WhisperMessage) => void): Unsubscribe;
  on(type: 'kudos', handler: (kudos: KudosMessage) => void): Unsubscribe;
  on(type: 'holdout', handler: (holdout: HoldoutMessage) => void): Unsubscribe;
  on(type: 'error', handler: (error: CarePulseError) => void): Unsubscribe;
  off(type: string, handler: (value: any) => void): void;
  once(type: string, handler: (value: any) => void): Unsubscribe;
}

// ---- audio features (browser)

/** What the worklet posts per window: numbers only. */
export interface FeatureWindow {
  windowMs: number;
  rmsDb: number;
  pitchHz: number | null;
  voicedRatio: number;
  wordsPerMin: number | null;
  silence: boolean;
}

export interface AudioOptions {
  /** 250–1000, default 500. */
  windowMs?: number;
  /** dBFS below which a window is silence; default −50. */
  silenceDb?: number;
  /** An AudioContext to use (one shared context by default). */
  context?: AudioContext;
  onWindow?: (window: FeatureWindow, speaker: Speaker) => void;
}

export interface AttachedAudio {
  stop(): void;
  node: AudioWorkletNode;
  context: AudioContext;
  source: MediaStreamAudioSourceNode;
}

/** Sends acoustic frames for `speaker` computed from `stream` in an AudioWorklet. */
export declare function attachAudio(call: CarePulseCall, stream: MediaStream,
  options: AudioOptions & { speaker: Speaker }): Promise<AttachedAudio>;

/** Both sides of a softphone call: the agent's microphone and the remote audio of the RTCPeerConnection. */
export declare function attachCallAudio(call: CarePulseCall, options: AudioOptions & {
  microphone?: MediaStream; peerConnection?: RTCPeerConnection; remoteStream?: MediaStream;
}): Promise<{ stop(): void; attached: AttachedAudio[] }>;

export declare function remoteStreamOf(peerConnection: RTCPeerConnection): MediaStream | null;

// ---- transcript adapters

/** The softphone's own speech-to-text. */
export declare function pushTranscript(call: CarePulseCall, utterance: {
  speaker: Speaker; text: string; final?: boolean; startMs?: number; endMs?: number; utteranceId?: string;
}): Seq;

/** The browser's Web Speech API on the agent's microphone; null where the browser has none. */
export declare function webSpeechTranscript(call: CarePulseCall, options?: {
  speaker?: Speaker; lang?: string; interim?: boolean; Recognition?: unknown;
}): { stop(): void; recognizer: unknown } | null;
