// The request bodies each API gets for tools, tool choice and images (VS Code's chat sends all three).
import * as assert from 'node:assert/strict';
import type { ChatRequest } from '../../../../../src/core/bedrock/adapters/chatRequest';
import { INVOKE_CODECS } from '../../../../../src/core/bedrock/adapters/invoke/invokeCodecs';
import { responsesBody } from '../../../../../src/core/bedrock/adapters/responsesAdapter';

const png = new Uint8Array([137, 80, 78, 71]);
const request = (toolChoice: ChatRequest['toolChoice']): ChatRequest => ({
  modelId: 'm',
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'Look' }, { type: 'image', format: 'png', data: png }] },
    { role: 'assistant', content: [{ type: 'toolUse', id: 'c1', name: 'see', input: { x: 1 } }] },
    { role: 'user', content: [{ type: 'toolResult', toolUseId: 'c1', content: 'seen' }] },
  ],
  tools: [{ name: 'see', description: 'Look at it', inputSchema: { type: 'object', properties: {} } }],
  toolChoice,
});

describe('tool and image request bodies', () => {
  it('Responses: function tools, tool_choice for each mode, images as input_image, the call and its output', () => {
    const body = responsesBody(request('any'), 'm', true);
    assert.equal(body.tool_choice, 'required');
    assert.equal(responsesBody(request('auto'), 'm', true).tool_choice, 'auto');
    assert.deepEqual(responsesBody(request({ name: 'see' }), 'm', true).tool_choice, { type: 'function', name: 'see' });
    assert.deepEqual(body.input[0], { role: 'user', content: [{ type: 'input_text', text: 'Look' }, { type: 'input_image', image_url: 'data:image/png;base64,iVBORw==' }] });
    assert.deepEqual(body.input[1], { type: 'function_call', call_id: 'c1', name: 'see', arguments: '{"x":1}' });
    assert.deepEqual(body.input[2], { type: 'function_call_output', call_id: 'c1', output: 'seen' });
  });

  it('Nova InvokeModel: toolChoice beside the tools, as Converse has it', () => {
    assert.deepEqual(INVOKE_CODECS.nova.body(request('any'), false).toolConfig.toolChoice, { any: {} });
    assert.deepEqual(INVOKE_CODECS.nova.body(request({ name: 'see' }), false).toolConfig.toolChoice, { tool: { name: 'see' } });
    assert.deepEqual(INVOKE_CODECS.nova.body(request(undefined), false).toolConfig.toolChoice, { auto: {} });
  });
});
