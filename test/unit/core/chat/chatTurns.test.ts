// The host's turn loop without VS Code: every chat/send ends in exactly one terminal message,
// whatever throws while the request is built, and a send that replaces a running reply keeps
// that reply's partial text in history.
import * as assert from 'node:assert/strict';
import type { ChatEvent } from '../../../../src/core/bedrock/adapters/chatEvent';
import type { ChatSendMessage, ChatStreamMessage, PersistedConversation } from '../../../../src/shared/protocol';
import { ChatTurns, pickModelId, type ChatTurnsDeps } from '../../../../src/core/chat/chatTurns';
import { toChatRequest } from '../../../../src/core/chat/conversationModel';
import { ScriptedBackend, route } from './fakeBackend';

/** History kept in a Map and copied on the way in and out, like workspace storage. Returns what was stored, unchecked. */
function memoryHistory(initial: unknown[] = []) {
  const map = new Map<string, unknown>(initial.map((c) => [(c as { id: string }).id, structuredClone(c)]));
  return {
    map,
    get: (id: string) => structuredClone(map.get(id)) as PersistedConversation | undefined,
    save: async (c: PersistedConversation) => void map.set(c.id, structuredClone(c)),
  };
}

async function* reply(text: string): AsyncIterable<ChatEvent> {
  yield route();
  yield { type: 'text', text };
  yield { type: 'stop', reason: 'end_turn' };
}

/** Streams `first`, then waits for the abort and stops quietly (as a backend may). */
async function* streamUntilAborted(signal: AbortSignal, first: string): AsyncIterable<ChatEvent> {
  yield route();
  yield { type: 'text', text: first };
  await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
}

function harness(deps: Partial<ChatTurnsDeps> & Pick<ChatTurnsDeps, 'backend'>, history = memoryHistory()) {
  const posted: ChatStreamMessage[] = [];
  const waiters: Array<{ test: (m: ChatStreamMessage) => boolean; resolve: () => void }> = [];
  const turns = new ChatTurns({
    history,
    post: (m) => {
      posted.push(m);
      for (const w of waiters.filter((x) => x.test(m))) w.resolve();
    },
    now: () => 1000,
    clock: () => 0,
    ...deps,
  });
  return {
    turns,
    history,
    posted,
    stream: (requestId: string) => posted.filter((m) => m.requestId === requestId),
    terminals: (requestId: string) => posted.filter((m) => m.requestId === requestId && (m.method === 'chat/end' || m.method === 'chat/error')),
    /** Resolves when a matching message is posted (no timers: the post itself wakes the test). */
    posting: (test: (m: ChatStreamMessage) => boolean) => new Promise<void>((resolve) => waiters.push({ test, resolve })),
  };
}

const send = (requestId: string, text: string, extra: Partial<ChatSendMessage> = {}): ChatSendMessage => ({ method: 'chat/send', requestId, conversationId: 'c1', text, ...extra });

const CORRUPT_CONVERSATION = {
  v: 1,
  id: 'c1',
  title: 'old',
  createdAt: 1,
  updatedAt: 2,
  system: 42,
  turns: [
    { role: 'user', text: 'first question' },
    { role: 'assistant', text: 'first answer', reasoning: [null, 7, { text: 'kept', signature: 'SIG' }] },
    { role: 'system', text: 'not a turn the chat makes' },
    { role: 'user', text: 99 },
    null,
    { role: 'assistant', text: 'second answer', reasoning: 'not a list' },
  ],
};

