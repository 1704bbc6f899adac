// One voice turn of the chat: the user speaks (the microphone, live; a stored WAV file; or typed
// text) and the model answers in text and speech. Runs the session through the router, posts what
// it hears and says as it arrives (the draft reply, then what was actually spoken), the spoken
// reply's pieces for playback, and at the end both clips as WAV files kept in the content store
// (the conversation keeps their hashes). Never throws: every failure becomes the turn's
// `chat/error`, with what was said so far kept. No vscode here.
import { classifyError } from '../bedrock/errors/classifyError';
import { errorAction } from '../bedrock/errors/classifiedError';
import { INPUT_RATE, OUTPUT_RATE, type VoiceEvent, type VoiceTurnRequest } from '../bedrock/speech/voiceSession';
import { encodeWav, parseWav, pcmBytes, toMonoPcm16 } from '../bedrock/speech/wav';
import type { Recording } from '../bedrock/speech/recorders';
import type { ChatStreamMessage, PersistedStep, PersistedTurn, WireError, WireToolCall } from '../../shared/protocol';
import type { StoredAudio, VoiceInput, VoiceStreamEvent } from '../../shared/voiceProtocol';
import { toWireError } from './turnRunner';
import { voiceTools, type VoiceToolsOptions } from '../agent/voiceTools';

/** Where voice clips are kept: WAV bytes by SHA-256 (the attachments' content store). */
export interface ClipStore {
  put(bytes: Uint8Array): Promise<string>;
  get(sha256: string): Promise<Uint8Array>;
}

/** What voice turns need from the extension: the session (the router), the microphone, the clip store. */
export interface VoiceChatDeps {
  voice(request: VoiceTurnRequest): AsyncIterable<VoiceEvent>;
  clips: ClipStore;
  /** Starts the microphone, or says why it cannot (no recorder on PATH). */
  openMicrophone(): Recording | string;
  /** The voice chosen in the settings (`bedrock.voice.voiceId`); absent: the default voice. */
  voiceId?(): string;
}

/** The user's side of the turn, ready to stream. */
export interface VoiceTurnInput {
  /** The file's samples (16 kHz mono), or a live source; absent for a typed turn. */
  audio?: Int16Array | AsyncIterable<Int16Array>;
  /** A live source's name (arecord, sox, ffmpeg), said while it listens. */
  recorder?: string;
  /** Everything the live source captured, once it has stopped. */
  captured?(): Uint8Array;
  /** The clip already stored for a file. */
  stored?: StoredAudio;
  text?: string;
}

export interface VoiceChatTurnArgs {
  voice(request: VoiceTurnRequest): AsyncIterable<VoiceEvent>;
  clips: ClipStore;
  modelId: string;
  input: VoiceTurnInput;
  system?: string;
  /** The voice the model speaks with. */
  voiceId?: string;
  /** A note for the turn line (the chosen voice was replaced). */
  notice?: string;
  requestId: string;
  conversationId: string;
  signal: AbortSignal;
  post(message: ChatStreamMessage): void;
  clock?: () => number;
  /** Agent mode is on: the agent's reading tools, which the model may call while it answers. */
  tools?: Omit<VoiceToolsOptions, 'modelId' | 'conversationId' | 'clock' | 'update'>;
}

export interface VoiceChatTurnResult {
  reply: PersistedTurn;
  /** What the model heard the user say (absent for a typed turn, or when it heard nothing). */
  heard?: string;
  /** The user's recording or file. */
  userAudio?: StoredAudio;
}

const refuse = (message: string): WireError => ({ kind: 'validation', message, action: errorAction('none') });

/**
 * The user's side of a voice turn from what the webview asked for: the microphone started, a stored
 * file read back, or the typed words. A refusal says what to do instead.
 */
