// The reasoning control in each API's body, and which models take which style.
import * as assert from 'node:assert/strict';
import { chatCompletionsBody } from '../../../../../src/core/bedrock/adapters/chatCompletionsAdapter';
import type { ChatRequest } from '../../../../../src/core/bedrock/adapters/chatRequest';
import { converseInput } from '../../../../../src/core/bedrock/adapters/converseAdapter';
import { INVOKE_CODECS } from '../../../../../src/core/bedrock/adapters/invoke/invokeCodecs';
import { messagesBody } from '../../../../../src/core/bedrock/adapters/anthropicCodec';
import { ANSWER_ROOM, resolveReasoning, type ReasoningRequest } from '../../../../../src/core/bedrock/adapters/reasoningFields';
import { responsesBody } from '../../../../../src/core/bedrock/adapters/responsesAdapter';
import { canTurnReasoningOff, reasoningStyleOf } from '../../../../../src/core/bedrock/catalog/reasoningSupport';
import { clampParams, newConversation, toChatRequest } from '../../../../../src/core/chat/conversationModel';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const req = (reasoning: ReasoningRequest | undefined, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  modelId: 'm',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  maxTokens: 12_000,
  temperature: 0.5,
  topP: 0.8,
  ...(reasoning ? { reasoning } : {}),
  ...extra,
});
const budget: ReasoningRequest = { style: 'claudeBudget', level: 'medium', budgetTokens: 8192 };
const adaptive: ReasoningRequest = { style: 'claudeAdaptive', level: 'high' };
const oss: ReasoningRequest = { style: 'openaiEffort', level: 'low' };
const nova: ReasoningRequest = { style: 'novaEffort', level: 'medium' };

describe('reasoning control: which models take it', () => {
  it('names a style per family, by base model (profile prefixes stripped), and none for the rest', () => {
    const cases: Array<[string, string | undefined]> = [
      ['anthropic.claude-3-7-sonnet-20250219-v1:0', 'claudeBudget'],
      ['us.anthropic.claude-sonnet-4-20250514-v1:0', 'claudeBudget'],
      ['anthropic.claude-opus-4-1-20250805-v1:0', 'claudeBudget'],
      ['global.anthropic.claude-haiku-4-5-20251001-v1:0', 'claudeBudget'],
      ['anthropic.claude-sonnet-4-6', 'claudeAdaptive'],
      ['eu.anthropic.claude-opus-4-7', 'claudeAdaptive'],
      ['anthropic.claude-fable-5', 'claudeAdaptive'],
      ['anthropic.claude-3-haiku-20240307-v1:0', undefined],
      ['anthropic.claude-3-5-haiku-20241022-v1:0', undefined],
      ['openai.gpt-oss-120b-1:0', 'openaiEffort'],
      ['gpt-oss-20b', 'openaiEffort'],
      ['us.amazon.nova-2-lite-v1:0', 'novaEffort'],
      ['amazon.nova-pro-v1:0', undefined],
      ['amazon.nova-2-sonic-v1:0', undefined],
      ['us.deepseek.r1-v1:0', undefined],
      ['meta.llama3-70b-instruct-v1:0', undefined],
    ];
    for (const [id, style] of cases) assert.equal(reasoningStyleOf(id), style, id);
    assert.equal(canTurnReasoningOff('openaiEffort'), false, 'gpt-oss always reasons');
    assert.equal(canTurnReasoningOff('novaEffort'), true);
  });

  it('resolves a Claude budget below max tokens, raising max tokens within the model limit', () => {
    assert.deepEqual(resolveReasoning('claudeBudget', 'high', 500, 64_000), { reasoning: { style: 'claudeBudget', level: 'high', budgetTokens: 16_384 }, maxTokens: 16_384 + ANSWER_ROOM });
    assert.deepEqual(resolveReasoning('claudeBudget', 'low', 30_000, 64_000).maxTokens, 30_000, 'a larger max tokens is kept');
    const tight = resolveReasoning('claudeBudget', 'high', undefined, 8_192);
    assert.ok(tight.maxTokens! <= 8_192 && tight.reasoning.budgetTokens! < tight.maxTokens!, JSON.stringify(tight));
    assert.deepEqual(resolveReasoning('novaEffort', 'low', 300, 10_000), { reasoning: { style: 'novaEffort', level: 'low' }, maxTokens: 300 });
  });

  it('the chat keeps a level only for a model that takes one, and resolves it into the request', () => {
    assert.equal(clampParams({ reasoning: 'high' }, { maxOutputTokens: 4096 }), undefined, 'dropped for a model without a style');
    assert.deepEqual(clampParams({ reasoning: 'high' }, { reasoning: 'novaEffort' }), { reasoning: 'high' });
    const conv = { ...newConversation('c', 1), turns: [{ role: 'user' as const, text: 'q' }] };
    const r = toChatRequest(conv, 'anthropic.claude-sonnet-4-20250514-v1:0', { reasoning: 'low', maxTokens: 1000 }, undefined, { reasoning: 'claudeBudget', maxOutputTokens: 64_000 });
    assert.deepEqual(r.reasoning, { style: 'claudeBudget', level: 'low', budgetTokens: 2048 });
    assert.equal(r.maxTokens, 2048 + ANSWER_ROOM);
    assert.equal(toChatRequest(conv, 'x', { reasoning: 'low' }).reasoning, undefined, 'no model: no control');
  });
});

