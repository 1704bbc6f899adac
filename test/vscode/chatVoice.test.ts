// Named chat* so it runs before storedState.test.ts restarts the extension: after that restart the
// side-bar chat view is not resolved again, and these tests drive it.
// Voice turns in the chat view, in a real extension host against the emulator's Nova Sonic: Voice
// Chat opens the view with the model chosen; a microphone turn streams a recorder's PCM into the
// open session and ends when the user is done speaking; a WAV file turn goes through "Send WAV
// file…"'s store. What the model heard and said, the clips (kept by hash, played from inline WAV
// data) and the stored conversation are checked as the webview would see them.
import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import type { ChatSendMessage, HostToWebviewMessage } from '../../src/shared/protocol';
import type { VoiceStreamEvent } from '../../src/shared/voiceProtocol';
import { encodeWav, pcmBytes } from '../../src/core/bedrock/speech/wav';
import { EXTENSION_ID } from './extensionId';
import { clearEmulator, recordedRequests } from './emulatorClient';
import { waitFor } from './waitFor';

const SONIC = 'amazon.nova-sonic-v1:0';
type ChatView = Awaited<ReturnType<WorkbenchApi['chat']['commands']['bedrock.openChat']>>;

/** A second of speech-level tone, then quiet long enough for the model's turn detection. */
function speechWav(rate: number): Buffer {
  const samples = Int16Array.from({ length: rate * 2.7 }, (_, i) => (i < rate ? Math.round(Math.sin((2 * Math.PI * 300 * i) / rate) * 6000) : 0));
  return encodeWav(pcmBytes(samples), rate);
}

/**
 * CI has no microphone, so `arecord` on PATH is a shim that runs test/fixtures/fakeRecorder.mjs: it
 * writes a WAV's samples as raw PCM, then silence in real time, until SIGINT — as arecord does.
 */
function fakeArecordOnPath(extensionPath: string): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'bedrock-fake-mic-'));
  writeFileSync(join(dir, 'speech.wav'), speechWav(16000));
  const shim = join(dir, 'arecord');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${join(extensionPath, 'test', 'fixtures', 'fakeRecorder.mjs')}" "$@"\n`);
  chmodSync(shim, 0o755);
  const before = { path: process.env.PATH, wav: process.env.BEDROCK_FAKE_RECORDER_WAV };
  process.env.PATH = `${dir}${delimiter}${before.path ?? ''}`;
  process.env.BEDROCK_FAKE_RECORDER_WAV = join(dir, 'speech.wav');
  return () => {
    process.env.PATH = before.path;
    if (before.wav === undefined) delete process.env.BEDROCK_FAKE_RECORDER_WAV;
    else process.env.BEDROCK_FAKE_RECORDER_WAV = before.wav;
  };
}

