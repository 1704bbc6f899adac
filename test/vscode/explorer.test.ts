import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import { shortBadgesOf } from '../../src/core/explorer/treeRows';
import { EXTENSION_ID } from './extensionId';
import { clearEmulator, fault, recordedRequests } from './emulatorClient';
import { waitFor } from './waitFor';
import modelData from '../../data/bedrock-model-apis.json';

interface ListedModel {
  modelId: string;
  providerName: string;
  inferenceTypesSupported?: string[];
}

/** The emulator's own answer, asked directly (a bearer token is all it needs). */
async function listFoundationModels(): Promise<ListedModel[]> {
  const res = await fetch(`${process.env.BEDROCK_EMULATOR_URL}/foundation-models`, { headers: { authorization: 'Bearer test-token' } });
  return ((await res.json()) as { modelSummaries: ListedModel[] }).modelSummaries;
}

/** bedrock-mantle's own list (the emulator serves mantle under `/mantle`). */
async function listMantleModels(): Promise<string[]> {
  const res = await fetch(`${process.env.BEDROCK_EMULATOR_URL}/mantle/v1/models`, { headers: { authorization: 'Bearer test-token' } });
  return ((await res.json()) as { data: { id: string }[] }).data.map((m) => m.id);
}

describe('model explorer (against the emulator)', () => {
  let api: WorkbenchApi;

  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await clearEmulator();
    await api.catalog.refresh();
    assert.equal(api.catalog.state, 'fresh', `catalog refreshed (error: ${api.catalog.error?.message})`);
  });

  afterEach(async () => {
    await api.tree.setFilter({});
  });

  it('shows one group per provider with the emulator’s model counts', async () => {
    const listed = await listFoundationModels();
    const expected = new Map<string, number>();
    for (const m of listed) expected.set(m.providerName, (expected.get(m.providerName) ?? 0) + 1);
    // Plus the models only mantle lists (mantle names the others without their version suffix),
    // under the provider of the runtime models sharing their id prefix.
    const runtimeIds = new Set(listed.flatMap((m) => [m.modelId, m.modelId.replace(/-v?\d+:\d+$/, '').replace(/:\d+$/, '')]));
    const prefix = (id: string) => id.slice(0, id.indexOf('.'));
    const mantleOnly = (await listMantleModels()).filter((id) => !runtimeIds.has(id));
    assert.ok(mantleOnly.length > 0, 'the emulator has models only mantle lists');
    for (const id of mantleOnly) {
      const provider = listed.find((m) => prefix(m.modelId) === prefix(id))!.providerName;
      expected.set(provider, (expected.get(provider) ?? 0) + 1);
    }
    const groups = api.tree.getChildren() as { kind: 'provider'; provider: string; models: unknown[] }[];
    const actual = new Map(groups.map((g) => [g.provider, g.models.length]));
    for (const [provider, count] of expected) assert.equal(actual.get(provider), count, `${provider}: tree ${actual.get(provider)} vs service ${count}`);
    assert.ok(groups.length >= 10, `many providers (${groups.length})`);
  });

  it('shows a profile-only model with its inference profiles, regional before global', async () => {
    const listed = await listFoundationModels();
    const profileOnly = listed.filter((m) => m.inferenceTypesSupported?.includes('INFERENCE_PROFILE') && !m.inferenceTypesSupported.includes('ON_DEMAND'));
    assert.ok(profileOnly.length > 0, 'the emulator lists profile-only models');
    const nodes = api.tree.visibleGroups.flatMap((g) => g.models);
    let checked = 0;
    for (const m of profileOnly) {
      const node = nodes.find((n) => n.descriptor.id === m.modelId);
      assert.ok(node, `${m.modelId} is in the tree`);
      assert.equal(node.descriptor.profileOnly, true);
      const item = api.tree.getTreeItem(node);
      assert.match(String(item.description), /needs profile/);
      const ids = node.profiles.map((p) => p.profile.id);
      const regional = ids.findIndex((id) => id.startsWith('us.'));
      const global = ids.findIndex((id) => id.startsWith('global.'));
      if (regional >= 0 && global >= 0) {
        assert.ok(regional < global, `${m.modelId}: ${ids.join(', ')}`);
        checked++;
      }
    }
    assert.ok(checked > 0, 'at least one model has both a us. and a global. profile');
  });

  it('badges on each row match the shipped data file', () => {
    const rows = new Map(api.tree.visibleGroups.flatMap((g) => g.models).map((n) => [n.descriptor.id, n]));
    let compared = 0;
    for (const entry of modelData as { modelId: string | null; apis: Record<string, boolean | null> }[]) {
      const node = entry.modelId ? rows.get(entry.modelId) : undefined;
      if (!node) continue;
      const description = String(api.tree.getTreeItem(node).description);
      const badges = shortBadgesOf(node.descriptor);
      const { converse, invoke, chatCompletions, responses, messages } = entry.apis;
      const expect: [string, boolean | null][] = [
        ['Converse', converse],
        ['Invoke', invoke],
        // One short badge for both OpenAI-shaped APIs.
        ['OpenAI', chatCompletions === true || responses === true ? true : chatCompletions === false && responses === false ? false : null],
        ['Messages', messages],
      ];
      assert.ok(!description.includes(entry.modelId!), `no id on the row: ${description}`);
      for (const [badge, supported] of expect) {
        if (supported === null) continue;
        assert.equal(badges.includes(badge), supported, `${entry.modelId}: ${badge} badge`);
        assert.equal(description.includes(badge), supported, `${entry.modelId}: ${badge} on the row (${description})`);
      }
      compared++;
    }
    assert.ok(compared >= 50, `compared ${compared} models`);
  });

  it('filters by output, API and text, shows the filter, and clears it', async () => {
    await api.tree.setFilter({ produces: 'embedding' });
    const ids = api.tree.visibleGroups.flatMap((g) => g.models.map((m) => m.descriptor));
    assert.ok(ids.length > 0 && ids.every((d) => d.outputModalities.includes('EMBEDDING')), ids.map((d) => d.id).join());
    assert.match(api.tree.view.description ?? '', /produces embedding/);
    // The view alone in its container has no header for the description: the message says it too.
    assert.match(api.tree.view.message ?? '', new RegExp(`^Filter: produces embedding · ${ids.length} of \\d+ models$`));

    await api.tree.setFilter({ api: 'messages', text: 'claude' });
    const msgs = api.tree.visibleGroups.flatMap((g) => g.models.map((m) => m.descriptor));
    assert.ok(msgs.every((d) => d.apis.messages.supported === true && /claude/i.test(d.id + d.name)));

    await vscode.commands.executeCommand('bedrock.clearModelFilter');
    assert.equal(api.tree.view.description, '');
    assert.equal(api.tree.view.message, undefined);
    assert.ok(api.tree.visibleGroups.length >= 10);
  });

  it('Set as Default Chat / Embedding Model write the settings', async () => {
    const nodes = api.tree.visibleGroups.flatMap((g) => g.models);
    const chat = nodes.find((n) => n.descriptor.apis.converse.supported && !n.descriptor.legacy)!;
    const embed = nodes.find((n) => n.descriptor.apis.embed.supported)!;
    await vscode.commands.executeCommand('bedrock.setDefaultChatModel', chat);
    await vscode.commands.executeCommand('bedrock.setDefaultEmbeddingModel', embed);
    const cfg = vscode.workspace.getConfiguration('bedrock');
    assert.equal(cfg.get('chat.defaultModel'), chat.descriptor.id);
    assert.equal(cfg.get('embedding.defaultModel'), embed.descriptor.id);
  });

  it('shows the access-denied welcome when the service answers 403, and keeps nothing stale', async () => {
    await fault({
      kind: 'accessDenied',
      route: 'ListFoundationModels',
      count: 1,
      message: 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:ListFoundationModels because no identity-based policy allows the bedrock:ListFoundationModels action',
    });
    // A region with no cached list: the view has nothing to show but the problem.
    await vscode.workspace.getConfiguration('bedrock').update('region', 'us-west-2', vscode.ConfigurationTarget.Global);
    try {
      await waitFor((l) => api.catalog.onDidChange(l), () => api.catalog.region === 'us-west-2' && api.catalog.state === 'error', 'the refresh to fail');
      assert.equal(api.catalog.error?.kind, 'accessDenied');
      assert.equal(api.tree.problem(), 'accessDenied');
      assert.equal(api.tree.getChildren().length, 0);
    } finally {
      await vscode.workspace.getConfiguration('bedrock').update('region', 'us-east-1', vscode.ConfigurationTarget.Global);
      await waitFor((l) => api.catalog.onDidChange(l), () => api.catalog.region === 'us-east-1' && api.catalog.descriptors.length > 0, 'us-east-1 from cache');
    }
    assert.ok(api.tree.getChildren().length >= 10, 'the cached us-east-1 list is back at once');
    await api.catalog.refresh(); // let the background refresh of us-east-1 settle before the next test
  });

  it('a failed refresh keeps the last good list and says so', async () => {
    const before = api.tree.visibleGroups.length;
    await fault({ kind: 'serviceUnavailable', route: 'ListFoundationModels', count: 10 });
    try {
      await vscode.commands.executeCommand('bedrock.refreshModels');
      const log = (await recordedRequests()).slice(-6).map((r) => `${r.route} ${r.status} ${r.fault ?? ''}`);
      assert.equal(api.catalog.state, 'error', log.join('; '));
      assert.equal(api.tree.visibleGroups.length, before);
      assert.match(api.tree.view.message ?? '', /Refresh failed: .* Showing the list from/);
    } finally {
      await clearEmulator();
    }
  });
});

