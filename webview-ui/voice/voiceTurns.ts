// The chat's voice turns on the webview side: the voice composer (Speak / Done speaking, Send WAV
// file…), what a live turn hears and says (the draft reply, then what was spoken), its voice played
// as it streams and stopped when the user speaks over it, and each clip as an audio element — live
// from the host's data, restored ones asked for by hash. chatApp calls in at a few points.
import type { ModelOption, PersistedTurn } from '../../src/shared/protocol';
import { isSha256, isWavDataUri, readStoredAudio, type ChatVoiceMessage, type StoredAudio, type VoiceDataMessage, type VoiceInput, type VoicePickedMessage } from '../../src/shared/voiceProtocol';
import { el } from '../chat/dom';
import type { HostApi } from '../chat/vscodeApi';
import { AudioPlayback } from './audioPlayback';
import { clipPlayer } from './clipPlayer';
import { withRecording, type SentVoice } from './voiceRetry';
import { VoiceChoice } from './voiceChoice';

export interface VoiceTurnsOptions {
  host: HostApi;
  /** Sends a voice turn with the picked model. */
  send(text: string, voice: VoiceInput): void;
  /** Says something in the chat's status line (screen readers hear it). */
  announce(text: string): void;
}

/** The reply's turn on screen (an AssistantTurnView): what it says goes in its steps, the status above, the clip below. */
export interface VoiceReplyView {
  readonly element: HTMLElement;
  attach(node: HTMLElement): void;
  attachBelow(node: HTMLElement): void;
  speak(text: string, draft: boolean): void;
}

interface LiveVoice {
  status: HTMLElement;
  clips: HTMLElement;
}

const formatSeconds = (s: number) => (s < 10 ? `${s.toFixed(1)} s` : `${Math.round(s)} s`);

export class VoiceTurns {
  readonly playback = new AudioPlayback();
  /** The Voice field of the settings panel. */
  readonly choice: VoiceChoice;
  /** The voice composer: shown while a voice model is picked. */
  readonly bar: HTMLElement;
  private readonly speakButton: HTMLButtonElement;
  private readonly fileButton: HTMLButtonElement;
  private readonly hint: HTMLElement;
  private readonly live = new Map<string, LiveVoice>();
  /** The turn whose microphone is open (Speak turns into Done speaking). */
  private listening: string | undefined;
  private readonly waiting = new Map<string, HTMLAudioElement[]>();
  /** The user turn of each live voice turn, which learns its recording when it arrives. */
  private readonly users = new Map<string, { voice?: SentVoice }>();

  constructor(private readonly o: VoiceTurnsOptions) {
    this.choice = new VoiceChoice(o.host);
    this.speakButton = el('button', { type: 'button', class: 'voice-speak', title: 'Speak to the model: the microphone streams until you press Done speaking' }, el('span', { class: 'codicon codicon-mic', 'aria-hidden': 'true' }), el('span', { class: 'voice-speak-label' }, 'Speak'));
    this.fileButton = el('button', { type: 'button', class: 'voice-file', title: 'Send a WAV file as what you say (any rate or channels)' }, el('span', { class: 'codicon codicon-file-media', 'aria-hidden': 'true' }), 'Send WAV file…');
    this.hint = el('span', { class: 'voice-hint' });
    this.bar = el('div', { class: 'voice-bar', role: 'group', 'aria-label': 'Voice' }, this.speakButton, this.fileButton, this.hint);
    this.bar.hidden = true;
    this.speakButton.addEventListener('click', () => {
      if (this.listening) {
        this.o.host.postMessage({ method: 'voice/endInput', requestId: this.listening });
        this.setListening(undefined);
        return;
      }
      this.playback.prime();
      this.o.send('', { source: 'microphone' });
    });
    this.fileButton.addEventListener('click', () => {
      this.playback.prime();
      this.o.host.postMessage({ method: 'voice/pickFile' });
    });
  }

  /** The picked model changed: the voice composer shows for voice models. */
  setModel(model: ModelOption | undefined): void {
    this.bar.hidden = !model?.voice;
    this.choice.setModel(model);
    this.hint.textContent = model?.voice ? (model.voice.typedTurns ? 'or type a message' : `${model.label} takes speech only`) : '';
  }

  /** The input box's placeholder for a voice model (undefined for any other). */
  placeholder(model: ModelOption | undefined): string | undefined {
    if (!model?.voice) return undefined;
    return model.voice.typedTurns ? 'Type a message, or press Speak…' : 'Press Speak, or send a WAV file…';
  }

  onPicked(m: VoicePickedMessage): void {
    const audio = readStoredAudio(m.audio);
    if (audio) {
      const name = typeof m.name === 'string' ? m.name.slice(0, 500) : 'audio.wav';
      this.o.send(name, { source: 'file', audio, name });
    } else if (typeof m.problem === 'string') this.o.announce(m.problem);
  }

