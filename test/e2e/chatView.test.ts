// The chat view as a user meets it: opened from its keybinding beside the code, a turn against the
// emulator, Escape back to the editor, and screenshots of the view at 350 px and 1,200 px wide in
// the light, dark and high-contrast themes.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { openWorkbench, screenshotDir, type Workbench } from './workbench';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const SOURCE = 'export function twice(n: number): number {\n  return n * 2;\n}\n';

/** Theme setting → the class the workbench puts on its root once the theme is applied. */
const THEMES: Array<[name: string, theme: string, rootClass: string]> = [
  ['dark', 'Default Dark Modern', 'vs-dark'],
  ['light', 'Default Light Modern', 'vs'],
  ['high-contrast', 'Default High Contrast', 'hc-black'],
];

/** The chat page: webviews are overlaid on the workbench, not inside the part that shows them. */
function chatFrame(wb: Workbench): FrameLocator {
  return wb.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

describe('chat view in the real workbench (keybinding, Escape, themes, widths)', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench({ workspaceFiles: { 'sample.ts': SOURCE }, settings: { 'bedrock.chat.defaultModel': MODEL, 'workbench.colorTheme': 'Default Dark Modern' } });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`FAILED-chat-view-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => {
    await wb?.close();
  });

  /** Switches the theme as editing settings.json does (the server's copy wins over the user's, so both). */
  function setTheme(theme: string): void {
    for (const scope of ['User', 'Machine']) {
      const file = join(wb.userDataDir, scope, 'settings.json');
      const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      writeFileSync(file, JSON.stringify({ ...settings, 'workbench.colorTheme': theme }, null, 2));
    }
  }

  /** The chat view's page (the only webview until the editor-tab chat opens). */
  const sideChat = () => chatFrame(wb);

  it('Ctrl+Alt+J opens the chat view beside the open editor; a turn streams from the emulator; Escape returns to the editor', async () => {
    const page = wb.page;
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('sample.ts');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'sample.ts' }).first().waitFor();
    await page.keyboard.press('Enter');
    const code = page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'twice' }).first();
    await code.waitFor({ timeout: 30_000 });
    await code.click();
    // The keybinding is contributed statically: it works (and activates the extension) from a cold start.
    await page.keyboard.press('Control+Alt+J');

    const sidebar = page.locator('.part.sidebar');
    await sidebar.locator('.composite.title', { hasText: /Bedrock Chat/i }).waitFor({ timeout: 30_000 });
    const chat = sideChat();
    await chat.locator(`#model-picker[data-model-id="${MODEL}"]`).waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.tabs-container .tab', { hasText: 'Bedrock Chat' }).count(), 0, 'no editor tab covers the code');
    assert.equal(await page.locator('.tabs-container .tab', { hasText: 'sample.ts' }).count(), 1, 'the editor stays open beside the chat');

    const input = chat.locator('#prompt');
    await input.click();
    await input.fill('Explain retries with a short example');
    await input.press('Enter');
    await chat.locator('.turn-assistant .turn-line', { hasText: 'ConverseStream' }).filter({ hasText: / · total \d/ }).waitFor({ timeout: 30_000 });
    assert.ok(wb.emulator!.requests.some((r) => r.route === 'ConverseStream'), 'the emulator served the turn');

    await input.click();
    await input.press('Escape');
    await page.locator('.editor-instance .monaco-editor.focused').waitFor({ timeout: 10_000 });
  });

  it('screenshots: the view at 350 px and at 1,200 px wide, in dark, light and high contrast', async () => {
    const page = wb.page;
    const sidebar = page.locator('.part.sidebar');
    /** Drags the side bar's sash until the view is `width` px wide, as a user would. */
    async function widenTo(width: number): Promise<void> {
      const box = (await sidebar.boundingBox())!;
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + box.width, y);
      await page.mouse.down();
      await page.mouse.move(box.x + width, y, { steps: 10 });
      await page.mouse.up();
      const actual = (await sidebar.boundingBox())!.width;
      assert.ok(Math.abs(actual - width) <= 4, `side bar is ${actual} px wide, wanted ${width}`);
    }

    const shots: string[] = [];
    for (const width of [350, 1200]) {
      if (width > 1000) await page.setViewportSize({ width: 1600, height: 900 });
      await widenTo(width);
      for (const [name, theme, rootClass] of THEMES) {
        setTheme(theme);
        await page.locator(`.monaco-workbench.${rootClass}`).waitFor({ timeout: 30_000 });
        await sideChat().locator('.turn-assistant .turn-line').first().waitFor();
        const path = join(screenshotDir, `chat-view-${name}-${width}.png`);
        await sidebar.screenshot({ path });
        shots.push(path);
      }
    }
    assert.equal(shots.length, 6);
  });

  it('a turn that cannot reach the runtime endpoint says so in the status bar and its menu, with what was being done', async () => {
    const page = wb.page;
    const emulator = wb.emulator!.url;
    // Nothing listens on port 1 of this machine: the turn's connection is refused. The extension
    // has the new endpoint once it lists the models again (every connection change does).
    wb.emulator!.clearRequests();
    wb.updateSettings({ 'bedrock.endpoints.runtime': 'http://127.0.0.1:1' });
    const failed = page.locator('.statusbar-item', { hasText: 'runtime failed' }).first();
    try {
      await wb.emulator!.waitForRequest((r) => r.route === 'ListFoundationModels', 30_000);
      const input = sideChat().locator('#prompt');
      await input.click();
      await input.fill('Are you there?');
      await input.press('Enter');
      await sideChat().locator('.turn-assistant .turn-error').last().waitFor({ timeout: 60_000 });
      await failed.waitFor({ timeout: 10_000 });
      await failed.click();
      const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'runtime endpoint failed' });
      await row.waitFor();
      assert.match(await row.innerText(), /127\.0\.0\.1:1\) failed running a chat turn \(ConverseStream\)/);
      await wb.screenshot('status-menu-runtime-failed');
      await page.keyboard.press('Escape');
    } finally {
      wb.updateSettings({ 'bedrock.endpoints.runtime': emulator });
    }
    // Another connection: what failed on the old one is no longer said.
    await failed.waitFor({ state: 'detached', timeout: 30_000 });
  });
});
