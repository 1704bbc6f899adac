// Images in the real workbench: "Bedrock: Generate Image…" from the palette (model, then prompt)
// runs an image turn in the chat view; the gallery shows PNGs the browser really decodes; Save puts
// the file in the workspace; more turns typed with the image form (count, style, a partly filtered
// result); screenshots of the gallery at 350 px and 1,200 px in dark, light and high contrast.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { onlyWebview } from './webviewOver';
import { closeAfterSuite, openWorkbench, screenshotDir, type Workbench } from './workbench';
import { forEachWidthAndTheme } from './themesAndWidths';


describe('image gallery in the chat view (real workbench, emulator)', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench({ settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
  });
  closeAfterSuite('images', () => wb);

  const chat = (): FrameLocator => onlyWebview(wb.page);

  /** Every gallery image on the page has decoded (a broken data URI would have naturalWidth 0). */
  async function decodedImages(): Promise<number[]> {
    const imgs = chat().locator('.gallery-image');
    await imgs.first().waitFor({ timeout: 30_000 });
    return imgs.evaluateAll((els) => els.map((e) => ((e as HTMLImageElement).complete ? (e as HTMLImageElement).naturalWidth : -1)));
  }

  it('Generate Image… from the palette renders real images in the chat gallery, and Save writes one into the workspace', async () => {
    const page = wb.page;
    // The palette lists the extension's commands once the workbench has read its manifest.
    await page.locator('.activitybar .action-item a[aria-label^="Bedrock"]').first().waitFor({ timeout: 30_000 });
    await wb.runCommand('Bedrock: Generate Image');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Nova Canvas' }).first().click({ timeout: 30_000 });
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget', { hasText: 'Describe the image' }).waitFor({ timeout: 10_000 });
    await input.fill('a lighthouse at dusk');
    await page.keyboard.press('Enter');

    await chat().locator('.turn-assistant .turn-line', { hasText: 'InvokeModel' }).waitFor({ timeout: 30_000 });
    const widths = await decodedImages();
    assert.ok(widths.length >= 1 && widths.every((w) => w > 0), `every image decoded: ${widths}`);
    const call = wb.emulator!.requests.find((r) => r.route === 'InvokeModel')!;
    assert.equal((call.body as { taskType: string }).taskType, 'TEXT_IMAGE');

    await chat().locator('.image-save').first().click();
    const dir = join(dirname(wb.userDataDir), 'workspace', 'bedrock-images');
    await page.locator('.notifications-toasts', { hasText: 'Saved the image to bedrock-images/' }).waitFor({ timeout: 20_000 });
    const files = existsSync(dir) ? readdirSync(dir) : [];
    assert.equal(files.length, 1);
    assert.deepEqual([...readFileSync(join(dir, files[0]!)).subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG file');
  });

  it('the image form: three images in a style, then a partly filtered result that keeps the survivors', async () => {
    const c = chat();
    await c.locator('#image-options').waitFor();
    await c.locator('#image-count').selectOption('3');
    await c.locator('#image-style').selectOption('PHOTOREALISM');
    await c.locator('#image-size').selectOption('1280x768');
    await c.locator('#prompt').fill('a red fox in the snow');
    await c.locator('#prompt').press('Enter');
    await c.locator('.turn-assistant').nth(1).locator('.gallery-image').nth(2).waitFor({ timeout: 30_000 });
    await c.locator('#image-count').selectOption('4');
    await c.locator('#prompt').fill('a crowded market [filter:some]');
    await c.locator('#prompt').press('Enter');
    await c.locator('.turn-assistant blockquote', { hasText: 'withheld 2 of 4 images' }).waitFor({ timeout: 30_000 });
    const widths = await decodedImages();
    assert.equal(widths.length, 1 + 3 + 2);
    assert.ok(widths.every((w) => w > 0), `every image decoded: ${widths}`);
    const bodies = wb.emulator!.requests.filter((r) => r.route === 'InvokeModel').map((r) => r.body as { imageGenerationConfig: Record<string, unknown>; textToImageParams: Record<string, unknown> });
    assert.deepEqual(bodies.at(-2)!.imageGenerationConfig.numberOfImages, 3);
    assert.equal(bodies.at(-2)!.textToImageParams.style, 'PHOTOREALISM');
    assert.equal(bodies.at(-2)!.imageGenerationConfig.width, 1280);
  });

  it('screenshots: the gallery at 350 px and at 1,200 px wide, in dark, light and high contrast', async () => {
    const page = wb.page;
    const sidebar = page.locator('.part.sidebar');
    const shots: string[] = [];
    await forEachWidthAndTheme(wb, async (name, width) => {
      // The second reply's gallery in view: three images and their buttons.
      await chat().locator('.turn-assistant').nth(1).locator('.gallery-image').first().scrollIntoViewIfNeeded();
      const path = join(screenshotDir, `image-gallery-${name}-${width}.png`);
      await sidebar.screenshot({ path });
      shots.push(path);
    });
    assert.equal(shots.length, 6);
  });
});