describe('model explorer item commands', () => {
  let api: WorkbenchApi;
  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
    await api.catalog.refresh();
  });

  it('Copy Model ID / Copy ARN put the row’s id and ARN on the clipboard', async () => {
    const node = api.tree.visibleGroups.flatMap((g) => g.models).find((n) => n.descriptor.arn)!;
    await vscode.commands.executeCommand('bedrock.copyModelId', node);
    assert.equal(await vscode.env.clipboard.readText(), node.descriptor.id);
    await vscode.commands.executeCommand('bedrock.copyModelArn', node);
    assert.equal(await vscode.env.clipboard.readText(), node.descriptor.arn);
  });

  it('Show Model Details (a click on the row) shows the model in the details view beside the tree, with APIs, profiles, plans and actions; the next model replaces it', async () => {
    const models = api.tree.visibleGroups.flatMap((g) => g.models);
    const node = models.find((n) => n.descriptor.profileOnly && n.profiles.length)!;
    const item = api.tree.getTreeItem(node);
    assert.equal(item.command?.command, 'bedrock.showModelDetails', 'a click on the row shows the details');
    assert.equal(await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? [])), node.descriptor.id);
    assert.equal(api.modelDetails.model?.id, node.descriptor.id);
    const html = api.modelDetails.html ?? '';
    assert.match(html, /<h2>APIs<\/h2>/);
    assert.match(html, /<h2>Inference profiles<\/h2>[\s\S]*cross-region/);
    assert.match(html, /ConverseStream on runtime → (us|global)\./);
    for (const action of ['chat', 'setDefault', 'copyId']) assert.match(html, new RegExp(`data-action="${action}"`));
    const other = models.find((n) => n !== node && !n.descriptor.profileOnly)!;
    await vscode.commands.executeCommand('bedrock.showModelDetails', other);
    assert.equal(api.modelDetails.model?.id, other.descriptor.id);
    assert.match(api.modelDetails.html ?? '', new RegExp(`<h1>${other.descriptor.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</h1>`));
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
    assert.ok(!tabs.includes(node.descriptor.name) && !tabs.includes(other.descriptor.name), `no editor tab covers the user's files: ${tabs.join()}`);
  });

  it('the details follow the tree’s selection: a selected row shows, a group row changes nothing, and the arrow keys move the selection', async () => {
    const view = api.tree.view;
    const rendered: string[] = [];
    const sub = api.modelDetails.onDidRender((d) => rendered.push(d.id));
    const renderedModel = (id: string) => waitFor((l) => api.modelDetails.onDidRender(l), () => api.modelDetails.model?.id === id, `the details of ${id}`);
    try {
      await vscode.commands.executeCommand('bedrock.models.focus');
      const group = api.tree.visibleGroups.find((g) => g.models.length >= 3)!;
      const [first, second, third] = group.models;
      await view.reveal(first, { select: true, focus: true });
      await renderedModel(first.descriptor.id);
      await view.reveal(group, { select: true, focus: true });
      await view.reveal(second, { select: true, focus: true });
      await renderedModel(second.descriptor.id);
      assert.deepEqual(rendered, [first.descriptor.id, second.descriptor.id], 'the group row rendered nothing');

      // The list's own arrow-key move changes only its focus in an extension's tree: the reason the
      // tree binds the arrow keys to a move that selects (once VS Code selects on its own, delete it).
      await vscode.commands.executeCommand('list.focusDown');
      assert.deepEqual(view.selection, [second], 'list.focusDown leaves the selection');
      await vscode.commands.executeCommand('list.focusUp');

      await vscode.commands.executeCommand('bedrock.moveModelSelection', 'down');
      assert.deepEqual(view.selection, [third], 'the arrow key selects the next row, alone');
      await renderedModel(third.descriptor.id);
      await vscode.commands.executeCommand('bedrock.moveModelSelection', 'up');
      assert.deepEqual(view.selection, [second]);
      await renderedModel(second.descriptor.id);
      await vscode.commands.executeCommand('bedrock.moveModelSelection', 'first');
      assert.deepEqual(view.selection, [api.tree.visibleGroups[0]], 'Home selects the first group');
      assert.equal(api.modelDetails.model?.id, second.descriptor.id, 'a group row keeps the details');
      await vscode.commands.executeCommand('bedrock.moveModelSelection', 'sideways');
      assert.deepEqual(view.selection, [api.tree.visibleGroups[0]], 'a move the command does not know leaves the selection');
    } finally {
      sub.dispose();
    }
  });

  it('marks the default chat and embedding models on their rows, and follows a new default', async () => {
    const models = api.tree.visibleGroups.flatMap((g) => g.models);
    const chat = models.find((n) => n.descriptor.apis.converse.supported && !n.descriptor.legacy && !n.descriptor.profileOnly)!;
    const embed = models.find((n) => n.descriptor.apis.embed.supported)!;
    await vscode.commands.executeCommand('bedrock.setDefaultChatModel', chat);
    await vscode.commands.executeCommand('bedrock.setDefaultEmbeddingModel', embed);
    await waitFor((l) => api.tree.onDidChangeTreeData(l), () => /★ default/.test(String(api.tree.getTreeItem(chat).description)), 'the chat mark');
    assert.match(String(api.tree.getTreeItem(embed).description), /^★ default/);
    const marked = models.filter((n) => /★ default/.test(String(api.tree.getTreeItem(n).description)));
    assert.deepEqual(marked.map((n) => n.descriptor.id).sort(), [chat.descriptor.id, embed.descriptor.id].sort(), 'one default of each');
  });
});

