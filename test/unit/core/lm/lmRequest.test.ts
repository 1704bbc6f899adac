import * as assert from 'node:assert/strict';
import { LM_ROLE, LM_TOOL_MODE, LmRequestError, toChatMessages, toChatRequest, toToolSpecs, toolResultText, type LmMessage } from '../../../../src/core/lm/lmRequest';

const user = (...content: LmMessage['content']): LmMessage => ({ role: LM_ROLE.user, content });
const assistant = (...content: LmMessage['content']): LmMessage => ({ role: LM_ROLE.assistant, content });
const text = (value: string) => ({ kind: 'text' as const, value });
const bytes = (s: string) => new TextEncoder().encode(s);

describe('vscode.lm messages → chat request', () => {
  it('maps text, tool calls, tool results and images; system messages become the system prompt', () => {
    const png = new Uint8Array([137, 80, 78, 71]);
    const { system, messages } = toChatMessages([
      { role: LM_ROLE.system, content: [text('Be brief.')] },
      user(text('Weather?'), { kind: 'data', mimeType: 'image/png', data: png }),
      assistant(text('Calling.'), { kind: 'toolCall', callId: 'c1', name: 'get_weather', input: { city: 'Paris' } }),
      user({ kind: 'toolResult', callId: 'c1', content: [text('18 C'), { kind: 'data', mimeType: 'application/json', data: bytes('{"wind":3}') }] }, text('and?')),
    ]);
    assert.equal(system, 'Be brief.');
    assert.deepEqual(messages, [
      { role: 'user', content: [{ type: 'text', text: 'Weather?' }, { type: 'image', format: 'png', data: png }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Calling.' }, { type: 'toolUse', id: 'c1', name: 'get_weather', input: { city: 'Paris' } }] },
      { role: 'user', content: [{ type: 'toolResult', toolUseId: 'c1', content: '18 C{"wind":3}', isError: undefined }, { type: 'text', text: 'and?' }] },
    ]);
  });

  it('merges adjacent turns of one role, puts tool results first, and starts with the user', () => {
    const { messages } = toChatMessages([
      assistant(text('Hi, I am ready.')),
      user(text('first')),
      user({ kind: 'toolResult', callId: 'c', content: [text('out')] }),
      user(text('   '), { kind: 'data', mimeType: 'cache_control', data: bytes('ephemeral') }),
    ]);
    assert.deepEqual(
      messages.map((m) => [m.role, m.content.map((p) => p.type)]),
      [
        ['user', ['text']],
        ['assistant', ['text']],
        ['user', ['toolResult', 'text']],
      ],
    );
  });

  it('names what a tool result held that cannot be sent as text', () => {
    assert.equal(toolResultText([{ kind: 'data', mimeType: 'image/png', data: new Uint8Array(10) }]), '[image/png data, 10 bytes, not sent]');
    assert.equal(toolResultText([{ kind: 'other', json: '{"node":1}' }]), '{"node":1}');
  });

  it('maps tools and tool modes: Required with one tool names it, with several asks for any', () => {
    const tools = [{ name: 'a', description: 'A', inputSchema: { type: 'object', properties: { x: { type: 'string' } } } }, { name: 'b', description: '' }];
    const one = toChatRequest('m', [user(text('hi'))], { tools: tools.slice(0, 1), toolMode: LM_TOOL_MODE.required }).request;
    assert.deepEqual(one.toolChoice, { name: 'a' });
    const many = toChatRequest('m', [user(text('hi'))], { tools, toolMode: LM_TOOL_MODE.required }).request;
    assert.equal(many.toolChoice, 'any');
    assert.deepEqual(many.tools?.[1], { name: 'b', description: 'b', inputSchema: { type: 'object', properties: {} } });
    assert.equal(toChatRequest('m', [user(text('hi'))], { tools, toolMode: LM_TOOL_MODE.auto }).request.toolChoice, 'auto');
    assert.equal(toChatRequest('m', [user(text('hi'))], {}).request.tools, undefined);
  });

  it('refuses a tool name Bedrock would refuse, naming it', () => {
    assert.throws(() => toToolSpecs([{ name: 'has space', description: '' }]), /Tool name "has space" is not accepted/);
  });

  it('reads modelOptions, checking each value', () => {
    const r = toChatRequest('m', [user(text('hi'))], { modelOptions: { max_tokens: 100.7, temperature: 0.2, top_p: 0.9, stop: ['END'], api: 'messages' } });
    assert.equal(r.request.maxTokens, 100);
    assert.equal(r.request.temperature, 0.2);
    assert.equal(r.request.topP, 0.9);
    assert.deepEqual(r.request.stopSequences, ['END']);
    assert.equal(r.api, 'messages');
    assert.throws(() => toChatRequest('m', [user(text('hi'))], { modelOptions: { temperature: 9 } }), /modelOptions.temperature must be a number from 0 to 2; got 9/);
    assert.throws(() => toChatRequest('m', [user(text('hi'))], { modelOptions: { api: 'soap' } }), /modelOptions.api must be one of converse-stream, .*; got "soap"/);
    assert.throws(() => toChatRequest('m', [user(text('hi'))], { modelOptions: { stop: 'END' } }), LmRequestError);
  });

  it('refuses a request with nothing to send', () => {
    assert.throws(() => toChatRequest('m', [user(text('  '))], {}), /no message with content/);
  });

  it('counts the prompt characters sent (for calibrating the estimate)', () => {
    const r = toChatRequest('m', [{ role: LM_ROLE.system, content: [text('sys')] }, user(text('hello'))], {});
    assert.equal(r.promptChars, 8);
  });
});
