import type { CarePulseAgent, CarePulseCall, KudosMessage, PromptMessage, ScoreMessage, WhisperMessage, FeedbackAction } from './carepulse-agent.js';

/** <carepulse-coach>: set .call (and optionally .agent). Emits 'carepulse-feedback' with { promptId, action }. */
export declare class CarePulseCoach extends HTMLElement {
  call: CarePulseCall | null;
  agent: CarePulseAgent | null;
  showScore(score: ScoreMessage): void;
  showPrompt(prompt: PromptMessage): void;
  showWhisper(whisper: WhisperMessage): void;
  showKudos(kudos: KudosMessage): void;
}

declare global {
  interface HTMLElementTagNameMap { 'carepulse-coach': CarePulseCoach }
  interface HTMLElementEventMap { 'carepulse-feedback': CustomEvent<{ promptId: string; action: FeedbackAction }> }
}