describe('connection status: endpoint overrides and failures', () => {
  let api: WorkbenchApi;
  before(async () => {
    api = (await vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID)!.activate())!;
  });

  it('a refresh that cannot reach the overridden control endpoint names it, offers the endpoint settings, and clears when it answers', async () => {
    const cfg = () => vscode.workspace.getConfiguration('bedrock');
    const emulator = cfg().get<string>('endpoints.control');
    // Nothing listens on port 1 of this machine: the connection is refused.
    await cfg().update('endpoints.control', 'http://127.0.0.1:1', vscode.ConfigurationTarget.Global);
    try {
      await waitFor(
        (l) => api.catalog.onDidChange(l),
        () => api.connection.info.endpoints.control === 'http://127.0.0.1:1' && api.catalog.state === 'error' && api.catalog.error?.kind === 'network',
        'the refresh to fail',
      );
      assert.equal(api.catalog.error?.kind, 'network', api.catalog.error?.message);
      assert.equal(api.catalog.error?.action.id, 'checkEndpoints', 'an endpoint override: its settings, not http.proxy');
      assert.deepEqual(api.connectionStatus.failures.map((f) => f.endpoint), ['control'], JSON.stringify(api.connectionStatus.failures));
    } finally {
      await cfg().update('endpoints.control', emulator, vscode.ConfigurationTarget.Global);
    }
    await waitFor(
      (l) => api.catalog.onDidChange(l),
      () => api.connection.info.endpoints.control === emulator && api.catalog.state === 'fresh',
      'the list from the emulator again',
    );
    assert.deepEqual(api.connectionStatus.failures, []);
  });
});
