// Agent mode in the real workbench against the emulator: the composer's toggle, a question about
// the workspace answered after a read-file step ("what does cache.ts export?"), an acting tool's
// approval shown inline, focused and answered, and screenshots of a step waiting for approval in
// light, dark and high contrast at 350 and 1,200 px; a turn that created a file undone by Restore on
// its summary line, and a terminal command's editable field in its approval, the whole command shown.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import type { Scenario } from '../emulator/scenario';
import { sendPrompt } from './chatPage';
import { forEachTheme, forEachWidthAndTheme, showTheme, widenSideBar } from './themesAndWidths';
import { onlyWebview } from './webviewOver';
import { closeAfterSuite, openWorkbench, projectRoot, type Workbench } from './workbench';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const CACHE = 'export class Cache<K, V> {\n  private readonly map = new Map<K, V>();\n}\n\nexport function cacheKey(parts: string[]): string {\n  return parts.join(":");\n}\n';

/** Wider than a 350 px chat: the approval shows all of it, over several lines. */
const LONG_COMMAND = 'npm run test:unit -- --reporter dot --grep "the cache keeps entries until they expire"';

const scenario: Scenario = {
  rules: [
    // Two scripted agent turns (each step matches the user's words): create a file, then answer; ask to run a command, then answer.
    { match: { promptIncludes: 'start a todo file' }, reply: { agent: { steps: [{ text: 'I will create todo.md.', toolCalls: [{ name: 'create_file', input: { path: 'todo.md', content: '# Todo\n' } }] }], answer: 'Done.' } } },
    { match: { promptIncludes: 'run the unit tests' }, reply: { agent: { steps: [{ text: 'I will run them.', toolCalls: [{ name: 'run_in_terminal', input: { command: LONG_COMMAND } }] }], answer: 'The command was not run.' } } },
    // The question: the model reads the file, then (its next step, after the tool's result) answers.
    { match: { promptIncludes: 'what does cache.ts export?' }, reply: { text: 'Let me read the file.', toolCalls: [{ name: 'read_file', input: { path: 'cache.ts' } }] } },
    { match: { afterToolResult: true }, times: 1, reply: { text: 'cache.ts exports the class `Cache` and the function `cacheKey`.' } },
    // An acting tool: creating a file asks first.
    { match: { promptIncludes: 'write a notes file' }, reply: { text: 'I will create it.', toolCalls: [{ name: 'create_file', input: { path: 'notes.md', content: '# Notes\n' } }] } },
    { match: { afterToolResult: true }, reply: { text: 'Understood: no file was created.' } },
  ],
};

