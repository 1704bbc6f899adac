// Voice turns of the chat without VS Code: the stream messages a voice turn posts (what the model
// heard, its draft then final reply, its voice for playback, a barge-in, the clips), what is kept
// (clips by hash, the user's turn rewritten to what was heard), the refusals before anything is
// sent, and the gate and history readers for the voice fields. The session itself is scripted here;
// test/integration/speech runs it over HTTP/2 against the emulator.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ChatTurns } from '../../../../src/core/chat/chatTurns';
import { prepareVoiceInput, runVoiceChatTurn, type ClipStore, type VoiceChatDeps } from '../../../../src/core/chat/voiceTurn';
import { voiceModelOptions } from '../../../../src/core/chat/modelOptions';
import type { VoiceEvent, VoiceTurnRequest } from '../../../../src/core/bedrock/speech/voiceSession';
import { encodeWav, parseWav, pcmBytes } from '../../../../src/core/bedrock/speech/wav';
import { BedrockError, errorAction } from '../../../../src/core/bedrock/errors/classifiedError';
import type { ChatStreamMessage, ModelOption, PersistedConversation } from '../../../../src/shared/protocol';
import type { VoiceStreamEvent } from '../../../../src/shared/voiceProtocol';
import { checkWebviewMessage } from '../../../../src/shared/protocolValidation';
import { readStoredConversation } from '../../../../src/shared/persistedRecords';
import { shippedDescriptor } from '../../../../src/core/bedrock/catalog/catalogBuild';
import { SHIPPED_MODELS } from '../../../../src/core/bedrock/catalog/shippedCapabilities.generated';
import { ScriptedBackend } from './fakeBackend';

const SONIC = 'amazon.nova-sonic-v1:0';
const SONIC2 = 'amazon.nova-2-sonic-v1:0';

function memoryClips(): ClipStore & { files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    put: async (bytes) => {
      const sha = createHash('sha256').update(bytes).digest('hex');
      files.set(sha, bytes);
      return sha;
    },
    get: async (sha) => {
      const b = files.get(sha);
      if (!b) throw new Error('its stored copy is gone');
      return b;
    },
  };
}

const pcm = (n: number) => Buffer.from(pcmBytes(Int16Array.from({ length: n }, (_, i) => (i % 50) * 100)));
const voiceEvents = (posted: ChatStreamMessage[]): VoiceStreamEvent[] => posted.flatMap((m) => (m.method === 'chat/voice' ? [m.event] : []));

/** A scripted session: yields `events`, then fails with `failure` if given. */
function scripted(events: VoiceEvent[], failure?: Error) {
  const asked: VoiceTurnRequest[] = [];
  return {
    asked,
    voice: async function* (r: VoiceTurnRequest): AsyncGenerator<VoiceEvent> {
      asked.push(r);
      for (const e of events) yield e;
      if (failure) throw failure;
    },
  };
}

const REPLY: VoiceEvent[] = [
  { type: 'transcript', role: 'user', stage: 'final', text: 'What does the cache export?' },
  { type: 'transcript', role: 'assistant', stage: 'speculative', text: 'It exports get and set.' },
  { type: 'audio', pcm: pcm(2400) },
  { type: 'audio', pcm: pcm(2400) },
  { type: 'transcript', role: 'assistant', stage: 'final', text: 'It exports get and set.' },
  { type: 'usage', inputTokens: 40, outputTokens: 25 },
  { type: 'end', stopReason: 'END_TURN' },
];

