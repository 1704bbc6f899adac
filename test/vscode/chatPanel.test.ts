import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import type { ChatPanelHost } from '../../src/vscode/chat/chatPanelHost';
import { CHAT_VIEW_TYPE } from '../../src/vscode/chat/chatPanelHost';
import type { HostToWebviewMessage, ChatErrorMessage, ChatEndMessage } from '../../src/shared/protocol';
import { EXTENSION_ID } from './extensionId';
import { clearEmulator, fault, recordedRequests } from './emulatorClient';
import { waitFor } from './waitFor';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

/** Records what the host posts to the (real) webview. */
function recorder(host: ChatPanelHost) {
  const posts: HostToWebviewMessage[] = [];
  const sub = host.onDidPost((m) => posts.push(m));
  return {
    posts,
    dispose: () => sub.dispose(),
    stream: (requestId: string) => posts.filter((m) => 'requestId' in m && m.requestId === requestId),
    text: (requestId: string) =>
      posts
        .filter((m) => m.method === 'chat/delta' && m.requestId === requestId && m.channel === 'text')
        .map((m) => (m.method === 'chat/delta' ? m.text : ''))
        .join(''),
  };
}

async function openReadyPanel(api: WorkbenchApi): Promise<ChatPanelHost<vscode.WebviewPanel>> {
  await vscode.commands.executeCommand('bedrock.openChatInEditor');
  const host = api.chat.panelForTests();
  assert.ok(host, 'the command opened a panel');
  // Ready means the real webview bundle loaded under the CSP and said `webview/ready`.
  await waitFor(host.onDidPost, () => host.isReady, 'the webview ready handshake');
  return host;
}

