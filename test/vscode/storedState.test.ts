// The extension started on corrupt stored state in a real extension host: the catalog cache,
// learned facts, explorer filter and chat history are written through the extension's own
// Mementos, then it activates again on them (as after a window reload). It must start, keep every
// good record, say once what it dropped, and chat with a model whose learned entry was corrupt.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import { CONVERSATION_KEY_PREFIX, EXPLORER_FILTER_KEY, HISTORY_INDEX_KEY, catalogKey, learnedKey } from '../../src/core/storageKeys';
import type { ChatEndMessage, HostToWebviewMessage, PersistedConversation } from '../../src/shared/protocol';
import { EXTENSION_ID } from './extensionId';
import { clearEmulator } from './emulatorClient';
import { waitFor } from './waitFor';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const OTHER = 'meta.llama3-1-8b-instruct-v1:0';
const stamp = Date.now();
const GOOD: PersistedConversation = {
  v: 1,
  id: `stored-good-${stamp}`,
  title: 'Good one',
  createdAt: 1,
  updatedAt: stamp + 2,
  turns: [
    { role: 'user', text: 'hello' },
    { role: 'assistant', text: 'hi there' },
  ],
};
const DAMAGED_ID = `stored-damaged-${stamp}`;
const DAMAGED = {
  v: 1,
  id: DAMAGED_ID,
  title: 'Damaged turns',
  createdAt: 1,
  updatedAt: stamp + 1,
  system: 42,
  turns: [
    { role: 'user', text: 'first question' },
    { role: 'assistant', text: 'first answer', reasoning: [null], error: {} },
  ],
};
const UNREADABLE_ID = `stored-unreadable-${stamp}`;
const UNREADABLE = { v: 1, id: UNREADABLE_ID, title: 'Unreadable', createdAt: 1, updatedAt: stamp, turns: 'x' };

