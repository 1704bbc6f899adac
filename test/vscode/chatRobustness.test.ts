// The chat panel in a real extension host never leaves the webview waiting: every send gets one
// terminal message, even when the request cannot be built, and a send that replaces a running
// reply keeps that reply's partial text.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import type { ChatPanelHost } from '../../src/vscode/chat/chatPanelHost';
import type { ChatStreamMessage, HostToWebviewMessage, PersistedConversation, WebviewToHostMessage } from '../../src/shared/protocol';
import { MAX_TEXT } from '../../src/shared/protocolValidation';
import { EXTENSION_ID } from './extensionId';
import { clearEmulator, fault, recordedRequests } from './emulatorClient';
import { waitFor } from './waitFor';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

const isStream = (m: HostToWebviewMessage): m is ChatStreamMessage => m.method === 'chat/start' || m.method === 'chat/delta' || m.method === 'chat/route' || m.method === 'chat/end' || m.method === 'chat/error';
const isTerminal = (m: HostToWebviewMessage) => m.method === 'chat/end' || m.method === 'chat/error';

/** Everything the host posts to the real webview while it runs. */
function recorder(host: ChatPanelHost) {
  const posts: HostToWebviewMessage[] = [];
  const received: WebviewToHostMessage[] = [];
  const subs = [host.onDidPost((m) => posts.push(m)), host.onDidReceive((m) => received.push(m))];
  const stream = (requestId: string) => posts.filter(isStream).filter((m) => m.requestId === requestId);
  return {
    posts,
    received,
    stream,
    terminals: (requestId: string) => stream(requestId).filter(isTerminal),
    text: (requestId: string) => stream(requestId).map((m) => (m.method === 'chat/delta' && m.channel === 'text' ? m.text : '')).join(''),
    dispose: () => subs.forEach((s) => s.dispose()),
  };
}

