import * as assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { generateMarkdown, splitDeltas } from '../emulator/replyText';
import { chatPageFrame, openChat, sendPrompt } from './chatPage';
import { onlyWebview } from './webviewOver';
import { chooseMenuItem, closeAfterSuite, openWorkbench, type Workbench } from './workbench';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';



/** Resolves once the transcript shows its end: the stream is being followed. */
async function followsToEnd(wb: Workbench): Promise<void> {
  const frame = await chatPageFrame(wb.page);
  await frame.waitForFunction(() => {
    const t = document.getElementById('transcript')!;
    return t.scrollHeight > t.clientHeight && t.scrollHeight - t.scrollTop - t.clientHeight < 24;
  });
}

/** CSP violations and page errors from any frame, webview included: the suite asserts there are none. */
function watchConsole(wb: Workbench): string[] {
  const problems: string[] = [];
  wb.page.on('console', (m) => {
    const t = m.text();
    if (/Content Security Policy|Refused to/i.test(t)) problems.push(t);
  });
  return problems;
}

describe('chat panel in the real workbench (dark theme)', () => {
  let wb: Workbench;
  let cspProblems: string[];
  before(async () => {
    wb = await openWorkbench({ settings: { 'bedrock.chat.defaultModel': MODEL, 'workbench.colorTheme': 'Default Dark Modern' } });
    cspProblems = watchConsole(wb);
    await openChat(wb);
  });
  closeAfterSuite('chat', () => wb);

  it('sends a prompt and renders the streamed markdown: highlighted code block with actions, table, per-turn line', async () => {
    const chat = onlyWebview(wb.page);
    await chat.locator(`#model-picker[data-model-id="${MODEL}"]`).waitFor({ timeout: 30_000 });
    await sendPrompt(chat, 'Explain caching with a code example');
    const reply = chat.locator('.turn-assistant').last();
    const line = reply.locator('.turn-line');
    await line.filter({ hasText: 'ConverseStream' }).filter({ hasText: / · total \d/ }).waitFor({ timeout: 30_000 });
    const code = reply.locator('.md-code pre code');
    await code.first().waitFor();
    assert.ok((await reply.locator('.md-code pre code span[class^="hljs-"]').count()) > 0, 'the code is highlighted');
    for (const label of ['Copy', 'Insert at Cursor', 'Open in New File']) {
      assert.equal(await reply.locator('.md-code button', { hasText: label }).count() > 0, true, `${label} button`);
    }
    assert.ok((await reply.locator('table td').count()) >= 3, 'the table rendered');
    assert.ok((await reply.locator('ul li').count()) >= 3, 'the list rendered');
    const lineText = await line.innerText();
    assert.match(lineText, new RegExp(MODEL.replace(/[.:]/g, '\\$&')));
    // The rate shows only when the reply streamed long enough to measure; the emulator may send it in one burst.
    assert.match(lineText, /first token .* in \/ \d+ out · (\d[\d.]* tok\/s · )?total/);
    assert.equal(await chat.locator('#stop').isVisible(), false, 'Stop hides when the reply ends');
    const shot = await wb.screenshot('chat-dark-reply');
    assert.ok(existsSync(shot) && statSync(shot).size > 20_000);
  });

  it('Stop mid-stream: the open code fence shows, Stop closes the HTTP stream, the partial reply stays', async () => {
    const prompt = 'Show me a function for retries';
    // Stall the stream a few words into the code fence, so "mid-stream" is a state, not a race.
    const deltas = splitDeltas(generateMarkdown(1, MODEL, prompt));
    const fenceAt = deltas.findIndex((d) => d.includes('```'));
    assert.ok(fenceAt > 0);
    const emulator = wb.emulator!;
    emulator.clearRequests();
    emulator.fault({ kind: 'stall', afterEvents: fenceAt + 6, route: 'ConverseStream' });
    const chat = onlyWebview(wb.page);
    await sendPrompt(chat, prompt);
    const request = await emulator.waitForRequest((r) => r.route === 'ConverseStream');
    const reply = chat.locator('.turn-assistant').last();
    await reply.locator('.md-code-streaming').waitFor({ timeout: 30_000 });
    assert.equal(await reply.getAttribute('aria-busy'), 'true');
    const stop = chat.locator('#stop');
    await stop.waitFor();
    await followsToEnd(wb);
    await wb.screenshot('chat-dark-mid-stream');
    const before = await reply.locator('.md-message').innerText();
    await stop.click();
    await reply.locator('.turn-error.is-cancelled').waitFor();
    const closed = await request.closed;
    assert.equal(closed.aborted, true, 'the emulator saw the client close the stream');
    const after = await reply.locator('.md-message').innerText();
    assert.ok(after.length > 0 && after.startsWith(before.slice(0, 20)), 'the partial reply stays');
    await chat.locator('#send').waitFor();
    assert.match(await reply.locator('.turn-error').innerText(), /Stopped/);
    assert.equal(await reply.locator('.turn-retry').isVisible(), true, 'Retry offered');
  });

  it('after a window reload the panel comes back with the conversation', async () => {
    await wb.runCommand('Developer: Reload Window');
    await wb.page.waitForSelector('.monaco-workbench .part.activitybar', { timeout: 60_000 });
    const chat = onlyWebview(wb.page);
    const users = chat.locator('.turn-user .user-text');
    await users.nth(1).waitFor({ timeout: 60_000 });
    assert.deepEqual(await users.allInnerTexts(), ['Explain caching with a code example', 'Show me a function for retries']);
    await chat.locator('.turn-assistant').first().locator('.md-code').first().waitFor();
    assert.match(await chat.locator('.turn-assistant').nth(1).locator('.turn-error').innerText(), /Stopped/);
    await chat.locator('.turn-assistant .turn-line', { hasText: 'ConverseStream' }).first().waitFor();
    await wb.screenshot('chat-dark-after-reload');
  });

  it('Regenerate replaces the last reply; History lists the chat; New Chat empties the transcript', async () => {
    const chat = onlyWebview(wb.page);
    await chat.locator('.turn-assistant .turn-retry').click();
    await chat.locator('.turn-assistant').nth(1).locator('.turn-line', { hasText: / · total \d/ }).waitFor({ timeout: 30_000 });
    assert.equal(await chat.locator('.turn-assistant').count(), 2, 'retry replaced the stopped turn instead of adding one');
    assert.equal(await chat.locator('.turn-assistant').nth(1).locator('.turn-error').isVisible(), false);
    await chat.locator('#history-toggle').click();
    await chat.locator('.history-open', { hasText: 'Explain caching' }).waitFor();
    await chat.locator('#new-chat').click();
    await chat.locator('.empty-hint').waitFor();
    assert.equal(await chat.locator('.turn').count(), 0);
    // The history list is still open: pick the chat again from it.
    await chat.locator('.history-open', { hasText: 'Explain caching' }).click();
    await chat.locator('.turn-user').nth(1).waitFor();
    assert.equal(await chat.locator('.turn').count(), 4);
  });

  it('kept the CSP: no violations were reported by any frame', () => {
    assert.deepEqual(cspProblems, []);
  });
});