export async function prepareVoiceInput(
  input: VoiceInput,
  text: string,
  typedTurns: boolean,
  deps: Pick<VoiceChatDeps, 'clips' | 'openMicrophone'>,
): Promise<{ input: VoiceTurnInput; microphone?: { finish(): void } } | WireError> {
  if (input.source === 'text') {
    if (!typedTurns) return refuse('This model takes speech only: press Speak, or Send WAV file…. (Nova 2 Sonic also takes typed turns.)');
    if (!text.trim()) return refuse('Type a message, press Speak, or send a WAV file.');
    return { input: { text } };
  }
  if (input.source === 'microphone') {
    const mic = deps.openMicrophone();
    if (typeof mic === 'string') return refuse(mic);
    return { input: { audio: mic, recorder: mic.name, captured: () => mic.captured() }, microphone: mic };
  }
  try {
    const samples = toMonoPcm16(parseWav(await deps.clips.get(input.audio.sha256)), INPUT_RATE);
    return { input: { audio: samples, stored: input.audio } };
  } catch (e) {
    return refuse(`${input.name} cannot be sent: ${e instanceof Error ? e.message : String(e)}. Choose the file again.`);
  }
}

export function wavDataUri(wav: Uint8Array): string {
  return `data:audio/wav;base64,${Buffer.from(wav).toString('base64')}`;
}

const NOTHING_HEARD: WireError = {
  kind: 'validation',
  message: 'The model heard no speech. Check that the microphone is connected and not muted (or send a WAV file), then try again.',
  action: errorAction('none'),
};

export async function runVoiceChatTurn(a: VoiceChatTurnArgs): Promise<VoiceChatTurnResult> {
  const clock = a.clock ?? (() => performance.now());
  const started = clock();
  let seq = 0;
  const { requestId } = a;
  const post = (event: VoiceStreamEvent) => a.post({ method: 'chat/voice', requestId, seq: seq++, event });
  a.post({ method: 'chat/start', requestId, seq: seq++, conversationId: a.conversationId, modelId: a.modelId, api: 'bidirectional' });
  if (a.input.recorder) post({ kind: 'listening', recorder: a.input.recorder });

  const heard: string[] = [];
  // What the model said since its last tool call (what it said before each call is in `steps`).
  const said: string[] = [];
  let draft: string | undefined;
  const spoken: Buffer[] = [];
  let firstOutput: number | undefined;
  let tokens: { inputTokens: number; outputTokens: number } | undefined;
  const reply = () => [...said, ...(draft ? [draft] : [])].join(' ');
  let error: WireError | undefined;
  const steps = new SpokenSteps();
  /** A draft a tool call ended (kept as said in the step above it): its final text, when it comes, is not said twice. */
  let cutDraft: string | undefined;
  // Tool calls post as the agent's step blocks, in this turn's stream. Words said before a new call
  // end with it, as a text agent's step does: the transcript after it starts afresh, below the call.
  const tools =
    a.tools &&
    voiceTools({
      ...a.tools,
      modelId: a.modelId,
      conversationId: a.conversationId,
      clock,
      update: (tool) => {
        if (steps.add(tool.id, reply())) {
          said.length = 0;
          cutDraft = draft;
          draft = undefined;
        }
        a.post({ method: 'chat/tool', requestId, seq: seq++, tool });
      },
    });
  try {
    for await (const e of a.voice({ modelId: a.modelId, audio: a.input.audio, text: a.input.text, system: a.system, voiceId: a.voiceId, signal: a.signal, ...(tools ? { tools: tools.toolbox } : {}) })) {
      if (e.type !== 'usage' && e.type !== 'end') firstOutput ??= clock();
      if (e.type === 'transcript' && e.role === 'user') {
        heard.push(e.text);
        post({ kind: 'transcript', role: 'user', text: heard.join(' '), draft: false });
      } else if (e.type === 'transcript') {
        const confirmsCut = e.stage === 'final' && draft === undefined && e.text === cutDraft;
        cutDraft = undefined;
        // What it spoke of a draft that went into the step above a call stays there, once.
        if (confirmsCut) continue;
        if (e.stage === 'speculative') draft = e.text;
        else {
          said.push(e.text);
          draft = undefined;
        }
        post({ kind: 'transcript', role: 'assistant', text: reply(), draft: draft !== undefined });
      } else if (e.type === 'interrupted') {
        // What it planned to say was cut off where the user spoke.
        if (draft) said.push(`${draft} …`);
        draft = undefined;
        post({ kind: 'interrupted' });
        post({ kind: 'transcript', role: 'assistant', text: reply(), draft: false });
      } else if (e.type === 'audio') {
        spoken.push(e.pcm);
        post({ kind: 'audio', pcmBase64: e.pcm.toString('base64'), sampleRate: OUTPUT_RATE });
      } else if (e.type === 'usage') tokens = { inputTokens: e.inputTokens, outputTokens: e.outputTokens };
    }
    if (!heard.length && !said.length && !draft && !spoken.length && !tools?.calls().length) error = NOTHING_HEARD;
  } catch (e) {
    error = toWireError(classifyError(e, { cancelled: a.signal.aborted }));
  }
  // Nothing is lost: both clips are kept whether the turn finished, failed or was stopped.
  const userAudio = await keepUserAudio(a, post).catch(() => undefined);
  let replyAudio: StoredAudio | undefined;
  if (spoken.length) {
    const pcm = Buffer.concat(spoken);
    replyAudio = await keepClip(a.clips, encodeWav(pcm, OUTPUT_RATE), pcm.length / 2 / OUTPUT_RATE, 'assistant', post).catch(() => undefined);
  }
  const stats = {
    modelId: a.modelId,
    api: 'bidirectional' as const,
    totalLatencyMs: Math.max(0, Math.round(clock() - started)),
    ...(firstOutput !== undefined ? { timeToFirstTokenMs: Math.max(0, Math.round(firstOutput - started)) } : {}),
    ...(tokens ?? {}),
    ...(a.notice ? { routeNote: a.notice } : {}),
  };
  const text = reply();
  const kept = steps.persisted(tools?.calls() ?? []);
  const turn: PersistedTurn = { role: 'assistant', text, stats, ...(replyAudio ? { audio: replyAudio } : {}), ...(kept.length ? { steps: kept } : {}) };
  if (error) {
    a.post({ method: 'chat/error', requestId, seq: seq++, error, stats });
    turn.error = error;
  } else {
    a.post({ method: 'chat/end', requestId, seq: seq++, stopReason: 'end_turn', stats });
    turn.stopReason = 'end_turn';
  }
  return { reply: turn, ...(heard.length ? { heard: heard.join(' ') } : {}), ...(userAudio ? { userAudio } : {}) };
}