describe('chat panel never waits forever (real webview, against the emulator)', () => {
  let api: WorkbenchApi;

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
    await vscode.workspace.getConfiguration('bedrock.chat').update('defaultModel', MODEL, vscode.ConfigurationTarget.Global);
  });
  beforeEach(() => clearEmulator());
  after(async () => {
    api.chat.panelForTests()?.panel.dispose();
    await vscode.workspace.getConfiguration('bedrock.chat').update('defaultModel', undefined, vscode.ConfigurationTarget.Global);
  });

  async function readyPanel(): Promise<ChatPanelHost> {
    // The chat view: where Open Chat and Explain land.
    await vscode.commands.executeCommand('bedrock.openChat');
    const host = api.chat.viewForTests()!;
    await waitFor(host.onDidPost, () => host.isReady, 'the webview ready handshake');
    return host;
  }

  it('Explain Selection with the largest budget on a huge selection is trimmed to fit and answered', async function () {
    // Two megabytes cross the webview boundary twice and go to the emulator: slow on a busy machine.
    this.timeout(120_000);
    await vscode.workspace.getConfiguration('bedrock.explain').update('maxCharacters', 10_000_000, vscode.ConfigurationTarget.Global);
    try {
      const line = 'value = compute(input) -- one line of a very large generated file\n';
      // Plain text: a language server tokenising megabytes would only slow the extension host down.
      const doc = await vscode.workspace.openTextDocument({ content: line.repeat(Math.ceil((MAX_TEXT + 100_000) / line.length)), language: 'plaintext' });
      const host = await readyPanel();
      // The editor is shown after the chat, so it is the active one when the command runs.
      const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
      editor.selection = new vscode.Selection(0, 0, doc.lineCount - 1, 0);
      const rec = recorder(host);
      try {
        assert.ok(await vscode.commands.executeCommand('bedrock.explainSelection'), 'the command produced a prompt');
        const send = await waitFor(host.onDidReceive, () => rec.received.find((m) => m.method === 'chat/send'), 'the webview to send the explanation');
        assert.ok(send.method === 'chat/send');
        // The request and the code it is about (its context) reach the model as one message.
        const sent = `${send.text}\n\n${send.context?.text ?? ''}`;
        assert.ok(sent.length <= MAX_TEXT, `the prompt (${sent.length}) fits the chat's limit`);
        assert.match(sent, /trimmed to fit/);
        await waitFor(host.onDidPost, () => rec.terminals(send.requestId)[0], 'the answer to end', 90_000);
        assert.equal(rec.terminals(send.requestId).length, 1);
      } finally {
        rec.dispose();
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    } finally {
      await vscode.workspace.getConfiguration('bedrock.explain').update('maxCharacters', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a prefilled message over the size limit is refused with a chat/error that names the size', async function () {
    this.timeout(90_000);
    const host = await readyPanel();
    const rec = recorder(host);
    try {
      // The real webview puts the text in the box and sends it; the host must answer that send.
      host.prefill('x'.repeat(MAX_TEXT + 10), true, MODEL);
      const refusal = await waitFor(host.onDidPost, () => rec.posts.find((m) => m.method === 'chat/error'), 'an answer to the oversized send', 60_000);
      assert.ok(refusal.method === 'chat/error');
      assert.equal(refusal.seq, 0);
      assert.match(refusal.error.message, /2,000,010 characters, more than the 2,000,000/);
      assert.equal(rec.terminals(refusal.requestId).length, 1);
    } finally {
      rec.dispose();
    }
  });

  it('a follow-up to a conversation with corrupt stored turns gets exactly one answer', async () => {
    const host = await readyPanel();
    const conversationId = `corrupt-${Date.now()}`;
    const corrupt = {
      v: 1,
      id: conversationId,
      title: 'corrupt',
      createdAt: 1,
      updatedAt: Date.now(),
      system: 42,
      turns: [
        { role: 'user', text: 'What is a cache?' },
        { role: 'assistant', text: 'A place to keep answers.', reasoning: [null] },
      ],
    };
    // Saved as-is: the store writes what it is given, so the record on disk is the corrupt one.
    await api.chat.history.save(corrupt as unknown as PersistedConversation);
    const rec = recorder(host);
    try {
      await host.receive({ method: 'chat/send', requestId: 'corrupt-1', conversationId, text: 'And when is it stale?', modelId: MODEL });
      assert.deepEqual(rec.terminals('corrupt-1').map((m) => m.method), ['chat/end']);
      const saved = api.chat.history.get(conversationId)!;
      assert.equal(saved.turns.at(-1)?.error, undefined);
      assert.equal(saved.turns.at(-2)?.text, 'And when is it stale?');
      const req = (await recordedRequests()).find((r) => r.route === 'ConverseStream');
      assert.ok(req, 'the follow-up reached the service');
      assert.doesNotMatch(JSON.stringify(req.body), /"system":\s*42|\[null\]/);
    } finally {
      rec.dispose();
    }
  });

  for (const modelId of ['', '   ']) {
    it(`a send with the model id ${JSON.stringify(modelId)} gets a chat/error saying so`, async () => {
      const host = await readyPanel();
      const rec = recorder(host);
      const requestId = `blank-model-${modelId.length}`;
      try {
        await host.receive({ method: 'chat/send', requestId, conversationId: `c-${requestId}`, text: 'hello', modelId });
        const terminals = rec.terminals(requestId);
        assert.equal(terminals.length, 1);
        const [err] = terminals;
        assert.ok(err.method === 'chat/error');
        assert.match(err.error.message, /model id is empty/);
        assert.equal((await recordedRequests()).length, 0, 'nothing was sent');
      } finally {
        rec.dispose();
      }
    });
  }

  it('two sends in one conversation while the first streams keep the first partial reply', async () => {
    const host = await readyPanel();
    const conversationId = `two-sends-${Date.now()}`;
    await fault({ kind: 'stall', afterEvents: 6, route: 'ConverseStream' });
    const rec = recorder(host);
    try {
      const first = host.receive({ method: 'chat/send', requestId: 'two-1', conversationId, text: 'Tell me about retries', modelId: MODEL });
      await waitFor(host.onDidPost, () => rec.text('two-1').length > 0, 'the first streamed text');
      await host.receive({ method: 'chat/send', requestId: 'two-2', conversationId, text: 'Actually, tell me about caches', modelId: MODEL });
      await first;
      assert.deepEqual(rec.terminals('two-1').map((m) => m.method), ['chat/error']);
      assert.deepEqual(rec.terminals('two-2').map((m) => m.method), ['chat/end']);
      const saved = api.chat.history.get(conversationId)!;
      assert.deepEqual(saved.turns.map((t) => t.role), ['user', 'assistant', 'user', 'assistant']);
      assert.equal(saved.turns[1].error?.kind, 'cancelled');
      assert.ok(saved.turns[1].text.length > 0, 'the first partial reply is kept');
      assert.ok(rec.text('two-1').startsWith(saved.turns[1].text) || saved.turns[1].text.startsWith(rec.text('two-1')));
      assert.equal(saved.turns[3].text, rec.text('two-2'));
    } finally {
      rec.dispose();
    }
  });
});
