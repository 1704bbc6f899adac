// The chat's voice turns, as host and webview exchange them. Choosing a voice model (Nova Sonic)
// in the picker makes the composer a voice composer: the microphone (live: what it captures streams
// into the open session), a WAV file, or typed text where the model takes it. A voice turn is
// `chat/start → chat/voice* → chat/end | chat/error` under the same requestId and seq rules as text;
// the spoken reply's pieces play as they arrive and stop when the user speaks over it. Audio is kept
// by SHA-256 in the host's content store: stored turns hold the reference, the webview asks for the
// WAV with `voice/load` and gets `voice/data`.

/** What the composer offers for a voice model. */
export interface VoiceModelTraits {
  /** The model also takes typed turns (Nova 2 Sonic). */
  typedTurns: boolean;
  /** The voices it speaks with (ids of `SONIC_VOICES`); absent when not known. */
  voices?: string[];
}

/** A stored audio clip: its WAV file lives in the host's content store under `sha256`. */
export interface StoredAudio {
  /** SHA-256 of the WAV bytes, lower-case hex. */
  sha256: string;
  /** Length in seconds. */
  seconds: number;
}

/** How the user speaks in a voice turn (a typed turn's words are the `chat/send` text). */
export type VoiceInput =
  /** Live from the microphone, until `voice/endInput` (or Stop). */
  | { source: 'microphone' }
  /** A WAV file the host converted and stored after `voice/pickFile`. */
  | { source: 'file'; audio: StoredAudio; name: string }
  | { source: 'text' };

/** What happened in a voice turn, in order. */
export type VoiceStreamEvent =
  /** The microphone is open: speak now. */
  | { kind: 'listening'; recorder: string }
  /**
   * What the model heard (user) or says (assistant) so far, whole; the model's words start afresh
   * after each tool call (what it said before the call stays above it). `draft` = its plan, not yet spoken.
   */
  | { kind: 'transcript'; role: 'user' | 'assistant'; text: string; draft: boolean }
  /** A piece of the spoken reply to play now: base64 16-bit mono PCM. */
  | { kind: 'audio'; pcmBase64: string; sampleRate: number }
  /** The user spoke over the reply (barge-in): playback stops. */
  | { kind: 'interrupted' }
  /** A finished clip: the user's recording or file, or the whole spoken reply, as a WAV the audio element plays. */
  | { kind: 'clip'; role: 'user' | 'assistant'; audio: StoredAudio; src: string };

/** A voice turn's progress (after `chat/start`, before `chat/end` or `chat/error`). */
export interface ChatVoiceMessage {
  /** Message kind. */
  method: 'chat/voice';
  /** The id from `chat/send`. */
  requestId: string;
  /** Previous seq + 1. */
  seq: number;
  event: VoiceStreamEvent;
}

/** "Send WAV file…": the host asks for a file, converts it to 16 kHz mono, stores it, and answers `voice/picked`. */
export interface VoicePickFileMessage {
  /** Message kind. */
  method: 'voice/pickFile';
}

/** The user is done speaking: the microphone of voice turn `requestId` stops, and the reply finishes. */
export interface VoiceEndInputMessage {
  /** Message kind. */
  method: 'voice/endInput';
  /** The voice turn. */
  requestId: string;
}

/** The user chose the voice voice models speak with (the chat's settings): the host saves it as `bedrock.voice.voiceId`. */
export interface VoiceSetVoiceMessage {
  /** Message kind. */
  method: 'voice/setVoice';
  /** One of `SONIC_VOICE_IDS`. */
  voiceId: string;
}

/** Asks for a stored clip's WAV (a restored turn); answered with `voice/data`. */
export interface VoiceLoadMessage {
  /** Message kind. */
  method: 'voice/load';
  /** The clip's SHA-256. */
  sha256: string;
}

/** The WAV file the user chose, ready to send, or why there is none. */
export interface VoicePickedMessage {
  /** Message kind. */
  method: 'voice/picked';
  /** The stored clip (absent when nothing was chosen or it could not be read). */
  audio?: StoredAudio;
  /** The file's name, for the turn's label. */
  name?: string;
  /** Why the file cannot be sent (absent when the user just closed the dialog). */
  problem?: string;
}

/** A stored clip's WAV, answering `voice/load`. */
export interface VoiceDataMessage {
  /** Message kind. */
  method: 'voice/data';
  sha256: string;
  /** `data:audio/wav;base64,…`, or absent when the store no longer has it. */
  src?: string;
  /** Why there is no audio. */
  problem?: string;
}

export function isSha256(v: unknown): v is string {
  return typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
}

/** The only audio sources the chat plays: base64 WAV data URIs. */
export function isWavDataUri(v: unknown): v is string {
  return typeof v === 'string' && /^data:audio\/wav;base64,[A-Za-z0-9+/]+={0,2}$/.test(v);
}

/** A stored clip as the webview or storage holds it, or undefined when it is not one. */
export function readStoredAudio(v: unknown): StoredAudio | undefined {
  const a = v as { sha256?: unknown; seconds?: unknown } | null | undefined;
  if (typeof a !== 'object' || a === null || !isSha256(a.sha256)) return undefined;
  if (typeof a.seconds !== 'number' || !Number.isFinite(a.seconds) || a.seconds < 0 || a.seconds > 24 * 3600) return undefined;
  return { sha256: a.sha256, seconds: a.seconds };
}

/** A `chat/send`'s voice input, or undefined when it is not one. */
export function readVoiceInput(v: unknown): VoiceInput | undefined {
  const i = v as { source?: unknown; audio?: unknown; name?: unknown } | null | undefined;
  if (typeof i !== 'object' || i === null) return undefined;
  if (i.source === 'microphone' || i.source === 'text') return { source: i.source };
  const audio = readStoredAudio(i.audio);
  if (i.source === 'file' && audio && typeof i.name === 'string' && i.name.length <= 500) return { source: 'file', audio, name: i.name };
  return undefined;
}
