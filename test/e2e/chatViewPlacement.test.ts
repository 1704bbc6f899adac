// Where the chat view lives and what its turn line claims: moved to the secondary side bar with the
// workbench's own Move View command it still chats there; and a tokens-per-second figure shows only
// for a reply paced long and large enough for the rate to mean something.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { startEmulator, type EmulatorHandle } from '../emulator/emulator';
import type { Scenario } from '../emulator/scenario';
// @ts-expect-error plain ESM harness module without types
import { emulatorSettings, hermeticAwsEnv } from '../harness/emulatorWiring.mjs';
import { openWorkbench, projectRoot, type Workbench } from './workbench';
import { webviewOver } from './webviewOver';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const FORTY_WORDS = Array.from({ length: 40 }, (_, i) => `word${i + 1}`).join(' ') + '.';

const scenario: Scenario = {
  rules: [
    // 40 deltas at 60 a second: about 650 ms between the first and the last, well over the rate's floor.
    { match: { promptIncludes: 'paced-demo' }, reply: { text: FORTY_WORDS, tokensPerSecond: 60, firstTokenLatencyMs: 100 } },
    { match: { promptIncludes: 'burst-demo' }, reply: { text: FORTY_WORDS } },
    // Paced over about 400 ms but only five words: too few tokens for a rate.
    { match: { promptIncludes: 'short-demo' }, reply: { text: 'Just five words here, fine.', tokensPerSecond: 10 } },
    { match: { promptIncludes: 'secondary-demo' }, reply: { text: 'Answered from the secondary side bar.' } },
  ],
};

describe('chat view placement and its turn line rate (secondary side bar, tok/s only when meaningful)', () => {
  let emulator: EmulatorHandle;
  let wb: Workbench;
  let chat: FrameLocator;

  before(async () => {
    emulator = await startEmulator({ scenario });
    wb = await openWorkbench({
      emulator: false,
      settings: { ...emulatorSettings(emulator.url), 'bedrock.chat.defaultModel': MODEL, 'workbench.colorTheme': 'Default Dark Modern' },
      env: hermeticAwsEnv(projectRoot),
      workspaceFiles: { 'sample.ts': 'export const answer = 42;\n' },
    });
    const page = wb.page;
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('sample.ts');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'sample.ts' }).first().click();
    const code = page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'answer' }).first();
    await code.waitFor({ timeout: 30_000 });
    await code.click();
    await page.keyboard.press('Control+Alt+J');
    await page.locator('.part.sidebar .composite.title', { hasText: /Bedrock Chat/i }).waitFor({ timeout: 30_000 });
    chat = await webviewOver(wb.page, wb.page.locator('.part.sidebar'), 60_000);
    await chat.locator(`#model-picker[data-model-id="${MODEL}"]`).waitFor({ timeout: 60_000 });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot(`FAILED-chat-placement-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => {
    await wb?.close();
    await emulator?.close();
  });

  /** Sends a prompt from the chat's composer and returns its reply once the turn line shows the total. */
  async function send(prompt: string): Promise<Locator> {
    const before = await chat.locator('.turn-assistant').count();
    const input = chat.locator('#prompt');
    await input.click();
    await input.fill(prompt);
    await input.press('Enter');
    const reply = chat.locator('.turn-assistant').nth(before);
    await reply.locator('.turn-line', { hasText: / · total \d/ }).waitFor({ timeout: 30_000 });
    return reply;
  }

  it('a tok/s figure shows for a paced reply of 40 tokens, and none for the same reply in one burst or a short paced one', async () => {
    const paced = await send('paced-demo please');
    await paced.locator('.turn-line', { hasText: /\d tok\/s/ }).waitFor({ timeout: 10_000 });

    const burst = await send('burst-demo please');
    assert.match(await burst.locator('.turn-line').innerText(), / · total \d/);
    assert.doesNotMatch(await burst.locator('.turn-line').innerText(), /tok\/s/, 'a reply that arrived at once has no rate');

    const short = await send('short-demo please');
    assert.doesNotMatch(await short.locator('.turn-line').innerText(), /tok\/s/, 'five tokens are too few for a rate');
  });

  it('View: Move View puts the chat in the secondary side bar, and it still chats there', async () => {
    const page = wb.page;
    const quickInput = page.locator('.quick-input-widget');
    await page.keyboard.press('F1');
    await quickInput.locator('input').fill('>View: Move View');
    // Clicked, not Enter: "View: Move Focused View" and others can rank first.
    await quickInput.locator('.monaco-list-row', { hasText: /^View: Move View/ }).first().click();
    await quickInput.locator('input').fill('Bedrock Chat');
    await quickInput.locator('.monaco-list-row', { hasText: 'Bedrock Chat' }).first().click();
    await quickInput.locator('.monaco-list-row', { hasText: /Secondary Side Bar/i }).first().click();

    const auxiliaryBar = page.locator('.part.auxiliarybar');
    await auxiliaryBar.locator('.composite.title, .pane-header', { hasText: /Bedrock Chat/i }).first().waitFor({ timeout: 30_000 });
    chat = await webviewOver(page, auxiliaryBar);
    // The moved view's page is a new one: wait until it is ready (and its transcript restored) before typing.
    await chat.locator(`#model-picker[data-model-id="${MODEL}"]`).waitFor({ timeout: 30_000 });
    const input = chat.locator('#prompt');
    await input.click();
    await input.fill('secondary-demo please');
    await input.press('Enter');
    const reply = chat.locator('.turn-assistant', { hasText: 'Answered from the secondary side bar.' });
    await reply.locator('.turn-line', { hasText: / · total \d/ }).waitFor({ timeout: 30_000 });
    assert.ok(emulator.requests.some((r) => r.route === 'ConverseStream' && JSON.stringify(r.body).includes('secondary-demo')), 'the emulator served the turn');
  });
});
