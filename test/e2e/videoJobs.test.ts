// A video generated and played as a user does it: Generate Video from the palette (a prompt, no
// first frame, a seed typed), the job in the Jobs view going from in progress to completed (the
// emulator's Nova Reel job writes its MP4 to the real local S3 server), the notification's Open
// Result, and the player's <video> with its metadata loaded. Screenshots of the Jobs view and the
// player in dark, light and high contrast.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { closeAfterSuite, openWorkbench, screenshotDir, type Workbench } from './workbench';
import { forEachTheme } from './themesAndWidths';
import { webviewOver } from './webviewOver';


describe('video generation in the real workbench (Jobs view, player)', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench({ settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
  });
  closeAfterSuite('video', () => wb);

  /** The player's page: the webview in the editor area (the Model Details view beside the Jobs view is one too). */
  let playerPage: FrameLocator | undefined;
  const player = (): FrameLocator => {
    assert.ok(playerPage, 'the player tab is open');
    return playerPage;
  };
  const jobsView = () => wb.page.locator('.pane', { has: wb.page.locator('.pane-header', { hasText: /^Jobs/i }) });

  it('Generate Video → Jobs view: in progress, then completed → Open Result plays the MP4 from S3', async () => {
    const page = wb.page;
    await page.locator('.activitybar .action-item a[aria-label^="Bedrock"]').first().click();
    await jobsView().waitFor({ timeout: 30_000 });

    // Clicked rather than Enter: the palette may rank a built-in "similar command" above ours.
    await page.keyboard.press('F1');
    const quick = page.locator('.quick-input-widget');
    await quick.locator('input').fill('>Bedrock: Generate Video');
    await quick.locator('.monaco-list-row', { hasText: 'Bedrock: Generate Video' }).first().click({ timeout: 30_000 });
    await quick.locator('.monaco-list-row', { hasText: 'amazon.nova-reel-v1:0' }).first().click({ timeout: 30_000 });
    await quick.locator('input').fill('A paper boat drifting on a quiet pond at sunrise');
    await page.keyboard.press('Enter');
    await quick.locator('.monaco-list-row', { hasText: 'No image' }).first().click();
    await page.locator('.quick-input-widget', { hasText: 'seed (optional)' }).waitFor({ timeout: 10_000 });
    await quick.locator('input').fill('4242');
    await page.keyboard.press('Enter');

    const view = jobsView();
    await view.locator('.monaco-list-row', { hasText: /In progress/ }).first().waitFor({ timeout: 30_000 });
    await wb.screenshot('jobs-view-in-progress');
    // The tracker polls on its own (about 5 s after the start); the emulator completes the job on that poll.
    await view.locator('.monaco-list-row', { hasText: /Completed/ }).first().waitFor({ timeout: 60_000 });
    const start = wb.emulator!.requests.find((r) => r.route === 'StartAsyncInvoke')!;
    const modelInput = (start.body as { modelInput: { textToVideoParams: unknown; videoGenerationConfig: { seed?: number } } }).modelInput;
    assert.deepEqual(modelInput.textToVideoParams, { text: 'A paper boat drifting on a quiet pond at sunrise' });
    assert.equal(modelInput.videoGenerationConfig.seed, 4242);

    const toast = page.locator('.notification-toast', { hasText: /is done/ });
    await toast.locator('.monaco-button', { hasText: 'Open Result' }).click({ timeout: 30_000 });
    await page.locator('.tabs-container .tab', { hasText: /Nova Reel/ }).waitFor({ timeout: 30_000 });
    playerPage = await webviewOver(page, page.locator('.part.editor'));
    await player().locator('body[data-loaded="metadata"]').waitFor({ timeout: 30_000 });
    const meta = await player().locator('#player').evaluate((v: HTMLVideoElement) => ({ readyState: v.readyState, duration: v.duration, width: v.videoWidth, height: v.videoHeight, error: v.error?.message }));
    assert.ok(meta.readyState >= 1, `metadata loaded (readyState ${meta.readyState})`);
    assert.ok(Math.abs(meta.duration - 6) < 0.1, `a 6-second video, got ${meta.duration}`);
    assert.deepEqual([meta.width > 0, meta.height > 0, meta.error], [true, true, undefined]);
    assert.match(await player().locator('#status').textContent() ?? '', /6\.0 s · \d+×\d+/);
  });

  it('screenshots: the Jobs view and the player in dark, light and high contrast', async () => {
    const page = wb.page;
    const shots: string[] = [];
    await forEachTheme(wb, async (name) => {
      await player().locator('body[data-loaded="metadata"]').waitFor({ timeout: 30_000 });
      const jobs = join(screenshotDir, `jobs-view-${name}.png`);
      await page.locator('.part.sidebar').screenshot({ path: jobs });
      const playerShot = join(screenshotDir, `video-player-${name}.png`);
      await page.locator('.part.editor').screenshot({ path: playerShot });
      shots.push(jobs, playerShot);
    });
    assert.equal(shots.length, 6);
  });
});
