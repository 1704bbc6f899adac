import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import { encodeWav, pcmBytes } from '../../src/core/bedrock/speech/wav';
import { EXTENSION_ID } from './extensionId';
import { clearEmulator, recordedRequests } from './emulatorClient';

const SONIC = 'amazon.nova-sonic-v1:0';

/** One second of speech-level tone at 44.1 kHz: the command resamples it to 16 kHz. */
function wavFixture(): vscode.Uri {
  const samples = Int16Array.from({ length: 44100 }, (_, i) => Math.round(Math.sin((2 * Math.PI * 300 * i) / 44100) * 6000));
  const path = join(mkdtempSync(join(tmpdir(), 'bedrock-voice-')), 'question.wav');
  writeFileSync(path, encodeWav(pcmBytes(samples), 44100));
  return vscode.Uri.file(path);
}

describe('voice chat (real extension host, against the emulator’s Nova Sonic)', () => {
  let api: WorkbenchApi;

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
  });
  beforeEach(() => clearEmulator());
  after(() => api.voice.lastPanelForTests()?.dispose());

  it('sends a WAV file and shows what the model heard, its reply and its voice', async () => {
    const panel = await vscode.commands.executeCommand<{ shown: Array<{ type: string; role?: string; stage?: string; text?: string; dataUri?: string; seconds?: number }> } | undefined>(
      'bedrock.voiceChat',
      SONIC,
      { kind: 'wav', uri: wavFixture() },
    );
    assert.ok(panel, 'the session ran in a panel');
    const transcripts = panel.shown.filter((m) => m.type === 'transcript');
    assert.deepEqual(transcripts.map((m) => `${m.role}/${m.stage}`), ['user/final', 'assistant/speculative', 'assistant/final']);
    assert.match(transcripts[0].text ?? '', /cache module/);
    const audio = panel.shown.find((m) => m.type === 'audio');
    assert.ok(audio?.dataUri?.startsWith('data:audio/wav;base64,UklGR'), 'a playable WAV (RIFF header)');
    assert.equal(audio?.seconds, 0.5);
    assert.equal(panel.shown.at(-2)?.type === 'status' ? panel.shown.at(-2)?.text : undefined, 'Done.');
    const request = (await recordedRequests()).find((r) => r.route === 'InvokeModelWithBidirectionalStream');
    assert.ok(request, 'the emulator served the bidirectional stream');
    assert.equal(request.httpVersion, '2');
  });

  it('names the model it cannot use for voice', async () => {
    const panel = await vscode.commands.executeCommand('bedrock.voiceChat', 'amazon.nova-micro-v1:0', { kind: 'text', text: 'hi' });
    assert.equal(panel, undefined);
    assert.equal((await recordedRequests()).filter((r) => r.route === 'InvokeModelWithBidirectionalStream').length, 0);
  });
});
