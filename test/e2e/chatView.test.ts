// The chat view as a user meets it: opened from its keybinding beside the code, a turn against the
// emulator, Escape back to the editor, and screenshots of the view at 350 px and 1,200 px wide in
// the light, dark and high-contrast themes.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { closeAfterSuite, openWorkbench, screenshotDir, type Workbench } from './workbench';
import { forEachWidthAndTheme } from './themesAndWidths';
import { onlyWebview } from './webviewOver';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const SOURCE = 'export function twice(n: number): number {\n  return n * 2;\n}\n';

describe('chat view in the real workbench (keybinding, Escape, themes, widths)', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench({ workspaceFiles: { 'sample.ts': SOURCE }, settings: { 'bedrock.chat.defaultModel': MODEL, 'workbench.colorTheme': 'Default Dark Modern' } });
  });
  closeAfterSuite('chat-view', () => wb);

  /** The chat view's page (the only webview until the editor-tab chat opens). */
  const sideChat = () => onlyWebview(wb.page);

  it('Ctrl+Alt+J opens the chat view beside the open editor; a turn streams from the emulator; Escape returns to the editor', async () => {
    const page = wb.page;
    await wb.openChatBeside('sample.ts', 'twice');
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
    const shots: string[] = [];
    await forEachWidthAndTheme(wb, async (name, width) => {
      await sideChat().locator('.turn-assistant .turn-line').first().waitFor();
      const path = join(screenshotDir, `chat-view-${name}-${width}.png`);
      await sidebar.screenshot({ path });
      shots.push(path);
    });
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
      const turnError = sideChat().locator('.turn-assistant .turn-error').last();
      await turnError.waitFor({ timeout: 60_000 });
      // An endpoint is overridden: the error's action opens the endpoint settings, not the proxy's.
      await turnError.locator('button', { hasText: 'Open endpoint settings' }).waitFor();
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
