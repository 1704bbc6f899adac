// Corrupt chat history: the list keeps every readable conversation (rebuilt from the records when
// the index is unreadable), a conversation keeps every readable turn and setting, a follow-up turn
// can always be built, the next save forgets nothing good, and each problem is said once.
import assert from 'node:assert/strict';
import { MemoryStore } from '../../../../src/core/keyValueStore';
import { CONVERSATION_KEY_PREFIX, HISTORY_INDEX_KEY } from '../../../../src/core/storageKeys';
import { beginTurn, toChatRequest } from '../../../../src/core/chat/conversationModel';
import { HistoryStore } from '../../../../src/core/chat/historyStore';
import type { PersistedConversation } from '../../../../src/shared/protocol';

const A: PersistedConversation = {
  v: 1,
  id: 'conv-a',
  title: 'First',
  createdAt: 1,
  updatedAt: 10,
  modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
  system: 'Be brief.',
  params: { temperature: 0.5, topP: 0.9 },
  turns: [
    { role: 'user', text: 'hello' },
    { role: 'assistant', text: 'hi', reasoning: [{ text: 'think', signature: 'sig' }], stopReason: 'end_turn', stats: { modelId: 'm', api: 'converse-stream', outputTokens: 3 } },
  ],
};
const B: PersistedConversation = {
  v: 1,
  id: 'conv-b',
  title: 'Second',
  createdAt: 2,
  updatedAt: 20,
  turns: [
    { role: 'user', text: 'q' },
    { role: 'assistant', text: 'partial', error: { kind: 'throttled', message: 'Slow down', action: { id: 'retry', label: 'Retry' } } },
  ],
};
const summary = (c: PersistedConversation) => ({ id: c.id, title: c.title, updatedAt: c.updatedAt, turnCount: c.turns.length });
const GOOD_INDEX = { v: 1, items: [summary(B), summary(A)] };
const bWith = (patch: Record<string, unknown>) => ({ ...B, ...patch });
const bTurn = (turn: unknown) => bWith({ turns: [B.turns[0], turn] });

interface Case {
  name: string;
  index?: unknown;
  /** Replaces B's stored record. */
  recordB?: unknown;
  /** B as it must read back; undefined = B is unreadable (and stays in storage untouched). */
  expectB?: PersistedConversation;
}

const CASES: Case[] = [
  { name: 'index is null', index: null, expectB: B },
  { name: 'index is "garbage"', index: 'garbage', expectB: B },
  { name: 'index items: null', index: { v: 1, items: null }, expectB: B },
  { name: 'index items: [null, …]', index: { v: 1, items: [null, summary(A)] }, expectB: B },
  { name: 'index of a future version', index: { v: 2, items: [summary(A), summary(B)] }, expectB: B },
  { name: 'an index entry whose title is 5', index: { v: 1, items: [{ ...summary(B), title: 5 }, summary(A)] }, expectB: B },
  { name: 'an index entry with a 5,000-character title', index: { v: 1, items: [{ ...summary(B), title: 't'.repeat(5000) }, summary(A)] }, expectB: B },
  { name: 'an index entry with __proto__', index: JSON.parse(`{"v":1,"items":[{"__proto__":{"x":1},"id":"conv-b"},${JSON.stringify(summary(A))}]}`), expectB: B },
  { name: 'system: 42', recordB: bWith({ system: 42 }), expectB: B },
  { name: 'reasoning: [null]', recordB: bTurn({ ...B.turns[1], reasoning: [null] }), expectB: { ...B, turns: [B.turns[0], { ...B.turns[1], reasoning: [] }] } },
  { name: 'reasoning: "x"', recordB: bTurn({ ...B.turns[1], reasoning: 'x' }), expectB: B },
  {
    name: 'error: {}',
    recordB: bTurn({ ...B.turns[1], error: {} }),
    // The turn stays failed: an unreadable error becomes a generic failure, not a reply that seems to have succeeded.
    expectB: { ...B, turns: [B.turns[0], { role: 'assistant', text: 'partial', error: { kind: 'serviceError', message: 'This reply failed; the stored details could not be read.', action: { id: 'none', label: 'OK' } } }] },
  },
  { name: 'stats with a numeric model id', recordB: bTurn({ ...B.turns[1], stats: { modelId: 5, api: 'converse' } }), expectB: B },
  { name: 'an unknown stop reason', recordB: bTurn({ ...B.turns[1], stopReason: 'exploded' }), expectB: B },
  { name: 'a null turn', recordB: bWith({ turns: [null, ...B.turns] }), expectB: B },
  { name: 'a turn with role system', recordB: bWith({ turns: [{ role: 'system', text: 'x' }, ...B.turns] }), expectB: B },
  { name: 'a turn whose text is a number', recordB: bWith({ turns: [...B.turns, { role: 'user', text: 42 }] }), expectB: B },
  { name: 'a turn of 9 million characters', recordB: bWith({ turns: [...B.turns, { role: 'user', text: 'x'.repeat(9_000_000) }] }), expectB: B },
  { name: 'params: { temperature: "hot" }', recordB: bWith({ params: { temperature: 'hot', topP: 0.5 } }), expectB: { ...B, params: { topP: 0.5 } } },
  { name: 'an unknown API override', recordB: bWith({ api: 'teleport' }), expectB: B },
  { name: '__proto__ in a turn', recordB: JSON.parse(JSON.stringify(B).replace('{"role":"user"', '{"__proto__":{"polluted":1},"role":"user"')), expectB: B },
  { name: 'turns: "x"', recordB: bWith({ turns: 'x' }) },
  { name: 'the record is null', recordB: null },
  { name: 'the record is of a future version', recordB: bWith({ v: 2 }) },
  { name: 'the record holds another conversation', recordB: { ...A } },
];

