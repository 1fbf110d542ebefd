// The demo agent page (/agent) in Debian's headless chromium with a fake microphone playing a synthesized WAV.
// Started by AgentSdkBrowserTest (mvn test), which runs the service with PostgreSQL and its control endpoint.
// Proves: acoustic frames from real audio reach the server with plausible values (speech and silence differ), a
// prompt renders in <carepulse-coach>, feedback given with the keyboard reaches the server, and a kill and restart of
// the service mid-call loses nothing and stores nothing twice. Then measures the worklet's CPU. One JSON line a step.
import { chromium } from 'playwright-core';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import WebSocket from 'ws';

const { BASE_URL, CONTROL, TOKEN, WAV, FIGURES, SCREENSHOT, CHROMIUM = '/usr/bin/chromium' } = process.env;
const CPU_SECONDS = Number(process.env.CPU_SECONDS ?? 10);
const step = (name, extra = {}) => console.log(JSON.stringify({ step: name, ...extra }));
const control = async (path, method = 'GET') => {
  const response = await fetch(CONTROL + path, { method });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return response.json();
};
const inPage = (page, fn, arg, what, timeout = 30000) => page.waitForFunction(fn, arg, { timeout, polling: 50 })
  .catch((e) => { throw new Error(`waiting for ${what}: ${e.message}`); });
async function waitFor(condition, what, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[s.length >> 1] : null; };

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic', '--autoplay-policy=no-user-gesture-required',
    '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${WAV}`],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await context.grantPermissions(['microphone'], { origin: BASE_URL });
const page = await context.newPage();
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.error(`page ${m.type()}: ${m.text()}`); });
page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
const figures = {};

