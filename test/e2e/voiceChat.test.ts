// Voice turns as a user has them, in the real workbench: Voice Chat from the palette opens the chat
// view with a Nova Sonic model chosen and the voice composer under the transcript. A typed turn to
// Nova 2 Sonic, then a microphone turn (Speak, then Done speaking) whose audio streams in while the
// recorder runs: the chat shows what the model heard, what it said, and its voice as audio elements
// that play. CI has no microphone: `arecord` on the extension host's PATH is a shim running
// test/fixtures/fakeRecorder.mjs, which writes a WAV's samples as a recorder would.
import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { onlyWebview } from './webviewOver';
import { closeAfterSuite, openWorkbench, projectRoot, type Workbench } from './workbench';
import { HEARD_TEXT, SPOKEN_REPLY } from '../emulator/sonic';
import { encodeWav, pcmBytes } from '../../src/core/bedrock/speech/wav';

function fakeMicrophoneEnv(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'bedrock-e2e-mic-'));
  // A second of speech-level tone, then quiet long enough for the model's turn detection.
  const samples = Int16Array.from({ length: 16000 * 2.7 }, (_, i) => (i < 16000 ? Math.round(Math.sin((2 * Math.PI * 300 * i) / 16000) * 6000) : 0));
  writeFileSync(join(dir, 'speech.wav'), encodeWav(pcmBytes(samples), 16000));
  const shim = join(dir, 'arecord');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${join(projectRoot, 'test', 'fixtures', 'fakeRecorder.mjs')}" "$@"\n`);
  chmodSync(shim, 0o755);
  return {
    PATH: `${dir}${delimiter}${process.env.PATH ?? ''}`,
    BEDROCK_FAKE_RECORDER_WAV: join(dir, 'speech.wav'),
    // The server would otherwise give the extension host the login shell's PATH (the shim not on it);
    // VSCODE_CLI=1 is how VS Code says the environment is already the user's.
    VSCODE_CLI: '1',
  };
}

describe('voice turns in the chat view, in the real workbench', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench({ settings: { 'workbench.colorTheme': 'Default Dark Modern' }, env: fakeMicrophoneEnv() });
  });
  closeAfterSuite('voice', () => wb);

  const chat = (): FrameLocator => onlyWebview(wb.page);

  /** Plays an audio element's metadata in: its duration and whether it failed to load. */
  const audioOf = (locator: ReturnType<FrameLocator['locator']>) =>
    locator.evaluate(async (a: HTMLAudioElement) => {
      if (a.readyState < 1 && !a.error) await new Promise((r) => (a.addEventListener('loadedmetadata', r, { once: true }), a.addEventListener('error', r, { once: true })));
      return { duration: a.duration, src: a.src.slice(0, 22), error: a.error?.message };
    });

  it('Voice Chat → Nova 2 Sonic → a typed turn: the reply text and a playable voice reply in the chat', async () => {
    const page = wb.page;
    await page.locator('.activitybar .action-item a[aria-label^="Bedrock"]').first().waitFor({ timeout: 30_000 });
    await wb.runCommand('Bedrock: Voice Chat');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'amazon.nova-2-sonic-v1:0' }).first().click({ timeout: 30_000 });

    const bar = chat().locator('.voice-bar');
    await bar.waitFor({ timeout: 30_000 });
    assert.match((await bar.textContent()) ?? '', /Speak.*Send WAV file….*or type a message/);
    const input = chat().locator('#prompt');
    await input.click();
    await input.fill('Hello from the editor');
    await input.press('Enter');

    const turn = chat().locator('.turn-assistant').last();
    await turn.locator('.voice-clip .voice-player-toggle').waitFor({ timeout: 30_000 });
    assert.equal(await turn.locator('.voice-reply').textContent(), SPOKEN_REPLY);
    assert.equal(await chat().locator('.turn-user .user-text').last().textContent(), 'Hello from the editor');
    const audio = await audioOf(turn.locator('.voice-clip audio'));
    assert.equal(audio.src, 'data:audio/wav;base64,');
    assert.ok(Math.abs(audio.duration - 0.5) < 0.05, `half a second of voice, got ${audio.duration}`);
    assert.equal(audio.error, undefined);
    // The themed player: no native controls; its button plays the clip to the end.
    assert.equal(await turn.locator('.voice-clip audio[controls]').count(), 0);
    assert.equal(await turn.locator('.voice-player-time').textContent(), '0:00 / 0:01');
    const toggle = turn.locator('.voice-player-toggle');
    assert.equal(await toggle.getAttribute('aria-label'), 'Play voice reply');
    await toggle.click();
    await turn.locator('.voice-clip audio').evaluate((a: HTMLAudioElement) => a.ended || new Promise((r) => a.addEventListener('ended', r, { once: true })));
    assert.equal(await turn.locator('.voice-player-bar').getAttribute('aria-valuenow'), '100');
    assert.equal(await toggle.getAttribute('aria-label'), 'Play voice reply', 'back to Play when the clip ends');
    await turn.locator('.turn-line').filter({ hasText: /Bidirectional/ }).waitFor({ timeout: 10_000 });
    const req = wb.emulator!.requests.find((r) => r.route === 'InvokeModelWithBidirectionalStream');
    assert.equal(req?.auth.kind, 'sigv4');
  });

  it('Speak streams the microphone, Done speaking ends it: what the model heard, its reply and both recordings', async () => {
    const speak = chat().locator('.voice-speak');
    await speak.click();
    await chat().locator('.voice-status', { hasText: 'Listening (arecord)' }).waitFor({ timeout: 30_000 });
    // The reply arrives while the microphone is still open.
    const user = chat().locator('.turn-user').last();
    await user.locator('.user-text', { hasText: HEARD_TEXT }).waitFor({ timeout: 30_000 });
    await chat().locator('.turn-assistant').last().locator('.voice-reply:not(.is-draft)', { hasText: SPOKEN_REPLY }).waitFor({ timeout: 30_000 });
    assert.equal((await speak.textContent())?.trim(), 'Done speaking');
    await speak.click();

    const turn = chat().locator('.turn-assistant').last();
    await turn.locator('.voice-clip .voice-player-toggle').waitFor({ timeout: 30_000 });
    const reply = await audioOf(turn.locator('.voice-clip audio'));
    assert.ok(Math.abs(reply.duration - 0.5) < 0.05, `the voice reply, got ${reply.duration}`);
    await user.locator('.voice-clip .voice-player-toggle').waitFor({ timeout: 30_000 });
    const recording = await audioOf(user.locator('.voice-clip audio'));
    assert.ok(recording.duration >= 2.7, `the whole recording, got ${recording.duration}`);
    assert.equal(recording.error, undefined);
    assert.equal((await speak.textContent())?.trim(), 'Speak', 'the microphone is closed');
  });
});
