// One spoken turn with Nova Sonic over InvokeModelWithBidirectionalStream: the session's opening
// events, the user's audio (16 kHz mono PCM) in frames while the model listens, then the model's
// transcript of it, its reply text (speculative, then what was actually spoken) and its audio, until
// the turn completes; then the closing events. The HTTP/2 request and response stream at the same
// time, so the input is an async iterable that waits for the reply before it ends.
import { randomUUID } from 'node:crypto';
import type { BedrockConnection } from '../connection/connection';
import { loadAwsSdk } from '../connection/loadAwsSdk';
import { BedrockError, errorAction } from '../errors/classifiedError';
import { classifyError } from '../errors/classifyError';
import { DEFAULT_VOICE_ID } from '../../../shared/sonicVoices';
import { parseToolUse, toolPromptFields, toolResultEvents, type VoiceToolbox, type VoiceToolUse } from './sonicTools';

export const INPUT_RATE = 16_000;
export const OUTPUT_RATE = 24_000;
/** Bedrock keeps a bidirectional stream open at most this long. */
export const SESSION_LIMIT_MS = 8 * 60_000;
/** Samples per audioInput event (64 ms at 16 kHz). */
const FRAME_SAMPLES = 1024;
/** Silence after the user's audio, so the model's turn detection sees the turn end (it waits 1.5–2 s). */
const TRAILING_SILENCE_MS = 2_200;
/** Once the input ended, how long the model may take to start a reply before the session is closed. */
const REPLY_GRACE_MS = 10_000;
/** After closing at the session limit, how long the service may take to end the stream. */
const CLOSE_WAIT_MS = 5_000;

export interface VoiceTurnRequest {
  modelId: string;
  /**
   * The user's speech as 16 kHz mono 16-bit PCM: all of it at once (a file), or pieces as they are
   * captured (a microphone), each sent the moment it arrives while the model may already be answering.
   */
  audio?: Int16Array | AsyncIterable<Int16Array>;
  /** A typed turn instead of (or after) speech, for models that take text input. */
  text?: string;
  system?: string;
  /** The voice the model answers with (`SONIC_VOICES`); the model must have it, or the service ends the session. */
  voiceId?: string;
  /** Ends the session early (Stop, closing the view): the HTTP/2 stream is reset. */
  signal?: AbortSignal;
  /** Tests shorten the session limit. */
  limitMs?: number;
  /** How long, once the input has ended, the model may take to start answering before the session closes. */
  replyGraceMs?: number;
  /** Tools the model may call while it answers (declared in promptStart); each call is answered before it goes on. */
  tools?: VoiceToolbox;
}

export type VoiceEvent =
  /** What the model heard (role user) or says (role assistant); speculative text may be revised by a final one. */
  | { type: 'transcript'; role: 'user' | 'assistant'; stage: 'speculative' | 'final'; text: string }
  /** A piece of the spoken reply: 16-bit mono PCM at OUTPUT_RATE. */
  | { type: 'audio'; pcm: Buffer }
  /** The user spoke over the model (barge-in): it stopped speaking, so playback stops too. */
  | { type: 'interrupted' }
  | { type: 'usage'; inputTokens: number; outputTokens: number }
  /** One reply of the model ended (a session may hold several: speech after a barge-in is answered too). */
  | { type: 'end'; stopReason: string };

type SonicEvent = Record<string, Record<string, unknown>>;

/** Nova Sonic reports its generation stage as a JSON string inside a string field. */
function stageOf(additional: unknown): 'speculative' | 'final' {
  try {
    return JSON.parse(String(additional ?? '{}')).generationStage === 'SPECULATIVE' ? 'speculative' : 'final';
  } catch {
    return 'final';
  }
}

/** Refuses before anything is sent when the connection would authenticate with an API key. */
export function assertSigV4(connection: BedrockConnection): void {
  if (connection.info.auth === 'sigv4') return;
  throw new BedrockError({
    kind: 'credentials',
    reason: 'rejected',
    message:
      'Voice chat needs AWS credentials: Bedrock API keys cannot call InvokeModelWithBidirectionalStream. ' +
      'Configure an AWS profile or SSO (Bedrock: Choose AWS Profile…) and clear the API key (Bedrock: Set API Key…, then leave it empty).',
    action: errorAction('openSettings'),
    code: 'ApiKeyNotAccepted',
  });
}

