// The voice a session speaks with, and a voice turn sent again, through the real SDK's bidirectional
// command against the emulator's Nova Sonic: the chosen voiceId reaches promptStart, a voice the
// model does not have is refused inside the stream as Bedrock refuses it (so the chat never sends
// one), and Retry of a recorded turn sends the same audio again.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { useEmulatorRigPerTest } from '../router/routerHarness';
import type { EmulatorHandle } from '../../emulator/emulator';
import { HEARD_TEXT } from '../../emulator/sonic';
import type { VoiceEvent } from '../../../src/core/bedrock/speech/voiceSession';
import { BedrockError } from '../../../src/core/bedrock/errors/classifiedError';
import { encodeWav, pcmBytes } from '../../../src/core/bedrock/speech/wav';
import { ChatTurns } from '../../../src/core/chat/chatTurns';
import type { ClipStore } from '../../../src/core/chat/voiceTurn';
import { voiceModelOptions } from '../../../src/core/chat/modelOptions';
import type { ChatBackend } from '../../../src/core/chat/chatBackend';
import type { ChatSendMessage, ChatStreamMessage, PersistedConversation } from '../../../src/shared/protocol';

const SONIC = 'amazon.nova-sonic-v1:0';
const SONIC2 = 'amazon.nova-2-sonic-v1:0';

/** A second of a spoken-level tone then quiet: one utterance to the emulator's turn detection. */
const utterance = () => Int16Array.from({ length: 16000 * 2.7 }, (_, i) => (i < 16000 ? Math.round(Math.sin((2 * Math.PI * 300 * i) / 16000) * 6000) : 0));

