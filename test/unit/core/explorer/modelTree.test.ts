import * as assert from 'node:assert/strict';
import { buildDescriptors, shippedDescriptor, type FoundationModelInfo } from '../../../../src/core/bedrock/catalog/catalogBuild';
import { SHIPPED_MODELS } from '../../../../src/core/bedrock/catalog/shippedCapabilities.generated';
import { badgesOf, buildModelTree } from '../../../../src/core/explorer/modelTree';
import { isChatModel, isEmbeddingModel, outputKindOf } from '../../../../src/core/bedrock/catalog/modelDescriptor';
import { rowOf, shortBadgesOf } from '../../../../src/core/explorer/treeRows';
import { describeFilter, isFilterActive, shouldExpandGroups } from '../../../../src/core/explorer/modelFilter';
import { modelDetailsView, tooltipMarkdown } from '../../../../src/core/explorer/modelDetails';
import { foundationModel, profilesOfEveryScope } from '../bedrock/catalog/catalogInputs';

const fm = (id: string, provider: string, extra: Partial<FoundationModelInfo> = {}): FoundationModelInfo =>
  foundationModel(id, { modelName: id.split('.')[1], providerName: provider, ...extra });

const sonnet = 'anthropic.claude-sonnet-4-20250514-v1:0';
const descriptors = buildDescriptors({
  models: [
    fm(sonnet, 'Anthropic', { inferenceTypesSupported: ['INFERENCE_PROFILE'], inputModalities: ['TEXT', 'IMAGE'] }),
    fm('anthropic.claude-3-haiku-20240307-v1:0', 'Anthropic', { modelLifecycle: { status: 'LEGACY' } }),
    fm('amazon.titan-embed-text-v2:0', 'Amazon', { outputModalities: ['EMBEDDING'], responseStreamingSupported: false }),
    fm('amazon.nova-canvas-v1:0', 'Amazon', { outputModalities: ['IMAGE'], inputModalities: ['TEXT', 'IMAGE'] }),
  ],
  profiles: profilesOfEveryScope(sonnet),
  shipped: SHIPPED_MODELS,
  learned: {},
});

