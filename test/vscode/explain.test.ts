import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import type { ChatPanelHost } from '../../src/vscode/chat/chatPanelHost';
import type { HostToWebviewMessage, WebviewToHostMessage } from '../../src/shared/protocol';
import { EXTENSION_ID } from './extensionId';
import { clearEmulator, recordedRequests } from './emulatorClient';
import { waitFor } from './waitFor';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const SOURCE = ['// helpers', 'export function add(a: number, b: number): number {', '  const sum = a + b;', '  return sum;', '}', '', 'export const answer = add(40, 2);', ''].join('\n');

describe('Explain Selection (real editor → real chat view beside it, against the emulator)', () => {
  let api: WorkbenchApi;
  let editor: vscode.TextEditor;

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
    await vscode.workspace.getConfiguration('bedrock.chat').update('defaultModel', MODEL, vscode.ConfigurationTarget.Global);
    // Earlier suites chatted with other models; the model used last is what Explain takes.
    await api.modelChoice.remember(MODEL);
    const doc = await vscode.workspace.openTextDocument({ content: SOURCE, language: 'typescript' });
    editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
  });
  beforeEach(() => clearEmulator());

  /** Runs a command and follows the turn it starts in the real webview, to its end. */
  async function runAndFollow(command: string): Promise<{ send: Extract<WebviewToHostMessage, { method: 'chat/send' }>; text: string }> {
    // The command returns once it has handed the prompt to the panel; the webview answers only after
    // a round trip through the workbench, so subscribing now misses nothing.
    const prompt = await vscode.commands.executeCommand(command);
    assert.ok(prompt, `${command} produced a prompt`);
    const host: ChatPanelHost | undefined = api.chat.viewForTests();
    assert.ok(host, 'the command opened the chat view');
    const received: WebviewToHostMessage[] = [];
    const posts: HostToWebviewMessage[] = [];
    const subs = [host.onDidReceive((m) => received.push(m)), host.onDidPost((m) => posts.push(m))];
    try {
      const send = await waitFor(host.onDidReceive, () => received.find((m) => m.method === 'chat/send'), 'the webview to send the explanation');
      assert.ok(send.method === 'chat/send');
      await waitFor(host.onDidPost, () => posts.find((m) => (m.method === 'chat/end' || m.method === 'chat/error') && m.requestId === send.requestId), 'the streamed answer to end');
      const end = posts.find((m) => 'requestId' in m && m.requestId === send.requestId && (m.method === 'chat/end' || m.method === 'chat/error'))!;
      assert.equal(end.method, 'chat/end', `the turn ended without error (${JSON.stringify(end).slice(0, 300)})`);
      const text = posts.filter((m) => m.method === 'chat/delta' && m.requestId === send.requestId).map((m) => (m.method === 'chat/delta' ? m.text : '')).join('');
      return { send, text };
    } finally {
      for (const s of subs) s.dispose();
    }
  }

  it('streams an explanation of the selection into the chat view, labelled with file and lines, leaving the editor in front', async () => {
    editor = await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(1, 0, 4, 1);
    const { send, text } = await runAndFollow('bedrock.explainSelection');
    // The answer goes to the side view: no editor tab covers the code, and the editor keeps focus.
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    assert.ok(!tabs.some((t) => t.input instanceof vscode.TabInputWebview), `no chat tab was opened (${tabs.map((t) => t.label).join(', ')})`);
    assert.equal(vscode.window.activeTextEditor?.document, editor.document, 'the explained code is still the active editor');
    assert.equal(api.chat.panelForTests(), undefined, 'the editor-tab panel stays closed');
    assert.equal(send.modelId, MODEL, 'the chat model chosen last is used');
    // The message is the user's words; the code travels as its context (a chip naming file and lines).
    assert.equal(send.text, 'Explain the selected code: what it does, how, and anything surprising or risky.');
    assert.ok(send.context, 'the code is attached as context');
    assert.match(send.context.label, /:2-5$/);
    assert.equal(send.context.uri, editor.document.uri.toString());
    assert.deepEqual([send.context.startLine, send.context.endLine], [1, 4]);
    assert.match(send.context.text, /lines 2-5\./);
    assert.match(send.context.text, /```typescript\nexport function add[\s\S]*return sum;\n}\n```/);
    assert.match(send.context.text, /For context only/);
    const stored = api.chat.history.get(send.conversationId);
    assert.equal(stored?.title, send.text.slice(0, 59) + '…', 'the history title is the user words');
    assert.ok(text.length > 50, 'an answer streamed');
    const converse = (await recordedRequests()).find((r) => r.route === 'ConverseStream' || r.route === 'InvokeModelWithResponseStream');
    assert.ok(converse, 'the router streamed from the runtime');
    assert.match(JSON.stringify(converse.body), /export function add/);
  });

  it('with nothing selected, explains the enclosing function and says so', async () => {
    // The user is back in the editor (the chat panel had focus after the last turn).
    editor = await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(2, 4, 2, 4); // cursor inside add()
    const { send } = await runAndFollow('bedrock.explainSelection');
    const sent = send.text;
    // TypeScript's symbol provider may or may not be up in a fresh host: the enclosing symbol when
    // it is, else the current line — either way the prompt says which.
    assert.ok(/Explain `add`/.test(sent) || /Explain this line/.test(sent), sent.slice(0, 200));
  });

  it('trims a selection larger than the budget and still sends it', async () => {
    await vscode.workspace.getConfiguration('bedrock.explain').update('maxCharacters', 2000, vscode.ConfigurationTarget.Global);
    try {
      const big = Array.from({ length: 400 }, (_, i) => `const v${i} = ${i}; // value number ${i}`).join('\n');
      const doc = await vscode.workspace.openTextDocument({ content: big, language: 'typescript' });
      const e = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
      e.selection = new vscode.Selection(0, 0, 399, 0);
      const { send } = await runAndFollow('bedrock.explainSelection');
      const sent = `${send.text}\n\n${send.context?.text ?? ''}`;
      assert.ok(sent.length < 3000, `sent ${sent.length} characters`);
      assert.match(sent, /trimmed to fit/);
    } finally {
      await vscode.workspace.getConfiguration('bedrock.explain').update('maxCharacters', undefined, vscode.ConfigurationTarget.Global);
      await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
    }
  });

  it('sends nothing for a whitespace-only selection', async () => {
    const doc = await vscode.workspace.openTextDocument({ content: '   \n   \n', language: 'plaintext' });
    const e = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    e.selection = new vscode.Selection(0, 0, 1, 3);
    const result = await vscode.commands.executeCommand('bedrock.explainSelection');
    assert.equal(result, undefined);
    assert.equal((await recordedRequests()).filter((r) => /Converse|Invoke/.test(r.route)).length, 0);
  });

  it('uses the model picked in the chat view: choosing once is enough', async () => {
    const other = 'amazon.nova-pro-v1:0';
    const view = api.chat.viewForTests();
    assert.ok(view, 'the chat view is open');
    try {
      await view.receive({ method: 'models/select', modelId: other });
      editor = await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
      editor.selection = new vscode.Selection(1, 0, 4, 1);
      const { send } = await runAndFollow('bedrock.explainSelection');
      assert.equal(send.modelId, other);
    } finally {
      await api.modelChoice.remember(MODEL);
    }
  });
});
