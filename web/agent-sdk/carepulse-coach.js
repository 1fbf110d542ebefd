// <carepulse-coach>: the agent's coaching widget. Shadow DOM, no framework. It shows the live score with its trend,
// one prompt at a time (short, dismissible, with helpful / not helpful), supervisor whispers and kudos, and sends
// prompt.feedback for what the agent does. It lays out in the flow of the page where the softphone puts it — no
// fixed or absolute positioning, no overlay — so it never covers the softphone. Theme it with CSS custom properties:
// --carepulse-bg, --carepulse-fg, --carepulse-muted, --carepulse-accent, --carepulse-good, --carepulse-warn,
// --carepulse-bad, --carepulse-radius, --carepulse-font, --carepulse-max-height.

const TEMPLATE = `
<style>
  :host {
    display: block; position: static; box-sizing: border-box; contain: layout paint;
    max-height: var(--carepulse-max-height, 22rem); overflow: auto;
    font: 14px/1.35 var(--carepulse-font, system-ui, sans-serif);
    color: var(--carepulse-fg, #1d2330); background: var(--carepulse-bg, #f7f8fb);
    border: 1px solid var(--carepulse-border, #d6dae3); border-radius: var(--carepulse-radius, 10px);
    padding: 10px 12px;
  }
  :host([hidden]) { display: none; }
  .head { display: flex; align-items: center; gap: 10px; }
  .label { color: var(--carepulse-muted, #5b6478); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
  .score { font-size: 28px; font-weight: 700; min-width: 2.2ch; font-variant-numeric: tabular-nums; }
  .score.low { color: var(--carepulse-bad, #b3261e); }
  .score.mid { color: var(--carepulse-warn, #9a6700); }
  .score.high { color: var(--carepulse-good, #1a7f37); }
  .trend { font-size: 13px; color: var(--carepulse-muted, #5b6478); white-space: nowrap; }
  .trend[data-trend="rising"] { color: var(--carepulse-good, #1a7f37); }
  .trend[data-trend="falling"] { color: var(--carepulse-bad, #b3261e); }
  .state { margin-left: auto; font-size: 12px; color: var(--carepulse-muted, #5b6478); }
  .state[data-state="open"]::before { content: "● "; color: var(--carepulse-good, #1a7f37); }
  .state[data-state="resuming"]::before, .state[data-state="connecting"]::before { content: "● "; color: var(--carepulse-warn, #9a6700); }
  .state[data-state="closed"]::before { content: "● "; color: var(--carepulse-bad, #b3261e); }
  svg { width: 96px; height: 24px; }
  polyline { fill: none; stroke: var(--carepulse-accent, #2f5bd3); stroke-width: 1.5; }
  .reason { margin: 4px 0 0; font-size: 12px; color: var(--carepulse-muted, #5b6478); min-height: 1em; }
  .card { margin-top: 8px; padding: 8px 10px; border-radius: calc(var(--carepulse-radius, 10px) - 4px);
    background: var(--carepulse-card, #fff); border-left: 4px solid var(--carepulse-accent, #2f5bd3); }
  .card[hidden] { display: none; }
  .card.kudos { border-left-color: var(--carepulse-good, #1a7f37); }
  .card.whisper { border-left-color: var(--carepulse-warn, #9a6700); }
  .card p { margin: 0 0 6px; }
  .from { font-size: 12px; color: var(--carepulse-muted, #5b6478); }
  .actions { display: flex; gap: 6px; flex-wrap: wrap; }
  button { font: inherit; font-size: 13px; padding: 3px 10px; border-radius: 6px; cursor: pointer;
    border: 1px solid var(--carepulse-border, #d6dae3); background: var(--carepulse-bg, #f7f8fb); color: inherit; }
  button:focus-visible { outline: 2px solid var(--carepulse-accent, #2f5bd3); outline-offset: 1px; }
  button.primary { background: var(--carepulse-accent, #2f5bd3); border-color: var(--carepulse-accent, #2f5bd3); color: var(--carepulse-on-accent, #fff); }
  .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
</style>
<section part="widget" aria-label="CarePulse coaching">
  <div class="head">
    <span class="label" id="score-label">Connection</span>
    <span class="score" part="score" aria-labelledby="score-label">–</span>
    <span class="trend" part="trend"></span>
    <svg viewBox="0 0 96 24" aria-hidden="true"><polyline points=""></polyline></svg>
    <span class="state" part="state"></span>
  </div>
  <p class="reason" part="reason"></p>
  <div class="live" aria-live="polite" aria-atomic="false">
    <div class="card prompt" part="prompt" role="group" aria-label="Coaching prompt" hidden>
      <p class="text"></p>
      <div class="actions">
        <button type="button" class="primary" data-action="helpful" title="Helpful">Helpful</button>
        <button type="button" data-action="unhelpful" title="Not helpful">Not helpful</button>
        <button type="button" data-action="dismissed" title="Dismiss (Esc)">Dismiss</button>
      </div>
    </div>
    <div class="card whisper" part="whisper" role="group" aria-label="Whisper from your supervisor" hidden>
      <p><span class="from"></span> <span class="text"></span></p>
      <div class="actions"><button type="button" data-close="whisper">OK</button></div>
    </div>
    <div class="card kudos" part="kudos" role="group" aria-label="Kudos" hidden>
      <p class="text"></p>
      <div class="actions"><button type="button" data-close="kudos">Thanks</button></div>
    </div>
  </div>
  <span class="sr" aria-live="polite" data-announce></span>
</section>`;