describe('chat panel in the real workbench (light theme)', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench({ colorScheme: 'light', settings: { 'bedrock.chat.defaultModel': MODEL, 'workbench.colorTheme': 'Default Light Modern' } });
    await openChat(wb);
  });
  closeAfterSuite('chat-light', () => wb);

  it('renders a reply with theme colours and a working settings panel', async () => {
    const chat = onlyWebview(wb.page);
    await chat.locator('#settings-toggle').click();
    await chat.locator('#system-prompt').fill('Answer like a pirate.');
    await chat.locator('#max-tokens').fill('99999999');
    await chat.locator('#max-tokens').press('Tab');
    // The model's limit is not known yet, so the field keeps to the ceiling the host accepts.
    assert.equal(await chat.locator('#max-tokens').inputValue(), '1000000');
    await chat.locator('#temperature').fill('3');
    await chat.locator('#temperature').press('Tab');
    assert.equal(await chat.locator('#temperature').inputValue(), '1', 'temperature clamped to 0..1');
    await sendPrompt(chat, 'Explain streaming with a table');
    await chat.locator('.turn-assistant .turn-line', { hasText: / · total \d/ }).waitFor({ timeout: 30_000 });
    const sent = wb.emulator!.requests.filter((r) => r.route === 'ConverseStream').map((r) => r.body as { system?: { text: string }[]; inferenceConfig?: { maxTokens?: number; temperature?: number } });
    assert.ok(sent.length > 0);
    for (const body of sent) {
      assert.equal(body.system?.[0]?.text, 'Answer like a pirate.');
      assert.equal(body.inferenceConfig?.temperature, 1);
    }
    // The service stated the model's limit; the router retried within it and the picker learned it.
    const limit = sent.at(-1)!.inferenceConfig!.maxTokens!;
    assert.ok(limit < 1_000_000, `the successful request kept to the model limit (${limit})`);
    await chat.locator(`#max-tokens[max="${limit}"]`).waitFor({ state: 'attached' });
    assert.equal(await chat.locator('#max-tokens').inputValue(), String(limit), 'the field is clamped to the learned limit');
    const bg = await chat.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.match(bg, /rgb\((2[0-9]{2}), (2[0-9]{2}), (2[0-9]{2})\)/, `light background (${bg})`);
    await wb.screenshot('chat-light-reply');
  });
});

