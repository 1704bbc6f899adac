import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import type { HostToWebviewMessage } from '../../src/shared/protocol';
import { EXTENSION_ID } from './extensionId';
import { clearEmulator, recordedRequests } from './emulatorClient';
import { waitFor } from './waitFor';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

describe('chat view in its own view container (real webview, against the emulator)', () => {
  let api: WorkbenchApi;

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
  });
  beforeEach(() => clearEmulator());
  after(() => api.chat.panelForTests()?.panel.dispose());

  it('Open Chat resolves the contributed view, which loads the chat page and chats', async () => {
    const host = await vscode.commands.executeCommand<ReturnType<WorkbenchApi['chat']['commands']['bedrock.openChat']>>('bedrock.openChat');
    assert.ok(host, 'the command returned the view host');
    assert.equal(host, api.chat.viewForTests());
    assert.equal(host.panel.viewType, 'bedrock.chatView');
    assert.equal(host.panel.visible, true, 'the view is showing');
    await waitFor(host.onDidPost, () => host.isReady, 'the webview ready handshake');

    const posts: HostToWebviewMessage[] = [];
    const sub = host.onDidPost((m) => posts.push(m));
    try {
      await host.receive({ method: 'chat/send', requestId: 'view-1', conversationId: 'conv-view', text: 'hello from the side bar', modelId: MODEL });
      const end = posts.filter((m) => 'requestId' in m && m.requestId === 'view-1').at(-1);
      assert.equal(end?.method, 'chat/end', `the turn ended normally: ${JSON.stringify(end)}`);
    } finally {
      sub.dispose();
    }
    assert.ok((await recordedRequests()).some((r) => /Converse|Invoke/.test(r.route)), 'the reply came from the runtime');
    assert.equal((await vscode.commands.executeCommand('bedrock.openChat')) as unknown, host, 'opening again reuses the view');
  });

  it('Open Chat in Editor opens a tab beside it that shares the history', async () => {
    await vscode.commands.executeCommand('bedrock.openChatInEditor');
    const panel = api.chat.panelForTests();
    assert.ok(panel, 'an editor-tab chat opened');
    assert.notEqual(panel as unknown, api.chat.viewForTests());
    await waitFor(panel.onDidPost, () => panel.isReady, 'the panel webview ready handshake');
    const posts: HostToWebviewMessage[] = [];
    const sub = panel.onDidPost((m) => posts.push(m));
    await panel.receive({ method: 'history/list' });
    sub.dispose();
    const list = posts.find((m) => m.method === 'history/list');
    assert.ok(list?.method === 'history/list' && list.conversations.some((c) => c.id === 'conv-view'), 'the view’s chat is in the panel’s history');
  });
});
