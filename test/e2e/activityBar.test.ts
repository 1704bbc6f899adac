import * as assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { openWorkbench, type Workbench } from './workbench';

describe('Bedrock in the activity bar (real workbench, Chromium)', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench();
  });
  after(async () => {
    await wb?.close();
  });

  it('shows the Bedrock entry; clicking it opens the Models view', async () => {
    const entry = wb.page.locator('.activitybar .action-item a[aria-label^="Bedrock"]').first();
    await entry.waitFor({ timeout: 30_000 });
    await entry.click();
    const sidebar = wb.page.locator('.part.sidebar');
    // The container holds the Models and Jobs views, each under its own pane header.
    await sidebar.locator('.pane-header', { hasText: /^models/i }).waitFor({ timeout: 30_000 });
    await sidebar.locator('.pane-header', { hasText: /^jobs/i }).waitFor({ timeout: 30_000 });
    // The explorer lists the emulator's providers.
    await sidebar.locator('.monaco-list-row', { hasText: 'Anthropic' }).first().waitFor({ timeout: 30_000 });
    const title = await sidebar.locator('.composite.title').innerText();
    assert.match(title.toUpperCase(), /BEDROCK/);
    const shot = await wb.screenshot('activity-bar-models-view');
    assert.ok(existsSync(shot) && statSync(shot).size > 10_000, 'screenshot written');
  });
});
