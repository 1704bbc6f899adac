// Voice chat over InvokeModelWithBidirectionalStream: the real SDK command, full duplex over HTTP/2,
// signed input frames, against the emulator's Nova Sonic.
import * as assert from 'node:assert/strict';
import { makeRig, useEmulatorRigPerTest } from '../router/routerHarness';
import type { EmulatorHandle } from '../../emulator/emulator';
import { HEARD_TEXT, SPOKEN_REPLY } from '../../emulator/sonic';
import { OUTPUT_RATE, type VoiceEvent } from '../../../src/core/bedrock/speech/voiceSession';
import { BedrockError } from '../../../src/core/bedrock/errors/classifiedError';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRecording } from '../../../src/core/bedrock/speech/recorders';
import { encodeWav, pcmBytes } from '../../../src/core/bedrock/speech/wav';

const SONIC = 'amazon.nova-sonic-v1:0';

/** One second of a spoken-level 300 Hz tone at 16 kHz: "speech" to the emulator's turn detection. */
function speech(seconds = 1): Int16Array {
  return Int16Array.from({ length: 16000 * seconds }, (_, i) => Math.round(Math.sin((2 * Math.PI * 300 * i) / 16000) * 6000));
}

/**
 * The microphone in CI: no sound card there, so a stand-in process (test/fixtures/fakeRecorder.mjs)
 * plays arecord's part, writing the samples as raw PCM on stdout and waiting for SIGINT.
 */
function fakeMicrophone(parts: Int16Array[]) {
  const all = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) all.set(p, (at += p.length) - p.length);
  const wav = join(mkdtempSync(join(tmpdir(), 'bedrock-mic-')), 'speech.wav');
  writeFileSync(wav, encodeWav(pcmBytes(all), 16000));
  return startRecording({ name: 'arecord', command: process.execPath, args: [FAKE_RECORDER, wav] }, spawn);
}
const FAKE_RECORDER = join(__dirname, '../../fixtures/fakeRecorder.mjs');

const silence = (seconds: number) => new Int16Array(Math.round(16000 * seconds));

