// The emulator checks tool blocks as the services do, with their texts, through the real clients:
// toolConfig missing on a history with tool blocks, unpaired calls and results, empty error
// results, and a top-level oneOf where Claude refuses it.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { ConverseCommand, type Message, type Tool } from '@aws-sdk/client-bedrock-runtime';
import { startEmulator, type EmulatorHandle } from '../../emulator/emulator';
import { runtimeClient } from '../../emulator/sdkClients';

const CLAUDE = 'anthropic.claude-3-haiku-20240307-v1:0';
const NOVA = 'amazon.nova-micro-v1:0';

describe('emulator: tool blocks checked like Bedrock', () => {
  let emu: EmulatorHandle;
  before(async () => (emu = await startEmulator({ seed: 3 })));
  after(() => emu.close());

  const tools: Tool[] = [{ toolSpec: { name: 'readFile', inputSchema: { json: { type: 'object', properties: { path: { type: 'string' } } } } } }];
  const ask: Message = { role: 'user', content: [{ text: 'read it' }] };
  const calls: Message = { role: 'assistant', content: [{ toolUse: { toolUseId: 'tooluse_a', name: 'readFile', input: { path: 'a' } } }, { toolUse: { toolUseId: 'tooluse_b', name: 'readFile', input: { path: 'b' } } }] };
  const result = (id: string, text = 'x', status: 'success' | 'error' = 'success') => ({ toolResult: { toolUseId: id, content: text ? [{ text }] : [], status } });

  async function converseError(modelId: string, messages: Message[], toolConfig?: { tools: Tool[] }): Promise<string> {
    try {
      await runtimeClient(emu.url).send(new ConverseCommand({ modelId, messages, ...(toolConfig ? { toolConfig } : {}) }));
    } catch (e) {
      assert.equal((e as Error).name, 'ValidationException');
      return (e as Error).message;
    }
    return 'accepted';
  }

  it('Converse: tool blocks without toolConfig', async () => {
    assert.equal(await converseError(NOVA, [ask, calls, { role: 'user', content: [result('tooluse_a'), result('tooluse_b')] }]), 'The toolConfig field must be defined when using toolUse and toolResult content blocks.');
  });

  it('Converse: a call without its result, and more results than calls', async () => {
    assert.equal(await converseError(NOVA, [ask, calls, { role: 'user', content: [result('tooluse_a'), { text: 'go on' }] }], { tools }), 'Expected toolResult blocks at messages.2.content for the following Ids: tooluse_b');
    assert.equal(
      await converseError(NOVA, [ask, calls, { role: 'user', content: [result('tooluse_a'), result('tooluse_b'), result('tooluse_c')] }], { tools }),
      'The number of toolResult blocks at messages.2.content exceeds the number of toolUse blocks of previous turn.',
    );
  });

  it('Converse: an error result must say something', async () => {
    assert.equal(await converseError(NOVA, [ask, calls, { role: 'user', content: [result('tooluse_a'), result('tooluse_b', '', 'error')] }], { tools }), 'The content field at messages.2.content.1.toolResult cannot be empty when status value is error.');
  });

  it('Converse: Claude refuses a top-level oneOf; Nova takes it; a well-paired history is accepted', async () => {
    const union: Tool[] = [{ toolSpec: { name: 'readFile', inputSchema: { json: { oneOf: [{ type: 'object', properties: { a: { type: 'string' } } }] } } } }];
    assert.equal(await converseError(CLAUDE, [ask], { tools: union }), 'The model returned the following errors: tools.0.custom.input_schema: input_schema does not support oneOf, allOf, or anyOf at the top level');
    assert.equal(await converseError(NOVA, [ask], { tools: union }), 'accepted');
    assert.equal(await converseError(CLAUDE, [ask, calls, { role: 'user', content: [result('tooluse_a'), result('tooluse_b')] }], { tools }), 'accepted');
  });

  it('Anthropic Messages: unpaired tool_use, tools missing, a top-level anyOf', async () => {
    const client = new Anthropic({ baseURL: `${emu.url}/mantle/anthropic`, apiKey: 'ABSKanthropic', maxRetries: 0 });
    const model = 'anthropic.claude-haiku-4-5-20251001';
    const history: Anthropic.MessageParam[] = [
      { role: 'user', content: 'read it' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_a', name: 'readFile', input: {} }] },
      { role: 'user', content: 'never mind' },
    ];
    const tool = { name: 'readFile', input_schema: { type: 'object' as const, properties: {} } };
    const refused = (p: Promise<unknown>) => p.then(() => 'accepted', (e: Error) => e.message);
    assert.match(await refused(client.messages.create({ model, max_tokens: 50, messages: history, tools: [tool] })), /messages\.2: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_a\./);
    assert.match(await refused(client.messages.create({ model, max_tokens: 50, messages: history })), /Requests which include `tool_use` or `tool_result` blocks must define tools\./);
    assert.match(
      await refused(client.messages.create({ model, max_tokens: 50, messages: [{ role: 'user', content: 'x' }], tools: [{ name: 't', input_schema: { type: 'object', anyOf: [] } as never }] })),
      /tools\.0\.custom\.input_schema: input_schema does not support oneOf, allOf, or anyOf at the top level/,
    );
  });

  it('Chat Completions and Responses: a call without its output', async () => {
    const openai = new OpenAI({ baseURL: `${emu.url}/mantle/v1`, apiKey: 'ABSKmantle', maxRetries: 0 });
    const refused = (p: Promise<unknown>) => p.then(() => 'accepted', (e: Error) => e.message);
    const chat = await refused(
      openai.chat.completions.create({
        model: 'openai.gpt-oss-120b',
        messages: [
          { role: 'user', content: 'read' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'readFile', arguments: '{}' } }] },
          { role: 'user', content: 'hm' },
        ],
      }),
    );
    assert.match(chat, /An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'\. The following tool_call_ids did not have response messages: call_1/);
    const responses = await refused(
      openai.responses.create({ model: 'openai.gpt-oss-120b', input: [{ role: 'user', content: 'read' }, { type: 'function_call', call_id: 'call_9', name: 'readFile', arguments: '{}' }] }),
    );
    assert.match(responses, /No tool output found for function call call_9\./);
  });
});