describe('reasoning control: request bodies per API', () => {
  it('Converse: thinking / reasoning_effort / reasoningConfig in additionalModelRequestFields; Claude 4.6 effort in outputConfig', () => {
    const b = converseInput(req(budget), 't') as J;
    assert.deepEqual(b.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 8192 } });
    assert.deepEqual(b.inferenceConfig, { maxTokens: 12_000 }, 'temperature and top-p left out with thinking');
    const a = converseInput(req(adaptive), 't') as J;
    assert.deepEqual(a.additionalModelRequestFields, { thinking: { type: 'adaptive' } });
    assert.deepEqual(a.outputConfig, { effort: 'high' });
    const o = converseInput(req(oss), 't') as J;
    assert.deepEqual(o.additionalModelRequestFields, { reasoning_effort: 'low' });
    assert.equal(o.inferenceConfig.temperature, 0.5, 'sampling kept for non-Claude reasoning');
    assert.deepEqual((converseInput(req(nova), 't') as J).additionalModelRequestFields, { reasoningConfig: { type: 'enabled', maxReasoningEffort: 'medium' } });
    const off = converseInput(req(undefined), 't') as J;
    assert.equal(off.additionalModelRequestFields, undefined);
    assert.equal(off.outputConfig, undefined);
  });

  it('InvokeModel: Claude thinking + output_config, gpt-oss reasoning_effort, Nova 2 inferenceConfig.reasoningConfig', () => {
    const c = INVOKE_CODECS.anthropic.body(req(budget), true);
    assert.deepEqual(c.thinking, { type: 'enabled', budget_tokens: 8192 });
    assert.equal(c.temperature, undefined);
    assert.equal(c.top_p, undefined);
    const a = INVOKE_CODECS.anthropic.body(req(adaptive), true);
    assert.deepEqual([a.thinking, a.output_config], [{ type: 'adaptive' }, { effort: 'high' }]);
    assert.equal(INVOKE_CODECS.openai.body(req(oss), true).reasoning_effort, 'low');
    assert.equal(INVOKE_CODECS.openai.body(req(budget), true).reasoning_effort, undefined, 'another style is not spelled as effort');
    assert.deepEqual(INVOKE_CODECS.nova.body(req(nova), true).inferenceConfig.reasoningConfig, { type: 'enabled', maxReasoningEffort: 'medium' });
    assert.equal(INVOKE_CODECS.nova.body(req(undefined), true).inferenceConfig.reasoningConfig, undefined);
  });

  it('Messages, Chat Completions and Responses', () => {
    const m = messagesBody(req(adaptive), 'model', true);
    assert.deepEqual([m.thinking, m.output_config, m.anthropic_version], [{ type: 'adaptive' }, { effort: 'high' }, undefined]);
    assert.equal(chatCompletionsBody(req(oss), 'm', true).reasoning_effort, 'low');
    assert.equal(chatCompletionsBody(req(undefined), 'm', true).reasoning_effort, undefined);
    assert.deepEqual(responsesBody(req(oss), 'm', true).reasoning, { effort: 'low' });
    assert.equal(responsesBody(req(nova), 'm', true).reasoning, undefined);
  });
});
