import assert from 'node:assert/strict';
import type { ChatAdapter } from '../../../../../src/core/bedrock/adapters/chatAdapter';
import type { ChatEvent } from '../../../../../src/core/bedrock/adapters/chatEvent';
import type { BedrockConnection } from '../../../../../src/core/bedrock/connection/connection';
import { RetryPolicy, retryAfterMs, retryKindOf, withRetryListener, type RetryNotice } from '../../../../../src/core/bedrock/routing/retryPolicy';
import { RouteRun } from '../../../../../src/core/bedrock/routing/routeRun';

describe('retry policy', () => {
  it('exponential backoff with full jitter: random × base × 2^(retry-1), capped at 20 s', () => {
    const top = new RetryPolicy({ random: () => 0.999999 });
    assert.deepEqual([1, 2, 3].map((n) => top.delayMs(n, 'transient')), [99, 199, 399]);
    assert.deepEqual([1, 2].map((n) => top.delayMs(n, 'throttling')), [499, 999]);
    assert.equal(top.delayMs(20, 'throttling'), 19_999);
    assert.equal(new RetryPolicy({ random: () => 0 }).delayMs(3, 'throttling'), 0);
  });

  it('Retry-After is a floor (capped at 20 s) over the jittered backoff', () => {
    const p = new RetryPolicy({ random: () => 0.5 });
    assert.equal(p.delayMs(1, 'throttling', 2000), 2000);
    assert.equal(p.delayMs(1, 'throttling', 10), 250);
    assert.equal(p.delayMs(1, 'transient', 3_600_000), 20_000);
  });

  it('3 attempts by default: retries after attempts 1 and 2 only, and only retryable failures', () => {
    const p = new RetryPolicy({ random: () => 0 });
    assert.equal(p.next(1, 'throttling', 'x'), 0);
    assert.equal(p.next(2, 'transient', 'x'), 0);
    assert.equal(p.next(3, 'transient', 'x'), undefined);
    assert.equal(p.next(1, undefined, 'x'), undefined);
    assert.equal(new RetryPolicy({ maxAttempts: 1 }).next(1, 'throttling', 'x'), undefined);
  });

  it('classifies statuses and network failures the way the SDK does', () => {
    assert.equal(retryKindOf({ status: 429 }), 'throttling');
    assert.equal(retryKindOf({ status: 400, name: 'ThrottlingException' }), 'throttling');
    for (const status of [500, 502, 503, 504]) assert.equal(retryKindOf({ status }), 'transient');
    for (const status of [400, 403, 404, 501]) assert.equal(retryKindOf({ status }), undefined);
    assert.equal(retryKindOf({ code: 'ECONNRESET' }), 'transient');
    assert.equal(retryKindOf({ name: 'AbortError' }), undefined);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    assert.equal(retryAfterMs('2'), 2000);
    assert.equal(retryAfterMs('0.05'), 50);
    assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 4_000), 6_000);
    assert.equal(retryAfterMs('soon'), undefined);
    assert.equal(retryAfterMs(undefined), undefined);
  });

  it('the SDK strategy reports each retry to the listener of the call, and refuses past the last attempt', async () => {
    const seen: RetryNotice[] = [];
    const s = new RetryPolicy({ random: () => 0 }).sdkStrategy();
    await withRetryListener(
      (n) => seen.push(n),
      async () => {
        const t0 = await s.acquireInitialRetryToken('');
        const t1 = await s.refreshRetryTokenForRetry(t0, { errorType: 'THROTTLING', error: Object.assign(new Error('x'), { name: 'ThrottlingException' }) as never });
        const t2 = await s.refreshRetryTokenForRetry(t1, { errorType: 'TRANSIENT', retryAfterHint: new Date(Date.now() + 60_000) });
        assert.equal(t2.getRetryCount(), 2);
        assert.ok(t2.getRetryDelay() > 10_000);
        await assert.rejects(s.refreshRetryTokenForRetry(t2, { errorType: 'THROTTLING' }));
        await assert.rejects(s.refreshRetryTokenForRetry(t0, { errorType: 'CLIENT_ERROR' }));
      },
    );
    assert.deepEqual(seen.map((n) => [n.attempt, n.maxAttempts, n.reason]), [
      [2, 3, 'ThrottlingException'],
      [3, 3, 'TRANSIENT'],
    ]);
  });

  it('a route run hands retry events to the consumer while the attempt is still starting', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const adapter: ChatAdapter = {
      apis: ['converse'],
      async start() {
        new RetryPolicy({ random: () => 0 }).next(1, 'throttling', 'ThrottlingException');
        await held;
        return { events: [1], map: (_raw, out) => out.push({ type: 'text', text: 'ok' }, { type: 'stop', reason: 'end_turn' }) };
      },
    };
    const step = { api: 'converse' as const, endpoint: 'runtime' as const, target: 'm', reason: 'test', adjustments: {} };
    const plan = { request: { modelId: 'm', task: 'chat' as const, features: {} }, baseModelId: 'm', steps: [step], notes: [] };
    // A connection is only read for its auth kind when an error is classified.
    const connection = { info: { auth: 'sigv4' } } as unknown as BedrockConnection;
    const run = new RouteRun(plan, { modelId: 'm', messages: [] }, undefined, { adapters: { converse: adapter }, connection, idleSeconds: 5, maxTokens: undefined, fallback: () => undefined });
    const first = (await run.next()).value as ChatEvent;
    const second = (await run.next()).value as ChatEvent;
    assert.equal(first.type, 'route');
    assert.deepEqual(second, { type: 'retry', attempt: 2, maxAttempts: 3, reason: 'ThrottlingException', delayMs: 0 });
    release();
    const rest: ChatEvent[] = [];
    for (let r = await run.next(); !r.done; r = await run.next()) rest.push(r.value);
    assert.deepEqual(rest.map((e) => e.type), ['text', 'stop']);
  });

  it('a backoff longer than the idle timeout is not a timeout', async () => {
    const adapter: ChatAdapter = {
      apis: ['converse'],
      async start(_req, _step, ctx) {
        // A long Retry-After; the wait below outlasts several idle periods of 40 ms.
        new RetryPolicy({ random: () => 0 }).next(1, 'throttling', 'ThrottlingException', 5_000);
        await new Promise((r) => setTimeout(r, 300));
        if (ctx.signal.aborted) throw ctx.signal.reason;
        return { events: [1], map: (_raw, out) => out.push({ type: 'text', text: 'ok' }, { type: 'stop', reason: 'end_turn' }) };
      },
    };
    const step = { api: 'converse' as const, endpoint: 'runtime' as const, target: 'm', reason: 'test', adjustments: {} };
    const plan = { request: { modelId: 'm', task: 'chat' as const, features: {} }, baseModelId: 'm', steps: [step], notes: [] };
    const connection = { info: { auth: 'sigv4' } } as unknown as BedrockConnection;
    const run = new RouteRun(plan, { modelId: 'm', messages: [] }, undefined, { adapters: { converse: adapter }, connection, idleSeconds: 0.04, maxTokens: undefined, fallback: () => undefined });
    const events: ChatEvent[] = [];
    for (let r = await run.next(); !r.done; r = await run.next()) events.push(r.value);
    assert.deepEqual(events.map((e) => e.type), ['route', 'retry', 'text', 'stop']);
  });
});
