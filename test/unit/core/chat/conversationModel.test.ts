import * as assert from 'node:assert/strict';
import { beginTurn, clampParams, deleteTurns, newConversation, titleFrom, toChatRequest } from '../../../../src/core/chat/conversationModel';
import type { PersistedConversation } from '../../../../src/shared/protocol';

describe('chat: conversation model', () => {
  const send = (text: string, extra = {}) => ({ method: 'chat/send' as const, requestId: 'r', conversationId: 'c', text, ...extra });

  it('titles a conversation from the first line of the first message, shortened', () => {
    assert.equal(titleFrom('  How do I\nsecond line'), 'How do I');
    assert.equal(titleFrom('x'.repeat(100)).length, 60);
    assert.ok(titleFrom('x'.repeat(100)).endsWith('…'));
    assert.equal(titleFrom('   '), 'New chat');
  });

  it('appends a user turn and records model, system prompt, params and API', () => {
    const conv = beginTurn(newConversation('c', 1), send('hello', { system: 'be brief', api: 'converse' }), 'm1', { temperature: 0.2 }, 5);
    assert.deepEqual(conv.turns, [{ role: 'user', text: 'hello' }]);
    assert.equal(conv.title, 'hello');
    assert.equal(conv.modelId, 'm1');
    assert.equal(conv.system, 'be brief');
    assert.deepEqual(conv.params, { temperature: 0.2 });
    assert.equal(conv.api, 'converse');
    assert.equal(conv.updatedAt, 5);
  });

  it('replaces the conversation from replaceFromTurn on (edit, retry, regenerate) and forgets a dropped API override', () => {
    let conv: PersistedConversation = { ...newConversation('c', 1), api: 'converse' };
    conv.turns = [
      { role: 'user', text: 'a' },
      { role: 'assistant', text: 'A' },
      { role: 'user', text: 'b' },
      { role: 'assistant', text: 'B' },
    ];
    conv = beginTurn(conv, send('b2', { replaceFromTurn: 2 }), 'm1', undefined, 2);
    assert.deepEqual(conv.turns.map((t) => t.text), ['a', 'A', 'b2']);
    assert.equal(conv.api, undefined);
  });

  it('a turn from an editor command keeps its context: the title is the user words, the model gets the words and then the code', () => {
    const context = { label: 'cache.ts:7-14', uri: 'file:///w/cache.ts', startLine: 6, endLine: 13, text: 'File: `cache.ts`\n```ts\nconst c = 1;\n```' };
    let conv = beginTurn(newConversation('c', 1), send('Explain `get`: what it does', { context }), 'm1', undefined, 2);
    assert.equal(conv.title, 'Explain `get`: what it does');
    assert.deepEqual(conv.turns[0], { role: 'user', text: 'Explain `get`: what it does', context });
    const req = toChatRequest(conv, 'm1');
    assert.equal((req.messages[0].content[0] as { text: string }).text, `Explain \`get\`: what it does\n\n${context.text}`);
    // Editing that message later (replaceFromTurn 0) keeps what the webview sends back with it.
    conv = beginTurn({ ...conv, turns: [...conv.turns, { role: 'assistant', text: 'A' }] }, send('Why is it slow?', { context, replaceFromTurn: 0 }), 'm1', undefined, 3);
    assert.deepEqual(conv.turns, [{ role: 'user', text: 'Why is it slow?', context }]);
  });

  it('deletes a message and its reply, keeping the turns around them and the title', () => {
    const conv: PersistedConversation = { ...newConversation('c', 1), title: 'first', turns: ['a', 'A', 'b', 'B', 'c', 'C'].map((text, i) => ({ role: i % 2 ? 'assistant' : 'user', text })) };
    const next = deleteTurns(conv, 2, 2, 9);
    assert.deepEqual(next.turns.map((t) => t.text), ['a', 'A', 'c', 'C']);
    assert.equal(next.title, 'first');
    assert.equal(next.updatedAt, 9);
    assert.equal(conv.turns.length, 6, 'the input is not modified');
    assert.deepEqual(deleteTurns(conv, 4, 5, 9).turns.map((t) => t.text), ['a', 'A', 'b', 'B'], 'a range past the end removes what is there');
  });

  it('clamps params to 0..1 and max tokens to the model limit', () => {
    assert.deepEqual(clampParams({ temperature: 1.7, topP: -1, maxTokens: 99_999 }, { maxOutputTokens: 4096 }), { temperature: 1, topP: 0, maxTokens: 4096 });
    assert.deepEqual(clampParams({ maxTokens: 500 }, undefined), { maxTokens: 500 });
    assert.equal(clampParams({}, undefined), undefined);
  });

  it('replays signed and redacted reasoning but never unsigned reasoning', () => {
    const conv: PersistedConversation = {
      ...newConversation('c', 1),
      system: 'sys',
      turns: [
        { role: 'user', text: 'q1' },
        {
          role: 'assistant',
          text: 'a1',
          reasoning: [{ text: 'signed thought', signature: 'SIG' }, { text: '', redactedBase64: Buffer.from([1, 2, 3]).toString('base64') }, { text: 'unsigned thought' }],
        },
        { role: 'user', text: 'q2' },
      ],
    };
    const req = toChatRequest(conv, 'm1', { maxTokens: 10 });
    assert.equal(req.system, 'sys');
    assert.equal(req.maxTokens, 10);
    assert.equal(req.messages.length, 3);
    const parts = req.messages[1].content;
    assert.deepEqual(parts[0], { type: 'reasoning', text: 'signed thought', signature: 'SIG' });
    assert.equal(parts[1].type, 'reasoning');
    assert.deepEqual(parts[1].type === 'reasoning' && [...(parts[1].redacted ?? [])], [1, 2, 3]);
    assert.deepEqual(parts[2], { type: 'text', text: 'a1' });
    assert.equal(parts.length, 3, 'unsigned reasoning is not replayed');
  });

  it('drops empty assistant turns (cancelled before the first token) and merges the user turns around them', () => {
    const conv: PersistedConversation = {
      ...newConversation('c', 1),
      turns: [
        { role: 'user', text: 'q1' },
        { role: 'assistant', text: '', error: { kind: 'cancelled', message: 'Stopped', action: { id: 'none', label: 'OK' } } },
        { role: 'user', text: 'q2' },
      ],
    };
    const req = toChatRequest(conv, 'm1');
    assert.equal(req.messages.length, 1);
    assert.deepEqual(req.messages[0].content, [{ type: 'text', text: 'q1' }, { type: 'text', text: 'q2' }]);
  });

  it('keeps a partial reply of a failed turn in the request', () => {
    const conv: PersistedConversation = {
      ...newConversation('c', 1),
      turns: [
        { role: 'user', text: 'q1' },
        { role: 'assistant', text: 'partial', error: { kind: 'network', message: 'x', action: { id: 'retry', label: 'Retry' } } },
        { role: 'user', text: 'go on' },
      ],
    };
    assert.deepEqual(toChatRequest(conv, 'm1').messages.map((m) => m.role), ['user', 'assistant', 'user']);
  });
});
