// The reasoning control through every API that can carry it, with the real SDK clients against the
// emulator: each test asserts the body the emulator recorded, and the emulator checks the fields
// the way Bedrock does (wrong family, budget not below max tokens, sampling with thinking).
import assert from 'node:assert/strict';
import type { ApiId } from '../../../src/core/bedrock/catalog/apiId';
import type { ChatRequest } from '../../../src/core/bedrock/adapters/chatRequest';
import { resolveReasoning } from '../../../src/core/bedrock/adapters/reasoningFields';
import { reasoningStyleOf, type ReasoningLevel } from '../../../src/core/bedrock/catalog/reasoningSupport';
import { chat, collect, errorOf, textOf, useEmulatorRig } from './routerHarness';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SONNET_4 = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
const SONNET_46 = 'us.anthropic.claude-sonnet-4-6';
const OPUS_47 = 'us.anthropic.claude-opus-4-7';
const GPT_OSS = 'openai.gpt-oss-120b-1:0';
const NOVA_2 = 'us.amazon.nova-2-lite-v1:0';

/** A request with the level resolved the way the chat resolves it (budget, max tokens). */
function reasoned(modelId: string, level: ReasoningLevel, extra: Partial<ChatRequest> = {}): ChatRequest {
  const style = reasoningStyleOf(modelId);
  assert.ok(style, `${modelId} takes a reasoning control`);
  const base = chat(modelId, extra);
  const r = resolveReasoning(style, level, base.maxTokens, 64_000);
  return { ...base, reasoning: r.reasoning, maxTokens: r.maxTokens };
}

describe('router: the reasoning control on every API (emulator)', function () {
  const t = useEmulatorRig({ scenario: { defaults: { text: 'thought-through reply' } } });

  async function run(req: ChatRequest, api?: ApiId) {
    const ev = await collect(t.rig.router.stream(req, undefined, api ? { api } : undefined));
    const err = errorOf(ev);
    assert.equal(err, undefined, `no error expected: ${err?.error.message}`);
    assert.equal(textOf(ev), 'thought-through reply');
    const ok = t.emu.requests.filter((r) => r.status === 200);
    assert.equal(ok.length, 1, `one accepted request: ${t.emu.requests.map((r) => `${r.route} ${r.status} ${r.errorCode ?? ''}`).join(', ')}`);
    return { route: ok[0].route, body: ok[0].body as J };
  }

  it('Claude 4 on ConverseStream: thinking with a budget below max tokens, no temperature or top-p', async () => {
    const { route, body } = await run(reasoned(SONNET_4, 'medium', { temperature: 0.3, topP: 0.5 }));
    assert.equal(route, 'ConverseStream');
    assert.deepEqual(body.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 8192 } });
    assert.ok(body.inferenceConfig.maxTokens > 8192);
    assert.equal(body.inferenceConfig.temperature, undefined);
    assert.equal(body.inferenceConfig.topP, undefined);
    assert.equal(body.outputConfig, undefined);
  });

  it('Claude 4 on InvokeModel: the Anthropic body carries thinking and a raised max_tokens', async () => {
    const { route, body } = await run(reasoned(SONNET_4, 'low'), 'invoke');
    assert.equal(route, 'InvokeModelWithResponseStream');
    assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 2048 });
    assert.ok(body.max_tokens > 2048);
  });

  it('Claude 4.6 on ConverseStream: adaptive thinking and outputConfig.effort', async () => {
    const { body } = await run(reasoned(SONNET_46, 'high'));
    assert.deepEqual(body.additionalModelRequestFields, { thinking: { type: 'adaptive' } });
    assert.deepEqual(body.outputConfig, { effort: 'high' });
  });

  it('Claude 4.6 on InvokeModel and Claude Opus 4.7 on Messages: thinking adaptive + output_config.effort', async () => {
    const invoke = await run(reasoned(SONNET_46, 'low'), 'invoke');
    assert.deepEqual(invoke.body.thinking, { type: 'adaptive' });
    assert.deepEqual(invoke.body.output_config, { effort: 'low' });
    t.emu.clearRequests();
    const messages = await run(reasoned(OPUS_47, 'medium'), 'messages');
    assert.equal(messages.route, 'Messages');
    assert.deepEqual(messages.body.thinking, { type: 'adaptive' });
    assert.deepEqual(messages.body.output_config, { effort: 'medium' });
  });

  it('gpt-oss: reasoning_effort on Converse, InvokeModel and Chat Completions; reasoning.effort on Responses', async () => {
    assert.deepEqual((await run(reasoned(GPT_OSS, 'high'))).body.additionalModelRequestFields, { reasoning_effort: 'high' });
    t.emu.clearRequests();
    assert.equal((await run(reasoned(GPT_OSS, 'low'), 'invoke')).body.reasoning_effort, 'low');
    t.emu.clearRequests();
    const cc = await run(reasoned(GPT_OSS, 'medium'), 'chat-completions');
    assert.equal(cc.route, 'ChatCompletions');
    assert.equal(cc.body.reasoning_effort, 'medium');
    t.emu.clearRequests();
    const responses = await run(reasoned(GPT_OSS, 'high'), 'responses');
    assert.equal(responses.route, 'Responses');
    assert.deepEqual(responses.body.reasoning, { effort: 'high' });
  });

  it('Nova 2: reasoningConfig on Converse (additional fields) and on InvokeModel (inferenceConfig)', async () => {
    const converse = await run(reasoned(NOVA_2, 'medium'));
    assert.deepEqual(converse.body.additionalModelRequestFields, { reasoningConfig: { type: 'enabled', maxReasoningEffort: 'medium' } });
    t.emu.clearRequests();
    const invoke = await run(reasoned(NOVA_2, 'low'), 'invoke');
    assert.deepEqual(invoke.body.inferenceConfig.reasoningConfig, { type: 'enabled', maxReasoningEffort: 'low' });
  });

  it('off sends no reasoning field at all', async () => {
    const { body } = await run(chat(SONNET_46, { temperature: 0.4 }));
    assert.equal(body.additionalModelRequestFields, undefined);
    assert.equal(body.outputConfig, undefined);
    assert.equal(body.inferenceConfig.temperature, 0.4);
  });

  it('the emulator refuses what Bedrock refuses: adaptive thinking on Claude 4, a budget not below max tokens, effort for Nova', async () => {
    const refused = async (req: ChatRequest, api: ApiId, pattern: RegExp) => {
      t.emu.clearRequests();
      const ev = await collect(t.rig.router.stream(req, undefined, { api }));
      const err = errorOf(ev);
      assert.ok(err, 'refused');
      assert.ok(t.emu.requests.some((r) => r.status === 400 && pattern.test(JSON.stringify(r.errorCode))), t.emu.requests.map((r) => `${r.status} ${r.errorCode}`).join());
    };
    await refused({ ...chat(SONNET_4), reasoning: { style: 'claudeAdaptive', level: 'high' } }, 'converse', /ValidationException/);
    await refused({ ...chat(SONNET_4, { maxTokens: 2000 }), reasoning: { style: 'claudeBudget', level: 'low', budgetTokens: 2048 } }, 'invoke', /ValidationException/);
    await refused({ ...chat(NOVA_2), reasoning: { style: 'openaiEffort', level: 'low' } }, 'converse', /ValidationException/);
  });
});
