// The chat's message-level parts in the real workbench, against the emulator: the streaming cursor
// inline at the end of the text, code in the theme's own token colours, hover actions (Copied,
// edit an earlier message forks, persisted across a reload), tool-call blocks, the retry line while
// the emulator throttles, Apply (diff, accept), Insert at Cursor with the chat focused, the context
// chip of an editor command; and screenshots of such a transcript in three themes at two widths.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import type { Scenario } from '../emulator/scenario';
import { finished, sendPrompt } from './chatPage';
import { closeAfterSuite, openWorkbench, screenshotDir, type Workbench } from './workbench';
import { forEachWidthAndTheme, showTheme, widenSideBar } from './themesAndWidths';
import { onlyWebview } from './webviewOver';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const SAMPLE = 'export function twice(n: number): number {\n  return n * 2;\n}\n';
const GREET = "export function greet(name: string): string {\n  return 'Hello, ' + name;\n}\n";

const scenario: Scenario = {
  rules: [
    {
      match: { promptIncludes: 'code-demo' },
      reply: { text: "Here is a helper:\n\n```ts\nconst greeting = 'hello';\nexport function shout(s: string): string {\n  return s.toUpperCase();\n}\n```\n\nCall `shout(greeting)`." },
    },
    { match: { promptIncludes: 'apply-demo' }, reply: { text: 'The updated file:\n\n```ts src/greet.ts\nexport function greet(name: string): string {\n  return `Hi, ${name}!`;\n}\n```\n' } },
    { match: { promptIncludes: 'tool-demo' }, reply: { text: "I'll look that up.", toolCalls: [{ name: 'get_weather', input: { city: 'Paris', unit: 'celsius' } }] } },
    { match: { promptIncludes: 'slow-demo' }, reply: { text: 'One two three four five six seven eight nine ten eleven twelve.', tokensPerSecond: 3 } },
    { match: { promptIncludes: 'first question' }, reply: { text: 'First answer.' } },
    { match: { promptIncludes: 'second question' }, reply: { text: 'Second answer.' } },
    { match: { promptIncludes: 'edited question' }, reply: { text: 'Answer to the edited question.' } },
  ],
};