describe('chat panel in the real workbench (high contrast, keyboard only, from the explorer)', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench({ settings: { 'workbench.colorTheme': 'Default High Contrast' } });
  });
  closeAfterSuite('chat-hc', () => wb);

  it('"Chat with Model" on an explorer row opens the panel with that model; the chat works from the keyboard', async () => {
    const page = wb.page;
    await page.locator('.activitybar .action-item a[aria-label^="Bedrock"]').first().click();
    const sidebar = page.locator('.part.sidebar');
    const anthropic = sidebar.locator('.monaco-list-row', { hasText: /^Anthropic/ }).first();
    await anthropic.waitFor({ timeout: 60_000 });
    await anthropic.click();
    // Rows show the model's name; its id is in the hover.
    const row = sidebar.locator('.monaco-list-row', { hasText: 'Claude 3 Haiku' }).first();
    await row.waitFor();
    await row.click({ button: 'right' });
    await chooseMenuItem(page, 'Chat with Model');
    const chat = onlyWebview(wb.page);
    await chat.locator(`#model-picker[data-model-id="${MODEL}"]`).waitFor({ timeout: 30_000 }); // the row’s model is selected

    // Keyboard only from here: the prompt has focus on open; Tab order reaches the toolbar.
    const input = chat.locator('#prompt');
    await input.focus();
    await page.keyboard.type('Explain rate limits');
    await page.keyboard.press('Enter');
    const reply = chat.locator('.turn-assistant').last();
    await reply.locator('.turn-line', { hasText: / · total \d/ }).waitFor({ timeout: 30_000 });
    await chat.locator('#new-chat').focus();
    await page.keyboard.press('Tab');
    assert.equal(await chat.locator(':focus').getAttribute('id'), 'history-toggle');
    await page.keyboard.press('Enter');
    await chat.locator('.history-open', { hasText: 'Explain rate limits' }).waitFor();
    assert.equal(await chat.locator('#history-toggle').getAttribute('aria-expanded'), 'true');
    await page.mouse.move(1300, 860);
    await wb.screenshot('chat-high-contrast');
  });
});