const TREND = { rising: '▲ rising', falling: '▼ falling', steady: '▬ steady' };
const PROMPT_LIFETIME_MS = 45000;

export class CarePulseCoach extends HTMLElement {
  #call = null;
  #agent = null;
  #unsubscribe = [];
  #agentOff = null;
  #current = null;
  #queue = [];
  #history = [];
  #expiry = null;
  #lastAnnouncedBand = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = TEMPLATE;
    this.$ = (selector) => root.querySelector(selector);
    root.addEventListener('click', (event) => {
      const button = event.target.closest('button');
      if (!button) return;
      if (button.dataset.action) this.#answer(button.dataset.action);
      if (button.dataset.close) this.$(`.${button.dataset.close}`).hidden = true;
    });
    this.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.#current) {
        event.stopPropagation();
        this.#answer('dismissed');
      }
    });
  }

  /** The call to coach (a CarePulseCall); set null between calls. */
  get call() {
    return this.#call;
  }

  set call(call) {
    this.#unsubscribe.forEach((off) => off());
    this.#unsubscribe = [];
    this.#call = call;
    this.#current = null;
    this.#queue = [];
    this.#history = [];
    this.$('.prompt').hidden = true;
    this.$('.score').textContent = '–';
    this.$('.score').className = 'score';
    this.$('.trend').textContent = '';
    this.$('.reason').textContent = '';
    this.#sparkline();
    if (!call) return;
    this.#unsubscribe.push(
      call.on('score', (s) => this.showScore(s)),
      call.on('prompt', (p) => this.showPrompt(p)),
      call.on('whisper', (w) => this.showWhisper(w)),
      call.on('kudos', (k) => this.showKudos(k)),
      // A prompt about a call that is over is moot; the score and kudos stay.
      call.on('ended', () => { this.#queue = []; this.#next(); }),
    );
    if (call.lastScore) this.showScore(call.lastScore);
  }

  /** The agent, to show the connection state (connecting, open, resuming, closed). */
  get agent() {
    return this.#agent;
  }

  set agent(agent) {
    this.#agentOff?.();
    this.#agent = agent;
    if (!agent) return;
    const show = (state) => {
      const el = this.$('.state');
      el.dataset.state = state;
      el.textContent = { open: 'live', resuming: 'reconnecting…', connecting: 'connecting…', closed: 'offline', idle: '' }[state] ?? state;
    };
    show(agent.state);
    this.#agentOff = agent.on('state', show);
  }

  disconnectedCallback() {
    clearTimeout(this.#expiry);
  }

  showScore(score) {
    const el = this.$('.score');
    el.textContent = String(score.score);
    const band = score.score < 40 ? 'low' : score.score < 65 ? 'mid' : 'high';
    el.className = `score ${band}`;
    el.setAttribute('aria-label', `connection score ${score.score} of 100, ${score.trend}`);
    const trend = this.$('.trend');
    trend.dataset.trend = score.trend;
    trend.textContent = TREND[score.trend] ?? score.trend;
    const reason = (score.reasons ?? []).find((r) => r.text);
    if (reason) this.$('.reason').textContent = reason.text;
    this.#history.push(score.score);
    if (this.#history.length > 40) this.#history.shift();
    this.#sparkline();
    // Scores change with every utterance: announce only a change of band, not every number.
    if (band !== this.#lastAnnouncedBand) {
      if (this.#lastAnnouncedBand) this.#announce(`Connection ${band === 'low' ? 'low' : band === 'mid' ? 'fair' : 'good'}: ${score.score}`);
      this.#lastAnnouncedBand = band;
    }
  }

  /** One prompt at a time: a new one waits (at most two wait; the lower priority goes) until this one is answered. */
  showPrompt(prompt) {
    if (this.#current) {
      this.#queue.push(prompt);
      this.#queue.sort((a, b) => b.priority - a.priority);
      while (this.#queue.length > 2) this.#queue.pop();
      return;
    }
    this.#current = prompt;
    const card = this.$('.prompt');
    card.querySelector('.text').textContent = prompt.text;
    card.dataset.promptId = prompt.promptId;
    card.dataset.kind = prompt.kind;
    card.hidden = false;
    this.#send(prompt, 'shown');
    clearTimeout(this.#expiry);
    // An unanswered prompt goes stale; it leaves without feedback (shown was sent).
    this.#expiry = setTimeout(() => this.#next(), PROMPT_LIFETIME_MS);
  }

  showWhisper(whisper) {
    const card = this.$('.whisper');
    card.querySelector('.from').textContent = `${whisper.from}:`;
    card.querySelector('.text').textContent = whisper.text;
    card.hidden = false;
  }

  showKudos(kudos) {
    const card = this.$('.kudos');
    card.querySelector('.text').textContent = kudos.message;
    card.hidden = false;
  }

  #answer(action) {
    const prompt = this.#current;
    if (!prompt) return;
    this.#send(prompt, action);
    this.dispatchEvent(new CustomEvent('carepulse-feedback', { detail: { promptId: prompt.promptId, action }, bubbles: true, composed: true }));
    this.#next();
  }

  #next() {
    clearTimeout(this.#expiry);
    this.#current = null;
    this.$('.prompt').hidden = true;
    const next = this.#queue.shift();
    if (next) this.showPrompt(next);
  }

  #send(prompt, action) {
    const call = this.#call;
    if (!call || call.callId !== prompt.callId || call.ended || call.done) return;
    try {
      call.feedback(prompt.promptId, action);
    } catch (error) {
      this.dispatchEvent(new CustomEvent('carepulse-error', { detail: error, bubbles: true, composed: true }));
    }
  }

  #sparkline() {
    const values = this.#history;
    const points = values.map((v, i) => `${values.length === 1 ? 0 : (i * 96) / (values.length - 1)},${24 - (v / 100) * 22 - 1}`);
    this.$('polyline').setAttribute('points', points.join(' '));
  }

  #announce(text) {
    this.$('[data-announce]').textContent = text;
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('carepulse-coach')) {
  customElements.define('carepulse-coach', CarePulseCoach);
}
