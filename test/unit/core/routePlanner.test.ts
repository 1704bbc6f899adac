import assert from 'node:assert/strict';
import { buildDescriptors, shippedDescriptor } from '../../../src/core/bedrock/catalogBuild';
import { planRoute } from '../../../src/core/bedrock/routePlanner';
import { SHIPPED_MODELS } from '../../../src/core/bedrock/shippedCapabilities.generated';
import { foldSystemPrompt, replayableHistory } from '../../../src/core/bedrock/requestShaping';
import { TagSplitter, THINK_TAGS } from '../../../src/core/bedrock/tagSplitter';
import type { ChatEvent } from '../../../src/core/bedrock/chatEvent';

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

  it('messages-only and chat-completions-only models go to mantle; none without mantle', () => {
    const mythos = shippedDescriptor('anthropic.claude-mythos-preview', SHIPPED_MODELS);
    assert.deepEqual(planRoute(chatReq(mythos.id), mythos, ctx).steps.map((s) => `${s.api}@${s.endpoint}`), ['messages@mantle']);
    const none = planRoute(chatReq(mythos.id), mythos, { ...ctx, mantle: false });
    assert.equal(none.steps.length, 0);
    assert.ok(none.notes.length > 0);
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