/**
 * A voice reply's steps as they happened: the words said before a tool call, then the calls made
 * before the model spoke again. Kept as the text agent keeps its steps, so a stored voice turn is
 * drawn in the same order and sent back to a text model as the same messages.
 */
class SpokenSteps {
  private readonly steps: Array<{ text: string; ids: string[] }> = [];

  /** A call was posted; a new one begins a step when words came since the last one. True when `said` (the words before it) went into a new step. */
  add(id: string, said: string): boolean {
    if (this.steps.some((s) => s.ids.includes(id))) return false;
    const last = this.steps.at(-1);
    if (last && !said) {
      last.ids.push(id);
      return false;
    }
    this.steps.push({ text: said, ids: [id] });
    return true;
  }

  /** The steps with each call as it last stood. */
  persisted(calls: readonly WireToolCall[]): PersistedStep[] {
    const byId = new Map(calls.map((c) => [c.id, c]));
    return this.steps.flatMap((s) => {
      const tools = s.ids.flatMap((id) => byId.get(id) ?? []);
      return tools.length ? [{ text: s.text, tools }] : [];
    });
  }
}

async function keepUserAudio(a: VoiceChatTurnArgs, post: (e: VoiceStreamEvent) => void): Promise<StoredAudio | undefined> {
  if (a.input.stored) {
    // A file or a recording sent again: its clip shows in the user's turn at once.
    post({ kind: 'clip', role: 'user', audio: a.input.stored, src: wavDataUri(await a.clips.get(a.input.stored.sha256)) });
    return a.input.stored;
  }
  const bytes = a.input.captured?.() ?? (a.input.audio instanceof Int16Array ? pcmBytes(a.input.audio) : undefined);
  if (!bytes?.length) return undefined;
  return keepClip(a.clips, encodeWav(bytes, INPUT_RATE), bytes.length / 2 / INPUT_RATE, 'user', post);
}

async function keepClip(clips: ClipStore, wav: Uint8Array, seconds: number, role: 'user' | 'assistant', post: (e: VoiceStreamEvent) => void): Promise<StoredAudio> {
  const audio: StoredAudio = { sha256: await clips.put(wav), seconds: Math.round(seconds * 1000) / 1000 };
  post({ kind: 'clip', role, audio, src: wavDataUri(wav) });
  return audio;
}
