import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import type { HostToWebviewMessage } from '../../src/shared/protocol';
import { EXTENSION_ID } from './extensionId';
import { clearEmulator, recordedRequests } from './emulatorClient';
import { waitFor } from './waitFor';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

async function nextRequest(predicate: (r: Awaited<ReturnType<typeof recordedRequests>>[number]) => boolean, what: string) {
  // The emulator's log is polled over its control API: the warm-up is fire-and-forget in the host.
  for (;;) {
    const found = (await recordedRequests()).find(predicate);
    if (found) return found;
    await new Promise((r) => setImmediate(r));
    if (!vscode.window.state.focused) throw new Error(`${what}: the window lost focus, so nothing is warmed`);
  }
}

describe('connection warming from the chat view (real webview, against the emulator)', () => {
  let api: WorkbenchApi;

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
  });

  it('typing opens the turn’s connection without credentials, and the turn then uses it', async function () {
    if (!vscode.window.state.focused) this.skip(); // a background window is never warmed, by design
    const host = await vscode.commands.executeCommand<ReturnType<WorkbenchApi['chat']['commands']['bedrock.openChat']>>('bedrock.openChat');
    assert.ok(host);
    await waitFor(host.onDidPost, () => host.isReady, 'the webview ready handshake');
    await host.receive({ method: 'models/select', modelId: MODEL });
    await clearEmulator();
    api.chat.warmer.reset();
    await host.receive({ method: 'composer/typing' });
    const warm = await nextRequest((r) => r.method === 'HEAD', 'the warm-up request');
    assert.equal(warm.auth.kind, 'none', 'a warm-up carries no credentials');
    assert.equal(warm.headers.authorization, undefined);

    const posts: HostToWebviewMessage[] = [];
    const sub = host.onDidPost((m) => posts.push(m));
    try {
      await host.receive({ method: 'chat/send', requestId: 'warm-1', conversationId: 'conv-warm', text: 'hello', modelId: MODEL });
    } finally {
      sub.dispose();
    }
    assert.equal(posts.filter((m) => 'requestId' in m && m.requestId === 'warm-1').at(-1)?.method, 'chat/end');
    const turn = (await recordedRequests()).find((r) => /Converse|Invoke/.test(r.route));
    assert.ok(turn);
    assert.equal(turn.connection, warm.connection, 'the turn went over the warmed connection');
  });
});
