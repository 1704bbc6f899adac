// Which models are offered agent mode, which routes a turn with tools may take, and the tools a
// history without tools still declares.
import assert from 'node:assert/strict';
import { shippedDescriptor } from '../../../../src/core/bedrock/catalog/catalogBuild';
import { SHIPPED_MODELS } from '../../../../src/core/bedrock/catalog/shippedCapabilities.generated';
import { takesTools } from '../../../../src/core/bedrock/catalog/toolSupport';
import { planRoute } from '../../../../src/core/bedrock/routing/routePlanner';
import { declaredTools } from '../../../../src/core/bedrock/adapters/historyTools';
import { converseInput } from '../../../../src/core/bedrock/adapters/converseAdapter';
import { messagesBody } from '../../../../src/core/bedrock/adapters/anthropicCodec';
import type { ChatRequest } from '../../../../src/core/bedrock/adapters/chatRequest';

const ctx = { region: 'us-east-1', mantle: true };
const apis = (modelId: string, tools: boolean) =>
  planRoute({ modelId, task: 'chat', features: { streaming: true, tools } }, shippedDescriptor(modelId, SHIPPED_MODELS), ctx).steps.map((s) => s.api);

describe('agent: which models and routes take tools', () => {
  it('offers agent mode to tool-capable models and not to the ones known to refuse tools', () => {
    for (const id of ['anthropic.claude-sonnet-4-20250514-v1:0', 'us.amazon.nova-pro-v1:0', 'openai.gpt-oss-120b-1:0', 'meta.llama3-3-70b-instruct-v1:0', 'mistral.mistral-large-2407-v1:0']) assert.equal(takesTools(id), true, id);
    for (const id of ['amazon.titan-text-express-v1', 'meta.llama3-8b-instruct-v1:0', 'us.meta.llama3-2-1b-instruct-v1:0', 'mistral.mixtral-8x7b-instruct-v0:1', 'us.deepseek.r1-v1:0']) assert.equal(takesTools(id), false, id);
  });

  it('a turn with tools skips InvokeModel bodies that carry none, and keeps the ones that do', () => {
    assert.ok(apis('meta.llama3-3-70b-instruct-v1:0', false).some((a) => a.startsWith('invoke')));
    assert.ok(!apis('meta.llama3-3-70b-instruct-v1:0', true).some((a) => a.startsWith('invoke')));
    assert.ok(!apis('openai.gpt-oss-120b-1:0', true).some((a) => a.startsWith('invoke')));
    assert.ok(apis('amazon.nova-pro-v1:0', true).some((a) => a.startsWith('invoke')));
  });
});

describe('agent: tools declared for a history that carries tool blocks', () => {
  const history: ChatRequest = {
    modelId: 'anthropic.claude-sonnet-4-20250514-v1:0',
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'q' }] },
      { role: 'assistant', content: [{ type: 'toolUse', id: 't1', name: 'readFile', input: {} }] },
      { role: 'user', content: [{ type: 'toolResult', toolUseId: 't1', content: 'x' }, { type: 'text', text: 'thanks, now without tools' }] },
    ],
  };

  it('declares the tools the history used when the request has none', () => {
    assert.deepEqual(declaredTools(history)?.tools.map((t) => t.name), ['readFile']);
    assert.equal(declaredTools({ ...history, messages: history.messages.slice(0, 1) }), undefined);
    assert.deepEqual(declaredTools({ ...history, tools: [{ name: 'x', inputSchema: {} }], toolChoice: 'any' }), { tools: [{ name: 'x', inputSchema: {} }], choice: 'any' });
  });

  it('Converse and Anthropic bodies carry them', () => {
    assert.deepEqual(converseInput(history, history.modelId).toolConfig?.tools?.map((t) => t.toolSpec?.name), ['readFile']);
    assert.deepEqual((messagesBody(history, 'claude', false).tools as Array<{ name: string }>).map((t) => t.name), ['readFile']);
  });
});
