import * as assert from 'node:assert/strict';
import { onlyWebview } from './webviewOver';
import { chooseMenuItem, closeAfterSuite, openWorkbench, type Workbench } from './workbench';

const CHAT_MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const EMBED_MODEL = 'amazon.titan-embed-text-v2:0';
const SOURCE = `// Sample code for Bedrock Workbench
export function fibonacci(n: number): number {
  let a = 0;
  let b = 1;
  for (let i = 0; i < n; i++) [a, b] = [b, a + b];
  return a;
}

export const tenth = fibonacci(10);
`;

describe('editor commands in the real workbench', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench({
      workspaceFiles: { 'sample.ts': SOURCE },
      settings: { 'bedrock.chat.defaultModel': CHAT_MODEL, 'bedrock.embedding.defaultModel': EMBED_MODEL },
    });
  });
  closeAfterSuite('editor', () => wb);

  async function openAndSelectFunction(): Promise<void> {
    await (await wb.openFile('sample.ts', 'fibonacci')).locator('.view-lines').click();
    await wb.page.keyboard.press('Control+Home');
    await wb.page.keyboard.press('ArrowDown');
    for (let i = 0; i < 6; i++) await wb.page.keyboard.press('Shift+ArrowDown');
  }

  it('Explain Selection from the editor context menu streams the answer into the chat panel', async () => {
    await openAndSelectFunction();
    await wb.page.locator('.editor-instance .monaco-editor .view-lines .view-line', { hasText: 'let a = 0' }).first().click({ button: 'right' });
    await chooseMenuItem(wb.page, 'Explain Selection');
    const chat = onlyWebview(wb.page);
    const user = chat.locator('.turn-user').last();
    await user.waitFor({ timeout: 60_000 });
    assert.match(await user.innerText(), /sample\.ts:2-7/); // the context chip, not the fenced prompt
    const reply = chat.locator('.turn-assistant').last();
    // The line reads "waiting for…", then "streaming…"; the total time appears when the turn has finished.
    await reply.locator('.turn-line', { hasText: / · total \d/ }).waitFor({ timeout: 60_000 });
    assert.ok((await reply.innerText()).length > 100, 'a streamed answer is shown');
    assert.match(await reply.locator('.turn-line').innerText(), /Converse|Invoke/);
    await wb.screenshot('editor-explain-selection');
    // The history entry is titled with the user's short request, not the fenced code sent as context.
    await chat.locator('#history-toggle').click();
    const entry = chat.locator('.history-open[aria-current="true"]');
    await entry.waitFor();
    const title = await entry.innerText();
    assert.match(title, /^Explain the selected code/);
    assert.doesNotMatch(title, /```|fibonacci|sample\.ts/);
    await chat.locator('#history-toggle').click(); // leave the list closed for the next test
  });

  it('Embed Selection opens the JSON document with the vector', async () => {
    await openAndSelectFunction();
    await wb.runCommand('Bedrock: Embed Selection');
    const json = wb.page.locator('.editor-instance .monaco-editor .view-lines', { hasText: '"dimension"' }).first();
    await json.waitFor({ timeout: 30_000 });
    const text = await json.innerText();
    assert.match(text, /amazon\.titan-embed-text-v2:0/);
    assert.match(text, /"normalized":\s+true/); // Monaco renders spaces as no-break spaces
    await wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'Embedded sample.ts:2-7' }).first().waitFor({ timeout: 15_000 });
    await wb.screenshot('editor-embed-selection');
  });
});