describe('voice turns in the chat view (real extension host, against the emulator’s Nova Sonic)', () => {
  let api: WorkbenchApi;
  let host: ChatView;
  /** The WAV file "Send WAV file…" stored, sent again by later tests. */
  let storedWav: { sha256: string; seconds: number } | undefined;

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
  });
  beforeEach(() => clearEmulator());
  // The view carries on in the last conversation it streamed; later suites expect a chat of their own.
  after(async () => {
    for (const { id } of api.chat.history.list()) if (api.chat.history.get(id)?.turns.some((t) => 'audio' in t)) await host?.receive({ method: 'history/delete', conversationId: id });
  });

  it('Voice Chat opens the chat view with the Nova Sonic model chosen, offered as a voice model', async () => {
    host = (await vscode.commands.executeCommand('bedrock.voiceChat', SONIC)) as ChatView;
    assert.ok(host, 'the chat view host');
    assert.equal(host, api.chat.viewForTests());
    await waitFor(host.onDidPost, () => host.isReady, 'the webview ready handshake');
    const posts: HostToWebviewMessage[] = [];
    const sub = host.onDidPost((m) => posts.push(m));
    await host.receive({ method: 'models/list' });
    sub.dispose();
    const list = posts.find((m) => m.method === 'models/list');
    assert.ok(list?.method === 'models/list');
    assert.equal(list.selectedModelId, SONIC);
    assert.deepEqual(list.models.find((m) => m.id === SONIC)?.voice, { typedTurns: false, voices: ['tiffany', 'matthew', 'amy', 'ambre', 'florian', 'beatrice', 'lorenzo', 'greta', 'lennart', 'lupe', 'carlos'] });
  });

  it('a microphone turn streams while recording, answers, and keeps both clips by hash', async () => {
    const restore = fakeArecordOnPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath);
    const posts: HostToWebviewMessage[] = [];
    const sub = host.onDidPost((m) => posts.push(m));
    const events = () => posts.flatMap((m): VoiceStreamEvent[] => (m.method === 'chat/voice' && m.requestId === 'mic-1' ? [m.event] : []));
    try {
      const sent = host.receive({ method: 'chat/send', requestId: 'mic-1', conversationId: 'conv-voice', text: '', modelId: SONIC, voice: { source: 'microphone' } });
      // The model answers while the recorder still runs: full duplex.
      await waitFor(host.onDidPost, () => events().some((e) => e.kind === 'transcript' && e.role === 'assistant' && !e.draft), 'the reply while the microphone is open', 30_000);
      assert.deepEqual(events()[0], { kind: 'listening', recorder: 'arecord' });
      await host.receive({ method: 'voice/endInput', requestId: 'mic-1' });
      await sent;
    } finally {
      sub.dispose();
      restore();
    }
    const end = posts.filter((m) => 'requestId' in m && m.requestId === 'mic-1').at(-1);
    assert.equal(end?.method, 'chat/end', JSON.stringify(end));
    const heard = events().find((e) => e.kind === 'transcript' && e.role === 'user');
    assert.match(heard?.kind === 'transcript' ? heard.text : '', /cache module/);
    const clips = events().flatMap((e) => (e.kind === 'clip' ? [e] : []));
    assert.deepEqual(clips.map((c) => c.role).sort(), ['assistant', 'user']);
    const reply = clips.find((c) => c.role === 'assistant')!;
    assert.ok(reply.src.startsWith('data:audio/wav;base64,UklGR'), 'a playable WAV (RIFF header)');
    assert.equal(reply.audio.seconds, 0.5);
    assert.ok(events().some((e) => e.kind === 'audio'), 'the voice was posted piece by piece for playback');

    // Stored by reference: the conversation holds hashes, the WAV comes back on request.
    const stored = api.chat.history.get('conv-voice') as { turns: Array<{ role: string; text: string; audio?: { sha256: string } }> };
    assert.match(stored.turns[0]!.text, /cache module/, 'the user turn holds what the model heard');
    assert.equal(stored.turns[1]!.audio?.sha256, reply.audio.sha256);
    assert.ok(JSON.stringify(stored).length < 5000, 'no audio bytes in the stored conversation');
    const loaded: HostToWebviewMessage[] = [];
    const sub2 = host.onDidPost((m) => loaded.push(m));
    await host.receive({ method: 'voice/load', sha256: reply.audio.sha256 });
    sub2.dispose();
    const data = loaded.find((m) => m.method === 'voice/data');
    assert.equal(data?.method === 'voice/data' && data.src, reply.src);

    const request = (await recordedRequests()).find((r) => r.route === 'InvokeModelWithBidirectionalStream');
    assert.ok(request, 'the emulator served the bidirectional stream');
    assert.equal(request.httpVersion, '2');
  });

  it('Send WAV file…: any rate and channels, converted and kept by hash; the turn sends it', async () => {
    // The open dialog is VS Code's; the test answers it as the user would, with a 44.1 kHz stereo file.
    const dir = mkdtempSync(join(tmpdir(), 'bedrock-voice-wav-'));
    const frames = 44100 * 2.7;
    const stereo = Int16Array.from({ length: frames * 2 }, (_, i) => (i / 2 < 44100 ? Math.round(Math.sin((2 * Math.PI * 300 * Math.floor(i / 2)) / 44100) * 6000) : 0));
    const wav = encodeWav(pcmBytes(stereo), 44100);
    wav.writeUInt16LE(2, 22); // two channels
    wav.writeUInt32LE(44100 * 4, 28);
    wav.writeUInt16LE(4, 32);
    writeFileSync(join(dir, 'question.wav'), wav);
    const original = vscode.window.showOpenDialog;
    vscode.window.showOpenDialog = async () => [vscode.Uri.file(join(dir, 'question.wav'))];
    const posts: HostToWebviewMessage[] = [];
    const sub = host.onDidPost((m) => posts.push(m));
    const sends: ChatSendMessage[] = [];
    const finished = new Set<string>();
    const subs = [host.onDidReceive((m) => m.method === 'chat/send' && sends.push(m)), host.onDidFinishTurn((t) => finished.add(t.requestId))];
    try {
      await host.receive({ method: 'voice/pickFile' });
      const picked = posts.find((m) => m.method === 'voice/picked');
      assert.ok(picked?.method === 'voice/picked' && picked.audio, JSON.stringify(picked));
      assert.equal(picked.name, 'question.wav');
      assert.equal(picked.audio.seconds, 2.7, 'resampled to 16 kHz mono, same length');
      storedWav = picked.audio;
      // The webview sends the chosen file as the user's turn, as it does when the user picks one.
      const send = await waitFor(host.onDidReceive, () => sends.find((m) => m.voice?.source === 'file'), 'the webview sending the picked file');
      assert.deepEqual(send.voice, { source: 'file', audio: picked.audio, name: 'question.wav' });
      await waitFor(host.onDidFinishTurn, () => finished.has(send.requestId), 'the file turn to finish', 30_000);
      const end = posts.filter((m) => 'requestId' in m && m.requestId === send.requestId).at(-1);
      assert.equal(end?.method, 'chat/end', JSON.stringify(end));
      const stored = api.chat.history.get(send.conversationId) as { turns: Array<{ text: string; audio?: { sha256: string } }> };
      assert.match(stored.turns.at(-2)!.text, /cache module/);
      assert.equal(stored.turns.at(-2)!.audio?.sha256, picked.audio.sha256, 'the user turn keeps the file by its hash');
    } finally {
      vscode.window.showOpenDialog = original;
      sub.dispose();
      for (const d of subs) d.dispose();
    }
  });

  it('speaks with the voice in bedrock.voice.voiceId; a Nova 2 Sonic voice is not sent to Nova Sonic, and the turn says so', async () => {
    assert.ok(storedWav, 'the WAV file test ran first');
    const voiceSetting = () => vscode.workspace.getConfiguration('bedrock.voice');
    const sessions = async () => (await recordedRequests()).filter((r) => r.route === 'InvokeModelWithBidirectionalStream');
    const posts: HostToWebviewMessage[] = [];
    const sub = host.onDidPost((m) => posts.push(m));
    const sendWav = (requestId: string) => host.receive({ method: 'chat/send', requestId, conversationId: 'conv-voice-choice', text: 'question.wav', modelId: SONIC, voice: { source: 'file', audio: storedWav!, name: 'question.wav' } });
    try {
      await voiceSetting().update('voiceId', 'amy', vscode.ConfigurationTarget.Global);
      await sendWav('voice-amy');
      await voiceSetting().update('voiceId', 'kiara', vscode.ConfigurationTarget.Global);
      await sendWav('voice-kiara');
    } finally {
      sub.dispose();
      await voiceSetting().update('voiceId', undefined, vscode.ConfigurationTarget.Global);
    }
    const sent = await sessions();
    assert.deepEqual(sent.map((r) => (r as { sonicVoiceId?: string }).sonicVoiceId), ['amy', 'matthew']);
    const end = posts.filter((m) => 'requestId' in m && m.requestId === 'voice-kiara').at(-1);
    assert.ok(end?.method === 'chat/end', JSON.stringify(end));
    assert.match(end.stats?.routeNote ?? '', /no voice "kiara" \(bedrock\.voice\.voiceId\), so it spoke as matthew/);
  });

  it('the Voice field of the chat settings saves bedrock.voice.voiceId, and the chat hears every change', async () => {
    const voiceSetting = () => vscode.workspace.getConfiguration('bedrock.voice');
    const posts: HostToWebviewMessage[] = [];
    const sub = host.onDidPost((m) => posts.push(m));
    try {
      await host.receive({ method: 'voice/setVoice', voiceId: 'greta' });
      assert.equal(voiceSetting().inspect('voiceId')?.globalValue, 'greta', 'saved in user settings');
      await waitFor(host.onDidPost, () => posts.some((m) => m.method === 'chat/defaults' && m.voiceId === 'greta'), 'chat/defaults with the new voice');
      // Not one of the documented voices: refused at the gate, the setting stays.
      await host.receive({ method: 'voice/setVoice', voiceId: '../siri' });
      assert.equal(voiceSetting().inspect('voiceId')?.globalValue, 'greta');
      // Changed in the Settings editor: the chat follows.
      await voiceSetting().update('voiceId', 'lennart', vscode.ConfigurationTarget.Global);
      await waitFor(host.onDidPost, () => posts.some((m) => m.method === 'chat/defaults' && m.voiceId === 'lennart'), 'chat/defaults after the setting changed');
    } finally {
      sub.dispose();
      await voiceSetting().update('voiceId', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a typed turn to a model that takes speech only is refused with what to do instead', async () => {
    const posts: HostToWebviewMessage[] = [];
    const sub = host.onDidPost((m) => posts.push(m));
    await host.receive({ method: 'chat/send', requestId: 'typed-1', conversationId: 'conv-voice-2', text: 'hello', modelId: SONIC, voice: { source: 'text' } });
    sub.dispose();
    const end = posts.filter((m) => 'requestId' in m && m.requestId === 'typed-1').at(-1);
    assert.ok(end?.method === 'chat/error' && /speech only: press Speak, or Send WAV file/.test(end.error.message), JSON.stringify(end));
    // Refused before any session started: a lone chat/error, no chat/start.
    assert.equal(end.seq, 0);
    assert.ok(!posts.some((m) => m.method === 'chat/start' && m.requestId === 'typed-1'));
  });

  it('names the model it cannot use for voice', async () => {
    const result = await vscode.commands.executeCommand('bedrock.voiceChat', 'amazon.nova-micro-v1:0');
    assert.equal(result, undefined);
  });
  it('in agent mode, Nova 2 Sonic reads a workspace file with the agent\'s read_file; the call is a step of the turn and of its history', async () => {
    const file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'voice-fixture', 'notes.ts');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('export const spoken = true;\n'));
    const posts: HostToWebviewMessage[] = [];
    const sub = host.onDidPost((m) => posts.push(m));
    try {
      await host.receive({ method: 'chat/send', requestId: 'voice-tool-1', conversationId: 'conv-voice-tool', text: 'Use read_file on {"path":"voice-fixture/notes.ts"}', modelId: 'amazon.nova-2-sonic-v1:0', voice: { source: 'text' }, agent: true });
    } finally {
      sub.dispose();
      // Other suites list the workspace's files: the fixture goes once the turn has read it.
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(file, '..'), { recursive: true });
    }
    const mine = posts.filter((m) => 'requestId' in m && m.requestId === 'voice-tool-1');
    assert.equal(mine.at(-1)?.method, 'chat/end', JSON.stringify(mine.at(-1)));
    const done = mine.flatMap((m) => (m.method === 'chat/tool' && m.tool.status === 'done' ? [m.tool] : []));
    assert.equal(done.length, 1, JSON.stringify(mine.filter((m) => m.method === 'chat/tool')));
    assert.match(done[0]!.result ?? '', /1 \| export const spoken = true;/);
    const said = mine.flatMap((m) => (m.method === 'chat/voice' && m.event.kind === 'transcript' && m.event.role === 'assistant' && !m.event.draft ? [m.event.text] : []));
    assert.match(said.at(-1) ?? '', /^read_file says: voice-fixture\/notes\.ts .*export const spoken = true;/s);
    const stored = api.chat.history.get('conv-voice-tool') as { turns: Array<{ steps?: Array<{ tools: Array<{ name: string; status: string }> }> }> };
    assert.deepEqual(stored.turns[1]?.steps?.[0]?.tools.map((t) => `${t.name}:${t.status}`), ['read_file:done']);
  });
});