try {
  await page.goto(`${BASE_URL}/agent?speed=1.5`);
  await page.fill('#token', TOKEN);
  await page.press('#token', 'Enter');
  await page.waitForSelector('#status.live', { timeout: 15000 });
  step('signed-in');

  await page.check('#use-mic');
  await page.click('#play');
  await inPage(page, () => window.carepulseDemo.call && window.carepulseDemo.windows.agent >= 4
    && window.carepulseDemo.windows.customer >= 4, null, 'audio windows from both tracks');
  const callId = await page.evaluate(() => window.carepulseDemo.call.callId);
  step('audio-flowing', { callId });

  // The widget sits beside the softphone, in the flow of the page.
  const layout = await page.evaluate(() => {
    const a = document.querySelector('#softphone').getBoundingClientRect();
    const b = document.querySelector('carepulse-coach').getBoundingClientRect();
    const overlap = !(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top);
    return { overlap, position: getComputedStyle(document.querySelector('carepulse-coach')).position };
  });
  if (layout.overlap || layout.position !== 'static') throw new Error(`the widget covers the softphone: ${JSON.stringify(layout)}`);

  await inPage(page, () => {
    const card = document.querySelector('carepulse-coach').shadowRoot.querySelector('.prompt');
    return !card.hidden && card.dataset.promptId;
  }, null, 'a prompt in the widget', 45000);
  const prompt = await page.evaluate(() => {
    const card = document.querySelector('carepulse-coach').shadowRoot.querySelector('.prompt');
    return { promptId: card.dataset.promptId, kind: card.dataset.kind, text: card.querySelector('.text').textContent };
  });
  const score = await page.locator('carepulse-coach .score').textContent();
  step('prompt-shown', { ...prompt, score });
  await page.screenshot({ path: SCREENSHOT });

  // Keyboard: focus the Helpful button and press Enter.
  await page.locator('carepulse-coach button[data-action="helpful"]').focus();
  await page.keyboard.press('Enter');
  const feedback = await waitFor(async () => {
    const rows = (await control(`/feedback?callId=${callId}`)).feedback.filter((f) => f.promptId === prompt.promptId);
    return rows.some((f) => f.action === 'helpful') && rows;
  }, 'feedback stored by the server');
  step('feedback-stored', { actions: feedback.map((f) => f.action) });

  // A supervisor whispers to the agent: it shows in the widget.
  const supervisorToken = (await control('/token?sub=supervisor-1&role=supervisor')).token;
  const supervisor = new WebSocket(BASE_URL.replace(/^http/, 'ws') + '/v1/supervisor',
    { headers: { Authorization: `Bearer ${supervisorToken}` } });
  await new Promise((resolve, reject) => { supervisor.once('open', resolve); supervisor.once('error', reject); });
  supervisor.send(JSON.stringify({ type: 'whisper', callId, text: 'Offer the goodwill credit now', requestId: 'w-1' }));
  await inPage(page, () => {
    const card = document.querySelector('carepulse-coach').shadowRoot.querySelector('.whisper');
    return !card.hidden && card.textContent.includes('Offer the goodwill credit now');
  }, null, 'the whisper in the widget');
  supervisor.close();
  step('whisper-shown');

  // Kill the service mid-call, while audio frames keep coming; start it again on the same port.
  const before = await page.evaluate(() => ({ acked: window.carepulseDemo.call.acked, created: window.carepulseDemo.created.length }));
  await control('/service/stop?mode=kill', 'POST');
  await inPage(page, () => window.carepulseDemo.agent.state === 'resuming', null, 'the page noticing the drop');
  const downAt = Date.now();
  await inPage(page, (n) => window.carepulseDemo.created.length >= n + 4, before.created, 'frames queued while down');
  await control('/service/start', 'POST');
  await inPage(page, () => window.carepulseDemo.agent.state === 'open', null, 'resumed on the new process', 30000);
  step('resumed', { downMs: Date.now() - downAt, ackedBeforeKill: before.acked });

  await inPage(page, () => window.carepulseDemo.ended, null, 'the call to end (call.end acked)', 90000);
  const client = await page.evaluate(() => {
    const { call, created, agent } = window.carepulseDemo;
    return { created, stats: call.stats, acked: call.acked, reconnects: agent.stats.reconnects, lastClose: agent.stats.lastClose };
  });
  const stored = await control(`/stored?callId=${callId}`);
  const problems = [];
  if (client.stats.sentPastAck !== 0) problems.push(`${client.stats.sentPastAck} frames sent past an ack`);
  if (stored.count !== client.created.length) problems.push(`stored ${stored.count}, created ${client.created.length}`);
  if (stored.distinctSeqs !== stored.count) problems.push('a seq stored twice');
  if (stored.maxSeq !== client.created.length) problems.push(`max seq ${stored.maxSeq}`);
  for (const frame of stored.frames) {
    const mine = client.created.find((c) => c.seq === frame.seq);
    if (!mine || mine.type !== frame.type || mine.ts !== frame.ts) problems.push(`seq ${frame.seq} differs: ${JSON.stringify(mine)} vs ${frame.type}@${frame.ts}`);
  }
  if (problems.length) throw new Error(`resume after the kill: ${problems.slice(0, 5).join('; ')}`);
  figures.resume = { created: client.created.length, transmissions: client.stats.transmissions, resent: client.stats.resent,
    sentPastAck: client.stats.sentPastAck,
    acked: client.acked, stored: stored.count, distinctSeqs: stored.distinctSeqs, duplicatesStored: stored.count - stored.distinctSeqs,
    lost: client.created.length - stored.count, ackedBeforeKill: before.acked, reconnectAttempts: client.reconnects, byType: stored.byType };
  step('stored-once', figures.resume);

  // The widget after the call: Esc dismisses a prompt (no feedback: the call is over), the live region is there,
  // and a custom property themes it.
  const widget = await page.evaluate(async () => {
    const coach = document.querySelector('carepulse-coach');
    const root = coach.shadowRoot;
    coach.style.setProperty('--carepulse-accent', 'rgb(200, 0, 120)');
    coach.showPrompt({ type: 'prompt', callId: 'other', promptId: 'esc-1', kind: 'check_in', text: 'Check in', priority: 1, seq: 1 });
    const visible = !root.querySelector('.prompt').hidden;
    return { visible, live: root.querySelector('[aria-live="polite"]') !== null,
      accent: getComputedStyle(root.querySelector('button.primary')).backgroundColor };
  });
  await page.locator('carepulse-coach button[data-action="unhelpful"]').focus();
  await page.keyboard.press('Escape');
  const dismissed = await page.evaluate(() => document.querySelector('carepulse-coach').shadowRoot.querySelector('.prompt').hidden);
  if (!widget.visible || !dismissed || !widget.live || widget.accent !== 'rgb(200, 0, 120)') {
    throw new Error(`widget: ${JSON.stringify({ ...widget, dismissed })}`);
  }
  step('widget-keyboard-aria-theme');

  // Acoustic frames from the WAV: speech windows and silence windows must differ.
  const acoustic = stored.frames.filter((f) => f.type === 'acoustic');
  const summary = {};
  for (const speaker of ['agent', 'customer']) {
    const mine = acoustic.filter((f) => f.speaker === speaker);
    const speech = mine.filter((f) => (f.voicedRatio ?? 0) >= 0.3 && f.rmsDb > -45);
    const silence = mine.filter((f) => f.silence === true || f.rmsDb < -60);
    summary[speaker] = { windows: mine.length, speech: speech.length, silence: silence.length,
      speechRmsDb: median(speech.map((f) => f.rmsDb)), silenceRmsDb: median(silence.map((f) => f.rmsDb)),
      speechPitchHz: median(speech.filter((f) => f.pitchHz).map((f) => f.pitchHz)),
      speechVoicedRatio: median(speech.map((f) => f.voicedRatio)),
      wordsPerMin: median(mine.filter((f) => f.wordsPerMin).map((f) => f.wordsPerMin)) };
    const s = summary[speaker];
    if (!s.speech || !s.silence) throw new Error(`${speaker}: speech and silence windows expected, got ${JSON.stringify(s)}`);
    if (!(s.speechRmsDb - (s.silenceRmsDb ?? -120) > 20)) throw new Error(`${speaker}: speech not louder than silence ${JSON.stringify(s)}`);
    if (!(s.speechPitchHz > 70 && s.speechPitchHz < 300)) throw new Error(`${speaker}: implausible pitch ${s.speechPitchHz}`);
  }
  figures.acoustic = summary;
  step('acoustic-plausible', summary);

  // CPU of the worklet per call (two tracks): the renderer's CPU time with the same audio graph with and without it.
  const cdp = await browser.newBrowserCDPSession();
  const rendererCpu = async () => (await cdp.send('SystemInfo.getProcessInfo')).processInfo
    .filter((p) => p.type === 'renderer').reduce((sum, p) => sum + p.cpuTime, 0);
  const setUp = (mode) => page.evaluate(async (kind) => {
    const sdk = await import('/sdk/carepulse-agent.js');
    const mic = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
    const ctx = new AudioContext();
    window.cpuRig = { mic, ctx, stops: [] };
    const fakeCall = { done: false, ended: false, agent: { stats: {} }, acoustic() {}, once() {} };
    if (kind === 'noop') {
      const code = "registerProcessor('cp-noop', class extends AudioWorkletProcessor { process() { return true; } });";
      await ctx.audioWorklet.addModule(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
    }
    for (const speaker of ['agent', 'customer']) {
      if (kind === 'features') {
        const a = await sdk.attachAudio(fakeCall, mic, { speaker, context: ctx, windowMs: 500 });
        window.cpuRig.stops.push(a.stop);
      } else if (kind === 'noop') {
        const source = ctx.createMediaStreamSource(mic);
        const node = new AudioWorkletNode(ctx, 'cp-noop', { numberOfInputs: 1, numberOfOutputs: 0, channelCount: 1, channelCountMode: 'explicit' });
        source.connect(node);
        window.cpuRig.stops.push(() => source.disconnect());
      }
    }
    await ctx.resume();
  }, mode);
  const tearDown = () => page.evaluate(async () => {
    const rig = window.cpuRig;
    rig.stops.forEach((s) => s());
    rig.mic.getTracks().forEach((t) => t.stop());
    await rig.ctx.close();
  });
  const measure = async (mode) => {
    await setUp(mode);
    await page.waitForTimeout(1000); // settle: module load and JIT are not the steady state
    const c0 = await rendererCpu();
    const t0 = Date.now();
    await page.waitForTimeout(CPU_SECONDS * 1000); // measuring over a fixed span is the point here, not a wait for a condition
    const c1 = await rendererCpu();
    const seconds = (Date.now() - t0) / 1000;
    await tearDown();
    return { cpuSecondsPerSecond: (c1 - c0) / seconds, seconds };
  };
  const pct = (x) => Number((x * 100).toFixed(2));
  // Interleaved rounds, medians: the machine is shared, one span alone is noisy.
  const rounds = { none: [], noop: [], features: [] };
  for (let round = 0; round < 2; round++) {
    for (const mode of Object.keys(rounds)) rounds[mode].push((await measure(mode)).cpuSecondsPerSecond);
  }
  const idle = { cpuSecondsPerSecond: median(rounds.none) };
  const noop = { cpuSecondsPerSecond: median(rounds.noop) };
  const features = { cpuSecondsPerSecond: median(rounds.features), seconds: CPU_SECONDS };
  // The worklet's own computation, timed in this Chromium's V8: the extractor over the WAV, resampled to the
  // context's rate, for two tracks' worth of audio.
  const wav = readFileSync(WAV).toString('base64');
  const compute = await page.evaluate(async (base64) => {
    const { FeatureExtractor } = await import('/sdk/carepulse-features-worklet.js');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const ctx = new AudioContext();
    const decoded = await ctx.decodeAudioData(bytes.buffer);
    const rate = ctx.sampleRate;
    await ctx.close();
    const samples = decoded.getChannelData(0);
    const seconds = 60;
    const run = () => {
      const extractor = new FeatureExtractor(rate, { windowMs: 500 });
      const total = seconds * rate;
      for (let done = 0; done < total; done += 128) {
        const at = done % (samples.length - 128);
        extractor.push(samples.subarray(at, at + 128));
      }
    };
    run();
    const t0 = performance.now();
    run();
    run();
    return { rate, msPerCallSecond: (performance.now() - t0) / seconds };
  }, wav);
  figures.cpu = {
    method: 'renderer process CPU time (CDP SystemInfo.getProcessInfo) over the span, mic on two tracks (agent + customer): '
      + 'no worklet / a no-op AudioWorklet per track / the features worklet per track',
    seconds: Math.round(features.seconds),
    rendererIdlePercent: pct(idle.cpuSecondsPerSecond),
    rendererNoopWorkletPercent: pct(noop.cpuSecondsPerSecond),
    rendererFeaturesPercent: pct(features.cpuSecondsPerSecond),
    featuresPercentOfOneCorePerCall: pct(features.cpuSecondsPerSecond - noop.cpuSecondsPerSecond),
    audioPathPercentOfOneCorePerCall: pct(features.cpuSecondsPerSecond - idle.cpuSecondsPerSecond),
    rounds: Object.fromEntries(Object.entries(rounds).map(([k, v]) => [k, v.map(pct)])),
    workletComputeMsPerCallSecond: Number(compute.msPerCallSecond.toFixed(3)),
    workletComputePercentOfOneCorePerCall: Number((compute.msPerCallSecond / 10).toFixed(3)),
    contextSampleRate: compute.rate,
  };
  step('cpu', figures.cpu);

  if (FIGURES) {
    const all = existsSync(FIGURES) ? JSON.parse(readFileSync(FIGURES, 'utf8')) : {};
    writeFileSync(FIGURES, JSON.stringify({ ...all, ...figures, prompt }, null, 2));
  }
  step('done');
} catch (error) {
  await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-failed.png') }).catch(() => {});
  console.error(error.stack || String(error));
  process.exitCode = 1;
} finally {
  await browser.close();
}