describe('a voice turn in the chat', () => {
  it('streams what was heard, the draft then final reply and the voice, then keeps both clips by hash', async () => {
    const s = scripted(REPLY);
    const clips = memoryClips();
    const posted: ChatStreamMessage[] = [];
    const r = await runVoiceChatTurn({ voice: s.voice, clips, modelId: SONIC, input: { audio: Int16Array.from({ length: 16000 }, () => 3000) }, requestId: 'r1', conversationId: 'c1', signal: new AbortController().signal, post: (m) => posted.push(m) });
    assert.deepEqual(posted.map((m) => m.seq), posted.map((_, i) => i), 'one stream, seq growing by one');
    assert.equal(posted[0]!.method, 'chat/start');
    assert.equal(posted[0]!.method === 'chat/start' && posted[0].api, 'bidirectional');
    const events = voiceEvents(posted);
    assert.deepEqual(events.filter((e) => e.kind === 'transcript'), [
      { kind: 'transcript', role: 'user', text: 'What does the cache export?', draft: false },
      { kind: 'transcript', role: 'assistant', text: 'It exports get and set.', draft: true },
      { kind: 'transcript', role: 'assistant', text: 'It exports get and set.', draft: false },
    ]);
    assert.equal(events.filter((e) => e.kind === 'audio').length, 2, 'each piece is posted for playback as it arrives');
    const clipsPosted = events.filter((e) => e.kind === 'clip');
    assert.deepEqual(clipsPosted.map((c) => c.kind === 'clip' && c.role), ['user', 'assistant']);
    const reply = clipsPosted[1]!;
    assert.ok(reply.kind === 'clip' && reply.src.startsWith('data:audio/wav;base64,UklGR'));
    assert.equal(reply.kind === 'clip' && reply.audio.seconds, 0.2);
    // The reply's WAV is in the store under its hash, and decodes as 24 kHz audio.
    const stored = parseWav(clips.files.get(r.reply.audio!.sha256)!);
    assert.equal(stored.sampleRate, 24000);
    assert.equal(stored.samples[0]!.length, 4800);
    assert.equal(r.heard, 'What does the cache export?');
    assert.equal(r.userAudio?.seconds, 1);
    assert.equal(r.reply.text, 'It exports get and set.');
    assert.equal(r.reply.stats?.outputTokens, 25);
    const end = posted.at(-1)!;
    assert.equal(end.method, 'chat/end');
  });

  it('a barge-in stops playback and keeps what the model had planned, marked as cut off', async () => {
    const s = scripted([
      { type: 'transcript', role: 'user', stage: 'final', text: 'Tell me about caching.' },
      { type: 'transcript', role: 'assistant', stage: 'speculative', text: 'Caching keeps results' },
      { type: 'audio', pcm: pcm(2400) },
      { type: 'interrupted' },
      { type: 'end', stopReason: 'INTERRUPTED' },
      { type: 'transcript', role: 'user', stage: 'final', text: 'Just the short version.' },
      { type: 'transcript', role: 'assistant', stage: 'final', text: 'It saves work.' },
      { type: 'end', stopReason: 'END_TURN' },
    ]);
    const posted: ChatStreamMessage[] = [];
    const r = await runVoiceChatTurn({ voice: s.voice, clips: memoryClips(), modelId: SONIC, input: { text: 'hi' }, requestId: 'r1', conversationId: 'c1', signal: new AbortController().signal, post: (m) => posted.push(m) });
    const kinds = voiceEvents(posted).map((e) => e.kind);
    assert.ok(kinds.indexOf('interrupted') > kinds.indexOf('audio'), 'the interruption comes after the voice it stops');
    assert.equal(r.reply.text, 'Caching keeps results … It saves work.');
    assert.equal(r.heard, 'Tell me about caching. Just the short version.');
  });

  it('a failure mid-turn keeps what was said and the voice so far', async () => {
    const s = scripted(REPLY.slice(0, 3), new BedrockError({ kind: 'throttled', message: 'Too many requests.', action: errorAction('retry') }));
    const clips = memoryClips();
    const posted: ChatStreamMessage[] = [];
    const r = await runVoiceChatTurn({ voice: s.voice, clips, modelId: SONIC, input: { text: 'hi' }, requestId: 'r1', conversationId: 'c1', signal: new AbortController().signal, post: (m) => posted.push(m) });
    assert.equal(posted.at(-1)!.method, 'chat/error');
    assert.equal(r.reply.error?.kind, 'throttled');
    assert.equal(r.reply.text, 'It exports get and set.');
    assert.ok(r.reply.audio && clips.files.has(r.reply.audio.sha256), 'the voice so far is kept');
  });

  it('says when the model heard nothing, instead of an empty reply', async () => {
    const posted: ChatStreamMessage[] = [];
    const r = await runVoiceChatTurn({ voice: scripted([]).voice, clips: memoryClips(), modelId: SONIC, input: { audio: new Int16Array(1600) }, requestId: 'r1', conversationId: 'c1', signal: new AbortController().signal, post: (m) => posted.push(m) });
    assert.equal(posted.at(-1)!.method, 'chat/error');
    assert.match(r.reply.error!.message, /heard no speech.*microphone/);
  });
});

describe('a voice turn\'s input', () => {
  const deps = (mic: ReturnType<VoiceChatDeps['openMicrophone']> = 'No audio recorder was found on PATH. Install one of arecord (package alsa-utils), sox or ffmpeg, or choose a WAV file instead.') => ({ clips: memoryClips(), openMicrophone: () => mic });

  it('a typed turn only where the model takes typed turns', async () => {
    const refused = await prepareVoiceInput({ source: 'text' }, 'hello', false, deps());
    assert.ok('kind' in refused && /speech only: press Speak, or Send WAV file/.test(refused.message));
    const ok = await prepareVoiceInput({ source: 'text' }, 'hello', true, deps());
    assert.deepEqual(ok, { input: { text: 'hello' } });
  });

  it('no recorder on PATH: says what to install, before anything is sent', async () => {
    const r = await prepareVoiceInput({ source: 'microphone' }, '', true, deps());
    assert.ok('kind' in r && /arecord \(package alsa-utils\), sox or ffmpeg/.test(r.message));
  });

  it('a stored WAV file is read back by its hash; a missing one is named', async () => {
    const d = deps();
    const wav = encodeWav(pcmBytes(Int16Array.from({ length: 8000 }, () => 1000)), 16000);
    const sha256 = await d.clips.put(wav);
    const ok = await prepareVoiceInput({ source: 'file', audio: { sha256, seconds: 0.5 }, name: 'q.wav' }, 'q.wav', false, d);
    assert.ok(!('kind' in ok) && ok.input.audio instanceof Int16Array && ok.input.audio.length === 8000);
    const gone = await prepareVoiceInput({ source: 'file', audio: { sha256: 'f'.repeat(64), seconds: 1 }, name: 'old.wav' }, '', false, d);
    assert.ok('kind' in gone && /old\.wav cannot be sent: its stored copy is gone/.test(gone.message));
  });
});

