// The agent-mode protocol: approvals and the tool picker through the host's gate, the agent flag
// on chat/send, and agent steps in stored turns read field by field.
import * as assert from 'node:assert/strict';
import { checkWebviewMessage, validateWebviewMessage } from '../../../src/shared/protocolValidation';
import { readStoredConversation } from '../../../src/shared/persistedRecords';

describe('protocol: agent messages', () => {
  it('accepts an approval, the tool picker and agent mode on chat/send', () => {
    for (const m of [
      { method: 'agent/approve', requestId: 'r1', toolId: 'tooluse_1', decision: 'once' },
      { method: 'agent/approve', requestId: 'r1', toolId: 'call_2', decision: 'chat' },
      { method: 'agent/approve', requestId: 'r1', toolId: 'x', decision: 'deny' },
      { method: 'agent/approve', requestId: 'r1', toolId: 'call_3', decision: 'once', edited: 'npm test -- --grep cache' },
      { method: 'agent/pickTools' },
      { method: 'agent/restore', requestId: 'r1' },
      { method: 'chat/send', requestId: 'r', conversationId: 'c', text: 'what does cache.ts export?', agent: true },
    ]) assert.deepEqual(validateWebviewMessage(m), m);
  });

  for (const [name, m, says] of [
    ['an unknown decision', { method: 'agent/approve', requestId: 'r', toolId: 't', decision: 'always' }, 'decision is not once, chat or deny'],
    ['an approval without a tool id', { method: 'agent/approve', requestId: 'r', decision: 'once' }, 'toolId is missing or not a string'],
    ['an approval with an empty request id', { method: 'agent/approve', requestId: '', toolId: 't', decision: 'once' }, 'requestId is empty'],
    ['an edited command that is not text', { method: 'agent/approve', requestId: 'r', toolId: 't', decision: 'once', edited: 42 }, 'edited is not a non-empty text of at most 10,000 characters'],
    ['an edited command that is blank', { method: 'agent/approve', requestId: 'r', toolId: 't', decision: 'once', edited: '  ' }, 'edited is not a non-empty text of at most 10,000 characters'],
    ['an edited command too long to be one', { method: 'agent/approve', requestId: 'r', toolId: 't', decision: 'chat', edited: 'x'.repeat(10_001) }, 'edited is not a non-empty text of at most 10,000 characters'],
    ['a restore without a request id', { method: 'agent/restore' }, 'requestId is missing or not a string'],
    ['a restore with an empty request id', { method: 'agent/restore', requestId: '' }, 'requestId is empty'],
    ['an agent flag that is not a boolean', { method: 'chat/send', requestId: 'r', conversationId: 'c', text: 'x', agent: 'yes' }, 'agent is not true or false'],
  ] as const) {
    it(`refuses ${name}, saying what was wrong`, () => {
      const checked = checkWebviewMessage(m);
      assert.equal(checked.ok, false);
      assert.equal(!checked.ok && checked.problem, says);
    });
  }

  it('keeps only the known fields of an approval', () => {
    assert.deepEqual(validateWebviewMessage({ method: 'agent/approve', requestId: 'r', toolId: 't', decision: 'once', run: 'rm -rf /' }), {
      method: 'agent/approve',
      requestId: 'r',
      toolId: 't',
      decision: 'once',
    });
  });
});

describe('persisted readers: agent steps', () => {
  const base = { v: 1, id: 'c1', title: 'T', createdAt: 1, updatedAt: 2 };
  const call = { id: 'tooluse_1', name: 'readFile', input: '{"path":"a.ts"}', status: 'done', result: 'export const a = 1;', durationMs: 3, label: 'Read a.ts', kind: 'read', step: 0, truncated: true };

  it('keeps an agent turn with its steps as stored', () => {
    const turn = {
      role: 'assistant',
      text: 'a.ts exports a',
      steps: [
        { text: 'Let me look.', reasoning: [{ text: 'think', signature: 'sig' }], tools: [call] },
        { text: '', tools: [{ ...call, id: 'tooluse_2', status: 'denied', result: 'The user denied this call.', step: 1 }] },
      ],
    };
    const conv = { ...base, turns: [{ role: 'user', text: 'q' }, turn] };
    assert.deepEqual(readStoredConversation(structuredClone(conv)), conv);
  });

  it('reads every tool status the protocol has', () => {
    for (const status of ['requested', 'awaitingApproval', 'running', 'done', 'failed', 'denied', 'cancelled']) {
      const conv = readStoredConversation({ ...base, turns: [{ role: 'assistant', text: '', tools: [{ ...call, status }] }] });
      assert.equal(conv?.turns[0].tools?.[0].status, status);
    }
  });

  it('drops a bad call or a bad step and keeps the rest of the turn', () => {
    const conv = readStoredConversation({
      ...base,
      turns: [
        {
          role: 'assistant',
          text: 'final',
          steps: [
            { text: 'one', tools: [call, { ...call, status: 'exploded' }, { ...call, kind: 'root' }] },
            { text: 7, tools: [call] },
            { text: 'three', tools: 'none' },
            'not a step',
            { text: 'five', tools: [{ ...call, step: -1, truncated: 'yes' }] },
          ],
        },
      ],
    });
    const steps = conv!.turns[0].steps!;
    assert.equal(conv!.turns[0].text, 'final');
    assert.deepEqual(steps.map((s) => s.text), ['one', 'five']);
    // A bad kind is an optional field: the call stays, without it.
    assert.deepEqual(steps[0].tools.map((t) => t.kind), ['read', undefined]);
    const { step, truncated, ...rest } = call;
    void step;
    void truncated;
    assert.deepEqual(steps[1].tools, [rest]);
  });

  it('drops a steps field that is not a list and keeps the turn', () => {
    const conv = readStoredConversation({ ...base, turns: [{ role: 'assistant', text: 'final', steps: { 0: 'x' } }] });
    assert.deepEqual(conv?.turns[0], { role: 'assistant', text: 'final' });
  });
});
