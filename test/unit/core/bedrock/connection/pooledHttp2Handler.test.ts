import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { HttpRequest } from '@smithy/types';
import { isUnprocessedFailure, PooledHttp2Handler, type Http2Handler } from '../../../../../src/core/bedrock/connection/pooledHttp2Handler';

// The SDK handler is replaced by a scripted one here: what matters is what the wrapper asks of it.
// The real handler against the emulator is covered in test/integration/router/connectionReuse.test.ts.
function scripted(outcomes: Array<Error | 'ok'>) {
  const calls: Array<{ isEventStream?: boolean }> = [];
  let destroyed = 0;
  const bodies: PassThrough[] = [];
  const inner: Http2Handler = {
    handle: async (_req, options) => {
      calls.push({ isEventStream: options?.isEventStream });
      const next = outcomes.shift() ?? 'ok';
      if (next !== 'ok') throw next;
      const body = new PassThrough();
      bodies.push(body);
      return { response: { statusCode: 200, headers: {}, body } as never };
    },
    destroy: () => void destroyed++,
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
  };
  return { inner, calls, bodies, destroyed: () => destroyed };
}

function manualTimers() {
  const pending = new Map<number, () => void>();
  let id = 0;
  return {
    set: (fn: () => void) => (pending.set(++id, fn), id),
    clear: (h: unknown) => void pending.delete(h as number),
    fireAll: () => [...pending.values()].forEach((fn) => fn()),
    get count() {
      return pending.size;
    },
  };
}

const request = (path = '/model/m/converse-stream', body: unknown = '{}') => ({ protocol: 'https:', hostname: 'h', method: 'POST', path, headers: {}, query: {}, body }) as unknown as HttpRequest;
const goawayError = () => Object.assign(new Error('The session has been destroyed'), { code: 'ERR_HTTP2_GOAWAY_SESSION' });
const refused = () => Object.assign(new Error('Stream closed with error code NGHTTP2_REFUSED_STREAM'), { code: 'ERR_HTTP2_STREAM_ERROR' });

describe('PooledHttp2Handler', () => {
  it('lets a response-only event stream share the session and keeps a bidirectional one apart', async () => {
    const s = scripted([]);
    const h = new PooledHttp2Handler(s.inner, { maxConcurrentStreams: 10, idleMs: 1000, timers: manualTimers() });
    await h.handle(request('/model/m/converse-stream'), { isEventStream: true } as never);
    await h.handle(request('/model/m/invoke-with-bidirectional-stream', new PassThrough()), { isEventStream: true } as never);
    assert.deepEqual(s.calls.map((c) => c.isEventStream), [false, true]);
  });

  for (const [name, err] of [
    ['a session already going away', goawayError()],
    ['a stream the server refused unprocessed', refused()],
  ] as const) {
    it(`sends a request again once after ${name}`, async () => {
      const s = scripted([err]);
      const h = new PooledHttp2Handler(s.inner, { maxConcurrentStreams: 10, idleMs: 1000, timers: manualTimers() });
      const { response } = await h.handle(request());
      assert.equal(response.statusCode, 200);
      assert.equal(s.calls.length, 2);
      assert.equal(h.replayed, 1);
    });
  }

  it('replays at most once', async () => {
    const s = scripted([goawayError(), goawayError()]);
    const h = new PooledHttp2Handler(s.inner, { maxConcurrentStreams: 10, idleMs: 1000, timers: manualTimers() });
    await assert.rejects(h.handle(request()), /destroyed/);
    assert.equal(s.calls.length, 2);
  });

  for (const [name, err, req] of [
    ['a reset after the request may have reached the model', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), request()],
    ['an unanswered stream on a dead session', Object.assign(new Error('Unexpected error: http2 request did not get a response'), { name: 'TimeoutError' }), request()],
    ['a request whose body was a stream', goawayError(), request('/model/m/invoke', new PassThrough())],
  ] as const) {
    it(`never sends again after ${name}`, async () => {
      const s = scripted([err]);
      const h = new PooledHttp2Handler(s.inner, { maxConcurrentStreams: 10, idleMs: 1000, timers: manualTimers() });
      await assert.rejects(h.handle(req));
      assert.equal(s.calls.length, 1);
    });
  }

  it('does not replay a cancelled request', async () => {
    const s = scripted([goawayError()]);
    const h = new PooledHttp2Handler(s.inner, { maxConcurrentStreams: 10, idleMs: 1000, timers: manualTimers() });
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(h.handle(request(), { abortSignal: ac.signal as never }));
    assert.equal(s.calls.length, 1);
  });

  it('closes the sessions after an idle period, counted from the last response body closing', async () => {
    const s = scripted([]);
    const timers = manualTimers();
    const h = new PooledHttp2Handler(s.inner, { maxConcurrentStreams: 10, idleMs: 1000, timers });
    await h.handle(request());
    await h.handle(request());
    assert.equal(timers.count, 0, 'bodies still open: not idle');
    s.bodies[0].destroy();
    await new Promise((r) => s.bodies[0].once('close', r));
    assert.equal(timers.count, 0, 'one body still open');
    s.bodies[1].destroy();
    await new Promise((r) => s.bodies[1].once('close', r));
    assert.equal(timers.count, 1);
    await h.handle(request());
    assert.equal(timers.count, 0, 'a new request cancels the idle close');
    s.bodies[2].destroy();
    await new Promise((r) => s.bodies[2].once('close', r));
    timers.fireAll();
    assert.equal(s.destroyed(), 1);
  });

  it('classifies only unprocessed failures as safe to send again', () => {
    assert.equal(isUnprocessedFailure(goawayError()), true);
    assert.equal(isUnprocessedFailure(Object.assign(new Error('x'), { code: 'ERR_HTTP2_INVALID_SESSION' })), true);
    assert.equal(isUnprocessedFailure(refused()), true);
    assert.equal(isUnprocessedFailure(Object.assign(new Error('Stream closed with error code NGHTTP2_INTERNAL_ERROR'), { code: 'ERR_HTTP2_STREAM_ERROR' })), false);
    assert.equal(isUnprocessedFailure(undefined), false);
  });
});