async function collect(it: AsyncIterable<VoiceEvent>): Promise<VoiceEvent[]> {
  const out: VoiceEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

const sonicEventsOf = (emu: EmulatorHandle) => (emu.requests.find((r) => r.route === 'InvokeModelWithBidirectionalStream') as { sonicEvents?: string[] } | undefined)?.sonicEvents ?? [];

describe('voice chat with Nova Sonic (bidirectional HTTP/2 stream against the emulator)', () => {
  const t = useEmulatorRigPerTest();

  it('sends the audio and gets the transcript, the reply text and the spoken reply', async () => {
    const events = await collect(t.rig.router.voice({ modelId: SONIC, audio: speech(), system: 'Be brief.' }));
    const transcripts = events.flatMap((e) => (e.type === 'transcript' ? [`${e.role}/${e.stage}: ${e.text}`] : []));
    assert.deepEqual(transcripts, [`user/final: ${HEARD_TEXT}`, `assistant/speculative: ${SPOKEN_REPLY}`, `assistant/final: ${SPOKEN_REPLY}`]);
    const audioBytes = events.reduce((n, e) => n + (e.type === 'audio' ? e.pcm.length : 0), 0);
    assert.equal(audioBytes, OUTPUT_RATE * 0.5 * 2, 'half a second of 16-bit audio at the output rate');
    assert.deepEqual(events.at(-1), { type: 'end', stopReason: 'END_TURN' });
    assert.ok(events.some((e) => e.type === 'usage' && e.outputTokens > 0));

    const record = t.emu.requests.find((r) => r.route === 'InvokeModelWithBidirectionalStream')!;
    assert.equal(record.httpVersion, '2');
    assert.equal(record.auth.kind, 'sigv4');
    assert.equal(record.headers['content-type'], 'application/vnd.amazon.eventstream');
    const order = sonicEventsOf(t.emu);
    assert.deepEqual(order.slice(0, 6), ['sessionStart', 'promptStart', 'contentStart', 'textInput', 'contentEnd', 'contentStart']);
    assert.ok(order.filter((n) => n === 'audioInput').length >= 16, 'the audio went in frames');
    assert.deepEqual(order.slice(-3), ['contentEnd', 'promptEnd', 'sessionEnd'], 'the session closed cleanly after the reply');
    assert.deepEqual(await record.closed, { aborted: false });
  });

  it('streams the microphone as it is captured: the reply arrives while the input is still open, and speech over it barges in', async () => {
    // The microphone: pieces as a recorder delivers them. The second utterance is only "spoken"
    // once the model's reply has begun, so the test sees full duplex, not a file sent at once.
    let replyBegan!: () => void;
    const replying = new Promise<void>((resolve) => (replyBegan = resolve));
    let inputOpenAtReply = false;
    let inputEnded = false;
    async function* microphone(): AsyncGenerator<Int16Array> {
      for (const piece of [speech(1).subarray(0, 7000), speech(1).subarray(7000), silence(1.6)]) yield piece;
      await replying;
      inputOpenAtReply = !inputEnded;
      yield speech(1).subarray(0, 4000);
      inputEnded = true;
    }
    const events: VoiceEvent[] = [];
    for await (const e of t.rig.router.voice({ modelId: SONIC, audio: microphone() })) {
      events.push(e);
      if (e.type === 'audio') replyBegan();
    }
    assert.ok(inputOpenAtReply, 'the first reply streamed in while the microphone was still open');
    const kinds = events.map((e) => (e.type === 'transcript' ? `${e.role}/${e.stage}` : e.type)).filter((k, i, all) => k !== 'audio' || all[i - 1] !== 'audio');
    assert.deepEqual(kinds, [
      'user/final', 'assistant/speculative', 'audio', 'interrupted', 'end',
      'user/final', 'assistant/speculative', 'audio', 'assistant/final', 'usage', 'end',
    ]);
    assert.deepEqual(events.filter((e) => e.type === 'end').map((e) => e.type === 'end' && e.stopReason), ['INTERRUPTED', 'END_TURN']);
    const order = sonicEventsOf(t.emu);
    assert.deepEqual(order.slice(-3), ['contentEnd', 'promptEnd', 'sessionEnd'], 'closed cleanly once the speech after the barge-in was answered');
    const record = t.emu.requests.find((r) => r.route === 'InvokeModelWithBidirectionalStream')!;
    assert.deepEqual(await record.closed, { aborted: false });
  });

  it('closes cleanly when the input ends and the model has nothing to answer', async () => {
    const events = await collect(t.rig.router.voice({ modelId: SONIC, audio: silence(0.5) }));
    assert.deepEqual(events, [], 'silence gets no reply');
    assert.deepEqual(sonicEventsOf(t.emu).slice(-3), ['contentEnd', 'promptEnd', 'sessionEnd']);
    const record = t.emu.requests.find((r) => r.route === 'InvokeModelWithBidirectionalStream')!;
    assert.deepEqual(await record.closed, { aborted: false });
  });

  it('a recorder streams into the session; done speaking lets the reply finish and closes cleanly', async () => {
    const mic = fakeMicrophone([speech(1), silence(1.6)]);
    const events: VoiceEvent[] = [];
    for await (const e of t.rig.router.voice({ modelId: SONIC, audio: mic })) {
      events.push(e);
      if (e.type === 'end') mic.finish();
    }
    await mic.exited;
    assert.ok(events.some((e) => e.type === 'transcript' && e.role === 'user' && e.text === HEARD_TEXT));
    assert.ok(mic.captured().length >= 16000 * 2.6 * 2, 'every sample the recorder wrote was kept');
    assert.deepEqual(sonicEventsOf(t.emu).slice(-3), ['contentEnd', 'promptEnd', 'sessionEnd']);
    const record = t.emu.requests.find((r) => r.route === 'InvokeModelWithBidirectionalStream')!;
    assert.deepEqual(await record.closed, { aborted: false });
  });

  it('Stop while the microphone is open ends the recorder and resets the stream', async () => {
    const ac = new AbortController();
    const mic = fakeMicrophone([speech(1), silence(1.6)]);
    await assert.rejects(
      (async () => {
        for await (const e of t.rig.router.voice({ modelId: SONIC, audio: mic, signal: ac.signal })) if (e.type === 'transcript') ac.abort(new Error('Stopped by the user'));
      })(),
      (err: unknown) => err instanceof BedrockError && err.classified.kind === 'cancelled',
    );
    await mic.exited; // the recorder would otherwise run until killed
    const record = t.emu.requests.find((r) => r.route === 'InvokeModelWithBidirectionalStream')!;
    assert.deepEqual(await record.closed, { aborted: true });
  });

  it('a recorder that cannot start fails the session with what went wrong', async () => {
    const mic = startRecording({ name: 'arecord', command: '/nonexistent/arecord', args: [] }, spawn);
    await assert.rejects(collect(t.rig.router.voice({ modelId: SONIC, audio: mic })), /arecord could not start/);
  });

  it('answers a typed turn', async () => {
    const events = await collect(t.rig.router.voice({ modelId: SONIC, text: 'Hello there' }));
    const heard = events.find((e) => e.type === 'transcript' && e.role === 'user');
    assert.equal(heard && heard.type === 'transcript' && heard.text, 'Hello there');
  });

  it('Stop closes the HTTP/2 stream mid-session', async () => {
    const ac = new AbortController();
    const seen: VoiceEvent[] = [];
    await assert.rejects(
      (async () => {
        for await (const e of t.rig.router.voice({ modelId: SONIC, audio: speech(), signal: ac.signal })) {
          seen.push(e);
          if (e.type === 'audio') ac.abort(new Error('Stopped by the user'));
        }
      })(),
      (err: unknown) => err instanceof BedrockError && err.classified.kind === 'cancelled',
    );
    assert.ok(seen.some((e) => e.type === 'transcript'), 'what arrived before Stop was delivered');
    const record = t.emu.requests.find((r) => r.route === 'InvokeModelWithBidirectionalStream')!;
    assert.deepEqual(await record.closed, { aborted: true }, 'the stream was reset, not finished');
  });

  it('ends at the session limit with a message saying so, closing the session with its closing events', async () => {
    await assert.rejects(collect(t.rig.router.voice({ modelId: SONIC, audio: speech(), limitMs: 1 })), (err: unknown) => err instanceof BedrockError && /8-minute limit/.test(err.message));
    assert.deepEqual(sonicEventsOf(t.emu).slice(-3), ['contentEnd', 'promptEnd', 'sessionEnd']);
  });

  it('refuses with only an API key configured, before sending anything', async () => {
    const keyRig = await makeRig(t.emu, { apiKey: 'bedrock-api-key-test-0000', staticCredentials: undefined });
    t.emu.clearRequests();
    try {
      await assert.rejects(collect(keyRig.router.voice({ modelId: SONIC, audio: speech() })), (err: unknown) => err instanceof BedrockError && /API keys cannot call InvokeModelWithBidirectionalStream.*Configure an AWS profile or SSO \(Bedrock: Choose AWS Profile…\)/.test(err.message));
      assert.equal(t.emu.requests.length, 0);
    } finally {
      keyRig.dispose();
    }
  });

  it('refuses a model that has no voice API', () => {
    assert.throws(() => t.rig.router.voice({ modelId: 'amazon.nova-micro-v1:0', text: 'hi' }), /does not take voice input/);
  });
});
