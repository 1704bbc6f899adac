import * as assert from 'node:assert/strict';
import { MemoryStore } from '../../../../src/core/keyValueStore';
import { HISTORY_INDEX_KEY, HistoryStore, MAX_CONVERSATIONS, readConversation } from '../../../../src/core/chat/historyStore';
import { newConversation } from '../../../../src/core/chat/conversationModel';

describe('chat: history store', () => {
  it('saves, lists most recent first, reads back and deletes', async () => {
    const store = new HistoryStore(new MemoryStore());
    await store.save({ ...newConversation('a', 1), title: 'A', updatedAt: 10, turns: [{ role: 'user', text: 'x' }] });
    await store.save({ ...newConversation('b', 1), title: 'B', updatedAt: 20 });
    assert.deepEqual(store.list().map((s) => [s.id, s.turnCount]), [['b', 0], ['a', 1]]);
    assert.equal(store.get('a')?.turns[0].text, 'x');
    await store.delete('a');
    assert.equal(store.get('a'), undefined);
    assert.deepEqual(store.list().map((s) => s.id), ['b']);
  });

  it('drops records of an unknown version or shape instead of trusting them, and turns it cannot read', () => {
    assert.equal(readConversation({ ...newConversation('a', 1), v: 2 }), undefined);
    assert.deepEqual(readConversation({ ...newConversation('a', 1), turns: [{ role: 'system', text: 'x' }] })?.turns, []);
    assert.equal(readConversation('nope'), undefined);
    const kv = new MemoryStore();
    kv.update(HISTORY_INDEX_KEY, { v: 99, items: [{ id: 'x' }] });
    assert.deepEqual(new HistoryStore(kv).list(), []);
  });

  it('keeps at most MAX_CONVERSATIONS, deleting the oldest', async () => {
    const kv = new MemoryStore();
    const store = new HistoryStore(kv);
    for (let i = 0; i <= MAX_CONVERSATIONS; i++) await store.save({ ...newConversation(`c${i}`, i), updatedAt: i });
    assert.equal(store.list().length, MAX_CONVERSATIONS);
    assert.equal(store.get('c0'), undefined);
    assert.ok(store.get(`c${MAX_CONVERSATIONS}`));
  });
});