describe('chat panel (real webview, against the emulator)', () => {
  let api: WorkbenchApi;
  let host: ChatPanelHost<vscode.WebviewPanel>;
  const conversationId = `conv-${Date.now()}`;

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
    assert.equal(api.catalog.state, 'fresh', `catalog refreshed (error: ${api.catalog.error?.message})`);
    host = await openReadyPanel(api);
  });

  beforeEach(async () => {
    await clearEmulator();
  });

  after(() => {
    api.chat.panelForTests()?.panel.dispose();
  });

  it('sends the model list (chat-capable only) when the webview is ready', async () => {
    const rec = recorder(host);
    await host.receive({ method: 'models/list' });
    rec.dispose();
    const list = rec.posts.find((m) => m.method === 'models/list');
    assert.ok(list && list.method === 'models/list');
    assert.ok(list.models.some((m) => m.id === MODEL), `${MODEL} is offered`);
    assert.ok(!list.models.some((m) => /embed/i.test(m.id)), 'no embedding models in the chat picker');
  });

  it('runs a full turn: start → streamed markdown → end with stats, saved to history', async () => {
    const rec = recorder(host);
    await host.receive({ method: 'chat/send', requestId: 'full-1', conversationId, text: 'Explain caching with a code example', modelId: MODEL });
    rec.dispose();
    const stream = rec.stream('full-1');
    assert.equal(stream[0].method, 'chat/start');
    assert.deepEqual(
      stream.map((m) => ('seq' in m ? m.seq : -1)),
      stream.map((_, i) => i),
      'seq counts up from 0 without gaps',
    );
    const end = stream[stream.length - 1] as ChatEndMessage;
    assert.equal(end.method, 'chat/end');
    assert.equal(end.stats.api, 'converse-stream');
    assert.ok((end.stats.outputTokens ?? 0) > 0, 'output tokens reported');
    assert.ok(end.stats.timeToFirstTokenMs !== undefined && end.stats.totalLatencyMs !== undefined);
    const text = rec.text('full-1');
    assert.match(text, /```/, 'the reply carries a code fence');

    const saved = api.chat.history.get(conversationId);
    assert.ok(saved, 'conversation saved');
    assert.deepEqual(saved.turns.map((t) => t.role), ['user', 'assistant']);
    assert.equal(saved.turns[1].text, text, 'the stored reply is exactly what streamed');
    assert.equal(saved.turns[1].stats?.api, 'converse-stream');
    const reqs = await recordedRequests();
    assert.ok(reqs.some((r) => r.route === 'ConverseStream' && (r.resolvedModelId ?? r.modelId) === MODEL), 'the emulator served ConverseStream');
  });

  it('Stop cancels the request mid-stream; the partial reply stays and the turn is marked cancelled', async () => {
    await fault({ kind: 'stall', afterEvents: 6, route: 'ConverseStream' });
    const rec = recorder(host);
    const sending = host.receive({ method: 'chat/send', requestId: 'cancel-1', conversationId, text: 'Tell me about retries' });
    await waitFor(host.onDidPost, () => rec.text('cancel-1').length > 0, 'the first streamed text');
    await host.receive({ method: 'chat/cancel', requestId: 'cancel-1' });
    await sending;
    rec.dispose();
    const last = rec.stream('cancel-1').at(-1) as ChatErrorMessage;
    assert.equal(last.method, 'chat/error');
    assert.equal(last.error.kind, 'cancelled');
    const saved = api.chat.history.get(conversationId)!;
    const turn = saved.turns.at(-1)!;
    assert.equal(turn.error?.kind, 'cancelled');
    assert.equal(turn.text, rec.text('cancel-1'), 'partial text kept');
    assert.ok(turn.text.length > 0);
    assert.equal(saved.turns.length, 4, 'earlier turns kept');
  });

  it('a stream error keeps the partial reply and the conversation, with the classified message and an action', async () => {
    await fault({ kind: 'exceptionAfter', afterEvents: 6, exception: 'modelStreamError', route: 'ConverseStream' });
    const rec = recorder(host);
    await host.receive({ method: 'chat/send', requestId: 'err-1', conversationId, text: 'And pagination?' });
    rec.dispose();
    const last = rec.stream('err-1').at(-1) as ChatErrorMessage;
    assert.equal(last.method, 'chat/error');
    assert.notEqual(last.error.kind, 'cancelled');
    assert.ok(last.error.message.length > 0);
    assert.ok(last.error.action.label.length > 0);
    const saved = api.chat.history.get(conversationId)!;
    assert.equal(saved.turns.length, 6);
    assert.equal(saved.turns[5].error?.kind, last.error.kind);
    assert.ok(saved.turns[5].text.length > 0, 'partial text kept');
    assert.equal(saved.turns[5].text, rec.text('err-1'));
  });

  it('retry replaces the failed turn (replaceFromTurn) and the next request replays the history', async () => {
    const rec = recorder(host);
    await host.receive({ method: 'chat/send', requestId: 'retry-1', conversationId, text: 'And pagination?', replaceFromTurn: 4 });
    rec.dispose();
    assert.equal(rec.stream('retry-1').at(-1)?.method, 'chat/end');
    const saved = api.chat.history.get(conversationId)!;
    assert.equal(saved.turns.length, 6);
    assert.equal(saved.turns[5].error, undefined);
    const req = (await recordedRequests()).find((r) => r.route === 'ConverseStream');
    const body = req?.body as { messages: { role: string }[] };
    assert.deepEqual(body.messages.map((m) => m.role), ['user', 'assistant', 'user', 'assistant', 'user'], 'alternating history sent back');
  });

  it('ignores malformed messages from the webview', async () => {
    const received: string[] = [];
    const sub = host.onDidReceive((m) => received.push(m.method));
    await host.receive({ method: 'chat/send', requestId: 5 });
    await host.receive({ method: 'link/open', href: 'javascript:alert(1)' });
    await host.receive('garbage');
    sub.dispose();
    assert.deepEqual(received, []);
  });

  it('code buttons: Copy to the clipboard, Open in New File with the fence language, Insert at Cursor in the last editor', async () => {
    await host.receive({ method: 'code/copy', code: 'copied();' });
    assert.equal(await vscode.env.clipboard.readText(), 'copied();');

    await host.receive({ method: 'code/openInNewFile', code: 'const x: number = 1;\n', language: 'ts' });
    const opened = vscode.window.activeTextEditor;
    assert.ok(opened, 'a new editor is active');
    assert.equal(opened.document.isUntitled, true);
    assert.equal(opened.document.languageId, 'typescript');
    assert.equal(opened.document.getText(), 'const x: number = 1;\n');

    // The panel has focus when the button is pressed; the insert goes to the editor used last.
    opened.selection = new vscode.Selection(opened.document.positionAt(0), opened.document.positionAt(0));
    host.panel.reveal(undefined, false);
    await host.receive({ method: 'code/insert', code: '// inserted\n', language: 'ts' });
    assert.equal(opened.document.getText(), '// inserted\nconst x: number = 1;\n');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('hiding the panel keeps the webview alive (retainContextWhenHidden), so nothing is lost', () => {
    assert.equal(host.panel.options.retainContextWhenHidden, true);
  });

  it('history: list, delete', async () => {
    const other = `conv-del-${Date.now()}`;
    await host.receive({ method: 'chat/send', requestId: 'del-1', conversationId: other, text: 'to be deleted' });
    const posts: HostToWebviewMessage[] = [];
    const sub = host.onDidPost((m) => posts.push(m));
    await host.receive({ method: 'history/list' });
    const list = posts.find((m) => m.method === 'history/list');
    assert.ok(list?.method === 'history/list' && list.conversations[0].id === other, 'most recent first');
    await host.receive({ method: 'history/delete', conversationId: other });
    sub.dispose();
    assert.equal(api.chat.history.get(other), undefined);
    const after = posts.filter((m) => m.method === 'history/list').at(-1);
    assert.ok(after?.method === 'history/list' && !after.conversations.some((c) => c.id === other));
    assert.ok(api.chat.history.get(conversationId), 'the other conversation is untouched');
  });

  it('restores the conversation into a panel re-created by the serializer (window reload path)', async () => {
    // Its own conversation, so the test holds when run alone.
    const reloaded = `conv-reload-${Date.now()}`;
    await host.receive({ method: 'chat/send', requestId: 'reload-1', conversationId: reloaded, text: 'Explain caching', modelId: MODEL });
    const stored = api.chat.history.get(reloaded);
    assert.ok(stored && stored.turns.length > 0, 'the turn was saved');
    api.chat.panelForTests()?.panel.dispose();
    assert.equal(api.chat.panelForTests(), undefined);
    const panel = vscode.window.createWebviewPanel(CHAT_VIEW_TYPE, 'Bedrock Chat', vscode.ViewColumn.One, { enableScripts: true });
    const restored = api.chat.restoreForTests(panel, { v: 1, conversationId: reloaded, draft: '' });
    const posts: HostToWebviewMessage[] = [];
    const sub = restored.onDidPost((m) => posts.push(m));
    const load = await waitFor(restored.onDidPost, () => posts.find((m) => m.method === 'history/load'), 'history/load after ready');
    sub.dispose();
    assert.ok(load.method === 'history/load');
    assert.equal(load.conversation.id, reloaded);
    assert.deepEqual(load.conversation.turns, stored.turns);
    assert.ok(posts.findIndex((m) => m.method === 'models/list') < posts.findIndex((m) => m.method === 'history/load'), 'models before the conversation');
    host = restored;
  });
});
