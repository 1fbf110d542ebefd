// The demo agent page (/agent): a softphone-like page on the SDK. It plays the bundled sample call from its
// transcript (?speed=N plays it N times faster) and, when asked, computes audio features from the microphone and from
// the remote side of a loopback RTCPeerConnection standing in for the customer's leg of a real softphone.
import { CarePulseAgent, attachCallAudio, pushTranscript } from '/sdk/carepulse-agent.js';
import '/sdk/carepulse-coach.js';

const params = new URLSearchParams(location.search);
const speed = Math.max(0.25, Number(params.get('speed') ?? 1) || 1);
const $ = (id) => document.getElementById(id);
const coach = $('coach');
const demo = { agent: null, call: null, created: [], windows: { agent: 0, customer: 0 }, ended: false, audio: null, timers: [] };
window.carepulseDemo = demo;

function wsUrl() {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/v1/agent`;
}

async function signIn(token) {
  demo.agent?.close();
  const agent = new CarePulseAgent({ url: wsUrl(), token, client: { name: 'carepulse-agent-demo', version: '1.0.0' } });
  demo.agent = agent;
  coach.agent = agent;
  agent.on('state', (state) => {
    $('status').textContent = { open: 'live', resuming: 'reconnecting…', connecting: 'connecting…', closed: 'signed out' }[state] ?? state;
    $('status').className = state === 'open' ? 'live' : state;
  });
  agent.on('error', (error) => console.warn('CarePulse:', error.code, error.message));
  await agent.connect();
  sessionStorage.setItem('carepulse-demo-token', token);
  $('desk').hidden = false;
}

$('sign-in').addEventListener('submit', (event) => {
  event.preventDefault();
  signIn($('token').value.trim()).catch((error) => {
    $('status').textContent = `refused: ${error.message}`;
    $('status').className = 'closed';
  });
});

function line(speaker, text, id) {
  let li = id ? document.querySelector(`[data-utterance="${id}"]`) : null;
  if (!li) {
    li = document.createElement('li');
    li.className = speaker;
    if (id) li.dataset.utterance = id;
    $('transcript').append(li);
  }
  li.innerHTML = '';
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = speaker === 'agent' ? 'You:' : 'Customer:';
  li.append(who, document.createTextNode(text));
  li.scrollIntoView({ block: 'nearest' });
}

async function startAudio(call) {
  const microphone = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
  // Loopback: what a softphone's RTCPeerConnection receives from the far end, here sent from this page to itself.
  const near = new RTCPeerConnection();
  const far = new RTCPeerConnection();
  near.onicecandidate = (e) => e.candidate && far.addIceCandidate(e.candidate);
  far.onicecandidate = (e) => e.candidate && near.addIceCandidate(e.candidate);
  const remoteArrived = new Promise((resolve) => { far.ontrack = (e) => resolve(e.streams[0] ?? new MediaStream([e.track])); });
  microphone.getAudioTracks().forEach((track) => near.addTrack(track, microphone));
  await near.setLocalDescription(await near.createOffer());
  await far.setRemoteDescription(near.localDescription);
  await far.setLocalDescription(await far.createAnswer());
  await near.setRemoteDescription(far.localDescription);
  const remote = await remoteArrived;
  // Chromium feeds a remote WebRTC track to Web Audio only while a media element plays it.
  const sink = new Audio();
  sink.muted = true;
  sink.srcObject = remote;
  sink.play().catch(() => {});
  const features = await attachCallAudio(call, { microphone, peerConnection: far, windowMs: 500,
    onWindow: (w, speaker) => { demo.windows[speaker]++; demo.lastWindow = { speaker, ...w }; } });
  $('audio-status').textContent = 'Audio features on: one acoustic frame per 500 ms per side.';
  return {
    features,
    stop() {
      features.stop();
      microphone.getTracks().forEach((t) => t.stop());
      near.close();
      far.close();
      sink.srcObject = null;
    },
  };
}

async function play() {
  const script = await (await fetch('/sdk/demo/sample-call.json')).json();
  const callId = params.get('callId') ?? `${script.callId}-${Date.now().toString(36)}`;
  $('play').disabled = true;
  $('transcript').innerHTML = '';
  demo.created = [];
  demo.ended = false;
  demo.offFrames?.();
  demo.offFrames = demo.agent.on('frame', (f) => {
    if (f.callId === callId) demo.created.push({ seq: f.seq, type: f.type, ts: f.ts });
  });
  const call = await demo.agent.startCall({ callId, customer: script.customer, teamId: script.teamId });
  demo.call = call;
  coach.call = call;
  $('caller').textContent = script.customer.name;
  $('call-state').textContent = 'on call';
  for (const id of ['hold', 'mute', 'transfer', 'hangup']) $(id).disabled = false;
  if ($('use-mic').checked) demo.audio = await startAudio(call);
  const at = (ms, fn) => demo.timers.push(setTimeout(fn, ms / speed));
  for (const step of script.steps) {
    if (step.text) {
      const id = `${callId}-u${step.at}`;
      const words = step.text.split(' ');
      if (step.speaker === 'customer' && words.length > 4) {
        at(step.at + step.ms / 2, () => live(call, () => {
          const partial = words.slice(0, Math.ceil(words.length / 2)).join(' ');
          pushTranscript(call, { speaker: 'customer', text: partial, final: false, utteranceId: id, startMs: Math.round(step.at / speed) });
          line('customer', `${partial}…`, id);
        }));
      }
      at(step.at + step.ms, () => live(call, () => {
        pushTranscript(call, { speaker: step.speaker, text: step.text, final: true, utteranceId: id,
          startMs: Math.round(step.at / speed), endMs: Math.round((step.at + step.ms) / speed) });
        line(step.speaker, step.text, id);
      }));
    } else if (step.event) {
      at(step.at, () => live(call, () => toggleHold(call, step.event === 'hold')));
    } else if (step.end) {
      at(step.at, () => hangUp(step.end));
    }
  }
}

function live(call, fn) {
  if (call === demo.call && !call.ended) fn();
}

function toggleHold(call, on) {
  call.event(on ? 'hold' : 'unhold');
  $('hold').setAttribute('aria-pressed', String(on));
  $('call-state').textContent = on ? 'on hold' : 'on call';
}

async function hangUp(reason = 'completed') {
  const call = demo.call;
  if (!call || call.ended) return;
  demo.timers.forEach(clearTimeout);
  demo.timers = [];
  demo.audio?.stop();
  await call.end(reason);
  demo.ended = true;
  $('call-state').textContent = 'call ended';
  for (const id of ['hold', 'mute', 'transfer', 'hangup']) $(id).disabled = true;
  $('play').disabled = false;
}

$('play').addEventListener('click', () => play().catch((error) => {
  console.error(error);
  $('play').disabled = false;
}));
$('hold').addEventListener('click', () => demo.call && toggleHold(demo.call, $('hold').getAttribute('aria-pressed') !== 'true'));
$('mute').addEventListener('click', () => {
  const on = $('mute').getAttribute('aria-pressed') !== 'true';
  demo.call?.event(on ? 'mute' : 'unmute');
  $('mute').setAttribute('aria-pressed', String(on));
});
$('transfer').addEventListener('click', () => demo.call?.event('transfer', 'to billing'));
$('hangup').addEventListener('click', () => hangUp('completed'));

const remembered = sessionStorage.getItem('carepulse-demo-token');
if (remembered) {
  $('token').value = remembered;
  signIn(remembered).catch(() => sessionStorage.removeItem('carepulse-demo-token'));
}