/** The input events of one turn, in the order the model requires. */
export function* openingEvents(promptName: string, r: VoiceTurnRequest): Generator<SonicEvent> {
  yield { sessionStart: { inferenceConfiguration: { maxTokens: 1024, topP: 0.9, temperature: 0.7 } } };
  yield {
    promptStart: {
      promptName,
      textOutputConfiguration: { mediaType: 'text/plain' },
      audioOutputConfiguration: { mediaType: 'audio/lpcm', sampleRateHertz: OUTPUT_RATE, sampleSizeBits: 16, channelCount: 1, voiceId: r.voiceId ?? DEFAULT_VOICE_ID, encoding: 'base64', audioType: 'SPEECH' },
      ...toolPromptFields(r.tools?.specs ?? []),
    },
  };
  if (r.system) yield* textBlock(promptName, 'SYSTEM', r.system, false);
}

function* textBlock(promptName: string, role: 'SYSTEM' | 'USER', content: string, interactive: boolean): Generator<SonicEvent> {
  const contentName = randomUUID();
  yield { contentStart: { promptName, contentName, type: 'TEXT', interactive, role, textInputConfiguration: { mediaType: 'text/plain' } } };
  yield { textInput: { promptName, contentName, content } };
  yield { contentEnd: { promptName, contentName } };
}

function audioStart(promptName: string, contentName: string): SonicEvent {
  return {
    contentStart: {
      promptName,
      contentName,
      type: 'AUDIO',
      interactive: true,
      role: 'USER',
      audioInputConfiguration: { mediaType: 'audio/lpcm', sampleRateHertz: INPUT_RATE, sampleSizeBits: 16, channelCount: 1, audioType: 'SPEECH', encoding: 'base64' },
    },
  };
}

/** One frame of silence, as audioInput carries it. */
const SILENT_FRAME = Buffer.alloc(FRAME_SAMPLES * 2).toString('base64');

/** Waits one frame's length of real time, or less when `sooner` settles first; true when the frame's time passed. */
async function frameElapsed(sooner: Promise<unknown>): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const elapsed = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), (FRAME_SAMPLES / INPUT_RATE) * 1000)));
  try {
    return await Promise.race([elapsed, sooner.then(() => false)]);
  } finally {
    clearTimeout(timer);
  }
}

/** Below this RMS (16-bit samples) a frame is taken for silence; set low, so quiet speech still waits for its reply. */
const SILENCE_RMS = 100;

function isSpeech(frame: Int16Array): boolean {
  let sum = 0;
  for (const v of frame) sum += v * v;
  return frame.length > 0 && Math.sqrt(sum / frame.length) >= SILENCE_RMS;
}

/** 1024-sample frames of `source` as they arrive, then the trailing silence; ends early when `stop` settles. */
async function* framesOf(source: Int16Array | AsyncIterable<Int16Array>, stop: Promise<unknown>): AsyncGenerator<Int16Array> {
  const pieces = source instanceof Int16Array ? (async function* () {
    yield source;
  })() : source[Symbol.asyncIterator]();
  let pending = new Int16Array(0);
  try {
    for (;;) {
      const next = await Promise.race([pieces.next(), stop.then(() => undefined)]);
      if (!next) return;
      if (next.done) break;
      const joined = new Int16Array(pending.length + next.value.length);
      joined.set(pending);
      joined.set(next.value, pending.length);
      let at = 0;
      for (; at + FRAME_SAMPLES <= joined.length; at += FRAME_SAMPLES) yield joined.subarray(at, at + FRAME_SAMPLES);
      pending = joined.slice(at);
    }
  } finally {
    // Stops a recorder that is still capturing (Stop, the session limit); not awaited, as a source
    // waiting for its next piece only finishes that wait first.
    Promise.resolve(pieces.return?.()).catch(() => undefined);
  }
  if (pending.length) yield pending;
  const silence = Math.round((TRAILING_SILENCE_MS / 1000) * INPUT_RATE);
  for (let i = 0; i < silence; i += FRAME_SAMPLES) yield new Int16Array(Math.min(FRAME_SAMPLES, silence - i));
}

