import * as assert from 'node:assert/strict';
import type { ChatEvent } from '../../../../src/core/bedrock/adapters/chatEvent';
import { runTurn } from '../../../../src/core/chat/turnRunner';
import type { ChatStreamMessage } from '../../../../src/shared/protocol';
import { ScriptedBackend, route } from './fakeBackend';

const request = { modelId: 'm1', messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }] };

async function* events(list: ChatEvent[]): AsyncIterable<ChatEvent> {
  for (const e of list) yield e;
}

/** A clock that advances 100 ms per read, so every figure is deterministic. */
function steppingClock(step = 100) {
  let t = 0;
  return () => (t += step);
}

async function run(list: ChatEvent[] | ((s: AbortSignal) => AsyncIterable<ChatEvent>), ac = new AbortController()) {
  const posted: ChatStreamMessage[] = [];
  const backend = new ScriptedBackend(typeof list === 'function' ? list : () => events(list));
  const turn = await runTurn({ backend, request, requestId: 'r1', conversationId: 'c1', signal: ac.signal, post: (m) => posted.push(m), clock: steppingClock() });
  return { posted, turn, backend };
}

const firstStep = { api: 'converse-stream' as const, endpoint: 'runtime' as const, target: 'm1', reason: 'test', adjustments: {} };

