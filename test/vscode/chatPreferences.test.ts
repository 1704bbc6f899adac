// One model choice for every chat surface, Explain and Ask; favourites and the default system
// prompt kept in global state and sent to every open chat (real extension host, real webviews).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import type { HostToWebviewMessage } from '../../src/shared/protocol';
import { EXTENSION_ID } from './extensionId';
import { openReadyChatPanel } from './chatPanelReady';
import { waitFor } from './waitFor';

const NOVA = 'amazon.nova-lite-v1:0';
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

describe('chat preferences shared by every surface (real webviews)', () => {
  let api: WorkbenchApi;

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
  });
  after(async () => {
    api.chat.panelForTests()?.panel.dispose();
    await api.modelChoice.saveDefaultSystem('');
    await api.modelChoice.setFavourite(NOVA, false);
  });

  it('a model chosen in the editor-tab chat is the view’s, Explain’s and Ask’s; favourites and the default system prompt reach every chat', async () => {
    const view = await vscode.commands.executeCommand<ReturnType<WorkbenchApi['chat']['commands']['bedrock.openChat']>>('bedrock.openChat');
    await waitFor(view.onDidPost, () => view.isReady, 'the view is ready');
    const panel = await openReadyChatPanel(api);
    await api.modelChoice.remember(HAIKU);

    const viewPosts: HostToWebviewMessage[] = [];
    const sub = view.onDidPost((m) => viewPosts.push(m));
    try {
      await panel.receive({ method: 'models/select', modelId: NOVA });
      assert.equal(api.modelChoice.current(), NOVA, 'Explain and Ask use the shared choice');
      const followed = await waitFor(view.onDidPost, () => viewPosts.find((m) => m.method === 'models/list' && m.chosenElsewhere), 'the view hears of the choice');
      assert.ok(followed.method === 'models/list' && followed.selectedModelId === NOVA, JSON.stringify(followed).slice(0, 200));
      assert.equal(followed.method === 'models/list' && followed.recent?.[0], NOVA);

      await panel.receive({ method: 'models/favourite', modelId: NOVA, favourite: true });
      assert.deepEqual(api.modelChoice.favourites(), [NOVA]);
      await waitFor(view.onDidPost, () => viewPosts.find((m) => m.method === 'models/list' && m.favourites?.includes(NOVA)), 'the view lists the favourite');

      await panel.receive({ method: 'settings/saveDefaultSystem', system: 'Answer briefly.' });
      assert.equal(api.modelChoice.defaultSystem(), 'Answer briefly.');
      await waitFor(view.onDidPost, () => viewPosts.find((m) => m.method === 'chat/defaults' && m.system === 'Answer briefly.'), 'the view gets the new default');
    } finally {
      sub.dispose();
    }
  });
});
