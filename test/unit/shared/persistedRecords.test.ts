// Stored conversations read field by field: bad entries dropped, good ones kept, never a throw.
import * as assert from 'node:assert/strict';
import { readStoredConversation } from '../../../src/shared/persistedRecords';

const base = { v: 1, id: 'c1', title: 'T', createdAt: 1, updatedAt: 2 };
const good = [
  { role: 'user', text: 'question' },
  { role: 'assistant', text: 'answer', stats: { modelId: 'm1', api: 'converse-stream', outputTokens: 5 }, stopReason: 'end_turn' },
];

describe('persisted readers: stored conversation', () => {
  it('keeps a well-formed conversation as it is', () => {
    const conv = { ...base, modelId: 'm1', system: 's', params: { temperature: 0.5, maxTokens: 10 }, api: 'converse', turns: good };
    assert.deepEqual(readStoredConversation(structuredClone(conv)), conv);
  });

  it('refuses what is not a version-1 conversation with an id', () => {
    for (const raw of [undefined, null, 5, 'x', [], { ...base, v: 2 }, { ...base, id: '' }, { ...base, id: 7 }]) {
      assert.equal(readStoredConversation(raw), undefined, JSON.stringify(raw));
    }
  });

  const corruptTurns: Array<[string, unknown]> = [
    ['null', null],
    ['a number', 5],
    ['an unknown role', { role: 'system', text: 'x' }],
    ['no role', { text: 'x' }],
    ['numeric text', { role: 'user', text: 42 }],
    ['missing text', { role: 'assistant' }],
  ];
  for (const [name, bad] of corruptTurns) {
    it(`drops a turn that is ${name} and keeps the others`, () => {
      const conv = readStoredConversation({ ...base, turns: [good[0], bad, good[1]] });
      assert.deepEqual(conv?.turns.map((t) => t.text), ['question', 'answer']);
    });
  }

  it('drops unreadable parts of a good assistant turn and keeps the turn', () => {
    const conv = readStoredConversation({
      ...base,
      turns: [
        {
          role: 'assistant',
          text: 'answer',
          reasoning: [null, 7, 'x', { text: 5 }, { text: 'ok', signature: 3 }, { text: '', redactedBase64: 'AAE=' }],
          stats: { modelId: 'm1', api: 'ftp', inputTokens: 3 },
          stopReason: { evil: true },
        },
        { role: 'assistant', text: 'b', reasoning: 'not a list', stats: { modelId: 'm1', api: 'converse', inputTokens: 'many', totalLatencyMs: NaN, outputTokens: 2 } },
      ],
    });
    const [a, b] = conv!.turns;
    assert.deepEqual(a, { role: 'assistant', text: 'answer', reasoning: [{ text: 'ok' }, { text: '', redactedBase64: 'AAE=' }] });
    assert.deepEqual(b, { role: 'assistant', text: 'b', stats: { modelId: 'm1', api: 'converse', outputTokens: 2 } });
  });

  it('reads a voice turn with tool steps in either shape: the words before each call kept, or (older versions) none', () => {
    const call = { id: 'use-1', name: 'read_file', kind: 'read', label: 'read_file a.ts', input: '{"path":"a.ts"}', status: 'done', result: '1: export {}', step: 0 };
    const voice = { role: 'assistant', stats: { modelId: 'amazon.nova-2-sonic-v1:0', api: 'bidirectional', totalLatencyMs: 900 }, stopReason: 'end_turn', audio: { sha256: 'b'.repeat(64), seconds: 1.5 } };
    const older = { ...voice, text: 'Let me look. It holds one line.', steps: [{ text: '', tools: [call] }] };
    const current = { ...voice, text: 'It holds one line.', steps: [{ text: 'Let me look.', tools: [call] }, { text: 'And the other.', tools: [{ ...call, id: 'use-2' }] }] };
    for (const reply of [older, current]) {
      const conv = { ...base, modelId: 'amazon.nova-2-sonic-v1:0', agent: true, turns: [{ role: 'user', text: 'What is in a.ts?', audio: { sha256: 'a'.repeat(64), seconds: 2 } }, reply] };
      assert.deepEqual(readStoredConversation(structuredClone(conv)), conv, 'nothing dropped');
    }
    // Still checked on read: a step whose words are not text is dropped, its neighbour and the turn kept.
    const bad = readStoredConversation({ ...base, turns: [{ ...current, steps: [{ text: 7, tools: [call] }, current.steps[1]] }] });
    assert.deepEqual(bad?.turns[0], { ...current, steps: [current.steps[1]] });
  });

  it('keeps a failed turn failed when its stored error is unreadable', () => {
    for (const error of [{}, 'boom', 5, [], { message: 7, kind: 'nope', action: { id: 'rm', label: 1 } }]) {
      const turn = readStoredConversation({ ...base, turns: [{ role: 'assistant', text: 'partial', error }] })!.turns[0];
      assert.equal(turn.text, 'partial');
      assert.equal(turn.error?.kind, 'serviceError');
      assert.match(turn.error?.message ?? '', /failed/);
      assert.deepEqual(turn.error?.action, { id: 'none', label: 'OK' });
    }
    const kept = readStoredConversation({ ...base, turns: [{ role: 'assistant', text: '', error: { kind: 'throttled', message: 'Slow', action: { id: 'retry', label: 'Retry' }, detail: 'd' } }] });
    assert.deepEqual(kept!.turns[0].error, { kind: 'throttled', message: 'Slow', action: { id: 'retry', label: 'Retry' }, detail: 'd' });
  });

  it('drops bad optional conversation fields and keeps the rest', () => {
    const conv = readStoredConversation({ ...base, system: 42, modelId: '  ', params: { temperature: 'hot', maxTokens: 1.5, topP: 0.5 }, api: 'ftp', turns: [] });
    assert.deepEqual(conv, { ...base, params: { topP: 0.5 }, turns: [] });
  });

  // The history store's rule, which every reader now shares: without these nothing says what the conversation is.
  it('refuses a conversation whose title, times or turn list is unreadable', () => {
    for (const bad of [{ title: 3 }, { createdAt: 'x' }, { updatedAt: -1 }, { turns: 'garbage' }]) {
      assert.equal(readStoredConversation({ ...base, turns: [], ...bad }), undefined, JSON.stringify(bad));
    }
  });

  it('never throws on a hostile object', () => {
    const hostile = new Proxy({ v: 1, id: 'c' }, { get: (t, k) => (k === 'turns' ? (() => { throw new Error('boom'); })() : Reflect.get(t, k)) });
    assert.equal(readStoredConversation(hostile), undefined);
  });
});
