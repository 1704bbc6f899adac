import assert from 'node:assert/strict';
import { buildDescriptors } from '../../../../../src/core/bedrock/catalog/catalogBuild';
import { classifyError, fallbackHint } from '../../../../../src/core/bedrock/errors/classifyError';
import { compatUrl, mantleIdFromRuntimeId } from '../../../../../src/core/bedrock/adapters/compatRoutes';
import type { AdapterContext } from '../../../../../src/core/bedrock/adapters/chatAdapter';
import { HttpStatusError } from '../../../../../src/core/bedrock/errors/httpStatusError';
import { MemoryStore } from '../../../../../src/core/keyValueStore';
import { LearnedCapabilities } from '../../../../../src/core/bedrock/routing/learnedCapabilities';
import { parseMantleModels } from '../../../../../src/core/bedrock/catalog/mantleModels';
import type { RouteStep } from '../../../../../src/core/bedrock/routing/routePlan';
import { SHIPPED_MODELS } from '../../../../../src/core/bedrock/catalog/shippedCapabilities.generated';

describe('mantle ids, list and routes', () => {
  it('mantle’s form of a runtime id drops the version suffix only', () => {
    assert.equal(mantleIdFromRuntimeId('openai.gpt-oss-120b-1:0'), 'openai.gpt-oss-120b');
    assert.equal(mantleIdFromRuntimeId('anthropic.claude-haiku-4-5-20251001-v1:0'), 'anthropic.claude-haiku-4-5-20251001');
    assert.equal(mantleIdFromRuntimeId('xai.grok-4.3'), 'xai.grok-4.3');
  });

  it('parses mantle’s list defensively: strings only, each once, sane lengths', () => {
    const models = parseMantleModels({ data: [{ id: 'a.b', owned_by: 'a' }, { id: 'a.b' }, { id: 42 }, null, { id: '' }, { id: 'x'.repeat(300) }, { id: 'c.d', owned_by: { evil: 1 } }] });
    assert.deepEqual(models, [{ id: 'a.b', ownedBy: 'a' }, { id: 'c.d' }]);
    assert.throws(() => parseMantleModels({ object: 'list' }), /without a `data` list/);
    assert.throws(() => parseMantleModels('<html>'), /without a `data` list/);
  });

  it('merges mantle’s list: runtime models get their mantle id, mantle-only models become rows', () => {
    const ds = buildDescriptors({
      models: [
        { modelId: 'openai.gpt-oss-120b-1:0', modelName: 'gpt-oss-120b', providerName: 'OpenAI', outputModalities: ['TEXT'] },
        { modelId: 'amazon.nova-micro-v1:0', modelName: 'Nova Micro', providerName: 'Amazon', outputModalities: ['TEXT'] },
      ],
      profiles: [],
      mantle: [{ id: 'openai.gpt-oss-120b' }, { id: 'xai.grok-4.3', ownedBy: 'xai' }, { id: 'openai.gpt-5.5' }],
      shipped: SHIPPED_MODELS,
      learned: {},
    });
    const byId = new Map(ds.map((d) => [d.id, d]));
    assert.equal(byId.get('openai.gpt-oss-120b-1:0')?.mantleId, 'openai.gpt-oss-120b');
    assert.equal(byId.get('openai.gpt-oss-120b-1:0')?.mantleOnly, undefined);
    assert.equal(byId.get('amazon.nova-micro-v1:0')?.mantleId, null, 'list read, model absent');
    assert.ok(!byId.has('openai.gpt-oss-120b'), 'no second row for a model both hosts list');
    const grok = byId.get('xai.grok-4.3')!;
    assert.deepEqual([grok.mantleOnly, grok.listed, grok.provider, grok.name], [true, true, 'xAI', 'Grok 4.3']);
    assert.equal(grok.apis.responses.supported, true, 'the shipped table still speaks for mantle’s APIs');
    assert.deepEqual([grok.apis.converse.supported, grok.apis.invoke.supported], [false, false]);
    const frontier = byId.get('openai.gpt-5.5')!;
    // Known to the shipped table by name alone: its name and APIs come from there.
    assert.deepEqual([frontier.name, frontier.provider, frontier.apis['chat-completions'].supported, frontier.inputModalities], ['GPT-5.5', 'OpenAI', true, ['TEXT']]);
    // Without mantle's list nothing is claimed either way.
    const none = buildDescriptors({ models: [{ modelId: 'openai.gpt-oss-120b-1:0' }], profiles: [], shipped: SHIPPED_MODELS, learned: {} });
    assert.equal(none[0].mantleId, undefined);
  });

  it('builds each host’s URL for each compatible API', () => {
    const ctx = { connection: { info: { endpoints: { runtime: 'https://rt', mantle: 'https://mt' } } } } as unknown as AdapterContext;
    const step = (api: RouteStep['api'], endpoint: RouteStep['endpoint'], adjustments: RouteStep['adjustments'] = {}): RouteStep => ({ api, endpoint, target: 'm', reason: '', adjustments });
    assert.equal(compatUrl(ctx, step('responses', 'runtime')), 'https://rt/openai/v1/responses');
    assert.equal(compatUrl(ctx, step('messages', 'runtime')), 'https://rt/anthropic/v1/messages');
    assert.equal(compatUrl(ctx, step('chat-completions', 'runtime')), 'https://rt/openai/v1/chat/completions');
    assert.equal(compatUrl(ctx, step('chat-completions', 'mantle')), 'https://mt/v1/chat/completions');
    assert.equal(compatUrl(ctx, step('responses', 'mantle', { mantlePrefix: '/openai/v1' })), 'https://mt/openai/v1/responses');
    assert.equal(compatUrl(ctx, step('messages', 'mantle', { mantlePrefix: '/openai/v1' })), 'https://mt/anthropic/v1/messages');
  });

  it('spots an id the host does not know, in the runtime’s and mantle’s wording', () => {
    assert.deepEqual(fallbackHint('The provided model identifier is invalid.'), { kind: 'unknownModel' });
    const mantle404 = classifyError(HttpStatusError.from(404, {}, '{"error":{"message":"The model \'x.y\' does not exist","type":"invalid_request_error","code":"model_not_found"}}'));
    assert.deepEqual(mantle404.fallback, { kind: 'unknownModel' });
    assert.deepEqual(fallbackHint("model x.y isn't supported on this route"), { kind: 'routeUnsupported' });
  });

  it('a refusal by one host stays scoped to it until the other refuses too', () => {
    const learned = new LearnedCapabilities(new MemoryStore());
    learned.learn('r', 'm', { api: ['messages', false, 'no', 'runtime'] });
    assert.equal(learned.get('r', 'm')?.apis?.messages?.endpoint, 'runtime');
    learned.learn('r', 'm', { api: ['messages', false, 'no', 'runtime'] });
    assert.equal(learned.get('r', 'm')?.apis?.messages?.endpoint, 'runtime', 'same host again: still scoped');
    learned.learn('r', 'm', { api: ['messages', false, 'no', 'mantle'] });
    assert.equal(learned.get('r', 'm')?.apis?.messages?.endpoint, undefined, 'both hosts refused: refused everywhere');
    learned.learn('r', 'm', { unknownTo: ['runtime', 'The provided model identifier is invalid.'], mantlePrefix: '/openai/v1' });
    assert.equal(learned.get('r', 'm')?.unknownTo?.runtime?.note, 'The provided model identifier is invalid.');
    assert.equal(learned.get('r', 'm')?.mantlePrefix, '/openai/v1');
  });
});
