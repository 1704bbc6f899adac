// Attachments as a user meets them in the real workbench against the emulator: an image pasted into
// the message box, a document picked with VS Code's open dialog, a too-large image downscaled in
// the webview (the chip says so, the model gets 8,000 px), the chips sent with the message and the
// reply saying what arrived; screenshots of the composer with chips in three themes at two widths.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { openWorkbench, screenshotDir, type Workbench } from './workbench';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const THEMES: Array<[name: string, theme: string, rootClass: string]> = [
  ['dark', 'Default Dark Modern', 'vs-dark'],
  ['light', 'Default Light Modern', 'vs'],
  ['high-contrast', 'Default High Contrast', 'hc-black'],
];

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('chat attachments in the real workbench', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench({
      workspaceFiles: { 'docs/Q3 report.pdf': '%PDF-1.4\n% quarterly figures\n' },
      settings: { 'bedrock.chat.defaultModel': MODEL, 'workbench.colorTheme': 'Default Dark Modern' },
    });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`FAILED-attachments-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => {
    await wb?.close();
  });

  const chat = (): FrameLocator => wb.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  const trayChip = (name: string): Locator => chat().locator('.attachment-tray .attachment-chip', { hasText: name });

  /**
   * A paste as the webview receives it: a ClipboardEvent whose clipboardData holds the file. (The
   * headless browser has no system clipboard to paste from; the event is the same one a real paste
   * delivers to the message box.)
   */
  async function pasteImage(source: { base64: string } | { width: number; height: number }, name: string): Promise<void> {
    await chat()
      .locator('#prompt')
      .evaluate(
        async (input, { source, name }) => {
          let blob: Blob;
          if ('base64' in source) blob = new Blob([Uint8Array.from(atob(source.base64), (c) => c.charCodeAt(0))], { type: 'image/png' });
          else {
            const canvas = document.createElement('canvas');
            canvas.width = source.width;
            canvas.height = source.height;
            const ctx = canvas.getContext('2d')!;
            const gradient = ctx.createLinearGradient(0, 0, source.width, 0);
            gradient.addColorStop(0, '#1f6feb');
            gradient.addColorStop(1, '#f78166');
            ctx.fillStyle = gradient;
            ctx.fillRect(0, 0, source.width, source.height);
            blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
          }
          const data = new DataTransfer();
          data.items.add(new File([blob], name, { type: 'image/png' }));
          input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        },
        { source, name },
      );
  }

  it('open the chat, paste an image, pick a document with the open dialog, downscale a 9,000 px image; send and see the reply', async () => {
    const page = wb.page;
    await page.keyboard.press('Control+Alt+J');
    await page.locator('.part.sidebar .composite.title', { hasText: /Bedrock Chat/i }).waitFor({ timeout: 30_000 });
    await chat().locator(`#model-select option[value="${MODEL}"]`).waitFor({ state: 'attached', timeout: 30_000 });

    await pasteImage({ base64: PNG_1X1 }, 'pixel.png');
    await trayChip('pixel.png').waitFor({ timeout: 15_000 });

    // Attach → Files and Images… opens VS Code's own open dialog (the simple dialog in the browser).
    await chat().locator('#attach').click();
    await chat().locator('.attach-menu [data-attach="files"]').click();
    const dialogInput = page.locator('.quick-input-widget input');
    await dialogInput.waitFor({ timeout: 15_000 });
    const workspace = join(dirname(wb.userDataDir), 'workspace');
    await dialogInput.fill(join(workspace, 'docs', 'Q3 report.pdf'));
    await page.keyboard.press('Enter');
    await trayChip('Q3 report.pdf').waitFor({ timeout: 15_000 });

    await pasteImage({ width: 9000, height: 300 }, 'wide.png');
    const wide = trayChip('wide.png');
    await wide.waitFor({ timeout: 30_000 });
    assert.match((await wide.locator('.attachment-chip-note').textContent()) ?? '', /^downscaled from 9,000 × 300 to 8,000 × 266 px$/);

    // Keyboard: the chips' remove buttons are tab stops with names.
    assert.deepEqual(await chat().locator('.attachment-tray .attachment-chip-remove').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label'))), [
      'Remove attachment pixel.png',
      'Remove attachment docs/Q3 report.pdf',
      'Remove attachment wide.png',
    ]);
    await wb.screenshot('attachments-composer-workbench');

    const input = chat().locator('#prompt');
    await input.click();
    await input.fill('What is in these?');
    await input.press('Enter');
    const reply = chat().locator('.turn-assistant').last();
    await reply.locator('.turn-line', { hasText: 'ConverseStream' }).filter({ hasText: / · total \d/ }).waitFor({ timeout: 30_000 });
    assert.match((await reply.textContent()) ?? '', /Received image png 70 bytes 1x1; document pdf "Q3 report" 29 bytes; image png \d+ bytes 8000x266\./);
    assert.deepEqual(await chat().locator('.turn-user').last().locator('.attachment-chip-label').allTextContents(), ['pixel.png', 'Q3 report.pdf', 'wide.png']);
    assert.equal(await chat().locator('.attachment-tray').isHidden(), true, 'the tray empties when the message is sent');

    const sent = wb.emulator!.requests.find((r) => r.route === 'ConverseStream')!;
    const content = (sent.body as J).messages[0].content as J[];
    assert.deepEqual(
      content.map((b) => Object.keys(b)[0]),
      ['text', 'image', 'document', 'image'],
    );
    const wideBytes = Buffer.from(content[3].image.source.bytes, 'base64');
    assert.deepEqual([wideBytes.readUInt32BE(16), wideBytes.readUInt32BE(20)], [8000, 266], 'the model got the downscaled image');
  });

  it('screenshots: the composer with chips at 350 px and 1,200 px wide, in dark, light and high contrast', async () => {
    const page = wb.page;
    const sidebar = page.locator('.part.sidebar');
    await pasteImage({ base64: PNG_1X1 }, 'screenshot-of-the-failing-build.png');
    await trayChip('screenshot-of-the-failing-build.png').waitFor({ timeout: 15_000 });
    await chat().locator('#attach').click();
    await chat().locator('.attach-menu [data-attach="files"]').click();
    await page.locator('.quick-input-widget input').fill(join(dirname(wb.userDataDir), 'workspace', 'docs', 'Q3 report.pdf'));
    await page.keyboard.press('Enter');
    await trayChip('Q3 report.pdf').waitFor({ timeout: 15_000 });

    async function widenTo(width: number): Promise<void> {
      const box = (await sidebar.boundingBox())!;
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + box.width, y);
      await page.mouse.down();
      await page.mouse.move(box.x + width, y, { steps: 10 });
      await page.mouse.up();
    }
    function setTheme(theme: string): void {
      for (const scope of ['User', 'Machine']) {
        const file = join(wb.userDataDir, scope, 'settings.json');
        const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
        writeFileSync(file, JSON.stringify({ ...settings, 'workbench.colorTheme': theme }, null, 2));
      }
    }
    const shots: string[] = [];
    for (const width of [350, 1200]) {
      if (width > 1000) await page.setViewportSize({ width: 1600, height: 900 });
      await widenTo(width);
      for (const [name, theme, rootClass] of THEMES) {
        setTheme(theme);
        await page.locator(`.monaco-workbench.${rootClass}`).waitFor({ timeout: 30_000 });
        await trayChip('Q3 report.pdf').waitFor();
        const path = join(screenshotDir, `chat-attachments-${name}-${width}.png`);
        await sidebar.screenshot({ path });
        shots.push(path);
      }
    }
    assert.equal(shots.length, 6);
  });
});
