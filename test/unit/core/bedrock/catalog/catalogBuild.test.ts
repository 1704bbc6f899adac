import assert from 'node:assert/strict';
import { buildDescriptors, groupByProvider, shippedDescriptor } from '../../../../../src/core/bedrock/catalog/catalogBuild';
import { SHIPPED_MODELS } from '../../../../../src/core/bedrock/catalog/shippedCapabilities.generated';
import type { FoundationModelInfo } from '../../../../../src/core/bedrock/catalog/catalogBuild';
import { foundationModel, profilesOfEveryScope } from './catalogInputs';

const fm = (id: string, extra: Partial<FoundationModelInfo> = {}): FoundationModelInfo =>
  foundationModel(id, { providerName: id.startsWith('anthropic') ? 'Anthropic' : id.startsWith('amazon') ? 'Amazon' : 'Other', ...extra });

describe('catalogBuild', () => {
  const sonnet = 'anthropic.claude-sonnet-4-20250514-v1:0';
  const inputs = {
    models: [
      fm(sonnet, { inferenceTypesSupported: ['INFERENCE_PROFILE'], inputModalities: ['TEXT', 'IMAGE'] }),
      fm('amazon.titan-embed-text-v2:0', { outputModalities: ['EMBEDDING'], responseStreamingSupported: false }),
      fm('anthropic.claude-3-haiku-20240307-v1:0', { modelLifecycle: { status: 'LEGACY' } }),
      fm('brandnew.model-v1'),
    ],
    profiles: profilesOfEveryScope(sonnet),
    shipped: SHIPPED_MODELS,
    learned: {},
  };

  it('marks profile-only models and lists their profiles regional geo first, then global, then application', () => {
    const d = buildDescriptors(inputs).find((x) => x.id === sonnet)!;
    assert.equal(d.onDemand, false);
    assert.equal(d.profileOnly, true);
    assert.deepEqual(d.profiles.map((p) => p.scope), ['geo', 'global', 'application']);
    assert.equal(d.profiles[0].id, `us.${sonnet}`);
    assert.deepEqual(d.profiles[0].regions, ['us-east-1', 'us-east-2', 'us-west-2']);
    assert.deepEqual(d.inputModalities, ['TEXT', 'IMAGE']);
  });

  it('takes API support from the shipped table and remembers the source', () => {
    const d = buildDescriptors(inputs).find((x) => x.id === sonnet)!;
    assert.deepEqual(d.apis.converse, { supported: true, source: 'shipped' });
    assert.deepEqual(d.apis['chat-completions'], { supported: false, source: 'shipped' });
  });

  it('lets the service override streaming and embedding answers', () => {
    const d = buildDescriptors(inputs).find((x) => x.id === 'amazon.titan-embed-text-v2:0')!;
    assert.deepEqual(d.apis.embed, { supported: true, source: 'service' });
    assert.deepEqual(d.apis['invoke-stream'], { supported: false, source: 'service' });
    assert.deepEqual(d.apis.converse, { supported: false, source: 'service' });
    assert.equal(d.limits.embed?.maxChars, 50_000);
  });

  it('lets learned facts override both', () => {
    const learned = { [sonnet]: { apis: { converse: { supported: false, note: 'route not served', at: 1 } } } };
    const ds = buildDescriptors({ ...inputs, learned });
    assert.deepEqual(ds.find((x) => x.id === sonnet)!.apis.converse, { supported: false, source: 'learned', note: 'route not served' });
    // …and they carry over to the model's profiles.
    assert.equal(ds.find((x) => x.id === `us.${sonnet}`)!.apis.converse.source, 'learned');
  });

  it('marks LEGACY and leaves unknown models unknown', () => {
    const ds = buildDescriptors(inputs);
    const haiku = ds.find((x) => x.id === 'anthropic.claude-3-haiku-20240307-v1:0')!;
    assert.equal(haiku.legacy, true);
    assert.equal(haiku.lifecycle, 'LEGACY');
    const unknown = ds.find((x) => x.id === 'brandnew.model-v1')!;
    assert.equal(unknown.apis.converse.supported, null);
    assert.equal(unknown.onDemand, true);
  });

  it('makes one descriptor per profile, callable, with the base model resolved', () => {
    const ds = buildDescriptors(inputs);
    const app = ds.find((x) => x.kind === 'applicationProfile')!;
    assert.match(app.id, /^arn:aws:bedrock:.*:application-inference-profile\/my-app$/);
    assert.equal(app.baseModelId, sonnet);
    assert.equal(app.onDemand, true);
    const sys = ds.find((x) => x.id === `us.${sonnet}`)!;
    assert.equal(sys.kind, 'systemProfile');
    assert.equal(sys.apis.converse.supported, true);
    assert.equal(ds.length, 4 + 3);
  });

  it('groups by provider, sorted', () => {
    const groups = groupByProvider(buildDescriptors(inputs));
    assert.deepEqual([...groups.keys()], ['Amazon', 'Anthropic', 'Other']);
  });

  it('matches shipped rows listed only by name', () => {
    const ds = buildDescriptors({ ...inputs, models: [fm('anthropic.claude-opus-5-v1:0', { modelName: 'Claude Opus 5', providerName: 'Anthropic' })] });
    assert.equal(ds[0].apis.messages.supported, true);
    assert.equal(ds[0].apis.messages.source, 'shipped');
  });

  it('describes an unlisted id from the shipped table alone', () => {
    const d = shippedDescriptor('cohere.embed-english-v3', SHIPPED_MODELS);
    assert.equal(d.listed, false);
    assert.equal(d.apis.embed.supported, true);
    assert.equal(d.limits.embed?.maxBatch, 96);
  });
});