describe('chat messages in the real workbench (cursor, token colours, hover actions, tools, retry, Apply, Insert, context chip)', () => {
  let wb: Workbench;
  const chat = (): FrameLocator => onlyWebview(wb.page);
  const lastReply = (): Locator => chat().locator('.turn-assistant').last();

  before(async () => {
    wb = await openWorkbench({ scenario, settings: { 'bedrock.chat.defaultModel': MODEL, 'workbench.colorTheme': 'Default Dark Modern' }, workspaceFiles: { 'sample.ts': SAMPLE, 'src/greet.ts': GREET } });
    await wb.openChatBeside('sample.ts');
    await chat().locator('#prompt').waitFor({ timeout: 60_000 });
  });
  closeAfterSuite('chat-messages', () => wb);

  /** Sends a prompt from the chat's composer and waits until its reply has finished. */
  const send = async (prompt: string): Promise<Locator> => finished(await sendPrompt(chat(), prompt));

  it('the streaming cursor sits inline at the end of the text, not on a line of its own, and goes when the reply ends', async () => {
    const input = chat().locator('#prompt');
    await input.fill('slow-demo please');
    await input.press('Enter');
    const caret = lastReply().locator('.md-caret');
    await caret.waitFor({ timeout: 30_000 });
    const probe = await caret.evaluate((el) => {
      const after = getComputedStyle(el, '::after');
      const withCaret = el.getBoundingClientRect().height;
      el.classList.remove('md-caret');
      const without = el.getBoundingClientRect().height;
      el.classList.add('md-caret');
      return { tag: el.tagName, content: after.content, display: after.display, withCaret, without, text: el.textContent ?? '' };
    });
    assert.equal(probe.tag, 'P', 'the cursor follows the growing paragraph');
    assert.equal(probe.content, '"▍"');
    assert.equal(probe.display, 'inline');
    assert.ok(probe.text.length > 0, 'after text that arrived');
    assert.equal(probe.withCaret, probe.without, 'the cursor adds no line');
    await lastReply().locator('.turn-line', { hasText: / · total \d/ }).waitFor({ timeout: 30_000 });
    assert.equal(await lastReply().locator('.md-caret').count(), 0);
  });

  it('code blocks use Dark Modern’s token colours: keywords and strings differ from each other and from the text', async () => {
    const reply = await send('code-demo: a helper');
    const code = reply.locator('.md-code pre code').first();
    const colors = {
      keyword: await code.locator('.hljs-keyword').first().evaluate((el) => getComputedStyle(el).color),
      string: await code.locator('.hljs-string').first().evaluate((el) => getComputedStyle(el).color),
      text: await code.evaluate((el) => getComputedStyle(el).color),
    };
    assert.equal(colors.keyword, 'rgb(86, 156, 214)', 'keyword: #569cd6 from the theme');
    assert.equal(colors.string, 'rgb(206, 145, 120)', 'string: #ce9178 from the theme');
    assert.notEqual(colors.keyword, colors.text);
    assert.notEqual(colors.string, colors.text);
  });

  it('hover actions: shown on hover and on keyboard focus, with tooltips; Copy says Copied', async () => {
    const user = chat().locator('.turn-user').last();
    const actions = user.locator('.message-actions');
    await chat().locator('#prompt').click();
    assert.equal(await actions.evaluate((e) => getComputedStyle(e).opacity), '0', 'hidden until wanted');
    await user.hover();
    await waitForOpacity(actions, '1');
    const titles = await actions.locator('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('title')));
    assert.deepEqual(titles, ['Copy', 'Edit and resend (later messages are replaced)', 'Delete this message and its reply']);
    await chat().locator('#prompt').hover();
    await waitForOpacity(actions, '0');
    const replyCopy = lastReply().locator('.message-actions .message-copy');
    await replyCopy.focus();
    await waitForOpacity(lastReply().locator('.message-actions'), '1');
    await replyCopy.press('Enter');
    await lastReply().locator('.message-actions button[title="Copied"]').waitFor({ timeout: 5_000 });
    assert.equal(await replyCopy.locator('.codicon').getAttribute('class'), 'codicon codicon-check');
  });

  it('tool calls render as collapsible blocks: name and status, input inside; they expand and collapse', async () => {
    const reply = await send('tool-demo: weather in Paris?');
    const block = reply.locator('details.tool-call');
    await block.waitFor();
    assert.equal(await block.locator('.tool-call-name').innerText(), 'get_weather');
    assert.equal(await block.locator('.tool-call-status-word').textContent(), 'requested');
    const isOpen = () => block.evaluate((d) => (d as HTMLDetailsElement).open);
    assert.equal(await isOpen(), false);
    assert.equal(await block.locator('.tool-call-input').isVisible(), false);
    await block.locator('summary').click();
    assert.equal(await isOpen(), true);
    assert.match(await block.locator('.tool-call-input').innerText(), /"city": "Paris"/);
    await block.locator('summary').click();
    assert.equal(await isOpen(), false);
  });

  it('screenshots: a transcript with code, hover actions and a tool block, in dark, light and high contrast at 350 and 1,200 px', async () => {
    const page = wb.page;
    const sidebar = page.locator('.part.sidebar');
    await lastReply().locator('details.tool-call summary').click();
    const shots: string[] = [];
    await forEachWidthAndTheme(wb, async (name, width) => {
      const code = chat().locator('.md-code').last();
      await code.scrollIntoViewIfNeeded();
      // Hover the reply with the code, so its actions show in the picture.
      await chat().locator('.turn-assistant', { has: chat().locator('.md-code') }).last().hover();
      await waitForOpacity(chat().locator('.turn-assistant', { has: chat().locator('.md-code') }).last().locator('.message-actions'), '1');
      const path = join(screenshotDir, `chat-messages-${name}-${width}.png`);
      await sidebar.screenshot({ path });
      shots.push(path);
    });
    await showTheme(wb, 'dark');
    await widenSideBar(wb.page, 350);
    assert.equal(shots.length, 6);
  });

  it('while the emulator throttles, the line says "retrying (2/3) after throttling…" with a spinner; the reply then arrives', async () => {
    wb.emulator!.fault({ kind: 'throttling', count: 2, route: 'ConverseStream', retryAfter: '2' });
    const input = chat().locator('#prompt');
    await input.click();
    await input.fill('first question, through throttling');
    await input.press('Enter');
    const line = lastReply().locator('.turn-line');
    await line.filter({ hasText: 'retrying (2/3) after throttling…' }).waitFor({ timeout: 20_000 });
    assert.equal(await line.locator('.codicon-loading.codicon-modifier-spin').count(), 1, 'the spinner turns');
    await line.filter({ hasText: 'retrying (3/3) after throttling…' }).waitFor({ timeout: 20_000 });
    await line.filter({ hasText: / · total \d/ }).waitFor({ timeout: 30_000 });
    assert.match(await lastReply().locator('.md-message').innerText(), /First answer/);
  });

  it('Apply on a block naming a file opens a diff of that file and applies on accept', async () => {
    const reply = await send('apply-demo: greet with Hi');
    assert.equal(await reply.locator('.md-code-language').last().innerText(), 'src/greet.ts');
    await reply.locator('.md-code button[data-md-action="apply"]').last().click();
    const page = wb.page;
    await page.locator('.tabs-container .tab', { hasText: 'greet.ts: proposed change' }).waitFor({ timeout: 20_000 });
    await page.locator('.editor-instance .monaco-diff-editor').first().waitFor();
    const toast = page.locator('.notification-toast', { hasText: 'Apply the proposed change to greet.ts' });
    await toast.locator('.monaco-button', { hasText: /^Apply$/ }).click();
    await page.locator('.tabs-container .tab', { hasText: 'greet.ts: proposed change' }).waitFor({ state: 'detached', timeout: 20_000 });
    await page.locator('.editor-instance .view-lines', { hasText: 'Hi, ' }).first().waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('.editor-instance .view-lines', { hasText: "'Hello, '" }).count(), 0, 'the old line is gone');
  });

  it('Insert at Cursor with the chat focused goes to the last editor; with no editor open it says so', async () => {
    const page = wb.page;
    const editor = await wb.openFile('sample.ts');
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    const reply = chat().locator('.turn-assistant', { has: chat().locator('.md-code') }).first();
    await chat().locator('#prompt').click();
    await reply.locator('.md-code button[data-md-action="insert"]').first().click();
    await page.locator('.editor-instance .view-lines', { hasText: 'toUpperCase' }).first().waitFor({ timeout: 20_000 });
    await page.locator('.tabs-container .tab', { hasText: 'sample.ts' }).first().waitFor();

    // Undo the insert (the next test explains the file as it was), then close every editor.
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+Z');
    await page.locator('.editor-instance .view-lines', { hasText: 'toUpperCase' }).first().waitFor({ state: 'detached', timeout: 10_000 });
    await page.keyboard.press('Control+S');
    await wb.runCommand('View: Close All Editors');
    await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    assert.equal(await page.locator('.editor-instance .monaco-editor').count(), 0, 'no editor is open');
    await reply.locator('.md-code button[data-md-action="insert"]').first().click();
    await page.locator('.notification-toast', { hasText: 'Insert at Cursor: no text editor is open' }).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.tabs-container .tab', { hasText: 'Untitled' }).count(), 0, 'no untitled file was opened');
  });

  it('Explain Selection shows the short request with a context chip (no fenced prompt); the chip reveals the range', async () => {
    const page = wb.page;
    const editor = await wb.openFile('sample.ts');
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+A');
    await wb.runCommand('Bedrock: Explain Selection');
    const user = chat().locator('.turn-user').last();
    await user.locator('.context-chip', { hasText: 'sample.ts:1-3' }).waitFor({ timeout: 30_000 });
    const said = await user.locator('.user-text').innerText();
    assert.equal(said, 'Explain the selected code: what it does, how, and anything surprising or risky.');
    await lastReply().locator('.turn-line', { hasText: / · total \d/ }).waitFor({ timeout: 30_000 });
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await page.locator('.statusbar-item', { hasText: /selected/ }).waitFor({ state: 'detached', timeout: 10_000 });
    await user.locator('.context-chip').click();
    // Lines 1-3 of the sample, selected: 60 characters.
    await page.locator('.statusbar-item', { hasText: /\(60 selected\)/ }).waitFor({ timeout: 10_000 });
  });

  it('Edit on an earlier message forks the conversation from there, and the fork is what comes back after a reload', async () => {
    await chat().locator('#new-chat').click();
    await send('first question');
    await send('second question');
    const firstUser = chat().locator('.turn-user').first();
    await firstUser.hover();
    await firstUser.locator('.message-edit').click();
    const input = chat().locator('#prompt');
    assert.equal(await input.inputValue(), 'first question');
    await input.fill('edited question');
    await input.press('Enter');
    await chat().locator('.turn-assistant .md-message', { hasText: 'Answer to the edited question.' }).waitFor({ timeout: 30_000 });
    const transcript = async () => chat().locator('.turn-user .user-text, .turn-assistant .md-message').allInnerTexts();
    assert.deepEqual((await transcript()).map((t) => t.trim()), ['edited question', 'Answer to the edited question.']);

    await wb.runCommand('Developer: Reload Window');
    await wb.page.waitForSelector('.monaco-workbench .part.activitybar', { timeout: 60_000 });
    await wb.page.keyboard.press('Control+Alt+J');
    await chat().locator('.turn-assistant .md-message', { hasText: 'Answer to the edited question.' }).waitFor({ timeout: 60_000 });
    assert.deepEqual((await transcript()).map((t) => t.trim()), ['edited question', 'Answer to the edited question.'], 'the stored conversation is the fork');
  });
});

/** Waits until the element's computed opacity is `value` (the actions fade in and out). */
async function waitForOpacity(locator: Locator, value: string): Promise<void> {
  const handle = await locator.elementHandle();
  const frame = await handle!.ownerFrame();
  await frame!.waitForFunction(([el, want]) => getComputedStyle(el as Element).opacity === want, [handle, value] as const, { timeout: 5_000 });
}
