import type { AttachedAudio, CarePulseCall } from './carepulse-agent.js';

export declare const JSSIP_EVENTS: readonly string[];

/** Maps a JsSIP RTCSession (npm 'jssip' 3.x) to CarePulse events and its media to the features worklet. */
export declare function attachJsSipSession(call: CarePulseCall, session: unknown, options?: {
  audio?: boolean; endCall?: boolean; windowMs?: number;
}): { detach(): void; audio: Promise<{ stop(): void; attached: AttachedAudio[] } | null> };
