// A voice turn as a user runs it: Voice Chat from the palette, Nova Sonic, a typed message; the
// panel beside the editor shows what the model heard, its reply, and a playable WAV of its voice.
// Screenshots of the panel in dark, light and high contrast.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { openWorkbench, screenshotDir, type Workbench } from './workbench';
import { SPOKEN_REPLY } from '../emulator/sonic';

const THEMES: Array<[name: string, theme: string, rootClass: string]> = [
  ['dark', 'Default Dark Modern', 'vs-dark'],
  ['light', 'Default Light Modern', 'vs'],
  ['high-contrast', 'Default High Contrast', 'hc-black'],
];

describe('voice chat in the real workbench', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench({ settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`FAILED-voice-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => {
    await wb?.close();
  });

  const panel = (): FrameLocator => wb.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');

  it('Voice Chat → Nova Sonic → a typed turn: transcript, reply and a playable voice reply', async () => {
    const page = wb.page;
    // The palette lists the extension's commands once its contributions are in (the activity-bar entry shows it).
    await page.locator('.activitybar .action-item a[aria-label^="Bedrock"]').first().waitFor({ timeout: 30_000 });
    // Clicked rather than Enter: the palette may rank a built-in "similar command" above ours.
    await page.keyboard.press('F1');
    const quick = page.locator('.quick-input-widget');
    await quick.locator('input').fill('>Bedrock: Voice Chat');
    await quick.locator('.monaco-list-row', { hasText: 'Bedrock: Voice Chat' }).first().click({ timeout: 30_000 });
    await quick.locator('.monaco-list-row', { hasText: 'amazon.nova-sonic-v1:0' }).first().click({ timeout: 30_000 });
    await quick.locator('.monaco-list-row', { hasText: 'Type a message' }).first().click({ timeout: 30_000 });
    await quick.locator('input').fill('Hello from the editor');
    await page.keyboard.press('Enter');

    await panel().locator('body[data-audio="ready"]').waitFor({ timeout: 30_000 });
    assert.equal(await panel().locator('#heard').textContent(), 'Hello from the editor');
    assert.equal(await panel().locator('#reply').textContent(), SPOKEN_REPLY);
    assert.equal(await panel().locator('#status').textContent(), 'Done.');
    const audio = await panel().locator('#audio').evaluate(async (a: HTMLAudioElement) => {
      if (a.readyState < 1) await new Promise((r) => a.addEventListener('loadedmetadata', r, { once: true }));
      return { duration: a.duration, src: a.src.slice(0, 22), error: a.error?.message };
    });
    assert.equal(audio.src, 'data:audio/wav;base64,');
    assert.ok(Math.abs(audio.duration - 0.5) < 0.05, `half a second of voice, got ${audio.duration}`);
    assert.equal(audio.error, undefined);
    const req = wb.emulator!.requests.find((r) => r.route === 'InvokeModelWithBidirectionalStream');
    assert.ok(req);
    assert.equal(req.auth.kind, 'sigv4');
  });

  it('screenshots: the voice panel in dark, light and high contrast', async () => {
    const page = wb.page;
    for (const [name, theme, rootClass] of THEMES) {
      for (const scope of ['User', 'Machine']) {
        const file = join(wb.userDataDir, scope, 'settings.json');
        const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
        writeFileSync(file, JSON.stringify({ ...settings, 'workbench.colorTheme': theme }, null, 2));
      }
      await page.locator(`.monaco-workbench.${rootClass}`).waitFor({ timeout: 30_000 });
      await panel().locator('body[data-audio="ready"]').waitFor({ timeout: 30_000 });
      await page.locator('.part.editor').screenshot({ path: join(screenshotDir, `voice-chat-${name}.png`) });
    }
  });
});