async function collect(it: AsyncIterable<VoiceEvent>): Promise<VoiceEvent[]> {
  const out: VoiceEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

type SonicRecord = { route: string; sonicVoiceId?: string; sonicAudioSha256?: string };
const sessions = (emu: EmulatorHandle) => emu.requests.filter((r) => r.route === 'InvokeModelWithBidirectionalStream') as unknown as SonicRecord[];

function memoryClips(): ClipStore {
  const files = new Map<string, Uint8Array>();
  return {
    put: async (bytes) => {
      const sha = createHash('sha256').update(bytes).digest('hex');
      files.set(sha, bytes);
      return sha;
    },
    get: async (sha) => files.get(sha) ?? Promise.reject(new Error('gone')),
  };
}

describe('the voice a session speaks with, and voice turns sent again (emulator’s Nova Sonic over HTTP/2)', () => {
  const t = useEmulatorRigPerTest();

  /** ChatTurns as the chat host runs them, with the real router's sessions; only the history is in memory. */
  function chat(voiceId: string) {
    const saved = new Map<string, PersistedConversation>();
    const posted: ChatStreamMessage[] = [];
    const clips = memoryClips();
    // Voice turns never reach the chat backend; one that did would fail the test.
    const backend = { chatModels: async () => [], stream: () => assert.fail('a voice turn went to the chat backend') } as unknown as ChatBackend;
    const turns = new ChatTurns({
      backend,
      history: { get: (id) => saved.get(id), save: async (c) => void saved.set(c.id, structuredClone(c)) },
      post: (m) => posted.push(m),
      voice: { voice: (r) => t.rig.router.voice(r), clips, openMicrophone: () => 'no microphone in this test', voiceId: () => voiceId },
    });
    const option = (id: string) => voiceModelOptions(t.rig.catalog.descriptors).find((o) => o.id === id)!;
    const send = (m: Omit<ChatSendMessage, 'method' | 'conversationId'>, modelId: string) => turns.send({ method: 'chat/send', conversationId: 'c', ...m }, modelId, option(modelId));
    return { saved, posted, clips, send };
  }

  it('the chosen voiceId reaches promptStart; Nova 2 Sonic speaks with its own voices too', async () => {
    await collect(t.rig.router.voice({ modelId: SONIC, audio: utterance(), voiceId: 'amy' }));
    await collect(t.rig.router.voice({ modelId: SONIC2, text: 'Olá', voiceId: 'carolina' }));
    assert.deepEqual(sessions(t.emu).map((s) => s.sonicVoiceId), ['amy', 'carolina']);
  });

  it('a voice the model does not have is refused inside the stream, as Bedrock refuses a bad promptStart', async () => {
    await assert.rejects(collect(t.rig.router.voice({ modelId: SONIC, audio: utterance(), voiceId: 'kiara' })), (err: unknown) => {
      assert.ok(err instanceof BedrockError, String(err));
      assert.equal(err.classified.kind, 'validation');
      assert.match(err.message, /voiceId: kiara/);
      return true;
    });
  });

  it('in the chat, a Nova 2 Sonic voice chosen for Nova Sonic is not sent: Matthew speaks, and the first turn says so', async () => {
    await t.rig.catalog.refresh();
    const c = chat('kiara');
    const wav = encodeWav(pcmBytes(utterance()), 16000);
    const audio = { sha256: await c.clips.put(wav), seconds: 2.7 };
    await c.send({ requestId: 'r1', text: 'q.wav', voice: { source: 'file', audio, name: 'q.wav' } }, SONIC);
    await c.send({ requestId: 'r2', text: 'q.wav', voice: { source: 'file', audio, name: 'q.wav' } }, SONIC);
    assert.deepEqual(sessions(t.emu).map((s) => s.sonicVoiceId), ['matthew', 'matthew']);
    const ends = c.posted.filter((m) => m.method === 'chat/end' || m.method === 'chat/error');
    assert.deepEqual(ends.map((m) => m.method), ['chat/end', 'chat/end'], JSON.stringify(ends));
    const notes = ends.map((m) => (m.method === 'chat/end' ? m.stats?.routeNote : undefined));
    assert.match(notes[0] ?? '', /no voice "kiara" \(bedrock\.voice\.voiceId\), so it spoke as matthew/);
    assert.equal(notes[1], undefined, 'said once');

    // With Nova 2 Sonic the same setting is honoured.
    await c.send({ requestId: 'r3', text: 'hello', voice: { source: 'text' } }, SONIC2);
    assert.equal(sessions(t.emu).at(-1)?.sonicVoiceId, 'kiara');
  });

  it('Retry of a recorded turn sends the same audio again, as a voice turn', async () => {
    await t.rig.catalog.refresh();
    const c = chat('tiffany');
    const audio = { sha256: await c.clips.put(encodeWav(pcmBytes(utterance()), 16000)), seconds: 2.7 };
    await c.send({ requestId: 'first', text: 'q.wav', voice: { source: 'file', audio, name: 'q.wav' } }, SONIC);
    const heard = c.saved.get('c')!.turns[0]!.text;
    assert.equal(heard, HEARD_TEXT);
    // What the webview's Retry sends for that turn: its words, its recording, from that turn on.
    await c.send({ requestId: 'again', text: heard, replaceFromTurn: 0, voice: { source: 'file', audio, name: 'Your recording' } }, SONIC);
    const [first, again] = sessions(t.emu);
    assert.ok(first?.sonicAudioSha256 && again?.sonicAudioSha256, 'audio reached both sessions');
    assert.equal(again.sonicAudioSha256, first.sonicAudioSha256, 'the same audio, frame for frame');
    const turns = c.saved.get('c')!.turns;
    assert.equal(turns.length, 2, 'the retried exchange replaced the first');
    assert.deepEqual(turns[0]!.audio, audio, 'the user turn keeps its recording');
    assert.ok(turns[1]!.audio, 'the new reply has its voice');
    const userClip = c.posted.find((m) => m.method === 'chat/voice' && m.requestId === 'again' && m.event.kind === 'clip' && m.event.role === 'user');
    assert.ok(userClip, 'the resent recording shows in its turn at once');
  });
});
