import assert from 'node:assert/strict';
import { buildDescriptors, shippedDescriptor } from '../../../../../src/core/bedrock/catalog/catalogBuild';
import { planRoute } from '../../../../../src/core/bedrock/routing/routePlanner';
import { SHIPPED_MODELS } from '../../../../../src/core/bedrock/catalog/shippedCapabilities.generated';
import { foldSystemPrompt, replayableHistory } from '../../../../../src/core/bedrock/routing/requestShaping';
import { TagSplitter, THINK_TAGS } from '../../../../../src/core/bedrock/adapters/tagSplitter';
import type { ChatEvent } from '../../../../../src/core/bedrock/adapters/chatEvent';

const ctx = { region: 'us-east-1', mantle: true };
const chatReq = (modelId: string, features = { streaming: true }) => ({ modelId, task: 'chat' as const, features });

describe('routePlanner', () => {
  const sonnet = 'anthropic.claude-sonnet-4-20250514-v1:0';
  const ds = buildDescriptors({
    models: [{ modelId: sonnet, modelName: 'Claude Sonnet 4', providerName: 'Anthropic', inferenceTypesSupported: ['INFERENCE_PROFILE'], responseStreamingSupported: true, outputModalities: ['TEXT'] }],
    profiles: [
      { inferenceProfileId: `global.${sonnet}`, inferenceProfileArn: 'arn:aws:bedrock:us-east-1:1:inference-profile/g', models: [{ modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${sonnet}` }], type: 'SYSTEM_DEFINED' },
      { inferenceProfileId: `us.${sonnet}`, inferenceProfileArn: 'arn:aws:bedrock:us-east-1:1:inference-profile/u', models: [{ modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${sonnet}` }], type: 'SYSTEM_DEFINED' },
    ],
    shipped: SHIPPED_MODELS,
    learned: {},
  });
  const d = ds.find((x) => x.id === sonnet)!;

  it('routes a profile-only model through the regional profile, with reasons', () => {
    const plan = planRoute(chatReq(sonnet), d, ctx);
    assert.deepEqual(plan.steps.map((s) => s.api), ['converse-stream', 'invoke-stream']);
    assert.ok(plan.steps.every((s) => s.target === `us.${sonnet}`));
    assert.match(plan.steps[0].reason, /Converse supported \(shipped table\).*regional profile/);
  });

  it('uses a learned profile and skips learned-unsupported APIs with a note', () => {
    const plan = planRoute(chatReq(sonnet), d, { ...ctx, learned: { profile: `global.${sonnet}`, apis: { 'converse-stream': { supported: false, note: 'nope', at: 0 } } } });
    assert.deepEqual(plan.steps.map((s) => [s.api, s.target]), [['invoke-stream', `global.${sonnet}`]]);
    assert.ok(plan.notes.some((n) => n.includes('nope')));
  });

  it('unknown model: Converse first, never a guessed Invoke body, probe mantle last', () => {
    const plan = planRoute(chatReq('brandnew.model-v1'), shippedDescriptor('brandnew.model-v1', SHIPPED_MODELS), ctx);
    assert.deepEqual(plan.steps.map((s) => `${s.api}@${s.endpoint}`), ['converse-stream@runtime', 'chat-completions@mantle']);
    assert.match(plan.steps[0].reason, /unknown model/);
  });

  it('a model only mantle lists goes to mantle only; without mantle, nowhere', () => {
    const [mythos] = buildDescriptors({ models: [], profiles: [], mantle: [{ id: 'anthropic.claude-mythos-preview' }], shipped: SHIPPED_MODELS, learned: {} });
    assert.equal(mythos.mantleOnly, true);
    const plan = planRoute(chatReq(mythos.id), mythos, ctx);
    assert.deepEqual(plan.steps.map((s) => `${s.api}@${s.endpoint}:${s.target}`), ['messages@mantle:anthropic.claude-mythos-preview']);
    assert.match(plan.steps[0].reason, /only bedrock-mantle lists this model/);
    const none = planRoute(chatReq(mythos.id), mythos, { ...ctx, mantle: false });
    assert.equal(none.steps.length, 0);
    assert.ok(none.notes.length > 0);
  });

  describe('the compatible APIs: bedrock-runtime first, mantle for what only it has', () => {
    const oss = 'openai.gpt-oss-120b-1:0';
    const sol = 'openai.gpt-6.1-sol';
    const catalog = buildDescriptors({
      models: [
        { modelId: oss, modelName: 'gpt-oss-120b', providerName: 'OpenAI', inferenceTypesSupported: ['ON_DEMAND'], outputModalities: ['TEXT'] },
        { modelId: sol, modelName: 'GPT-6.1 Sol', providerName: 'OpenAI', inferenceTypesSupported: ['INFERENCE_PROFILE'], outputModalities: ['TEXT'] },
        { modelId: sonnet, modelName: 'Claude Sonnet 4', providerName: 'Anthropic', inferenceTypesSupported: ['INFERENCE_PROFILE'], outputModalities: ['TEXT'] },
      ],
      profiles: [
        { inferenceProfileId: `us.${sol}`, inferenceProfileArn: 'arn:aws:bedrock:us-east-1:1:inference-profile/s', models: [{ modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${sol}` }], type: 'SYSTEM_DEFINED' },
        { inferenceProfileId: `us.${sonnet}`, inferenceProfileArn: 'arn:aws:bedrock:us-east-1:1:inference-profile/u', models: [{ modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${sonnet}` }], type: 'SYSTEM_DEFINED' },
      ],
      mantle: [{ id: 'openai.gpt-oss-120b' }, { id: sol }, { id: 'openai.gpt-9-nano' }],
      shipped: SHIPPED_MODELS,
      learned: {},
    });
    const byId = (id: string) => catalog.find((x) => x.id === id)!;
    const compat = (id: string, d = byId(id), c: Parameters<typeof planRoute>[2] = ctx) =>
      planRoute(chatReq(id), d, c).steps.filter((s) => ['responses', 'messages', 'chat-completions'].includes(s.api));
    const withResponses = (d: ReturnType<typeof byId>) => ({ ...d, apis: { ...d.apis, responses: { supported: true, source: 'shipped' as const } } });

    it('Responses on bedrock-runtime through a cross-Region profile, mantle after it with the in-Region id', () => {
      const steps = compat(sol, withResponses(byId(sol))).filter((s) => s.api === 'responses');
      assert.deepEqual(steps.map((s) => `${s.endpoint}:${s.target}`), [`runtime:us.${sol}`, `mantle:${sol}`]);
      assert.match(steps[0].reason, /bedrock-runtime .*cross-Region profile us\.openai\.gpt-6\.1-sol/);
      assert.match(steps[1].reason, /fallback after bedrock-runtime/);
    });

    it('a model with no cross-Region profile takes Responses on mantle, and the reason says why', () => {
      const steps = compat(oss).filter((s) => s.api === 'responses');
      assert.deepEqual(steps.map((s) => `${s.endpoint}:${s.target}`), ['mantle:openai.gpt-oss-120b']);
      assert.match(steps[0].reason, /takes Responses only through a cross-Region profile/);
    });

    it('sends each host its id form: runtime ids on runtime, mantle ids on mantle', () => {
      const steps = compat(oss).filter((s) => s.api === 'chat-completions');
      assert.deepEqual(steps.map((s) => `${s.endpoint}:${s.target}`), [`runtime:${oss}`, 'mantle:openai.gpt-oss-120b']);
    });

    it('Messages on bedrock-runtime (the profile when the model needs one), then mantle', () => {
      const d = { ...byId(sonnet), apis: { ...byId(sonnet).apis, messages: { supported: true, source: 'shipped' as const } } };
      const steps = compat(sonnet, d, { ...ctx }).filter((s) => s.api === 'messages');
      // Mantle's list was read and does not have this model: no mantle step, and a note.
      assert.deepEqual(steps.map((s) => `${s.endpoint}:${s.target}`), [`runtime:us.${sonnet}`]);
      assert.match(steps[0].reason, /Anthropic Messages on bedrock-runtime/);
      const unlisted = { ...d, mantleId: undefined };
      assert.deepEqual(compat(sonnet, unlisted).filter((s) => s.api === 'messages').map((s) => `${s.endpoint}:${s.target}`), [
        `runtime:us.${sonnet}`,
        'mantle:anthropic.claude-sonnet-4-20250514',
      ]);
    });

    it('a model only mantle lists, support unknown: probes mantle, with the learned path prefix', () => {
      // An id the shipped table does not know, by id or by name.
      const d = byId('openai.gpt-9-nano');
      assert.equal(d.mantleOnly, true);
      assert.equal(d.name, 'GPT-9 Nano', 'a name from the id, not the id');
      assert.equal(d.provider, 'OpenAI', 'provider from the runtime models sharing its prefix');
      const plan = planRoute(chatReq(d.id), d, { ...ctx, learned: { mantlePrefix: '/openai/v1' } });
      assert.deepEqual(plan.steps.map((s) => `${s.api}@${s.endpoint}`), ['chat-completions@mantle', 'responses@mantle']);
      assert.ok(plan.steps.every((s) => s.adjustments.mantlePrefix === '/openai/v1'));
      assert.match(plan.steps[0].reason, /listed by bedrock-mantle only/);
    });

    it('skips a host that said the id is invalid, and an API refused on one host only there', () => {
      const learned = { unknownTo: { runtime: { note: 'The provided model identifier is invalid.', at: 0 } } };
      const plan = planRoute(chatReq(oss), byId(oss), { ...ctx, learned });
      assert.ok(plan.steps.every((s) => s.endpoint === 'mantle'));
      assert.ok(plan.notes.some((n) => /Skipped runtime/.test(n)));
      const refused = { apis: { 'chat-completions': { supported: false, note: 'no', at: 0, endpoint: 'runtime' as const } } };
      assert.deepEqual(compat(oss, byId(oss), { ...ctx, learned: refused }).filter((s) => s.api === 'chat-completions').map((s) => s.endpoint), ['mantle']);
    });
  });

  it('embed plans InvokeModel for embedding families only', () => {
    const titan = shippedDescriptor('amazon.titan-embed-text-v2:0', SHIPPED_MODELS);
    assert.deepEqual(planRoute({ modelId: titan.id, task: 'embed', features: {} }, titan, ctx).steps.map((s) => s.api), ['invoke']);
    assert.equal(planRoute({ modelId: sonnet, task: 'embed', features: {} }, d, ctx).steps.length, 0);
  });

  it('learned no-tool-streaming makes tool requests non-streaming', () => {
    const plan = planRoute({ modelId: sonnet, task: 'chat', features: { streaming: true, tools: true } }, d, { ...ctx, learned: { noToolStreaming: true } });
    assert.equal(plan.steps[0].api, 'converse');
    assert.equal(plan.steps[0].adjustments.nonStreaming, true);
  });
});

