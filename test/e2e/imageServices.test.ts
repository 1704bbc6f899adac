// Stability's image services as a user reaches them in the real workbench: right-click a PNG in the
// file explorer → Edit with Prompt → Stable Image Search and Replace, and right-click the Stable
// Image Remove Background model in the Models view → Remove Background → pick the file; each
// result decoded in the chat view's gallery, each body as the emulator received it. Screenshots
// of the Models view's menu and of the gallery in dark, light and high contrast.
import * as assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { generatedPicture } from '../emulator/png';
import { chooseMenuItem, closeAfterSuite, openWorkbench, screenshotDir, type Workbench } from './workbench';
import { forEachTheme } from './themesAndWidths';
import { webviewWith } from './webviewOver';

const PHOTO = generatedPicture('a street with a car', 160, 120);

describe("Stability's image services in the real workbench (explorer → chat gallery)", () => {
  let wb: Workbench;
  let photoPath: string;
  before(async () => {
    // The picture is in the folder before the window opens, so the explorer lists it without a file watcher's help.
    wb = await openWorkbench({ workspaceFiles: { 'street.png': PHOTO }, settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
    photoPath = join(dirname(wb.userDataDir), 'workspace', 'street.png');
  });
  closeAfterSuite('image-services', () => wb);

  // The chat's page, found by what it shows: the Model Details view is a webview too.
  let chatPage: FrameLocator | undefined;
  const chat = (): FrameLocator => chatPage!;
  const invokes = () => wb.emulator!.requests.filter((r) => r.route === 'InvokeModel');

  /** The widths of the last reply's gallery images once decoded (0 for an image that did not decode). */
  async function lastGalleryWidths(replies: number): Promise<number[]> {
    chatPage ??= await webviewWith(wb.page, '#model-picker');
    const reply = chat().locator('.turn-assistant').nth(replies - 1);
    const imgs = reply.locator('.gallery-image');
    await imgs.first().waitFor({ timeout: 30_000 });
    return imgs.evaluateAll((els) => els.map((e) => ((e as HTMLImageElement).complete ? (e as HTMLImageElement).naturalWidth : -1)));
  }

  it('Edit with Prompt on a PNG in the file explorer, with Search and Replace', async () => {
    const page = wb.page;
    await page.locator('.activitybar .action-item a[aria-label^="Bedrock"]').first().waitFor({ timeout: 30_000 });
    await wb.runCommand('View: Show Explorer');
    const file = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'street.png' }).first();
    await file.waitFor({ timeout: 30_000 });
    await file.click({ button: 'right' });
    await chooseMenuItem(wb.page, 'Edit with Prompt');
    const quick = page.locator('.quick-input-widget');
    await quick.locator('.monaco-list-row', { hasText: 'Stable Image Search and Replace' }).first().click({ timeout: 30_000 });
    await page.locator('.quick-input-widget', { hasText: 'Which part of the image should change?' }).waitFor({ timeout: 10_000 });
    await quick.locator('input').fill('the car');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'What should replace it?' }).waitFor({ timeout: 10_000 });
    await quick.locator('input').fill('a red bicycle');
    await page.keyboard.press('Enter');

    const widths = await lastGalleryWidths(1);
    assert.deepEqual(widths, [160], 'one edited image at the input size, decoded');
    const call = invokes().at(-1)!;
    assert.equal(call.modelId, 'us.stability.stable-image-search-replace-v1:0');
    const body = call.body as Record<string, unknown>;
    assert.equal(body.search_prompt, 'the car');
    assert.equal(body.prompt, 'a red bicycle');
    assert.equal(body.image, PHOTO.toString('base64'));
    await chat().locator('.turn-assistant').first().locator('.turn-line', { hasText: 'InvokeModel' }).waitFor();
    const picked = await chat().locator('#model-picker').getAttribute('data-model-id');
    assert.ok(picked && !picked.includes('stable-image-search-replace'), `the chat keeps its model (${picked}): an edit-only model could not answer the next message`);
  });

  it('Remove Background from the Models view: the model, then the file; a cut-out in the gallery', async () => {
    const page = wb.page;
    await page.locator('.activitybar .action-item a[aria-label^="Bedrock"]').first().click();
    const sidebar = page.locator('.part.sidebar');
    const stability = sidebar.locator('.monaco-list-row', { hasText: /^Stability/ }).first();
    await stability.waitFor({ timeout: 60_000 });
    await stability.click();
    // The group has sixteen models and the list draws only the rows in view: scroll to the one wanted.
    const row = sidebar.locator('.monaco-list-row', { hasText: 'Stable Image Remove Background' }).first();
    await stability.hover();
    for (let i = 0; i < 15 && !(await row.isVisible()); i++) {
      await page.mouse.wheel(0, 120);
      // One wheel step at a time, each drawn before the next look: a fast burst scrolls past the row.
      await page.evaluate(() => new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn))));
    }
    await row.waitFor({ timeout: 10_000 });
    await row.click({ button: 'right' });
    await page.locator('.context-view .action-label', { hasText: 'Remove Background' }).first().waitFor({ timeout: 10_000 });
    const labels = await page.locator('.context-view .action-label').allTextContents();
    assert.ok(!labels.some((l) => /Generate Image|Edit with Prompt|Generate Variations/.test(l)), `only what the model does: ${labels.join(' | ')}`);
    await forEachTheme(wb, async (name) => {
      // The side bar and the menu that opens past its edge.
      const bar = (await page.locator('.part.sidebar').boundingBox())!;
      const menu = (await page.locator('.context-view').boundingBox())!;
      const right = Math.max(bar.x + bar.width, menu.x + menu.width);
      await page.screenshot({ path: join(screenshotDir, `image-services-menu-${name}.png`), clip: { x: bar.x, y: bar.y, width: right - bar.x, height: bar.height } });
    });
    await chooseMenuItem(wb.page, 'Remove Background');
    // code-server's own open dialog: a quick input that takes a path.
    const quick = page.locator('.quick-input-widget');
    // It fills the box with the folder once it has listed it: type the path after that, or it is overwritten.
    await quick.locator('.monaco-list-row', { hasText: 'street.png' }).first().waitFor({ timeout: 10_000 });
    await quick.locator('input').fill(photoPath);
    await page.waitForFunction((want) => (document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value === want, photoPath);
    await page.keyboard.press('Enter');

    const widths = await lastGalleryWidths(2);
    assert.deepEqual(widths, [160]);
    const call = invokes().at(-1)!;
    assert.equal(call.modelId, 'us.stability.stable-image-remove-background-v1:0');
    assert.deepEqual(call.body, { image: PHOTO.toString('base64'), output_format: 'png' });
    await forEachTheme(wb, async (name) => {
      await chat().locator('.turn-assistant').nth(1).locator('.gallery-image').first().scrollIntoViewIfNeeded();
      await page.locator('.part.sidebar').screenshot({ path: join(screenshotDir, `image-services-gallery-${name}.png`) });
    });
  });
});
