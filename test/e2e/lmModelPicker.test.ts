// VS Code's own Chat view lists Bedrock's models in its model picker (vendor "Amazon Bedrock"),
// without Copilot installed. Sending from that view needs a GitHub sign-in, which this machine
// cannot do: the vscode tier sends through the same provider with vscode.lm instead.
import * as assert from 'node:assert/strict';
import { closeAfterSuite, openWorkbench, type Workbench } from './workbench';

describe("VS Code's Chat view model picker (real workbench)", () => {
  let wb: Workbench;
  before(async () => {
    // The harness turns VS Code's AI features off to keep other chat surfaces away; this test needs its Chat view.
    wb = await openWorkbench({ settings: { 'chat.disableAIFeatures': false } });
  });
  closeAfterSuite('lm-picker', () => wb);

  it('lists the Bedrock models, each with its provider and route', async () => {
    const page = wb.page;
    // Opening the explorer activates the extension and loads the model list from the emulator.
    await page.locator('.activitybar [aria-label*="Bedrock"]').first().click();
    await page.locator('.monaco-list-row', { hasText: 'Anthropic' }).first().waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+Alt+I');
    const picker = page.locator('.model-picker-item .action-label').first();
    await picker.waitFor();
    const menu = page.locator('.action-widget').first();
    const haiku = menu.locator('.monaco-list-row', { hasText: 'Claude 3 Haiku' }).first();
    // The menu lists what VS Code knew of the providers' models when it opened, and VS Code learns
    // of ours asynchronously after activation: reopen it until ours are there.
    const deadline = Date.now() + 60_000;
    for (;;) {
      await picker.click();
      await menu.locator('.monaco-list-row').first().waitFor();
      const other = menu.locator('.monaco-list-row', { hasText: 'Other Models' });
      if (await other.count()) await other.click();
      if (await haiku.waitFor({ timeout: 3_000 }).then(() => true, () => false)) break;
      const shown = await menu.innerText().catch(() => '');
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'hidden' });
      if (Date.now() > deadline) assert.fail(`the Chat view's model picker never listed Claude 3 Haiku; it showed:\n${shown}`);
    }
    assert.match(await haiku.innerText(), /Anthropic · Converse/);
    await haiku.hover();
    await wb.screenshot('lm-model-picker');
    // The list only renders the rows in view: search for the others.
    const search = menu.locator('input').first();
    for (const [name, detail] of [
      ['Nova Micro', /Amazon · Converse/],
      ['GPT-5.5', /OpenAI · Chat Completions \(mantle\)/],
    ] as const) {
      await search.fill(name);
      const row = menu.locator('.monaco-list-row', { hasText: name }).first();
      await row.waitFor();
      assert.match(await row.innerText(), detail);
    }
    await wb.screenshot('lm-model-picker-search');
    await page.keyboard.press('Escape');
  });

  it('"Manage Language Models" lists them with context size and capabilities', async () => {
    await wb.runCommand('Chat: Manage Language Models');
    const haiku = wb.page.locator('.monaco-table-tr, .monaco-list-row', { hasText: 'Claude 3 Haiku' }).first();
    await haiku.waitFor({ timeout: 30_000 }).catch(async (e) => {
      const shown = await wb.page.locator('.editor-instance').first().innerText().catch(() => '');
      throw new Error(`"Manage Language Models" never listed Claude 3 Haiku; it showed:\n${shown.slice(0, 2000)}`, { cause: e });
    });
    const row = await haiku.innerText();
    // 200,000 in + 4,096 out, as the provider reports them; images and tools from the descriptor.
    assert.match(row, /204K/);
    assert.match(row, /Tools/);
    assert.match(row, /Vision/);
    await wb.screenshot('lm-manage-models');
  });
});