function seed(c: Case) {
  const kv = new MemoryStore();
  kv.update(CONVERSATION_KEY_PREFIX + A.id, A);
  kv.update(CONVERSATION_KEY_PREFIX + B.id, 'recordB' in c ? c.recordB : B);
  kv.update(HISTORY_INDEX_KEY, 'index' in c ? c.index : GOOD_INDEX);
  const warnings: string[] = [];
  return { kv, warnings, store: new HistoryStore(kv, (m) => warnings.push(m)) };
}

describe('stored state: chat history', () => {
  for (const c of CASES) {
    it(`${c.name}: lists and keeps every good conversation, follow-ups work, warns once`, async () => {
      const { kv, warnings, store } = seed(c);
      const storedB = kv.get(CONVERSATION_KEY_PREFIX + B.id);
      for (let read = 0; read < 2; read++) {
        assert.ok(store.list().some((s) => s.id === A.id), 'A is listed');
        if (c.expectB) assert.deepEqual(store.list().find((s) => s.id === B.id), summary(c.expectB));
        assert.deepEqual(store.get(A.id), A);
        assert.deepEqual(store.get(B.id), c.expectB);
      }
      assert.equal(warnings.length, 1, `one warning, got: ${JSON.stringify(warnings)}`);
      // A follow-up turn in each readable conversation builds a request.
      for (const conv of [store.get(A.id), store.get(B.id)]) {
        if (!conv) continue;
        const next = beginTurn(conv, { method: 'chat/send', requestId: 'r', conversationId: conv.id, text: 'more' }, 'm', conv.params, 99);
        assert.equal(toChatRequest(next, 'm').messages.at(-1)?.role, 'user');
      }
      // The next save keeps every good conversation and never deletes an unreadable record.
      await store.save({ v: 1, id: 'conv-c', title: 'Third', createdAt: 30, updatedAt: 30, turns: [] });
      const listed = store.list().map((s) => s.id);
      assert.deepEqual(listed.filter((id) => id !== B.id), ['conv-c', A.id]);
      assert.equal(listed.includes(B.id), c.expectB !== undefined, 'B is listed exactly when it can be opened');
      if (!c.expectB) assert.deepEqual(kv.get(CONVERSATION_KEY_PREFIX + B.id), storedB, 'the unreadable record is left as it was');
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  }

  it('a turn saved with the older expiredCredentials error kind reads back as a credentials error, silently', () => {
    const error = { message: 'Your AWS credentials have expired.', action: { id: 'ssoLogin', label: 'Run `aws sso login`' } };
    const { warnings, store } = seed({ name: 'older kind', recordB: bTurn({ ...B.turns[1], error: { kind: 'expiredCredentials', ...error } }) });
    assert.deepEqual(store.get(B.id)?.turns[1].error, { kind: 'credentials', ...error });
    assert.deepEqual(warnings, []);
  });

  it('a good history says nothing', () => {
    const { warnings, store } = seed({ name: 'good' });
    assert.deepEqual(store.list(), GOOD_INDEX.items);
    assert.deepEqual(store.get(B.id), B);
    assert.deepEqual(warnings, []);
  });
});
