// Attachments as a user meets them in the real workbench against the emulator: an image pasted into
// the message box, a document picked with VS Code's open dialog, a too-large image downscaled in
// the webview (the chip says so, the model gets 8,000 px); the same chips sent through each API
// path (ConverseStream, InvokeModel with the Anthropic body, Anthropic Messages, Chat Completions)
// with each path's own encoding in the request the emulator received; and screenshots of the
// composer with chips, and of a sent message with its chips, in three themes at two widths.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { closeAfterSuite, openWorkbench, screenshotDir, type Workbench } from './workbench';
import { sendPrompt } from './chatPage';
import { forEachWidthAndTheme } from './themesAndWidths';
import { onlyWebview } from './webviewOver';

const HAIKU_3 = 'anthropic.claude-3-haiku-20240307-v1:0';
const HAIKU_45 = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const GEMMA = 'google.gemma-3-27b-it';
const SOURCE = 'export function twice(n: number): number {\n  return n * 2;\n}\n';
const PDF = '%PDF-1.4\n% quarterly figures\n';
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('chat attachments in the real workbench (paste, open dialog, downscale, every API path)', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench({
      workspaceFiles: { 'sample.ts': SOURCE, 'docs/Q3 report.pdf': PDF },
      settings: { 'bedrock.chat.defaultModel': HAIKU_3, 'workbench.colorTheme': 'Default Dark Modern' },
    });
  });
  closeAfterSuite('attachments', () => wb);

  const chat = (): FrameLocator => onlyWebview(wb.page);
  const trayChip = (name: string): Locator => chat().locator('.attachment-tray .attachment-chip', { hasText: name });

  /**
   * A paste as the webview receives it: a ClipboardEvent whose clipboardData holds the file. (The
   * headless browser has no system clipboard to paste from; the event is the one a real paste
   * delivers to the message box.)
   */
  async function paste(source: { base64: string; type: string } | { width: number; height: number }, name: string): Promise<void> {
    await chat()
      .locator('#prompt')
      .evaluate(
        async (input, { source, name }) => {
          let blob: Blob;
          if ('base64' in source) blob = new Blob([Uint8Array.from(atob(source.base64), (c) => c.charCodeAt(0))], { type: source.type });
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
          data.items.add(new File([blob], name, { type: blob.type }));
          input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        },
        { source, name },
      );
    await trayChip(name).waitFor({ timeout: 30_000 });
  }

  const pastePixel = (name = 'pixel.png') => paste({ base64: PNG_1X1, type: 'image/png' }, name);

  /** Attach → Files and Images… opens VS Code's own open dialog (the simple dialog in the browser). */
  async function pickWorkspaceFile(relative: string): Promise<void> {
    await chat().locator('#attach').click();
    await chat().locator('.attach-menu [data-attach="files"]').click();
    const dialog = wb.page.locator('.quick-input-widget', { hasText: 'Attach files or images' });
    const input = dialog.locator('input');
    // The dialog fills in the workspace folder once it has listed it; typing before that is overwritten.
    await dialog.locator('.monaco-list-row', { hasText: 'sample.ts' }).waitFor({ timeout: 15_000 });
    const [folder, file] = [relative.slice(0, relative.lastIndexOf('/') + 1), relative.split('/').pop()!];
    await input.press('End');
    await input.pressSequentially(folder);
    // A click on a file's row accepts it, as a double-click does in a native dialog.
    await dialog.locator('.monaco-list-row', { hasText: file }).click({ timeout: 15_000 });
    await trayChip(file).waitFor({ timeout: 15_000 });
  }

  /** Runs a palette command by clicking its row (a built-in suggestion can rank above it). */
  async function runCommand(title: string): Promise<void> {
    await wb.page.keyboard.press('F1');
    const quick = wb.page.locator('.quick-input-widget');
    await quick.locator('input').fill('>' + title);
    await quick.locator('.monaco-list-row', { hasText: title }).first().click({ timeout: 30_000 });
  }

  /** A new chat with nothing left in the tray (from an earlier test that stopped half way). */
  async function newChat(): Promise<void> {
    await chat().locator('#new-chat').click();
    const remove = chat().locator('.attachment-tray .attachment-chip-remove');
    while ((await remove.count()) > 0) await remove.first().click();
  }

  /** Chooses a model in the header's picker by searching and clicking its row. */
  async function chooseModel(query: string, modelId: string): Promise<void> {
    await chat().locator('#model-picker').click();
    await chat().locator('#model-search').fill(query);
    await chat().locator(`[role="option"][data-model-id="${modelId}"]`).click();
    await chat().locator(`#model-picker[data-model-id="${modelId}"][aria-expanded="false"]`).waitFor();
  }

  /** Pins the API in the conversation settings ('' leaves the choice to the router). */
  async function pinApi(api: string): Promise<void> {
    await chat().locator('#settings-toggle').click();
    await chat().locator('#api-select').selectOption(api);
    await chat().locator('#settings-toggle').click();
  }

  /** Sends the message box's text with the tray's chips; waits for the finished turn line naming `apiLabel`. */
  async function send(text: string, apiLabel: string): Promise<string> {
    wb.emulator!.clearRequests();
    // The new reply, not the one before it (which has its finished line already).
    const reply = await sendPrompt(chat(), text);
    await reply.locator('.turn-line', { hasText: apiLabel }).filter({ hasText: / · total \d/ }).waitFor({ timeout: 30_000 });
    return (await reply.textContent()) ?? '';
  }

  /** The one model request of the last turn the emulator answered. */
  function sentBody(route: string): J {
    const sent = wb.emulator!.requests.filter((r) => r.route === route && r.status === 200);
    assert.equal(sent.length, 1, `one ${route} request: ${wb.emulator!.requests.map((r) => `${r.route} ${r.status}`).join(', ')}`);
    return sent[0]!.body as J;
  }

  it('paste an image, pick a PDF with the open dialog, downscale a 9,000 px image; sent through ConverseStream as image and document blocks', async () => {
    // Ctrl+Alt+J from the editor, as a user opens the chat beside their code.
    await wb.openChatBeside('sample.ts', 'twice');
    await chat().locator(`#model-picker[data-model-id="${HAIKU_3}"]`).waitFor({ timeout: 30_000 });

    await pastePixel();
    await pickWorkspaceFile('docs/Q3 report.pdf');
    await paste({ width: 9000, height: 300 }, 'wide.png');
    assert.equal(await trayChip('wide.png').locator('.attachment-chip-note').textContent(), 'downscaled from 9,000 × 300 to 8,000 × 266 px');
    // Keyboard: the chips' remove buttons are tab stops with names.
    assert.deepEqual(await chat().locator('.attachment-tray .attachment-chip-remove').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label'))), [
      'Remove attachment pixel.png',
      'Remove attachment docs/Q3 report.pdf',
      'Remove attachment wide.png',
    ]);

    const reply = await send('What is in these?', 'ConverseStream');
    assert.match(reply, /Received image png 70 bytes 1x1; document pdf "Q3 report" 29 bytes; image png \d+ bytes 8000x266\./);
    assert.deepEqual(await chat().locator('.turn-user').last().locator('.attachment-chip-label').allTextContents(), ['pixel.png', 'Q3 report.pdf', 'wide.png']);
    assert.equal(await chat().locator('.attachment-tray').isHidden(), true, 'the tray empties when the message is sent');

    const content = sentBody('ConverseStream').messages[0].content as J[];
    assert.deepEqual(
      content.map((b) => Object.keys(b)[0]),
      ['text', 'image', 'document', 'image'],
    );
    assert.deepEqual(content[2].document, { format: 'pdf', name: 'Q3 report', source: { bytes: Buffer.from(PDF).toString('base64') } });
    const wideBytes = Buffer.from(content[3].image.source.bytes, 'base64');
    assert.deepEqual([wideBytes.readUInt32BE(16), wideBytes.readUInt32BE(20)], [8000, 266], 'the model got the downscaled image');
  });

  it('InvokeModel with the Anthropic body (API pinned): base64 image and PDF document sources', async () => {
    await newChat();
    await pinApi('invoke');
    await pastePixel();
    await pickWorkspaceFile('docs/Q3 report.pdf');
    const reply = await send('Describe the attachments', 'InvokeModelWithResponseStream');
    assert.match(reply, /Received image png 70 bytes 1x1; document pdf "docs\/Q3 report.pdf" 29 bytes\./);
    const [text, image, document] = sentBody('InvokeModelWithResponseStream').messages[0].content as J[];
    assert.equal(text.type, 'text');
    assert.deepEqual(image, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_1X1 } });
    assert.deepEqual([document.type, document.source.type, document.source.media_type, document.source.data], ['document', 'base64', 'application/pdf', Buffer.from(PDF).toString('base64')]);
  });

  it('Anthropic Messages (Claude Haiku 4.5, API pinned): image and PDF blocks on the compatible endpoint', async () => {
    await newChat();
    await chooseModel('claude haiku 4.5', HAIKU_45);
    await pinApi('messages');
    await pastePixel();
    await pickWorkspaceFile('docs/Q3 report.pdf');
    const reply = await send('Summarise the report', 'Anthropic Messages');
    assert.match(reply, /Received image png 70 bytes 1x1; document pdf "docs\/Q3 report.pdf" 29 bytes\./);
    const content = sentBody('Messages').messages[0].content as J[];
    assert.deepEqual(
      content.map((b) => b.type),
      ['text', 'image', 'document'],
    );
    assert.equal(content[1].source.data, PNG_1X1);
    assert.equal(content[2].source.data, Buffer.from(PDF).toString('base64'));
  });

  it('Chat Completions (Gemma 3 27B, API pinned): the image as an image_url data URL', async () => {
    await newChat();
    await chooseModel('gemma 3 27b', GEMMA);
    await pinApi('chat-completions');
    await pastePixel();
    const reply = await send('What colour is this pixel?', 'Chat Completions');
    assert.match(reply, /Received image png 70 bytes 1x1\./);
    const content = sentBody('ChatCompletions').messages.at(-1).content as J[];
    assert.deepEqual(content[1], { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_1X1}` } });
  });

  it('screenshots: the composer with chips and a sent message with its chips, at 350 px and 1,200 px, in dark, light and high contrast', async () => {
    const page = wb.page;
    const sidebar = page.locator('.part.sidebar');
    await newChat();
    await chooseModel('claude 3 haiku', HAIKU_3);
    await pinApi('');
    await pastePixel('screenshot-of-the-failing-build.png');
    await pickWorkspaceFile('docs/Q3 report.pdf');
    await send('Why does the build fail? The log and the report are attached.', 'ConverseStream');
    await pastePixel('screenshot-of-the-failing-build.png');
    await pickWorkspaceFile('docs/Q3 report.pdf');
    await paste({ width: 9000, height: 300 }, 'wide-architecture-diagram.png');

    let shots = 0;
    await forEachWidthAndTheme(wb, async (name, width) => {
      await trayChip('wide-architecture-diagram.png').waitFor();
      // No helper functions inside evaluate: the test runner's transform would name them with a helper the page lacks.
      const fit = await chat().locator('body').evaluate((body) => {
        const transcript = body.querySelector('#transcript')!.getBoundingClientRect();
        const lines = body.querySelectorAll('.turn-assistant .turn-line');
        const tray = body.querySelector('.attachment-tray')!.getBoundingClientRect();
        return {
          lastLineBottom: lines[lines.length - 1]!.getBoundingClientRect().bottom,
          transcriptBottom: transcript.bottom,
          trayRight: tray.right,
          chipsRight: Math.max(...[...body.querySelectorAll('.attachment-tray .attachment-chip')].map((c) => c.getBoundingClientRect().right)),
        };
      });
      assert.ok(fit.lastLineBottom <= fit.transcriptBottom + 0.5, `the reply's last line stays in view above the grown composer: ${JSON.stringify(fit)}`);
      assert.ok(fit.chipsRight <= fit.trayRight + 0.5, `every chip fits the tray at ${width} px: ${JSON.stringify(fit)}`);
      await sidebar.screenshot({ path: join(screenshotDir, `chat-attachments-composer-${name}-${width}.png`) });
      // The sent message with its chips, scrolled into view as a user scrolls up to it.
      await chat().locator('.turn-user').last().scrollIntoViewIfNeeded();
      await sidebar.screenshot({ path: join(screenshotDir, `chat-attachments-sent-${name}-${width}.png`) });
      await chat().locator('#transcript').evaluate((t) => t.scrollTo({ top: t.scrollHeight }));
      shots += 2;
    });
    assert.equal(shots, 12);
  });

  it('chips not yet sent come back after the window reloads, and are sent from there', async () => {
    const page = wb.page;
    assert.equal(await chat().locator('.attachment-tray .attachment-chip').count(), 3, 'the screenshots left three chips in the tray');
    await runCommand('Developer: Reload Window');
    await page.waitForSelector('.monaco-workbench .part.activitybar', { timeout: 60_000 });
    // The chat view was showing when the window reloaded: it comes back by itself.
    await trayChip('wide-architecture-diagram.png').waitFor({ timeout: 60_000 });
    assert.deepEqual(await chat().locator('.attachment-tray .attachment-chip-label').allTextContents(), ['screenshot-of-the-failing-build.png', 'Q3 report.pdf', 'wide-architecture-diagram.png']);
    // The conversation comes back from the host's history too (after the tray, which the view keeps itself).
    await chat().locator('.turn-assistant .turn-line', { hasText: / · total \d/ }).first().waitFor({ timeout: 30_000 });
    const reply = await send('And now?', 'ConverseStream');
    // The earlier message of this chat carries its own two; the restored three come last.
    assert.match(reply, /; image png 70 bytes 1x1; document pdf "Q3 report" 29 bytes; image png \d+ bytes 8000x266\.\n/);
    const messages = sentBody('ConverseStream').messages as J[];
    assert.deepEqual(
      (messages.at(-1)!.content as J[]).map((b) => Object.keys(b)[0]),
      ['text', 'image', 'document', 'image'],
    );
  });
});