describe('voice turns through ChatTurns', () => {
  const model: ModelOption = { id: SONIC, label: 'Nova Sonic', voice: { typedTurns: false } };

  it('the user\'s turn keeps what the model heard and the recording\'s hash; the reply its voice; all of it reads back', async () => {
    const saved = new Map<string, PersistedConversation>();
    const s = scripted(REPLY);
    const clips = memoryClips();
    const wav = encodeWav(pcmBytes(Int16Array.from({ length: 16000 }, () => 3000)), 16000);
    const sha256 = await clips.put(wav);
    const posted: ChatStreamMessage[] = [];
    const backend = new ScriptedBackend(async function* () {});
    const turns = new ChatTurns({ backend, history: { get: (id) => saved.get(id), save: async (c) => void saved.set(c.id, structuredClone(c)) }, post: (m) => posted.push(m), voice: { voice: s.voice, clips, openMicrophone: () => 'none' } });
    const conv = await turns.send({ method: 'chat/send', requestId: 'r1', conversationId: 'c1', text: 'question.wav', voice: { source: 'file', audio: { sha256, seconds: 1 }, name: 'question.wav' } }, SONIC, model);
    assert.equal(backend.requests.length, 0, 'no chat request');
    assert.equal(s.asked[0]!.audio instanceof Int16Array && s.asked[0]!.audio.length, 16000);
    const [user, reply] = readStoredConversation(saved.get('c1'))!.turns;
    assert.equal(user!.text, 'What does the cache export?');
    assert.deepEqual(user!.audio, { sha256, seconds: 1 });
    assert.equal(reply!.text, 'It exports get and set.');
    assert.ok(reply!.audio && clips.files.has(reply!.audio.sha256));
    assert.deepEqual(conv!.turns, readStoredConversation(saved.get('c1'))!.turns);
  });

  it('without voice support the turn fails with a clear message instead of hanging', async () => {
    const posted: ChatStreamMessage[] = [];
    const turns = new ChatTurns({ backend: new ScriptedBackend(async function* () {}), history: { get: () => undefined, save: async () => {} }, post: (m) => posted.push(m) });
    await turns.send({ method: 'chat/send', requestId: 'r1', conversationId: 'c1', text: '', voice: { source: 'microphone' } }, SONIC, model);
    const end = posted.at(-1)!;
    assert.ok(end.method === 'chat/error' && /Voice turns cannot run here/.test(end.error.message));
  });
});

describe('voice fields at the gate and in storage', () => {
  it('a chat/send voice input is the microphone, a stored file or text; anything else is refused', () => {
    const send = (voice: unknown) => checkWebviewMessage({ method: 'chat/send', requestId: 'r', conversationId: 'c', text: '', voice });
    assert.ok(send({ source: 'microphone' }).ok);
    assert.ok(send({ source: 'file', audio: { sha256: 'a'.repeat(64), seconds: 2 }, name: 'q.wav' }).ok);
    for (const bad of [{ source: 'shell' }, { source: 'file', audio: { sha256: '../etc/passwd', seconds: 1 }, name: 'x' }, 'microphone']) {
      const r = send(bad);
      assert.ok(!r.ok && /voice input/.test(r.problem), JSON.stringify(bad));
    }
    assert.ok(!checkWebviewMessage({ method: 'voice/load', sha256: 'not-a-hash' }).ok);
    assert.ok(checkWebviewMessage({ method: 'voice/endInput', requestId: 'r' }).ok);
  });

  it('a stored clip reference that is not one is dropped; the turn is kept', () => {
    const conv = readStoredConversation({ v: 1, id: 'c', title: 't', createdAt: 1, updatedAt: 1, turns: [{ role: 'assistant', text: 'hi', audio: { sha256: 'x', seconds: 1 } }] });
    assert.equal(conv!.turns[0]!.text, 'hi');
    assert.equal(conv!.turns[0]!.audio, undefined);
  });

  it('the picker lists the speech models as voice models; only Nova 2 Sonic takes typed turns', () => {
    const descriptors = [SONIC, SONIC2, 'amazon.nova-micro-v1:0'].map((id) => shippedDescriptor(id, SHIPPED_MODELS));
    const options = voiceModelOptions(descriptors);
    assert.deepEqual(options.map((o) => [o.id, o.voice?.typedTurns]), [[SONIC2, true], [SONIC, false]]);
  });
});
