import * as assert from 'node:assert/strict';
import { buildDescriptors, shippedDescriptor, type FoundationModelInfo, type InferenceProfileInfo } from '../../../../src/core/bedrock/catalog/catalogBuild';
import { SHIPPED_MODELS } from '../../../../src/core/bedrock/catalog/shippedCapabilities.generated';
import { badgesOf, buildModelTree } from '../../../../src/core/explorer/modelTree';
import { isChatModel, isEmbeddingModel, outputKindOf } from '../../../../src/core/bedrock/catalog/modelDescriptor';
import { rowOf } from '../../../../src/core/explorer/treeRows';
import { describeFilter, isFilterActive } from '../../../../src/core/explorer/modelFilter';
import { detailsMarkdown, tooltipMarkdown } from '../../../../src/core/explorer/modelDetails';

const fm = (id: string, provider: string, extra: Partial<FoundationModelInfo> = {}): FoundationModelInfo => ({
  modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${id}`,
  modelId: id,
  modelName: id.split('.')[1],
  providerName: provider,
  inputModalities: ['TEXT'],
  outputModalities: ['TEXT'],
  responseStreamingSupported: true,
  inferenceTypesSupported: ['ON_DEMAND'],
  modelLifecycle: { status: 'ACTIVE' },
  ...extra,
});
const prof = (id: string, model: string, regions: string[], type = 'SYSTEM_DEFINED'): InferenceProfileInfo => ({
  inferenceProfileId: id,
  inferenceProfileArn: `arn:aws:bedrock:us-east-1:123456789012:${type === 'APPLICATION' ? 'application-' : ''}inference-profile/${id}`,
  inferenceProfileName: `Profile ${id}`,
  models: regions.map((r) => ({ modelArn: `arn:aws:bedrock:${r}::foundation-model/${model}` })),
  type,
  status: 'ACTIVE',
});

const sonnet = 'anthropic.claude-sonnet-4-20250514-v1:0';
const descriptors = buildDescriptors({
  models: [
    fm(sonnet, 'Anthropic', { inferenceTypesSupported: ['INFERENCE_PROFILE'], inputModalities: ['TEXT', 'IMAGE'] }),
    fm('anthropic.claude-3-haiku-20240307-v1:0', 'Anthropic', { modelLifecycle: { status: 'LEGACY' } }),
    fm('amazon.titan-embed-text-v2:0', 'Amazon', { outputModalities: ['EMBEDDING'], responseStreamingSupported: false }),
    fm('amazon.nova-canvas-v1:0', 'Amazon', { outputModalities: ['IMAGE'], inputModalities: ['TEXT', 'IMAGE'] }),
  ],
  profiles: [
    prof(`global.${sonnet}`, sonnet, ['us-east-1', 'eu-west-1']),
    prof(`us.${sonnet}`, sonnet, ['us-east-1', 'us-east-2', 'us-west-2']),
    prof('my-app', sonnet, ['us-east-1'], 'APPLICATION'),
  ],
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

  it('tooltip and details list every API with its source, and the plans', () => {
    const d = descriptors.find((x) => x.id === sonnet)!;
    const plan = { request: { modelId: sonnet, task: 'chat' as const, features: {} }, baseModelId: sonnet, notes: [], steps: [
      { api: 'converse-stream' as const, endpoint: 'runtime' as const, target: `us.${sonnet}`, reason: 'profile-only model: regional profile', adjustments: {} },
    ] };
    const tip = tooltipMarkdown(d, { chat: plan });
    assert.match(tip, /\| ConverseStream \| ✓ \| (shipped table|service metadata)/);
    assert.match(tip, /\| Embeddings \| ✗ \|/);
    assert.match(tip, /Chat plan[\s\S]*ConverseStream on `runtime` → `us\.anthropic/);
    const details = detailsMarkdown(d, { chat: plan });
    assert.match(details, /## Inference profiles[\s\S]*global cross-region/);
    assert.match(details, /inference profile only/);
  });
});
