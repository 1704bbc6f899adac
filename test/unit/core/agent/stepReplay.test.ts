// A stored agent reply becomes the exact messages it was: tool uses paired with their results,
// ids kept, signed reasoning before the tool use, unfinished calls closed.
import * as assert from 'node:assert/strict';
import { toChatRequest } from '../../../../src/core/chat/conversationModel';
import type { PersistedConversation, WireToolCall } from '../../../../src/shared/protocol';

const call = (id: string, status: WireToolCall['status'], result?: string): WireToolCall => ({ id, name: 'readFile', input: '{\n  "path": "a.ts"\n}', status, ...(result !== undefined ? { result } : {}) });

function conv(turns: PersistedConversation['turns']): PersistedConversation {
  return { v: 1, id: 'c', title: 't', createdAt: 0, updatedAt: 0, turns };
}

const shape = (c: PersistedConversation) =>
  toChatRequest(c, 'm').messages.map((m) => [
    m.role,
    m.content.map((p) =>
      p.type === 'toolUse' ? `use:${p.id}:${JSON.stringify(p.input)}` : p.type === 'toolResult' ? `result:${p.toolUseId}:${p.isError ? 'error:' : ''}${p.content}` : p.type === 'text' ? `text:${p.text}` : p.type === 'reasoning' ? `reasoning:${p.signature ?? ''}` : p.type,
    ),
  ]);

describe('agent: replaying stored steps', () => {
  it('replays each step as tool uses then results, then the final answer, then the next question', () => {
    const c = conv([
      { role: 'user', text: 'what does cache.ts export?' },
      {
        role: 'assistant',
        text: 'It exports cache.',
        steps: [
          { text: 'Reading.', reasoning: [{ text: 'plan', signature: 'sig' }, { text: 'unsigned musing' }], tools: [call('tooluse_A', 'done', 'export const cache')] },
          { text: '', tools: [call('tooluse_B', 'done', 'b'), call('tooluse_C', 'failed', 'no such file')] },
        ],
      },
      { role: 'user', text: 'and b.ts?' },
    ]);
    assert.deepEqual(shape(c), [
      ['user', ['text:what does cache.ts export?']],
      ['assistant', ['reasoning:sig', 'text:Reading.', 'use:tooluse_A:{"path":"a.ts"}']],
      ['user', ['result:tooluse_A:export const cache']],
      ['assistant', ['use:tooluse_B:{"path":"a.ts"}', 'use:tooluse_C:{"path":"a.ts"}']],
      ['user', ['result:tooluse_B:b', 'result:tooluse_C:error:no such file']],
      ['assistant', ['text:It exports cache.']],
      ['user', ['text:and b.ts?']],
    ]);
  });

  it('closes calls a stopped turn left open, and keeps results first in the next user message', () => {
    const c = conv([
      { role: 'user', text: 'q' },
      { role: 'assistant', text: '', error: { kind: 'cancelled', message: 'Stopped.', action: { id: 'none', label: '' } }, steps: [{ text: '', tools: [call('x', 'running'), call('y', 'awaitingApproval'), call('z', 'denied', 'The user denied this call.')] }] },
      { role: 'user', text: 'try again' },
    ]);
    assert.deepEqual(shape(c), [
      ['user', ['text:q']],
      ['assistant', ['use:x:{"path":"a.ts"}', 'use:y:{"path":"a.ts"}', 'use:z:{"path":"a.ts"}']],
      ['user', ['result:x:error:not run: the turn was stopped', 'result:y:error:not run: the turn was stopped', 'result:z:error:The user denied this call.', 'text:try again']],
    ]);
  });

  it('gives a call stored without an id one that pairs, and ignores unreadable calls and inputs', () => {
    const c = conv([
      { role: 'user', text: 'q' },
      { role: 'assistant', text: 'done', steps: [{ text: '', tools: [{ ...call('', 'done', 'r'), input: 'not json' }, null as never, { name: '' } as never] }] },
    ]);
    assert.deepEqual(shape(c).slice(1, 3), [
      ['assistant', ['use:call_1_0_0:{}']],
      ['user', ['result:call_1_0_0:r']],
    ]);
  });
});