describe('stored state: corrupt on startup (real extension host)', () => {
  let api: WorkbenchApi;
  let workspaceState: vscode.Memento;
  let keys: { catalog: string; learned: string };

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await clearEmulator();
    await api.catalog.refresh();
    const good = api.catalog.descriptors.find((d) => d.id === MODEL);
    assert.ok(good, `${MODEL} is listed`);
    const { region, profile } = api.connection.info;
    keys = { catalog: catalogKey(region, profile), learned: learnedKey(region) };
    await api.restartForTests(async (state) => {
      workspaceState = state.workspaceState;
      const broken: unknown[] = [null, { id: 'broken.model-v1:0' }, 'x', { ...good, apis: null }];
      await state.globalState.update(keys.catalog, { v: 1, region, account: '', fetchedAt: 1, descriptors: [...broken, good] });
      await state.globalState.update(keys.learned, {
        v: 1,
        models: { [MODEL]: { profile: 5, apis: [null], maxTokens: 'lots' }, [OTHER]: { apis: { invoke: { supported: false, note: 'kept', at: 1 } } } },
      });
      await state.globalState.update(EXPLORER_FILTER_KEY, { v: 1, text: 5, hideLegacy: true });
      await state.workspaceState.update(HISTORY_INDEX_KEY, 'garbage');
      await state.workspaceState.update(CONVERSATION_KEY_PREFIX + GOOD.id, GOOD);
      await state.workspaceState.update(CONVERSATION_KEY_PREFIX + DAMAGED_ID, DAMAGED);
      await state.workspaceState.update(CONVERSATION_KEY_PREFIX + UNREADABLE_ID, UNREADABLE);
    });
  });

  after(async () => {
    // Leave the state as a clean start would find it for whatever runs next.
    await api.restartForTests(async (state) => {
      await state.globalState.update(keys.learned, undefined);
      await state.globalState.update(keys.catalog, undefined);
      await state.globalState.update(EXPLORER_FILTER_KEY, undefined);
      for (const id of [GOOD.id, DAMAGED_ID, UNREADABLE_ID]) await state.workspaceState.update(CONVERSATION_KEY_PREFIX + id, undefined);
      await state.workspaceState.update(HISTORY_INDEX_KEY, undefined);
    });
  });

  it('activates with every readable descriptor and the readable part of the filter', () => {
    // Read before the background refresh can replace the cache.
    if (api.catalog.state === 'cached') assert.deepEqual(api.catalog.descriptors.map((d) => d.id), [MODEL]);
    assert.ok(api.catalog.describe(MODEL), 'the good model resolves');
    assert.deepEqual(api.tree.currentFilter, { hideLegacy: true });
    assert.ok(api.tree.getChildren().length > 0, 'the explorer shows the models');
  });

  it('lists the good conversations, chats with the corrupt-learned model in the damaged one, and says each problem once', async () => {
    await vscode.commands.executeCommand('bedrock.openChatInEditor');
    const host = api.chat.panelForTests();
    assert.ok(host, 'the chat panel opened');
    const posts: HostToWebviewMessage[] = [];
    const sub = host.onDidPost((m) => posts.push(m));
    try {
      await waitFor(host.onDidPost, () => host.isReady, 'the webview ready handshake');
      await host.receive({ method: 'history/list' });
      const list = posts.filter((m) => m.method === 'history/list').at(-1);
      assert.ok(list && list.method === 'history/list');
      const ids = list.conversations.map((c) => c.id);
      assert.ok(ids.includes(GOOD.id) && ids.includes(DAMAGED_ID), `good conversations listed: ${ids.join(', ')}`);
      assert.ok(!ids.includes(UNREADABLE_ID), 'the unreadable one is not offered');

      await host.receive({ method: 'history/open', conversationId: DAMAGED_ID });
      const loaded = posts.find((m) => m.method === 'history/load');
      assert.ok(loaded && loaded.method === 'history/load');
      // The unreadable error keeps the turn failed, with a generic message.
      const failed = { kind: 'serviceError', message: 'This reply failed; the stored details could not be read.', action: { id: 'none', label: 'OK' } };
      assert.deepEqual(loaded.conversation.turns, [{ role: 'user', text: 'first question' }, { role: 'assistant', text: 'first answer', reasoning: [], error: failed }]);
      assert.equal(loaded.conversation.system, undefined);

      await host.receive({ method: 'chat/send', requestId: 'stored-1', conversationId: DAMAGED_ID, text: 'a follow-up', modelId: MODEL });
      const stream = posts.filter((m) => 'requestId' in m && m.requestId === 'stored-1');
      const end = stream.at(-1) as ChatEndMessage;
      assert.equal(end.method, 'chat/end', `the turn ended normally: ${JSON.stringify(end)}`);
      const saved = api.chat.history.get(DAMAGED_ID)!;
      assert.deepEqual(saved.turns.map((t) => t.role), ['user', 'assistant', 'user', 'assistant']);
      assert.ok(saved.turns[3].text.length > 0, 'the reply was saved');
      assert.ok(api.chat.history.list().some((c) => c.id === GOOD.id), 'saving kept the good conversation listed');
      assert.deepEqual(workspaceState.get(CONVERSATION_KEY_PREFIX + UNREADABLE_ID), UNREADABLE, 'the unreadable record was left as it was');
    } finally {
      sub.dispose();
      host.panel.dispose();
    }

    await api.catalog.refresh();
    assert.deepEqual(api.catalog.describe(OTHER)?.apis.invoke, { supported: false, source: 'learned', note: 'kept' }, 'the good learned fact was kept');

    const warnings = api.storageWarnings;
    for (const what of ['cached model list', 'learned about models', 'saved model filter', 'chat history list', DAMAGED_ID, UNREADABLE_ID]) {
      assert.equal(warnings.filter((w) => w.includes(what)).length, 1, `one warning about ${what}: ${JSON.stringify(warnings)}`);
    }
  });
});
