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

export const INPUT_RATE = 16_000;
export const OUTPUT_RATE = 24_000;
/** Bedrock keeps a bidirectional stream open at most this long. */
export const SESSION_LIMIT_MS = 8 * 60_000;
/** Samples per audioInput event (64 ms at 16 kHz). */
const FRAME_SAMPLES = 1024;
/** Silence after the user's audio, so the model's turn detection sees the turn end (it waits 1.5–2 s). */
const TRAILING_SILENCE_MS = 2_200;

export interface VoiceTurnRequest {
  modelId: string;
  /** The user's speech: 16 kHz mono 16-bit PCM. */
  audio?: Int16Array;
  /** A typed turn instead of (or after) speech, for models that take text input. */
  text?: string;
  system?: string;
  voiceId?: string;
  /** Ends the session early (barge-in from the user's side, Stop, closing the view). */
  signal?: AbortSignal;
  /** Tests shorten the session limit. */
  limitMs?: number;
}

export type VoiceEvent =
  /** What the model heard (role user) or says (role assistant); speculative text may be revised by a final one. */
  | { type: 'transcript'; role: 'user' | 'assistant'; stage: 'speculative' | 'final'; text: string }
  /** A piece of the spoken reply: 16-bit mono PCM at OUTPUT_RATE. */
  | { type: 'audio'; pcm: Buffer }
  /** The model stopped speaking because the user spoke over it. */
  | { type: 'interrupted' }
  | { type: 'usage'; inputTokens: number; outputTokens: number }
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
      audioOutputConfiguration: { mediaType: 'audio/lpcm', sampleRateHertz: OUTPUT_RATE, sampleSizeBits: 16, channelCount: 1, voiceId: r.voiceId ?? 'matthew', encoding: 'base64', audioType: 'SPEECH' },
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

function audioFrames(promptName: string, contentName: string, audio: Int16Array): SonicEvent[] {
  const silence = new Int16Array(Math.round((TRAILING_SILENCE_MS / 1000) * INPUT_RATE));
  const all = new Int16Array(audio.length + silence.length);
  all.set(audio);
  const out: SonicEvent[] = [];
  for (let i = 0; i < all.length; i += FRAME_SAMPLES) {
    const part = all.subarray(i, i + FRAME_SAMPLES);
    out.push({ audioInput: { promptName, contentName, content: Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('base64') } });
  }
  return out;
}

/**
 * Runs one turn and yields what the model says as it arrives. Cancelling `signal` (or leaving the
 * loop) resets the HTTP/2 stream; the session limit ends it with a message saying so.
 */
export async function* runVoiceTurn(connection: BedrockConnection, r: VoiceTurnRequest): AsyncGenerator<VoiceEvent> {
  assertSigV4(connection);
  if (!r.audio?.length && !r.text) throw new BedrockError({ kind: 'validation', message: 'Nothing to say: record or choose audio, or type a message.', action: errorAction('none') });
  const sdk = await loadAwsSdk();
  const client = await connection.runtime();
  const promptName = randomUUID();
  const audioName = randomUUID();
  const abort = new AbortController();
  const onAbort = () => abort.abort(r.signal?.reason);
  r.signal?.addEventListener('abort', onAbort, { once: true });
  let limitHit = false;
  const limit = setTimeout(() => {
    limitHit = true;
    abort.abort(new Error('session limit'));
  }, r.limitMs ?? SESSION_LIMIT_MS);
  limit.unref?.();
  let replied!: () => void;
  const turnDone = new Promise<void>((resolve) => (replied = resolve));
  const encoder = new TextEncoder();

  async function* input(): AsyncGenerator<{ chunk: { bytes: Uint8Array } }> {
    const send = (e: SonicEvent) => ({ chunk: { bytes: encoder.encode(JSON.stringify({ event: e })) } });
    for (const e of openingEvents(promptName, r)) yield send(e);
    yield send(audioStart(promptName, audioName));
    if (r.audio?.length) for (const e of audioFrames(promptName, audioName, r.audio)) yield send(e);
    if (r.text) for (const e of textBlock(promptName, 'USER', r.text, true)) yield send(e);
    // The audio block stays open while the model answers (it may still be listening for a barge-in).
    await Promise.race([turnDone, new Promise((resolve) => abort.signal.addEventListener('abort', resolve, { once: true }))]);
    if (abort.signal.aborted) return;
    yield send({ contentEnd: { promptName, contentName: audioName } });
    yield send({ promptEnd: { promptName } });
    yield send({ sessionEnd: {} });
  }

  const decoder = new TextDecoder();
  const roles = new Map<string, { role: 'user' | 'assistant'; stage: 'speculative' | 'final' }>();
  try {
    const res = await client.send(new sdk.InvokeModelWithBidirectionalStreamCommand({ modelId: r.modelId, body: input() }), { abortSignal: abort.signal });
    for await (const part of res.body ?? []) {
      const failure = part.internalServerException ?? part.modelStreamErrorException ?? part.validationException ?? part.throttlingException ?? part.modelTimeoutException ?? part.serviceUnavailableException;
      if (failure) throw failure;
      if (!part.chunk?.bytes) continue;
      const event = (JSON.parse(decoder.decode(part.chunk.bytes)) as { event?: SonicEvent }).event ?? {};
      const [name, body] = Object.entries(event)[0] ?? [];
      if (!name || !body) continue;
      if (name === 'contentStart') {
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
        replied();
        yield { type: 'end', stopReason: String(body.stopReason ?? 'END_TURN') };
      }
    }
    // A cancelled stream can simply end: say why it ended.
    if (abort.signal.aborted) throw abort.signal.reason ?? new Error('cancelled');
  } catch (err) {
    if (limitHit) {
      throw new BedrockError({ kind: 'timeout', message: 'The voice session reached Bedrock’s 8-minute limit and was closed. Start a new one to go on.', action: errorAction('retry') });
    }
    throw err instanceof BedrockError ? err : new BedrockError(classifyError(err, { cancelled: r.signal?.aborted }), { cause: err });
  } finally {
    clearTimeout(limit);
    r.signal?.removeEventListener('abort', onAbort);
    replied();
    abort.abort();
  }
}
