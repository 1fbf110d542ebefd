// Adapter for JsSIP (npm 'jssip', 3.x): maps an RTCSession's events to CarePulse softphone events and its media —
// the local microphone and the remote audio of session.connection (the RTCPeerConnection) — to the features worklet.
// The softphone owns its JsSIP UA; pass each RTCSession here (from the UA's 'newRTCSession' event).
import { attachCallAudio } from './carepulse-agent.js';

/** JsSIP RTCSession events this adapter listens to (all in JsSIP's RTCSessionEventMap). */
export const JSSIP_EVENTS = ['hold', 'unhold', 'muted', 'unmuted', 'refer', 'newDTMF', 'peerconnection', 'confirmed', 'ended', 'failed'];

/**
 * @param call a CarePulseCall
 * @param session a JsSIP RTCSession
 * @param options.audio compute audio features from the session's media (default true; browsers only)
 * @param options.endCall send call.end when the session ends or fails (default true)
 * @returns {{ detach(): void, audio: Promise<object|null> }}
 */
export function attachJsSipSession(call, session, { audio = typeof AudioWorkletNode !== 'undefined', endCall = true,
  windowMs = 500 } = {}) {
  const listeners = [];
  const listen = (name, handler) => {
    session.on(name, handler);
    listeners.push([name, handler]);
  };
  const live = () => !call.ended && !call.done;
  const send = (kind, detail) => { if (live()) call.event(kind, detail); };

  listen('hold', (e) => send('hold', e?.originator === 'remote' ? 'remote' : 'local'));
  listen('unhold', (e) => send('unhold', e?.originator === 'remote' ? 'remote' : 'local'));
  listen('muted', (e) => { if (e?.audio !== false) send('mute'); });
  listen('unmuted', (e) => { if (e?.audio !== false) send('unmute'); });
  // An incoming REFER: the far end transfers this call.
  listen('refer', () => send('transfer', 'remote'));
  // Digits may be a card number or a PIN: only the fact that a tone was sent, never which.
  listen('newDTMF', (e) => send('dtmf', e?.originator === 'remote' ? 'remote' : 'local'));

  // An outgoing transfer (blind, by REFER) has no JsSIP event: the adapter sees the softphone call refer().
  const refer = session.refer;
  if (typeof refer === 'function') {
    session.refer = function (target, options) {
      send('transfer', 'local');
      return refer.call(this, target, options);
    };
  }

  let features = null;
  let resolveAudio;
  const audioReady = new Promise((resolve) => { resolveAudio = resolve; });
  const startAudio = async (peerConnection) => {
    if (!audio || features || !peerConnection || !live()) return;
    features = { stop() {} };
    const local = peerConnection.getSenders().map((s) => s.track).filter((t) => t && t.kind === 'audio');
    const microphone = local.length ? new MediaStream(local) : null;
    const attach = () => attachCallAudio(call, { microphone, peerConnection, windowMs }).then((f) => {
      features = f;
      resolveAudio(f);
      return f;
    });
    // The remote track exists once the far end's description is applied.
    if (peerConnection.getReceivers().some((r) => r.track)) await attach();
    else peerConnection.addEventListener('track', () => attach(), { once: true });
  };
  listen('peerconnection', (e) => startAudio(e?.peerconnection));
  listen('confirmed', () => startAudio(session.connection));
  if (session.connection) startAudio(session.connection);
  if (!audio) resolveAudio(null);

  const finished = (e) => {
    features?.stop();
    if (endCall && live()) call.end(e?.cause ? `sip:${String(e.cause).toLowerCase().replace(/[^a-z0-9]+/g, '_')}` : 'completed').catch(() => {});
  };
  listen('ended', finished);
  listen('failed', finished);

  return {
    audio: audioReady,
    detach() {
      for (const [name, handler] of listeners) session.off?.(name, handler) ?? session.removeListener?.(name, handler);
      if (typeof refer === 'function') session.refer = refer;
      features?.stop();
    },
  };
}