describe('chat: turns (one terminal message per send)', () => {
  it('a follow-up to a conversation with corrupt stored turns is built from the good turns and answered', async () => {
    const backend = new ScriptedBackend(() => reply('fine'));
    const h = harness({ backend }, memoryHistory([CORRUPT_CONVERSATION]));
    const conv = await h.turns.send(send('r1', 'follow-up'), 'm1');
    assert.deepEqual(h.terminals('r1').map((m) => m.method), ['chat/end']);
    const req = backend.requests[0].request;
    assert.equal(req.system, undefined, 'a numeric system prompt is not sent');
    assert.deepEqual(
      req.messages.map((m) => [m.role, m.content.map((p) => (p.type === 'text' ? p.text : `${p.type}:${'signature' in p ? p.signature : ''}`))]),
      [
        ['user', ['first question']],
        ['assistant', ['reasoning:SIG', 'first answer', 'second answer']],
        ['user', ['follow-up']],
      ],
    );
    assert.equal(conv?.turns.at(-1)?.text, 'fine');
    const saved = h.history.get('c1')!;
    assert.equal(saved.system, undefined, 'the corrupt system prompt is not written back');
    assert.deepEqual(saved.turns.map((t) => t.text), ['first question', 'first answer', 'second answer', 'follow-up', 'fine'], 'every good turn kept');
    assert.deepEqual(saved.turns[1].reasoning, [{ text: 'kept', signature: 'SIG' }]);
  });

  it('toChatRequest itself never throws on corrupt turns or a non-string system prompt', () => {
    const corrupt = structuredClone(CORRUPT_CONVERSATION) as unknown as PersistedConversation;
    assert.doesNotThrow(() => toChatRequest(corrupt, 'm1'));
  });

  it('unreadable history: a lone chat/error at seq 0 that says why, and nothing is streamed', async () => {
    const backend = new ScriptedBackend(() => reply('never'));
    const history = { get: () => { throw new Error('the record is not a conversation'); }, save: async () => {} };
    const h = harness({ backend, history });
    const conv = await h.turns.send(send('r1', 'q'), 'm1');
    assert.equal(conv, undefined);
    assert.equal(h.posted.length, 1);
    const [err] = h.posted;
    assert.ok(err.method === 'chat/error');
    assert.equal(err.seq, 0);
    assert.match(err.error.message, /could not be sent: the record is not a conversation/);
    assert.equal(backend.requests.length, 0);
  });

  it('a stored conversation whose turns are not a list is answered, and saved back clean', async () => {
    const h = harness({ backend: new ScriptedBackend(() => reply('x')) }, memoryHistory([{ ...CORRUPT_CONVERSATION, turns: 'garbage' }]));
    await h.turns.send(send('r1', 'q'), 'm1');
    assert.deepEqual(h.terminals('r1').map((m) => m.method), ['chat/end']);
    assert.deepEqual(h.history.get('c1')!.turns.map((t) => [t.role, t.text]), [['user', 'q'], ['assistant', 'x']]);
  });

  it('a failing save of the user turn ends the request with chat/error', async () => {
    const history = { get: () => undefined, save: async () => { throw new Error('storage is full'); } };
    const h = harness({ backend: new ScriptedBackend(() => reply('x')) }, history as never);
    await h.turns.send(send('r1', 'q'), 'm1');
    assert.deepEqual(h.posted.map((m) => [m.method, m.seq]), [['chat/error', 0]]);
  });

  it('a failing save after the reply ended adds no second terminal message', async () => {
    let saves = 0;
    const history = { get: () => undefined, save: async () => { if (++saves > 1) throw new Error('storage is full'); } };
    const errors: string[] = [];
    const h = harness({ backend: new ScriptedBackend(() => reply('x')), log: { info: () => {}, error: (m) => errors.push(m) } }, history as never);
    await h.turns.send(send('r1', 'q'), 'm1');
    assert.deepEqual(h.terminals('r1').map((m) => m.method), ['chat/end']);
    assert.match(errors.join('\n'), /storage is full/);
  });

  it('no model: a lone chat/error at seq 0 that says what to do', async () => {
    const h = harness({ backend: new ScriptedBackend(() => reply('x')) });
    await h.turns.send(send('r1', 'q'), undefined);
    assert.equal(h.posted.length, 1);
    const [err] = h.posted;
    assert.ok(err.method === 'chat/error' && err.seq === 0);
    assert.match(err.error.message, /bedrock\.chat\.defaultModel/);
    assert.equal(err.error.action.id, 'openSettings');
  });

  it('skips empty and whitespace model ids when choosing the model', () => {
    assert.equal(pickModelId('', '   ', undefined, '\t\n', 'm2', 'm3'), 'm2');
    assert.equal(pickModelId(' ', ''), undefined);
  });

  it('a second send while the first streams stops the first and keeps its partial reply in history', async () => {
    const backend: ScriptedBackend = new ScriptedBackend((signal): AsyncIterable<ChatEvent> => (backend.requests.length === 1 ? streamUntilAborted(signal, 'partial answer') : reply('second answer')));
    const h = harness({ backend });
    const first = h.turns.send(send('r1', 'first question'), 'm1');
    await h.posting((m) => m.requestId === 'r1' && m.method === 'chat/delta');
    const second = h.turns.send(send('r2', 'second question'), 'm1');
    await Promise.all([first, second]);

    assert.deepEqual(h.terminals('r1').map((m) => m.method), ['chat/error']);
    assert.deepEqual(h.terminals('r2').map((m) => m.method), ['chat/end']);
    const saved = h.history.get('c1')!;
    assert.deepEqual(
      saved.turns.map((t) => [t.role, t.text, t.error?.kind]),
      [
        ['user', 'first question', undefined],
        ['assistant', 'partial answer', 'cancelled'],
        ['user', 'second question', undefined],
        ['assistant', 'second answer', undefined],
      ],
    );
    const replayed = backend.requests[1].request.messages.map((m) => m.role);
    assert.deepEqual(replayed, ['user', 'assistant', 'user'], 'the second request carries the first partial reply');
  });

  it('three quick sends: each gets exactly one terminal message and every user turn is kept', async () => {
    const backend: ScriptedBackend = new ScriptedBackend((signal): AsyncIterable<ChatEvent> => (backend.requests.length === 1 ? streamUntilAborted(signal, 'one') : reply('three')));
    const h = harness({ backend });
    const a = h.turns.send(send('a', 'A'), 'm1');
    await h.posting((m) => m.requestId === 'a' && m.method === 'chat/delta');
    const b = h.turns.send(send('b', 'B'), 'm1');
    const c = h.turns.send(send('c', 'C'), 'm1');
    await Promise.all([a, b, c]);
    for (const id of ['a', 'b', 'c']) assert.equal(h.terminals(id).length, 1, `one terminal for ${id}`);
    assert.equal(h.terminals('b')[0].method, 'chat/error', 'b was replaced before it started');
    assert.equal(backend.requests.length, 2, 'b never reached the backend');
    assert.deepEqual(h.history.get('c1')!.turns.map((t) => t.text), ['A', 'one', 'B', '', 'C', 'three']);
  });

  it('cancel stops only the named request', async () => {
    const backend = new ScriptedBackend((signal) => streamUntilAborted(signal, 'x'));
    const h = harness({ backend });
    const a = h.turns.send(send('a', 'A'), 'm1');
    await h.posting((m) => m.requestId === 'a' && m.method === 'chat/delta');
    h.turns.cancel('other', new Error('no'));
    assert.equal(h.terminals('a').length, 0);
    h.turns.cancel('a', new Error('Stopped by the user'));
    await a;
    const [end] = h.terminals('a');
    assert.ok(end.method === 'chat/error' && end.error.kind === 'cancelled');
  });
});
