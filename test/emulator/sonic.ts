// Nova Sonic over InvokeModelWithBidirectionalStream: full duplex HTTP/2. Response headers go out at
// once; the client's signed frames are read as they arrive (outer `:chunk-signature` message around an
// inner `chunk` event whose `bytes` are the event JSON), checked for order and fields, and the
// model's turn is answered when the user's audio goes quiet (as its turn detection does) or a typed
// turn ends: the transcript of what it heard (a scenario rule's `heard`, else fixed text), a
// speculative reply, a short tone as the spoken reply, the final text, usage, completionEnd. A reply
// to speech lasts the tone's length in the user's audio time (the client keeps streaming while it
// listens): speech in that window is a barge-in — `{ "interrupted" : true }`, the reply ends, and
// that speech is answered in turn. With tools declared in promptStart, words that name one get a
// TOOL block first; the reply waits for the client's tool result, quotes it, and is paced as the
// turn's other replies are (see sonicTools.ts). `sessionEnd` ends the response. A promptStart whose
// voiceId the model does not have is refused as Bedrock refuses a bad event: a ValidationException
// inside the stream, which then ends.
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { chunkFrame, readHeaders, type HeaderValue } from './eventStream';
import { awsExceptionFrame } from './exchange';
import type { RouteCall } from './routeContext';
import { ServiceError } from './serviceError';
import { declaredTools, plannedCall, quotedResult, ToolResultReader, type DeclaredTool } from './sonicTools';

/** The words the emulator "hears" in audio, unless a scenario rule's `heard` says otherwise. */
export const HEARD_TEXT = 'What does the cache module export?';
export const SPOKEN_REPLY = 'It exports a cache with get, set and an expiry.';
/** Quiet this long after speech ends the user's turn (Nova Sonic's HIGH sensitivity is 1.5 s). */
const END_OF_TURN_SILENCE_S = 1.5;
/** Below this RMS (of 16-bit samples) a frame counts as silence. */
const SILENCE_RMS = 200;

/** The voices each model speaks with, as AWS documents them (kept apart from the extension's own table, so a test catches a wrong one). */
const NOVA_SONIC_VOICES = ['tiffany', 'matthew', 'amy', 'ambre', 'florian', 'beatrice', 'lorenzo', 'greta', 'lennart', 'lupe', 'carlos'];
export const SONIC_VOICES_BY_MODEL: Readonly<Record<string, readonly string[]>> = {
  'amazon.nova-sonic-v1:0': NOVA_SONIC_VOICES,
  'amazon.nova-2-sonic-v1:0': [...NOVA_SONIC_VOICES, 'olivia', 'kiara', 'arjun', 'tina', 'carolina', 'leo'],
};

interface Decoded {
  headers: Record<string, HeaderValue>;
  payload: Buffer;
}

/** Splits complete event-stream messages off `buf` (any header type); returns them and the rest. */
export function takeMessages(buf: Buffer): { messages: Decoded[]; rest: Buffer } {
  const messages: Decoded[] = [];
  let off = 0;
  while (buf.length - off >= 16) {
    const total = buf.readUInt32BE(off);
    if (total < 16 || buf.length - off < total) break;
    const hlen = buf.readUInt32BE(off + 4);
    const hend = off + 12 + hlen;
    const headers = readHeaders(buf, off + 12, hend, 'any');
    messages.push({ headers, payload: buf.subarray(hend, off + total - 4) });
    off += total;
  }
  return { messages, rest: buf.subarray(off) };
}

function rms(pcm: Buffer): number {
  let sum = 0;
  const n = Math.floor(pcm.length / 2);
  for (let i = 0; i < n; i++) sum += pcm.readInt16LE(i * 2) ** 2;
  return n ? Math.sqrt(sum / n) : 0;
}

/** Half a second of a 440 Hz tone, 16-bit mono at `rate`. */
export function tone(rate: number, seconds = 0.5): Buffer {
  const n = Math.round(rate * seconds);
  const b = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 8000), i * 2);
  return b;
}