describe('chat: turn runner', () => {
  it('turns a full stream into start → deltas → end with seq 0..n and keeps the reply', async () => {
    const { posted, turn } = await run([
      route(),
      { type: 'text', text: 'Hel' },
      { type: 'text', text: 'lo' },
      { type: 'usage', inputTokens: 5, outputTokens: 20 },
      { type: 'stop', reason: 'end_turn' },
    ]);
    assert.deepEqual(posted.map((m) => m.method), ['chat/start', 'chat/delta', 'chat/delta', 'chat/end']);
    assert.deepEqual(posted.map((m) => m.seq), [0, 1, 2, 3]);
    assert.equal(turn.text, 'Hello');
    assert.equal(turn.stopReason, 'end_turn');
    const end = posted[3];
    assert.ok(end.method === 'chat/end');
    assert.equal(end.stats.inputTokens, 5);
    assert.equal(end.stats.outputTokens, 20);
    assert.equal(end.stats.api, 'converse-stream');
    assert.equal(end.stats.timeToFirstTokenMs, 100, 'clock: start 100, first token 200');
    assert.equal(end.stats.tokensPerSecond, undefined, '20 tokens within 100 ms is a burst, not a rate');
  });

  it('posts each tool call as chat/tool (pretty input, status requested) and keeps it on the turn', async () => {
    const { posted, turn } = await run([
      route(),
      { type: 'text', text: 'Checking.' },
      { type: 'toolCall', id: 'tu-1', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'toolCall', id: 'tu-2', name: 'raw', input: 'not json' },
      { type: 'stop', reason: 'tool_use' },
    ]);
    assert.deepEqual(posted.map((m) => m.method), ['chat/start', 'chat/delta', 'chat/tool', 'chat/tool', 'chat/end']);
    const tool = posted[2];
    assert.ok(tool.method === 'chat/tool');
    assert.deepEqual(tool.tool, { id: 'tu-1', name: 'get_weather', input: '{\n  "city": "Paris"\n}', status: 'requested' });
    assert.deepEqual(turn.tools?.map((t) => [t.name, t.input]), [['get_weather', '{\n  "city": "Paris"\n}'], ['raw', 'not json']]);
    assert.equal(turn.stopReason, 'tool_use');
  });

  it('keeps signed and redacted reasoning blocks apart and streams reasoning on its own channel', async () => {
    const { posted, turn } = await run([
      route(),
      { type: 'reasoning', text: 'think ' },
      { type: 'reasoning', text: 'more', signature: 'SIG' },
      { type: 'reasoning', text: '', redacted: new Uint8Array([9, 9]) },
      { type: 'text', text: 'answer' },
      { type: 'stop', reason: 'end_turn' },
    ]);
    assert.deepEqual(turn.reasoning, [{ text: 'think more', signature: 'SIG' }, { text: '', redactedBase64: Buffer.from([9, 9]).toString('base64') }]);
    const channels = posted.filter((m) => m.method === 'chat/delta').map((m) => (m.method === 'chat/delta' ? m.channel : ''));
    assert.deepEqual(channels, ['reasoning', 'reasoning', 'text']);
  });

  it('reports a fallback as chat/route and records the reason on the turn', async () => {
    const { posted, turn } = await run([
      route('m1', 'converse-stream'),
      { type: 'route', step: { api: 'invoke-stream', endpoint: 'runtime', target: 'us.m1', reason: 'x', adjustments: {} }, attempt: 2, fallbackFrom: { step: firstStep, reason: 'not supported' } },
      { type: 'text', text: 'ok' },
      { type: 'stop', reason: 'end_turn' },
    ]);
    const r = posted[1];
    assert.ok(r.method === 'chat/route');
    assert.equal(r.api, 'invoke-stream');
    assert.equal(r.reason, 'not supported');
    assert.equal(turn.stats?.api, 'invoke-stream');
    assert.equal(turn.stats?.modelId, 'us.m1');
    assert.equal(turn.stats?.routeNote, 'not supported');
  });

  it('reports each retry as chat/retry, in sequence, before the reply', async () => {
    const { posted, turn } = await run([
      route(),
      { type: 'retry', attempt: 2, maxAttempts: 3, reason: 'ThrottlingException', delayMs: 120 },
      { type: 'retry', attempt: 3, maxAttempts: 3, reason: 'HTTP 503', delayMs: 300 },
      { type: 'text', text: 'ok' },
      { type: 'stop', reason: 'end_turn' },
    ]);
    assert.deepEqual(posted.map((m) => m.method), ['chat/start', 'chat/retry', 'chat/retry', 'chat/delta', 'chat/end']);
    assert.deepEqual(posted.map((m) => m.seq), [0, 1, 2, 3, 4]);
    const r = posted[2];
    assert.ok(r.method === 'chat/retry');
    assert.deepEqual([r.attempt, r.maxAttempts, r.reason, r.delayMs], [3, 3, 'HTTP 503', 300]);
    assert.equal(turn.text, 'ok');
  });

  it('ends with chat/error and keeps the partial text when the router reports an error', async () => {
    const { posted, turn } = await run([
      route(),
      { type: 'text', text: 'part' },
      { type: 'error', error: { kind: 'throttled', message: 'Slow down', action: { id: 'retry', label: 'Retry' }, detail: 'ThrottlingException' }, partialText: 'partial' },
    ]);
    const last = posted[posted.length - 1];
    assert.ok(last.method === 'chat/error');
    assert.deepEqual(last.error, { kind: 'throttled', message: 'Slow down', action: { id: 'retry', label: 'Retry' }, detail: 'ThrottlingException' });
    assert.equal(turn.text, 'partial');
    assert.equal(turn.error?.kind, 'throttled');
  });

  it('never marks a turn done when the backend stops quietly after an abort', async () => {
    const ac = new AbortController();
    const { posted, turn } = await run(async function* () {
      yield route();
      yield { type: 'text', text: 'a' };
      ac.abort();
    }, ac);
    assert.equal(posted[posted.length - 1].method, 'chat/error');
    assert.equal(turn.error?.kind, 'cancelled');
    assert.equal(turn.text, 'a');
  });

  it('turns a throwing backend into chat/error instead of throwing', async () => {
    const { posted, turn } = await run(async function* () {
      yield route();
      throw new Error('boom');
    });
    assert.deepEqual(posted.map((m) => m.method), ['chat/start', 'chat/error']);
    assert.match(turn.error?.message ?? '', /boom/);
  });

  it('passes the API override to the backend and starts even if the first event is an error', async () => {
    const posted: ChatStreamMessage[] = [];
    const backend = new ScriptedBackend(() => events([{ type: 'error', error: { kind: 'validation', message: 'No route', action: { id: 'none', label: 'OK' } }, partialText: '' }]));
    await runTurn({ backend, request, api: 'converse', requestId: 'r', conversationId: 'c', signal: new AbortController().signal, post: (m) => posted.push(m) });
    assert.deepEqual(backend.requests[0].options, { api: 'converse' });
    // (this script had no route event; see the next test for an override the router ignored)
    assert.deepEqual(posted.map((m) => [m.method, m.seq]), [['chat/start', 0], ['chat/error', 1]]);
  });

  it('notes on the turn when the served API differs from the requested override', async () => {
    const backend = new ScriptedBackend(() => events([route('m1', 'converse-stream'), { type: 'text', text: 'x' }, { type: 'stop', reason: 'end_turn' }]));
    const turn = await runTurn({ backend, request, api: 'invoke-stream', requestId: 'r', conversationId: 'c', signal: new AbortController().signal, post: () => {} });
    assert.equal(turn.stats?.api, 'converse-stream', 'the line shows the API actually used');
    assert.match(turn.stats?.routeNote ?? '', /invoke-stream was requested/);
  });
});
