// The compatible endpoints' transport against the emulator: non-streaming requests, the standard
// retry policy with its `retry` events (the SDK paths report theirs the same way), keep-alive
// connection reuse and the user-agent.
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { ChatEvent } from '../../../src/core/bedrock/adapters/chatEvent';
import { API_PATHS, COMPAT_PATHS, runPath } from './apiPaths';
import { chat, collect, errorOf, textOf, useEmulatorRig } from './routerHarness';

type RetryEvent = Extract<ChatEvent, { type: 'retry' }>;
const retriesOf = (events: ChatEvent[]) => events.filter((e): e is RetryEvent => e.type === 'retry');
const pathNamed = (name: string) => API_PATHS.find((p) => p.name === name)!;

describe('compatible-endpoint transport', () => {
  // Three attempts as in production; no jitter so retries do not wait (Retry-After still counts).
  const t = useEmulatorRig({ seed: 7 }, { maxAttempts: 3, retryRandom: () => 0 });

  for (const path of COMPAT_PATHS) {
    it(`${path.name}: non-streaming sends stream: false and reads the JSON body`, async () => {
      const mark = t.emu.requests.length;
      const events = await collect(runPath(t.rig.connection, path, chat(path.model), { nonStreaming: true }));
      assert.equal(errorOf(events), undefined, JSON.stringify(errorOf(events)));
      assert.ok(textOf(events).length > 0);
      assert.equal(events.filter((e) => e.type === 'stop').length, 1);
      const req = t.emu.requests.slice(mark).find((r) => r.route === path.route)!;
      assert.equal((req.body as { stream?: boolean }).stream, false);
      assert.match(req.headers['content-type'] ?? '', /json/);
    });
  }

  it('the router plans a non-streaming Chat Completions step for a non-streaming request', () => {
    const plan = t.rig.router.plan({ modelId: 'openai.gpt-oss-20b-1:0', task: 'chat', features: { streaming: false } });
    const steps = plan.steps.filter((s) => s.api === 'chat-completions');
    assert.ok(steps.length > 0);
    for (const s of steps) assert.equal(s.adjustments.nonStreaming, true);
  });

  for (const path of COMPAT_PATHS) {
    it(`${path.name}: throttling is retried with retry events, then the turn succeeds`, async () => {
      const mark = t.emu.requests.length;
      t.emu.fault({ kind: 'throttling', route: path.route, count: 2 });
      const events = await collect(runPath(t.rig.connection, path, chat(path.model)));
      assert.equal(errorOf(events), undefined);
      assert.ok(textOf(events).length > 0);
      assert.deepEqual(
        retriesOf(events).map((e) => [e.attempt, e.maxAttempts]),
        [
          [2, 3],
          [3, 3],
        ],
      );
      assert.deepEqual(t.emu.requests.slice(mark).map((r) => r.status), [429, 429, 200]);
      // The retry events come before any content.
      assert.ok(events.findIndex((e) => e.type === 'retry') < events.findIndex((e) => e.type === 'text'));
    });
  }

  it('persistent 5xx: three attempts, then one classified error', async () => {
    const path = pathNamed('Chat Completions mantle');
    const mark = t.emu.requests.length;
    t.emu.fault({ kind: 'serviceUnavailable', route: path.route, count: 10 });
    const events = await collect(runPath(t.rig.connection, path, chat(path.model)));
    assert.equal(t.emu.requests.slice(mark).length, 3);
    assert.equal(retriesOf(events).length, 2);
    assert.equal(errorOf(events)?.error.kind, 'serviceError');
    assert.equal(errorOf(events)?.error.action.id, 'retry');
  });

  it('Retry-After is honoured: the reported delay is the header, not the (zero) jitter', async () => {
    const path = pathNamed('Messages mantle');
    t.emu.fault({ kind: 'throttling', route: path.route, count: 1, retryAfter: '0.05' });
    const events = await collect(runPath(t.rig.connection, path, chat(path.model)));
    assert.equal(errorOf(events), undefined);
    assert.deepEqual(retriesOf(events).map((e) => e.delayMs), [50]);
  });

  it('access denied is not retried', async () => {
    const path = pathNamed('Responses mantle');
    const mark = t.emu.requests.length;
    t.emu.fault({ kind: 'accessDenied', route: path.route, count: 3 });
    const events = await collect(runPath(t.rig.connection, path, chat(path.model)));
    assert.equal(t.emu.requests.slice(mark).length, 1);
    assert.equal(retriesOf(events).length, 0);
    assert.equal(errorOf(events)?.error.kind, 'modelNotEnabled');
  });

  for (const name of ['Converse', 'ConverseStream']) {
    it(`${name} (SDK): the SDK's retries are reported as retry events too`, async () => {
      const path = pathNamed(name);
      const mark = t.emu.requests.length;
      t.emu.fault({ kind: 'throttling', route: path.route, count: 1 });
      const events = await collect(runPath(t.rig.connection, path, chat(path.model)));
      assert.equal(errorOf(events), undefined);
      assert.deepEqual(retriesOf(events).map((e) => [e.attempt, e.maxAttempts, e.reason]), [[2, 3, 'ThrottlingException']]);
      assert.deepEqual(t.emu.requests.slice(mark).map((r) => r.attempt), [1, 2]);
    });
  }

  it('turns reuse connections and send the user-agent', async () => {
    const path = pathNamed('Chat Completions runtime');
    const mark = t.emu.requests.length;
    const before = t.emu.connections;
    const turns = 8;
    for (let i = 0; i < turns; i++) {
      const events = await collect(runPath(t.rig.connection, path, chat(path.model)));
      assert.equal(errorOf(events), undefined);
    }
    const opened = t.emu.connections - before;
    assert.ok(opened < turns, `${turns} turns opened ${opened} connections`);
    const reqs = t.emu.requests.slice(mark);
    assert.equal(reqs.length, turns);
    for (const r of reqs) {
      assert.match(r.headers['user-agent'] ?? '', /^bedrock-workbench\/\S+$/);
      assert.notEqual(r.headers.connection, 'close');
    }
  });

  it('the SDK clients carry the user-agent as well', async () => {
    const path = pathNamed('Converse');
    const mark = t.emu.requests.length;
    await collect(runPath(t.rig.connection, path, chat(path.model)));
    const r = t.emu.requests.slice(mark).find((x) => x.route === 'Converse')!;
    assert.match(`${r.headers['user-agent']} ${r.headers['x-amz-user-agent']}`, /bedrock-workbench\//);
  });
});