describe('requestShaping and TagSplitter', () => {
  it('folds the system prompt into the first user turn', () => {
    const r = foldSystemPrompt({ modelId: 'm', system: 'S', messages: [{ role: 'user', content: [{ type: 'text', text: 'Q' }] }] });
    assert.equal(r.system, undefined);
    assert.deepEqual(r.messages[0].content, [{ type: 'text', text: 'S\n\nQ' }]);
  });

  it('drops unsigned reasoning from history, keeps signed and redacted', () => {
    const h = replayableHistory([
      { role: 'assistant', content: [{ type: 'reasoning', text: 'x' }, { type: 'reasoning', text: 'y', signature: 's' }, { type: 'reasoning', text: '', redacted: new Uint8Array([1]) }, { type: 'text', text: 'a' }] },
    ]);
    assert.equal(h[0].content.length, 3);
  });

  it('splits inline reasoning tags across chunk boundaries', () => {
    const out: ChatEvent[] = [];
    const s = new TagSplitter([THINK_TAGS], THINK_TAGS);
    for (const c of ['let me ', 'think</th', 'ink>The answer', ' is 4']) s.push(c, out);
    s.flush(out);
    const join = (t: string) => out.filter((e) => e.type === t).map((e) => (e as { text: string }).text).join('');
    assert.equal(join('reasoning'), 'let me think');
    assert.equal(join('text'), 'The answer is 4');
  });
});