/** How a reply ended: its length passed in the user's audio time, at once (a typed turn), cut short by the input closing, or spoken over. */
export interface SonicReplyEnd {
  reply: string;
  how: 'played' | 'typed' | 'input closed' | 'interrupted';
}

const invalid = (message: string) => new ServiceError('ValidationException', 400, message);

export async function invokeBidirectional(call: RouteCall): Promise<void> {
  const { ex, record } = call;
  if (record.auth.kind !== 'sigv4') {
    throw new ServiceError('AccessDeniedException', 403, 'Authentication with a Bedrock API key is not supported for InvokeModelWithBidirectionalStream. Sign the request with AWS Signature Version 4.');
  }
  const model = call.resolved?.model;
  if (!model || model.family !== 'speech') {
    throw invalid(`The model ${call.label ?? ''} does not support InvokeModelWithBidirectionalStream.`);
  }
  ex.startStream({ 'content-type': 'application/vnd.amazon.eventstream' });
  const events: string[] = [];
  // What the tests read back: the events' names in order, the voice asked for, a digest of the audio
  // received, and how each reply ended (`played`: its length passed in the user's audio time).
  const seen = record as { sonicEvents?: string[]; sonicVoiceId?: string; sonicAudioSha256?: string; sonicReplies?: SonicReplyEnd[] };
  seen.sonicEvents = events;
  seen.sonicReplies = [];
  const audioIn = createHash('sha256');
  const modelId = model.modelId;
  const voices = SONIC_VOICES_BY_MODEL[modelId];
  const sessionId = randomUUID();
  let promptName = '';
  let outputRate = 24_000;
  let heardSpeech = false;
  let silentSeconds = 0;
  let typedTurn: string | undefined;
  let pending: Buffer = Buffer.alloc(0);
  let ended = false;
  /** The model is speaking its reply: it lasts the reply's length in the user's audio time, and speech over it interrupts it. */
  let speaking: { secondsLeft: number; base: Record<string, string>; audioId: string; reply: string } | undefined;
  /** What the client sent while the reply played: its audio time ran out, or the input closed first. */
  let ending: SonicReplyEnd['how'] = 'played';
  let tools: DeclaredTool[] = [];
  const pendingToolUses = new Set<string>();
  const toolResults = new ToolResultReader(pendingToolUses);
  /** A tool use the model waits on: the reply goes on once its result arrives, paced as the turn's. */
  let awaitingTool: { toolUseId: string; toolName: string; base: Record<string, string>; spoken: boolean } | undefined;

  const send = (event: object) => ex.event(chunkFrame({ event }), (err) => awsExceptionFrame(err));
  const fail = async (message: string) => {
    const err = invalid(message);
    record.errorCode = err.code;
    await ex.event(awsExceptionFrame(err), (e) => awsExceptionFrame(e));
    ex.finish();
    ended = true;
  };

  const block = async (base: Record<string, string>, type: string, role: string, stage: string | undefined, body: (contentId: string) => Promise<void>, stopReason = 'END_TURN') => {
    const contentId = randomUUID();
    await send({ contentStart: { ...base, contentId, type, role, ...(stage ? { additionalModelFields: JSON.stringify({ generationStage: stage }) } : {}) } });
    await body(contentId);
    await send({ contentEnd: { ...base, contentId, type, stopReason } });
  };
  const text = (base: Record<string, string>, role: string, content: string) => (contentId: string) => send({ textOutput: { ...base, contentId, role, content } });

  /** What it heard, then a tool call its words ask for, or the reply (`reply`: a scenario's words for it). */
  async function answer(heard: string, spoken: boolean, reply = SPOKEN_REPLY): Promise<void> {
    const base = { sessionId, promptName, completionId: randomUUID() };
    await send({ completionStart: base });
    await block(base, 'TEXT', 'USER', 'FINAL', text(base, 'USER', heard));
    const call = plannedCall(heard, tools);
    if (!call) return speak(base, reply, spoken);
    const toolUseId = randomUUID();
    pendingToolUses.add(toolUseId);
    awaitingTool = { toolUseId, toolName: call.toolName, base, spoken };
    const contentId = randomUUID();
    await send({ contentStart: { ...base, contentId, type: 'TOOL', role: 'TOOL', toolUseOutputConfiguration: { mediaType: 'application/json' } } });
    await send({ toolUse: { ...base, contentId, toolName: call.toolName, toolUseId, content: call.content } });
    await send({ contentEnd: { ...base, contentId, type: 'TOOL', stopReason: 'TOOL_USE' } });
  }

  /** The planned reply and its voice; the reply ends at once for a typed turn, after its length in audio time for speech. */
  async function speak(base: Record<string, string>, reply: string, spoken: boolean): Promise<void> {
    await block(base, 'TEXT', 'ASSISTANT', 'SPECULATIVE', text(base, 'ASSISTANT', reply));
    const audio = tone(outputRate);
    const audioId = randomUUID();
    await send({ contentStart: { ...base, contentId: audioId, type: 'AUDIO', role: 'ASSISTANT' } });
    for (let i = 0; i < audio.length; i += 9600) await send({ audioOutput: { ...base, contentId: audioId, role: 'ASSISTANT', content: audio.subarray(i, i + 9600).toString('base64') } });
    speaking = { secondsLeft: audio.length / 2 / outputRate, base, audioId, reply };
    ending = 'played';
    if (!spoken) {
      ending = 'typed';
      await finishReply();
    }
  }

  async function finishReply(): Promise<void> {
    if (!speaking) return;
    const { base, audioId, reply } = speaking;
    speaking = undefined;
    seen.sonicReplies!.push({ reply, how: ending });
    await send({ contentEnd: { ...base, contentId: audioId, type: 'AUDIO', stopReason: 'END_TURN' } });
    await block(base, 'TEXT', 'ASSISTANT', 'FINAL', text(base, 'ASSISTANT', reply));
    await send({ usageEvent: { ...base, totalInputTokens: 40, totalOutputTokens: 25, totalTokens: 65 } });
    await send({ completionEnd: { ...base, stopReason: 'END_TURN' } });
  }

  /** The user spoke over the reply: the voice stops, the interruption is said, the reply ends. */
  async function interrupt(): Promise<void> {
    if (!speaking) return;
    const { base, audioId, reply } = speaking;
    speaking = undefined;
    seen.sonicReplies!.push({ reply, how: 'interrupted' });
    await send({ contentEnd: { ...base, contentId: audioId, type: 'AUDIO', stopReason: 'INTERRUPTED' } });
    await block(base, 'TEXT', 'ASSISTANT', 'FINAL', text(base, 'ASSISTANT', '{ "interrupted" : true }'), 'INTERRUPTED');
    await send({ completionEnd: { ...base, stopReason: 'INTERRUPTED' } });
  }

  async function onEvent(name: string, body: Record<string, unknown>): Promise<void> {
    const first = events.length === 0;
    events.push(name);
    if (first && name !== 'sessionStart') return fail(`The first event must be sessionStart, got ${name}.`);
    if (name === 'promptStart') {
      if (typeof body.promptName !== 'string') return fail('promptStart needs a promptName.');
      promptName = body.promptName;
      const audioOut = body.audioOutputConfiguration as { sampleRateHertz?: number; voiceId?: unknown } | undefined;
      outputRate = audioOut?.sampleRateHertz ?? outputRate;
      seen.sonicVoiceId = String(audioOut?.voiceId);
      if (voices && !voices.includes(String(audioOut?.voiceId))) {
        return fail(`Invalid value for voiceId: ${String(audioOut?.voiceId)}. ${modelId} supports these voices: ${voices.join(', ')}.`);
      }
      const declared = declaredTools(body);
      if (typeof declared === 'string') return fail(declared);
      tools = declared;
      return;
    }
    if (name !== 'sessionStart' && name !== 'sessionEnd' && body.promptName !== promptName) return fail(`${name} names prompt ${String(body.promptName)}, not the open prompt.`);
    if (toolResults.claims(name, body)) {
      const r = toolResults.read(name, body);
      if (r && 'problem' in r) return fail(r.problem);
      if (r && awaitingTool?.toolUseId === r.done.toolUseId) {
        const { toolName, base, spoken } = awaitingTool;
        awaitingTool = undefined;
        (seen as { sonicToolResults?: string[] }).sonicToolResults = [...((seen as { sonicToolResults?: string[] }).sonicToolResults ?? []), r.done.content];
        return speak(base, `${toolName} says: ${quotedResult(r.done.content)}`, spoken);
      }
      return;
    }
    if ((name === 'promptEnd' || name === 'sessionEnd') && awaitingTool) return fail(`The prompt ended before the result of tool use ${awaitingTool.toolUseId} was sent.`);
    if (name === 'contentStart' && body.type === 'AUDIO') {
      const cfg = body.audioInputConfiguration as { sampleRateHertz?: number; channelCount?: number } | undefined;
      if (cfg?.sampleRateHertz !== 16000 || cfg.channelCount !== 1) return fail('audioInputConfiguration must be 16000 Hz, 1 channel.');
    }
    if (name === 'contentStart' && body.type === 'TEXT' && body.role === 'USER' && body.interactive) typedTurn = '';
    if (name === 'textInput' && typedTurn !== undefined) typedTurn += String(body.content ?? '');
    if (name === 'contentEnd' && typedTurn !== undefined) {
      const typed = typedTurn;
      typedTurn = undefined;
      await finishReply();
      return answer(typed, false);
    }
    if (name === 'audioInput') {
      const pcm = Buffer.from(String(body.content ?? ''), 'base64');
      audioIn.update(pcm);
      seen.sonicAudioSha256 = audioIn.copy().digest('hex');
      const seconds = pcm.length / 2 / 16000;
      const loud = rms(pcm) >= SILENCE_RMS;
      if (speaking) {
        if (!loud) {
          speaking.secondsLeft -= seconds;
          if (speaking.secondsLeft <= 1e-9) await finishReply();
          return;
        }
        await interrupt();
      }
      if (loud) {
        heardSpeech = true;
        silentSeconds = 0;
      } else silentSeconds += seconds;
      if (heardSpeech && silentSeconds >= END_OF_TURN_SILENCE_S) {
        heardSpeech = false;
        silentSeconds = 0;
        const scripted = call.state.scenario.pickSpoken(call.route, modelId);
        return answer(scripted?.heard ?? HEARD_TEXT, true, scripted?.text);
      }
      return;
    }
    // The input is closing: a reply being spoken is finished first.
    if (name === 'contentEnd' || name === 'promptEnd' || name === 'sessionEnd') {
      if (speaking) ending = 'input closed';
      await finishReply();
    }
    if (name === 'sessionEnd') {
      ex.finish();
      ended = true;
    }
  }

  const input = ex.req as unknown as Readable;
  try {
    for await (const chunk of input) {
      pending = Buffer.concat([pending, chunk as Buffer]);
      const { messages, rest } = takeMessages(pending);
      pending = rest;
      for (const outer of messages) {
        if (!(outer.headers[':chunk-signature'] instanceof Buffer)) return fail('Input frames must be signed (:chunk-signature).');
        if (outer.payload.length === 0) continue; // the empty frame that ends the input
        for (const inner of takeMessages(outer.payload).messages) {
          if (inner.headers[':event-type'] !== 'chunk') return fail(`Unexpected input event ${String(inner.headers[':event-type'])}.`);
          const bytes = Buffer.from(String(JSON.parse(inner.payload.toString('utf8')).bytes ?? ''), 'base64');
          const event = JSON.parse(bytes.toString('utf8')).event as Record<string, Record<string, unknown>> | undefined;
          const [name, body] = Object.entries(event ?? {})[0] ?? [];
          if (!name) return fail('An input chunk carried no event.');
          await onEvent(name, body ?? {});
          if (ended) return;
        }
      }
    }
  } catch (err) {
    // The client reset the stream (Stop, cancel): nothing left to answer.
    if (ex.isClosed || (err as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
    throw err;
  }
  ex.finish();
}