  /** A voice turn was sent from `user` (its turn view): Retry will send it the same way. */
  sent(requestId: string, user: { voice?: SentVoice }, voice: SentVoice): void {
    user.voice = voice;
    this.users.set(requestId, user);
  }

  /** A voice turn's progress (already in order and for the current request). */
  onMessage(m: ChatVoiceMessage, view: VoiceReplyView): void {
    const v = this.liveFor(m.requestId, view);
    // The user's turn is the one right before the reply.
    const userText = view.element.previousElementSibling?.querySelector('.user-text');
    const e = m.event;
    if (!e || typeof e !== 'object') return;
    switch (e.kind) {
      case 'listening':
        this.setListening(m.requestId);
        v.status.textContent = `Listening (${String(e.recorder)})… speak, then press Done speaking.`;
        v.status.hidden = false;
        return;
      case 'transcript':
        if (e.role === 'user') {
          if (userText) userText.textContent = String(e.text);
        } else view.speak(String(e.text), e.draft === true);
        return;
      case 'audio':
        if (typeof e.pcmBase64 === 'string') this.playback.play(e.pcmBase64, e.sampleRate);
        return;
      case 'interrupted':
        this.playback.stop();
        this.o.announce('You spoke over the reply: it stopped.');
        return;
      case 'clip': {
        const audio = readStoredAudio(e.audio);
        if (!audio || !isWavDataUri(e.src)) return;
        const clip = this.clip(audio, e.role === 'user' ? 'Your recording' : 'Voice reply', e.src);
        const user = e.role === 'user' ? this.users.get(m.requestId) : undefined;
        if (user?.voice) user.voice = withRecording(user.voice, audio);
        if (e.role === 'user' && userText) userText.after(clip);
        else v.clips.append(clip);
        return;
      }
    }
  }

  /** The turn ended (done, failed or stopped): the microphone is closed. */
  ended(requestId: string): void {
    if (this.listening === requestId) this.setListening(undefined);
    const v = this.live.get(requestId);
    if (v) v.status.hidden = true;
    this.live.delete(requestId);
    this.users.delete(requestId);
  }

  /** A stored turn's clip: a player now, its WAV when the host sends it. */
  restored(turn: PersistedTurn): HTMLElement | undefined {
    const audio = readStoredAudio(turn.audio);
    if (!audio) return undefined;
    const clip = this.clip(audio, turn.role === 'user' ? 'Your recording' : 'Voice reply');
    this.o.host.postMessage({ method: 'voice/load', sha256: audio.sha256 });
    return clip;
  }

  onData(m: VoiceDataMessage): void {
    if (!isSha256(m.sha256)) return;
    for (const audio of this.waiting.get(m.sha256) ?? []) {
      if (isWavDataUri(m.src)) audio.src = m.src;
      else audio.closest('.voice-clip')?.setAttribute('data-problem', typeof m.problem === 'string' ? m.problem : 'The recording is no longer available.');
    }
    this.waiting.delete(m.sha256);
  }

  /** Live turns and pending clips are dropped with their turns (new chat, another conversation). */
  clear(): void {
    this.playback.stop();
    this.live.clear();
    this.waiting.clear();
    this.users.clear();
    this.setListening(undefined);
  }

  private liveFor(requestId: string, view: VoiceReplyView): LiveVoice {
    let v = this.live.get(requestId);
    if (!v) {
      const status = el('div', { class: 'voice-status', role: 'status' });
      status.hidden = true;
      const clips = el('div', { class: 'voice-clips' });
      view.attach(el('div', { class: 'voice-turn' }, status));
      view.attachBelow(clips);
      v = { status, clips };
      this.live.set(requestId, v);
    }
    return v;
  }

  private clip(audio: StoredAudio, label: string, src?: string): HTMLElement {
    const player = el('audio', { preload: 'metadata', 'aria-label': `${label}, ${formatSeconds(audio.seconds)}` });
    if (src) player.src = src;
    else this.waiting.set(audio.sha256, [...(this.waiting.get(audio.sha256) ?? []), player]);
    return el('div', { class: 'voice-clip', 'data-sha256': audio.sha256 }, el('span', { class: 'voice-clip-label' }, `${label} · ${formatSeconds(audio.seconds)}`), clipPlayer(player, label, audio.seconds));
  }

  private setListening(requestId: string | undefined): void {
    this.listening = requestId;
    this.speakButton.classList.toggle('is-listening', requestId !== undefined);
    const label = this.speakButton.querySelector('.voice-speak-label');
    if (label) label.textContent = requestId ? 'Done speaking' : 'Speak';
    this.speakButton.querySelector('.codicon')?.classList.toggle('codicon-debug-stop', requestId !== undefined);
    this.speakButton.querySelector('.codicon')?.classList.toggle('codicon-mic', requestId === undefined);
    this.fileButton.disabled = requestId !== undefined;
  }
}