describe('explorer tree model', () => {
  it('groups models by provider, sorted, with counts and no profile at the top level', () => {
    const tree = buildModelTree(descriptors);
    assert.deepEqual(tree.map((g) => [g.provider, g.models.length]), [['Amazon', 2], ['Anthropic', 2]]);
    const ids = tree.flatMap((g) => g.models.map((m) => m.descriptor.id));
    assert.ok(!ids.some((id) => id.startsWith('us.') || id.startsWith('global.')), 'profiles are nested, not top-level');
  });

  it('nests a profile-only model’s profiles under it, regional geo before global, application included', () => {
    const anthropic = buildModelTree(descriptors).find((g) => g.provider === 'Anthropic')!;
    const node = anthropic.models.find((m) => m.descriptor.id === sonnet)!;
    assert.equal(node.descriptor.profileOnly, true);
    const ids = node.profiles.map((p) => p.profile.id);
    assert.equal(ids[0], `us.${sonnet}`);
    assert.ok(ids.indexOf(`us.${sonnet}`) < ids.indexOf(`global.${sonnet}`));
    assert.ok(node.profiles.some((p) => p.profile.scope === 'application'), `application profile present in ${ids.join(', ')}`);
  });

  it('puts legacy models last and hides them on request', () => {
    const anthropic = buildModelTree(descriptors).find((g) => g.provider === 'Anthropic')!;
    assert.equal(anthropic.models.at(-1)!.descriptor.legacy, true);
    const hidden = buildModelTree(descriptors, { hideLegacy: true }).find((g) => g.provider === 'Anthropic')!;
    assert.equal(hidden.models.length, 1);
  });

  it('filters by what a model produces, by API and by text', () => {
    const embedOnly = buildModelTree(descriptors, { produces: 'embedding' });
    assert.deepEqual(embedOnly.flatMap((g) => g.models.map((m) => m.descriptor.id)), ['amazon.titan-embed-text-v2:0']);
    const converse = buildModelTree(descriptors, { api: 'converse' }).flatMap((g) => g.models.map((m) => m.descriptor.id));
    assert.deepEqual(converse.sort(), ['anthropic.claude-3-haiku-20240307-v1:0', sonnet]);
    assert.deepEqual(buildModelTree(descriptors, { text: 'CANVAS' }).flatMap((g) => g.models.map((m) => m.descriptor.id)), ['amazon.nova-canvas-v1:0']);
    assert.equal(buildModelTree(descriptors, { text: 'no such model' }).length, 0);
  });

  it('derives badges from the descriptor’s API answers', () => {
    const embed = descriptors.find((d) => d.id === 'amazon.titan-embed-text-v2:0')!;
    assert.ok(badgesOf(embed).includes('Invoke'));
    assert.ok(!badgesOf(embed).includes('Converse'));
    const haiku = descriptors.find((d) => d.id === 'anthropic.claude-3-haiku-20240307-v1:0')!;
    for (const b of ['Converse', 'Invoke', 'Stream']) assert.ok(badgesOf(haiku).includes(b), `${b} in ${badgesOf(haiku)}`);
  });

  it('classifies outputs and describes the active filter', () => {
    assert.equal(outputKindOf({ outputModalities: ['EMBEDDING'] }), 'embedding');
    assert.equal(outputKindOf({ outputModalities: ['IMAGE'] }), 'image');
    assert.equal(outputKindOf({ outputModalities: ['TEXT'] }), 'text');
    assert.equal(isFilterActive({}), false);
    assert.equal(describeFilter({ text: 'nova', hideLegacy: true, api: 'converse' }, (a) => a), 'Filter: “nova”, supports converse, no legacy');
  });

  it('answers which models can chat and which can embed once, for pickers and menus alike', () => {
    const byId = (id: string) => descriptors.find((d) => d.id === id)!;
    const can = (id: string) => [isChatModel(byId(id)), isEmbeddingModel(byId(id))];
    assert.deepEqual(can(sonnet), [true, false]);
    const appProfile = descriptors.find((d) => d.kind === 'applicationProfile')!;
    assert.deepEqual([isChatModel(appProfile), isEmbeddingModel(appProfile)], [true, false], 'an application profile chats like its model');
    assert.deepEqual(can('amazon.titan-embed-text-v2:0'), [false, true]);
    assert.deepEqual(can('amazon.nova-canvas-v1:0'), [false, false]);
    // A model nobody has described yet may be either: the router tries it.
    const unknown = shippedDescriptor('acme.brand-new-v1:0', SHIPPED_MODELS);
    assert.equal(isEmbeddingModel(unknown), true);
    // The explorer's context menus follow the same answer.
    const rows = buildModelTree(descriptors).flatMap((g) => g.models.map((m) => rowOf(m)));
    const flags = (id: string) => rows.find((r) => r.id === `model:${id}`)!.contextValue.split(' ');
    assert.ok(flags(sonnet).includes('chat') && !flags(sonnet).includes('embed'));
    assert.ok(flags('amazon.titan-embed-text-v2:0').includes('embed') && !flags('amazon.titan-embed-text-v2:0').includes('chat'));
    assert.ok(!flags('amazon.nova-canvas-v1:0').includes('chat') && !flags('amazon.nova-canvas-v1:0').includes('embed'));
    // Async jobs: Generate Video on video models, Embed Media File on the async media embedding models.
    const asyncRows = buildModelTree(['amazon.nova-reel-v1:0', 'amazon.nova-2-multimodal-embeddings-v1:0'].map((id) => shippedDescriptor(id, SHIPPED_MODELS))).flatMap((g) => g.models.map((m) => rowOf(m)));
    const asyncFlags = (id: string) => asyncRows.find((r) => r.id === `model:${id}`)!.contextValue.split(' ');
    assert.ok(asyncFlags('amazon.nova-reel-v1:0').includes('video'));
    assert.ok(asyncFlags('amazon.nova-2-multimodal-embeddings-v1:0').includes('mediaEmbed'));
    assert.ok(!flags('amazon.titan-embed-text-v2:0').includes('mediaEmbed') && !flags(sonnet).includes('video'));
  });

  const plan = {
    request: { modelId: sonnet, task: 'chat' as const, features: {} },
    baseModelId: sonnet,
    notes: [],
    steps: [
      { api: 'converse-stream' as const, endpoint: 'runtime' as const, target: `us.${sonnet}`, reason: 'profile-only model: regional profile', adjustments: {} },
      { api: 'messages' as const, endpoint: 'mantle' as const, target: 'anthropic.claude-sonnet-4', reason: 'fallback: the compatible endpoint', adjustments: {} },
    ],
  };

  it('rows fit a narrow side bar: name as the label, marks then short badges, the id only in the hover', () => {
    const anthropic = buildModelTree(descriptors).find((g) => g.provider === 'Anthropic')!;
    const node = anthropic.models.find((m) => m.descriptor.id === sonnet)!;
    const row = rowOf(node);
    assert.equal(row.label, node.descriptor.name);
    assert.ok(!row.description.includes(sonnet), `no id on the row: ${row.description}`);
    assert.match(row.description, /^needs profile {2}· {2}Converse · Invoke/);
    assert.ok(row.description.length <= 60, `${row.description.length} characters: ${row.description}`);
    // "OpenAI" stands for both OpenAI-shaped APIs; Stream is in the hover only.
    const both = { ...node.descriptor, apis: { ...node.descriptor.apis, 'chat-completions': { supported: false, source: 'shipped' as const }, responses: { supported: true, source: 'service' as const } } };
    assert.ok(shortBadgesOf(both).includes('OpenAI'));
    assert.ok(!shortBadgesOf(both).includes('Stream'));
    for (const p of node.profiles) assert.ok(!rowOf(p).description.includes(p.profile.id), rowOf(p).description);
    assert.match(rowOf(node.profiles[0]).description, /US cross-region \(3 regions\)/);
  });

  it('marks the default chat and embedding models, also when the default is one of the model’s profiles', () => {
    const models = buildModelTree(descriptors).flatMap((g) => g.models);
    const sonnetNode = models.find((m) => m.descriptor.id === sonnet)!;
    const titan = models.find((m) => m.descriptor.id === 'amazon.titan-embed-text-v2:0')!;
    const haiku = models.find((m) => m.descriptor.id === 'anthropic.claude-3-haiku-20240307-v1:0')!;
    const defaults = { chat: `us.${sonnet}`, embedding: titan.descriptor.id };
    assert.match(rowOf(sonnetNode, { defaults }).description, /^★ default/);
    assert.match(rowOf(sonnetNode.profiles[0], { defaults }).description, /^★ default/);
    assert.doesNotMatch(rowOf(sonnetNode.profiles[1], { defaults }).description, /default/);
    assert.match(rowOf(titan, { defaults }).description, /^★ default/);
    assert.doesNotMatch(rowOf(haiku, { defaults }).description, /default/);
    assert.doesNotMatch(rowOf(sonnetNode).description, /default/, 'nothing marked without defaults');
  });

  it('opens the provider groups when a filter narrows the list, under another id so the workbench does not restore the old state', () => {
    const group = buildModelTree(descriptors)[0];
    assert.equal(rowOf(group).collapsible, 'collapsed');
    const open = rowOf(group, { expandGroups: true });
    assert.equal(open.collapsible, 'expanded');
    assert.notEqual(open.id, rowOf(group).id);
    assert.equal(shouldExpandGroups({}, 3), false, 'no filter: groups stay as the user left them');
    assert.equal(shouldExpandGroups({ text: 'claude' }, 120), true, 'typed text always opens its matches');
    assert.equal(shouldExpandGroups({ produces: 'embedding' }, 12), true);
    assert.equal(shouldExpandGroups({ hideLegacy: true }, 150), false, 'a filter that keeps most models leaves groups closed');
    assert.equal(shouldExpandGroups({ text: 'nothing' }, 0), false);
  });

  it('the hover is short: the APIs that work, the chat plan in one line, one line per profile, the id once', () => {
    const d = descriptors.find((x) => x.id === sonnet)!;
    const tip = tooltipMarkdown(d, { chat: plan });
    assert.match(tip, /\| ConverseStream \| ✓ \| (shipped table|service metadata)/);
    assert.doesNotMatch(tip, /\| Embeddings \|/, 'unsupported APIs are one line, not table rows');
    assert.match(tip, /Not supported: .*Embeddings/);
    assert.match(tip, /\*\*Chat plan:\*\* ConverseStream \(runtime, via `us\.`\) → Anthropic Messages \(mantle\)/);
    assert.equal(tip.split(sonnet).length - 1, 1, `the id appears once:\n${tip}`);
    const profileLines = tip.split('\n').filter((l) => l.startsWith('- '));
    assert.equal(profileLines.length, d.profiles.length);
    assert.ok(tip.split('\n').length <= 25, `${tip.split('\n').length} lines`);
    assert.match(tooltipMarkdown(d, { chat: plan }, 'chat'), /★ default chat model/);
  });

  it('the details view has every API with its source, the profiles, the plans with reasons, and which actions apply', () => {
    const d = descriptors.find((x) => x.id === sonnet)!;
    const v = modelDetailsView(d, { chat: plan });
    assert.equal(v.apis.length, 10);
    assert.deepEqual(v.apis.find((a) => a.api === 'Embeddings')?.mark, '✗');
    assert.ok(v.profiles.some((p) => /global cross-region/.test(p.scope)));
    assert.ok(v.facts.some(([k, val]) => k === 'Invocation' && val === 'inference profile only'));
    assert.deepEqual(v.plans.map((p) => p.task), ['Chat']);
    assert.equal(v.plans[0].steps[0].reason, 'profile-only model: regional profile');
    assert.deepEqual([v.canChat, v.canEmbed], [true, false]);
    const titan = modelDetailsView(descriptors.find((x) => x.id === 'amazon.titan-embed-text-v2:0')!, {});
    assert.deepEqual([titan.canChat, titan.canEmbed], [false, true]);
    assert.ok(titan.limits.some((l) => /Dimensions/.test(l)), titan.limits.join());
  });
});