/**
 * Runs one session and yields what the model says as it arrives. The user's audio streams in while
 * the model answers (full duplex): speech over the model's reply interrupts it, and that speech is
 * answered too. Once the input has ended (the file was sent, the recorder stopped) the session waits
 * for the reply under way, then closes cleanly (audio contentEnd, promptEnd, sessionEnd). Cancelling
 * `signal` (or leaving the loop) resets the HTTP/2 stream; the session limit ends it with a message.
 */
export async function* runVoiceTurn(connection: BedrockConnection, r: VoiceTurnRequest): AsyncGenerator<VoiceEvent> {
  assertSigV4(connection);
  const hasAudio = r.audio instanceof Int16Array ? r.audio.length > 0 : r.audio !== undefined;
  if (!hasAudio && !r.text) throw new BedrockError({ kind: 'validation', message: 'Nothing to say: record or choose audio, or type a message.', action: errorAction('none') });
  const sdk = await loadAwsSdk();
  const client = await connection.runtime();
  const promptName = randomUUID();
  const audioName = randomUUID();
  const abort = new AbortController();
  const onAbort = () => abort.abort(r.signal?.reason);
  r.signal?.addEventListener('abort', onAbort, { once: true });
  const aborted = new Promise<void>((resolve) => abort.signal.addEventListener('abort', () => resolve(), { once: true }));
  // At the limit the input stops and the session is closed with its closing events (Bedrock would
  // end it anyway); a service that does not end the stream soon after is cut off.
  let limitHit = false;
  let closeNow!: () => void;
  const closing = new Promise<void>((resolve) => (closeNow = resolve));
  let cutOff: ReturnType<typeof setTimeout> | undefined;
  const limit = setTimeout(() => {
    limitHit = true;
    closeNow();
    cutOff = setTimeout(() => abort.abort(new Error('session limit')), CLOSE_WAIT_MS);
    cutOff.unref?.();
  }, r.limitMs ?? SESSION_LIMIT_MS);
  limit.unref?.();
  const stopInput = Promise.race([aborted, closing]);
  // Replies under way, and a wake-up for the input side whenever one starts or ends.
  let openReplies = 0;
  let framesSent = 0;
  let lastSpeechFrame = 0;
  let framesAtReplyStart = 0;
  let wake: () => void = () => undefined;
  const changed = () => new Promise<void>((resolve) => (wake = resolve));
  const encoder = new TextEncoder();
  // Tool results go into the input between audio frames, or while it waits for the reply.
  const outbox: SonicEvent[] = [];

  async function* input(): AsyncGenerator<{ chunk: { bytes: Uint8Array } }> {
    const send = (e: SonicEvent) => ({ chunk: { bytes: encoder.encode(JSON.stringify({ event: e })) } });
    for (const e of openingEvents(promptName, r)) yield send(e);
    // One long-lived audio block: it stays open while the model answers, so the user can speak over it.
    yield send(audioStart(promptName, audioName));
    if (r.audio) {
      for await (const frame of framesOf(r.audio, stopInput)) {
        if (abort.signal.aborted) return;
        if (limitHit) break;
        while (outbox.length) yield send(outbox.shift()!);
        framesSent++;
        if (isSpeech(frame)) lastSpeechFrame = framesSent;
        yield send({ audioInput: { promptName, contentName: audioName, content: Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString('base64') } });
      }
    }
    if (r.text && !limitHit) for (const e of textBlock(promptName, 'USER', r.text, true)) yield send(e);
    // The input has ended: wait for the reply to it (one may already be under way), then close.
    // Speech no reply has begun since needs one; after a typed turn one is always due.
    const unanswered = Boolean(r.text) || lastSpeechFrame > framesAtReplyStart;
    if (!openReplies && unanswered && !limitHit) {
      const started = changed();
      let grace: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([started, stopInput, new Promise((resolve) => (grace = setTimeout(resolve, r.replyGraceMs ?? REPLY_GRACE_MS)))]);
      clearTimeout(grace);
    }
    // While a reply to speech goes on (spoken, or waiting on a tool), the audio keeps flowing as
    // silence in real time, as from a microphone left open: the model times its reply and its turn
    // taking against the user's audio, so a reply that begins after the speech was all sent (after a
    // tool result) still plays to its end.
    while ((openReplies || outbox.length) && !abort.signal.aborted && !limitHit) {
      if (outbox.length) yield send(outbox.shift()!);
      else if (!r.audio) await Promise.race([changed(), stopInput]);
      else if (await frameElapsed(Promise.race([changed(), stopInput]))) {
        framesSent++;
        yield send({ audioInput: { promptName, contentName: audioName, content: SILENT_FRAME } });
      }
    }
    if (abort.signal.aborted) return;
    yield send({ contentEnd: { promptName, contentName: audioName } });
    yield send({ promptEnd: { promptName } });
    yield send({ sessionEnd: {} });
  }

  const decoder = new TextDecoder();
  const roles = new Map<string, { role: 'user' | 'assistant'; stage: 'speculative' | 'final' }>();
  let toolUse: VoiceToolUse | undefined;
  try {
    const res = await client.send(new sdk.InvokeModelWithBidirectionalStreamCommand({ modelId: r.modelId, body: input() }), { abortSignal: abort.signal });
    for await (const part of res.body ?? []) {
      const failure = part.internalServerException ?? part.modelStreamErrorException ?? part.validationException ?? part.throttlingException ?? part.modelTimeoutException ?? part.serviceUnavailableException;
      if (failure) throw failure;
      if (!part.chunk?.bytes) continue;
      const event = (JSON.parse(decoder.decode(part.chunk.bytes)) as { event?: SonicEvent }).event ?? {};
      const [name, body] = Object.entries(event)[0] ?? [];
      if (!name || !body) continue;
      if (name === 'completionStart') {
        openReplies++;
        framesAtReplyStart = framesSent;
        wake();
      } else if (name === 'toolUse') {
        toolUse = parseToolUse(body);
      } else if (name === 'contentEnd' && toolUse && (body.stopReason === 'TOOL_USE' || body.type === 'TOOL')) {
        // The model waits for the answer: without tools (none declared) it is still answered, as an error.
        const use = toolUse;
        toolUse = undefined;
        const content = r.tools ? await r.tools.run(use, abort.signal) : JSON.stringify({ error: `No tools are available in this session; "${use.toolName}" cannot be called.` });
        if (abort.signal.aborted) continue;
        outbox.push(...toolResultEvents(promptName, use.toolUseId, content));
        wake();
      } else if (name === 'contentStart') {
        roles.set(String(body.contentId), { role: body.role === 'USER' ? 'user' : 'assistant', stage: stageOf(body.additionalModelFields) });
      } else if (name === 'textOutput') {
        const content = String(body.content ?? '');
        if (/^\s*\{\s*"interrupted"\s*:\s*true\s*\}\s*$/.test(content)) yield { type: 'interrupted' };
        else {
          const who = roles.get(String(body.contentId)) ?? { role: body.role === 'USER' ? 'user' : 'assistant', stage: 'final' };
          yield { type: 'transcript', role: who.role, stage: who.stage, text: content };
        }
      } else if (name === 'audioOutput') {
        yield { type: 'audio', pcm: Buffer.from(String(body.content ?? ''), 'base64') };
      } else if (name === 'usageEvent') {
        yield { type: 'usage', inputTokens: Number(body.totalInputTokens ?? 0), outputTokens: Number(body.totalOutputTokens ?? 0) };
      } else if (name === 'completionEnd') {
        openReplies = Math.max(0, openReplies - 1);
        wake();
        yield { type: 'end', stopReason: String(body.stopReason ?? 'END_TURN') };
      }
    }
    // A cancelled stream can simply end: say why it ended.
    if (abort.signal.aborted || limitHit) throw abort.signal.reason ?? new Error('session limit');
  } catch (err) {
    if (limitHit) {
      throw new BedrockError({ kind: 'timeout', message: 'The voice session reached Bedrock’s 8-minute limit and was closed. Start a new one to go on.', action: errorAction('retry') });
    }
    throw err instanceof BedrockError ? err : new BedrockError(classifyError(err, { cancelled: r.signal?.aborted }), { cause: err });
  } finally {
    clearTimeout(limit);
    clearTimeout(cutOff);
    r.signal?.removeEventListener('abort', onAbort);
    abort.abort();
  }
}
