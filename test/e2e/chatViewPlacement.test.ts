// Where the chat view lives and what its turn line claims: moved to the secondary side bar with the
// workbench's own Move View command it still chats there; and a tokens-per-second figure shows only
// for a reply paced long and large enough for the rate to mean something.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import type { Scenario } from '../emulator/scenario';
import { finished, sendPrompt } from './chatPage';
import { closeAfterSuite, openWorkbench, type Workbench } from './workbench';
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
  let wb: Workbench;
  let chat: FrameLocator;

  before(async () => {
    wb = await openWorkbench({ scenario, settings: { 'bedrock.chat.defaultModel': MODEL, 'workbench.colorTheme': 'Default Dark Modern' }, workspaceFiles: { 'sample.ts': 'export const answer = 42;\n' } });
    await wb.openChatBeside('sample.ts', 'answer');
    chat = await webviewOver(wb.page, wb.page.locator('.part.sidebar'), 60_000);
    await chat.locator(`#model-picker[data-model-id="${MODEL}"]`).waitFor({ timeout: 60_000 });
  });
  closeAfterSuite('chat-placement', () => wb);

  /** Sends a prompt from the chat's composer and returns its reply once the turn line shows the total. */
  const send = async (prompt: string): Promise<Locator> => finished(await sendPrompt(chat, prompt));

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
    // Found by its text, not its place: the moved view's transcript may still be coming back.
    await finished(chat.locator('.turn-assistant', { hasText: 'Answered from the secondary side bar.' }));
    assert.ok(wb.emulator!.requests.some((r) => r.route === 'ConverseStream' && JSON.stringify(r.body).includes('secondary-demo')), 'the emulator served the turn');
  });
});