describe('agent mode in the real workbench (toggle, read-file step and answer, approval, screenshots)', function () {
  this.timeout(300_000);
  let wb: Workbench;
  let workspace: string;
  const chat = (): FrameLocator => onlyWebview(wb.page);
  const lastReply = (): Locator => chat().locator('.turn-assistant').last();

  before(async () => {
    wb = await openWorkbench({ scenario, settings: { 'bedrock.chat.defaultModel': MODEL, 'workbench.colorTheme': 'Default Light Modern' }, workspaceFiles: { 'cache.ts': CACHE } });
    workspace = workspaceFolder(wb);
    // The extension's contributions are in once its icons are in the activity bar.
    await wb.page.locator('.activitybar .action-item a[aria-label^="Bedrock Chat"]').waitFor({ timeout: 60_000 });
    await wb.runCommand('Bedrock: Open Chat');
    await chat().locator('#prompt').waitFor({ timeout: 60_000 });
  });
  closeAfterSuite('agent', () => wb);

  const send = (prompt: string): Promise<Locator> => sendPrompt(chat(), prompt);

  it('agent mode is a toggle in the composer for a model that takes tools', async () => {
    const toggle = chat().locator('#agent-mode');
    await toggle.waitFor({ timeout: 30_000 });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.match((await toggle.getAttribute('title')) ?? '', /Agent mode is on/);
    await chat().locator('#agent-tools').waitFor();
  });

  it('"what does cache.ts export?": a read-file step, then the answer from what it read, below it', async () => {
    const reply = await send('what does cache.ts export?');
    const step = reply.locator('.tool-step', { hasText: 'cache.ts' });
    await step.locator('.tool-call-status.is-done').waitFor({ timeout: 60_000 });
    assert.equal(await step.getAttribute('data-kind'), 'read');
    await reply.locator('.md-message', { hasText: 'exports the class Cache and the function cacheKey' }).waitFor({ timeout: 30_000 });
    await reply.locator('.turn-line', { hasText: / · total \d/ }).waitFor({ timeout: 30_000 });
    // Text before the call above its block, the answer below it.
    const order = await reply.locator('.md-message, .tool-step').evaluateAll((els) => els.map((e) => (e.classList.contains('tool-step') ? '[step]' : (e.textContent ?? '').trim())));
    assert.deepEqual(order, ['Let me read the file.', '[step]', 'cache.ts exports the class Cache and the function cacheKey.']);
    assert.equal(await reply.locator('.agent-summary').innerText(), 'Read 1 file');
    // The result the model read is in the block.
    await step.locator('summary').click();
    assert.match(await step.locator('.tool-call-result').innerText(), /export function cacheKey/);
  });

  it('an acting tool asks inline: the buttons take the focus, Deny answers once, nothing is created', async () => {
    const reply = await send('write a notes file please');
    const approval = reply.locator('.tool-approval');
    await approval.waitFor({ timeout: 60_000 });
    // The keyboard is on Allow once as soon as the approval shows.
    await approval.locator('button:focus', { hasText: 'Allow once' }).waitFor({ timeout: 10_000 });
    await shootEveryThemeAndWidth();
    // Keyboard: Tab to Allow for this chat, Tab to Deny, Enter.
    await wb.page.keyboard.press('Tab');
    await wb.page.keyboard.press('Tab');
    await wb.page.keyboard.press('Enter');
    const step = reply.locator('.tool-step').first();
    await step.locator('.tool-call-status.is-denied').waitFor({ timeout: 30_000 });
    assert.equal(await reply.locator('.tool-approval').count(), 0);
    await reply.locator('.turn-line', { hasText: / · total \d/ }).waitFor({ timeout: 30_000 });
    assert.equal(existsSync(join(workspace, 'notes.md')), false, 'a denied file is not created');
  });

  it('Restore on the summary line of a turn that created a file deletes it after one question, and says so; a terminal approval shows its command to edit', async () => {
    const page = wb.page;
    const out = join(projectRoot, 'test-output', 'screenshots');
    mkdirSync(out, { recursive: true });
    const created = join(workspace, 'todo.md');
    const reply = await send('start a todo file');
    await reply.locator('.tool-approval button:focus', { hasText: 'Allow once' }).click({ timeout: 60_000 });
    await reply.locator('.tool-step .tool-call-status.is-done').waitFor({ timeout: 30_000 });
    await reply.locator('.turn-line', { hasText: / · total \d/ }).waitFor({ timeout: 30_000 });
    await until(() => existsSync(created), 'the allowed file is created');
    const summary = reply.locator('.agent-summary');
    assert.equal(await summary.innerText(), 'Created 1 file');
    const restore = summary.locator('.summary-restore');
    assert.equal(await restore.getAttribute('aria-label'), 'Restore the files this turn changed');
    await page.mouse.move(1, 1); // off the chat (the pointer was on Allow once)
    await chat().locator('.turn:hover').waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(await restore.evaluate((b) => getComputedStyle(b).opacity), '0', 'hidden until the pointer is on the reply');

    /** The pointer on the summary line: the action shows (no transition on it), enabled. */
    async function hoverSummary(): Promise<void> {
      await summary.scrollIntoViewIfNeeded();
      await summary.hover();
      await chat().locator('.turn:hover .agent-summary .summary-restore:enabled').waitFor({ timeout: 10_000 });
      assert.equal(await restore.evaluate((b) => getComputedStyle(b).opacity), '1');
      await restore.hover();
    }
    await forEachWidthAndTheme(wb, async (name, width) => {
      await hoverSummary();
      await page.locator('.part.sidebar').screenshot({ path: join(out, `agent-restore-${name}-${width}.png`) });
    });
    await widenSideBar(page, 350);

    await hoverSummary();
    await restore.click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    const question = await dialog.innerText();
    assert.match(question, /Restore the files this turn changed\?/);
    assert.match(question, /todo\.md \(created by the turn: deleted\)/);
    await page.screenshot({ path: join(out, 'agent-restore-modal-350.png') });
    await dialog.locator('.monaco-button', { hasText: /^Restore$/ }).click();
    await reply.locator('.restore-note', { hasText: 'Deleted 1 file the turn created.' }).waitFor({ timeout: 30_000 });
    await until(() => !existsSync(created), 'the file the turn created is deleted');
    assert.equal(await dialog.count(), 0);

    // A terminal command, editable before it is allowed; denied, so nothing runs.
    const asks = await send('run the unit tests');
    const field = asks.locator('.tool-approval .tool-approval-command');
    await field.waitFor({ timeout: 60_000 });
    assert.equal(await field.inputValue(), LONG_COMMAND);
    // Meanwhile the earlier turn's Restore waits, and its tooltip says why (it still takes the pointer to show it).
    await summary.scrollIntoViewIfNeeded();
    await summary.hover();
    await chat().locator('.turn:hover .agent-summary .summary-restore:disabled').waitFor({ timeout: 10_000 });
    assert.equal(await restore.getAttribute('title'), 'Restore is available again when the reply in progress has finished.');
    assert.equal(await restore.evaluate((b) => getComputedStyle(b).pointerEvents), 'auto');
    await forEachTheme(wb, async (name) => {
      await summary.scrollIntoViewIfNeeded();
      await restore.hover();
      await page.locator('.part.sidebar').screenshot({ path: join(out, `agent-restore-disabled-${name}-350.png`) });
    });
    // The whole command shows, wrapped over lines in a narrow chat and on one in a wide one; nothing cut at the edge.
    await forEachWidthAndTheme(wb, async (name, width) => {
      await asks.locator('.tool-approval').scrollIntoViewIfNeeded();
      const shown = await field.evaluate((t: HTMLTextAreaElement) => ({ lines: Math.round((t.clientHeight - 4) / 18), hidden: t.scrollWidth - t.clientWidth + Math.max(0, t.scrollHeight - t.clientHeight) }));
      assert.equal(shown.hidden, 0, `the whole command is in view at ${width} px (${name})`);
      if (width === 350) assert.ok(shown.lines >= 2, `wrapped over lines at 350 px, got ${shown.lines}`);
      else assert.equal(shown.lines, 1, 'one line where it fits');
      await page.locator('.part.sidebar').screenshot({ path: join(out, `agent-terminal-approval-${name}-${width}.png`) });
    });
    await widenSideBar(page, 350);
    // A line break put into the command is shown and said, and keeps Allow off (the field has the focus border).
    await field.fill('cd web\nnpm test');
    await asks.locator('.tool-approval-command-note', { hasText: 'A command runs as one line' }).waitFor({ timeout: 10_000 });
    assert.equal(await asks.locator('.tool-approval button[data-decision="once"]').isDisabled(), true);
    await asks.locator('.tool-approval').scrollIntoViewIfNeeded();
    await page.locator('.part.sidebar').screenshot({ path: join(out, 'agent-terminal-approval-two-lines-high-contrast-350.png') });
    await asks.locator('.tool-approval button[data-decision="deny"]').click();
    await asks.locator('.tool-step .tool-call-status.is-denied').waitFor({ timeout: 30_000 });
    await asks.locator('.turn-line', { hasText: / · total \d/ }).waitFor({ timeout: 30_000 });
    await showTheme(wb, 'light');
  });

  /** The step waiting for approval, in each theme at 350 and 1,200 px, into test-output/screenshots/. */
  async function shootEveryThemeAndWidth(): Promise<void> {
    const out = join(projectRoot, 'test-output', 'screenshots');
    let shots = 0;
    // Only the chat in the window: an editor the tool opened for a preview stays where it is.
    await forEachWidthAndTheme(wb, async (name, width) => {
      await lastReply().locator('.tool-approval').scrollIntoViewIfNeeded();
      const overflow = await chat()
        .locator('body')
        .evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0, `nothing wider than the view at ${width} px (${name})`);
      await wb.page.locator('.part.sidebar').screenshot({ path: join(out, `agent-approval-${name}-${width}.png`) });
      shots++;
    });
    await widenSideBar(wb.page, 350);
    await showTheme(wb, 'light');
    assert.equal(shots, 6);
  }
});

/** The folder code-server opened (the workspace files were written there). */
function workspaceFolder(wb: Workbench): string {
  const url = new URL(wb.url);
  const folder = url.searchParams.get('folder');
  assert.ok(folder, `the workbench URL names its folder: ${wb.url}`);
  return folder;
}

/** Polls `condition` (a file on disk) until it holds, failing with `what` after 30 s. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    assert.ok(Date.now() < deadline, `timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
