// Voice chat over InvokeModelWithBidirectionalStream: the real SDK command, full duplex over HTTP/2,
// signed input frames, against the emulator's Nova Sonic.
import * as assert from 'node:assert/strict';
import { makeRig, startEmulator, type Rig } from '../router/routerHarness';
import type { EmulatorHandle } from '../../emulator/emulator';
import { HEARD_TEXT, SPOKEN_REPLY } from '../../emulator/sonic';
import { OUTPUT_RATE, type VoiceEvent } from '../../../src/core/bedrock/speech/voiceSession';
import { BedrockError } from '../../../src/core/bedrock/errors/classifiedError';

const SONIC = 'amazon.nova-sonic-v1:0';

/** One second of a spoken-level 300 Hz tone at 16 kHz: "speech" to the emulator's turn detection. */
function speech(seconds = 1): Int16Array {
  return Int16Array.from({ length: 16000 * seconds }, (_, i) => Math.round(Math.sin((2 * Math.PI * 300 * i) / 16000) * 6000));
}

async function collect(it: AsyncIterable<VoiceEvent>): Promise<VoiceEvent[]> {
  const out: VoiceEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

const sonicEventsOf = (emu: EmulatorHandle) => (emu.requests.find((r) => r.route === 'InvokeModelWithBidirectionalStream') as { sonicEvents?: string[] } | undefined)?.sonicEvents ?? [];

describe('voice chat with Nova Sonic (bidirectional HTTP/2 stream against the emulator)', () => {
  let emu: EmulatorHandle;
  let rig: Rig;

  beforeEach(async () => {
    emu = await startEmulator();
    rig = await makeRig(emu);
    emu.clearRequests();
  });
  afterEach(async () => {
    rig.dispose();
    await emu.close();
  });

  it('sends the audio and gets the transcript, the reply text and the spoken reply', async () => {
    const events = await collect(rig.router.voice({ modelId: SONIC, audio: speech(), system: 'Be brief.' }));
    const transcripts = events.flatMap((e) => (e.type === 'transcript' ? [`${e.role}/${e.stage}: ${e.text}`] : []));
    assert.deepEqual(transcripts, [`user/final: ${HEARD_TEXT}`, `assistant/speculative: ${SPOKEN_REPLY}`, `assistant/final: ${SPOKEN_REPLY}`]);
    const audioBytes = events.reduce((n, e) => n + (e.type === 'audio' ? e.pcm.length : 0), 0);
    assert.equal(audioBytes, OUTPUT_RATE * 0.5 * 2, 'half a second of 16-bit audio at the output rate');
    assert.deepEqual(events.at(-1), { type: 'end', stopReason: 'END_TURN' });
    assert.ok(events.some((e) => e.type === 'usage' && e.outputTokens > 0));

    const record = emu.requests.find((r) => r.route === 'InvokeModelWithBidirectionalStream')!;
    assert.equal(record.httpVersion, '2');
    assert.equal(record.auth.kind, 'sigv4');
    assert.equal(record.headers['content-type'], 'application/vnd.amazon.eventstream');
    const order = sonicEventsOf(emu);
    assert.deepEqual(order.slice(0, 6), ['sessionStart', 'promptStart', 'contentStart', 'textInput', 'contentEnd', 'contentStart']);
    assert.ok(order.filter((n) => n === 'audioInput').length >= 16, 'the audio went in frames');
    assert.deepEqual(order.slice(-3), ['contentEnd', 'promptEnd', 'sessionEnd'], 'the session closed cleanly after the reply');
    assert.deepEqual(await record.closed, { aborted: false });
  });

  it('answers a typed turn', async () => {
    const events = await collect(rig.router.voice({ modelId: SONIC, text: 'Hello there' }));
    const heard = events.find((e) => e.type === 'transcript' && e.role === 'user');
    assert.equal(heard && heard.type === 'transcript' && heard.text, 'Hello there');
  });

  it('Stop closes the HTTP/2 stream mid-session', async () => {
    const ac = new AbortController();
    const seen: VoiceEvent[] = [];
    await assert.rejects(
      (async () => {
        for await (const e of rig.router.voice({ modelId: SONIC, audio: speech(), signal: ac.signal })) {
          seen.push(e);
          if (e.type === 'audio') ac.abort(new Error('Stopped by the user'));
        }
      })(),
      (err: unknown) => err instanceof BedrockError && err.classified.kind === 'cancelled',
    );
    assert.ok(seen.some((e) => e.type === 'transcript'), 'what arrived before Stop was delivered');
    const record = emu.requests.find((r) => r.route === 'InvokeModelWithBidirectionalStream')!;
    assert.deepEqual(await record.closed, { aborted: true }, 'the stream was reset, not finished');
  });

  it('ends at the session limit with a message saying so', async () => {
    await assert.rejects(collect(rig.router.voice({ modelId: SONIC, audio: speech(), limitMs: 1 })), (err: unknown) => err instanceof BedrockError && /8-minute limit/.test(err.message));
  });

  it('refuses with only an API key configured, before sending anything', async () => {
    const keyRig = await makeRig(emu, { apiKey: 'bedrock-api-key-test-0000', staticCredentials: undefined });
    emu.clearRequests();
    try {
      await assert.rejects(collect(keyRig.router.voice({ modelId: SONIC, audio: speech() })), (err: unknown) => err instanceof BedrockError && /API keys cannot call InvokeModelWithBidirectionalStream/.test(err.message));
      assert.equal(emu.requests.length, 0);
    } finally {
      keyRig.dispose();
    }
  });

  it('refuses a model that has no voice API', () => {
    assert.throws(() => rig.router.voice({ modelId: 'amazon.nova-micro-v1:0', text: 'hi' }), /does not take voice input/);
  });
});
