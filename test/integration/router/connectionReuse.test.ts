// Connections are kept and shared: the runtime's HTTP/2 session carries every turn, the compatible
// endpoints' keep-alive sockets too; a session the server ends is replaced without the user
// noticing, and a request is sent twice only when the server proves it never processed it.
import * as assert from 'node:assert/strict';
import { chat, collect, errorOf, textOf, useEmulatorRigPerTest } from './routerHarness';
import { API_PATHS, runPath } from './apiPaths';
import type { RecordedRequest } from '../../emulator/emulator';

const NOVA = 'amazon.nova-micro-v1:0';
const path = (name: string) => API_PATHS.find((p) => p.name === name)!;

describe('connection reuse (real SDK clients over HTTP/2 and HTTP/1.1 against the emulator)', function () {
  const t = useEmulatorRigPerTest();

  const connectionsOf = (reqs: RecordedRequest[]) => new Set(reqs.map((r) => r.connection));

  it('carries 20 sequential turns on every runtime SDK path over one HTTP/2 session', async () => {
    const before = t.emu.connectionStats();
    for (const name of ['ConverseStream', 'Converse', 'InvokeStream', 'Invoke']) {
      for (let i = 0; i < 5; i++) {
        const events = await collect(runPath(t.rig.connection, path(name), chat(path(name).model)));
        assert.equal(errorOf(events), undefined);
      }
    }
    const after = t.emu.connectionStats();
    assert.equal(t.emu.requests.length, 20);
    assert.ok(t.emu.requests.every((r) => r.httpVersion === '2'));
    assert.equal(connectionsOf(t.emu.requests).size, 1, 'one connection for all 20 turns');
    assert.equal(after.h2Sessions - before.h2Sessions, 1);
  });

  it('keeps one connection per compatible endpoint across turns', async () => {
    for (const name of ['Chat Completions runtime', 'Chat Completions mantle']) {
      for (let i = 0; i < 4; i++) assert.equal(errorOf(await collect(runPath(t.rig.connection, path(name), chat(path(name).model)))), undefined);
    }
    const runtime = t.emu.requests.filter((r) => r.service !== 'bedrock-mantle');
    const mantle = t.emu.requests.filter((r) => r.service === 'bedrock-mantle');
    assert.equal(connectionsOf(runtime).size, 1);
    assert.equal(connectionsOf(mantle).size, 1);
  });

  it('embeds 1 MB with concurrent requests multiplexed over one session', async () => {
    const text = 'lorem ipsum dolor sit amet. '.repeat(40_000);
    const before = t.emu.connectionStats().connections;
    const result = await t.rig.router.embed({ modelId: 'amazon.titan-embed-text-v2:0', texts: [text], concurrency: 10 });
    assert.ok(result.chunks.length > 10);
    assert.equal(t.emu.connectionStats().connections - before, 1);
    assert.equal(connectionsOf(t.emu.requests).size, 1);
  });

  it('cancels a stream without closing the session the next turn uses', async () => {
    t.emu.fault({ kind: 'stall', route: 'ConverseStream', afterEvents: 2 });
    const ac = new AbortController();
    const started = t.emu.waitForRequest((r) => r.route === 'ConverseStream');
    const run = collect(t.rig.router.stream(chat(NOVA), ac.signal));
    const first = await started;
    // Abort once the emulator has written its events: the stream is open and stalled.
    await new Promise<void>((resolve) => {
      const check = () => (first.events >= 2 ? resolve() : setImmediate(check));
      check();
    });
    ac.abort();
    await run;
    assert.deepEqual(await first.closed, { aborted: true }, 'the cancelled stream was reset');
    const events = await collect(t.rig.router.stream(chat(NOVA)));
    assert.equal(errorOf(events), undefined);
    const second = t.emu.requests.at(-1)!;
    assert.equal(second.connection, first.connection, 'the session outlived the cancelled stream');
  });

  it('replaces a session the server ended with GOAWAY, without an error or a retry', async () => {
    await collect(t.rig.router.stream(chat(NOVA)));
    const firstConnection = t.emu.requests[0].connection;
    t.emu.goaway();
    const events = await collect(t.rig.router.stream(chat(NOVA)));
    assert.equal(errorOf(events), undefined);
    assert.ok(textOf(events).length > 0);
    assert.equal(events.filter((e) => e.type === 'retry').length, 0);
    assert.notEqual(t.emu.requests.at(-1)!.connection, firstConnection);
    assert.equal(t.emu.connectionStats().goaways, 1);
  });

  it('replaces sessions closed for idleness', async () => {
    await collect(t.rig.router.stream(chat(NOVA)));
    const firstConnection = t.emu.requests[0].connection;
    assert.ok(t.emu.closeIdleConnections() >= 1);
    const events = await collect(t.rig.router.stream(chat(NOVA)));
    assert.equal(errorOf(events), undefined);
    assert.notEqual(t.emu.requests.at(-1)!.connection, firstConnection);
  });

  it('sends a refused request once more on a new session, so the model sees it exactly once', async () => {
    await collect(t.rig.router.stream(chat(NOVA)));
    t.emu.clearRequests();
    t.emu.fault({ kind: 'refuseStream', route: 'ConverseStream' });
    const events = await collect(t.rig.router.stream(chat(NOVA)));
    assert.equal(errorOf(events), undefined);
    assert.equal(events.filter((e) => e.type === 'retry').length, 0, 'not a retry the user is told about');
    const [refused, replay] = t.emu.requests;
    assert.equal(t.emu.requests.length, 2);
    assert.equal(refused.refused, true);
    assert.equal(replay.refused, undefined);
    assert.equal(replay.status, 200);
    assert.notEqual(replay.connection, refused.connection);
  });

  it('never sends again a request dropped after it may have reached the model', async () => {
    t.emu.fault({ kind: 'resetBeforeHeaders', route: 'ConverseStream' });
    const events = await collect(t.rig.router.stream(chat(NOVA)));
    assert.ok(errorOf(events), 'the failure is reported (retries are off in this t.rig)');
    assert.equal(t.emu.requests.filter((r) => r.route === 'ConverseStream').length, 1);
  });

  it('warms the runtime session without credentials, and the next turn uses it', async () => {
    assert.equal(await t.rig.router.warm(NOVA), true);
    const warm = t.emu.requests[0];
    assert.equal(warm.method, 'HEAD');
    assert.equal(warm.auth.kind, 'none', 'no credentials on a warm-up');
    assert.equal(warm.httpVersion, '2');
    const before = t.emu.connectionStats().connections;
    await collect(t.rig.router.stream(chat(NOVA)));
    assert.equal(t.emu.connectionStats().connections, before, 'no new connection for the turn');
    assert.equal(t.emu.requests[1].connection, warm.connection);
  });

  it('warms a compatible endpoint’s keep-alive socket for a model routed there', async () => {
    const p = path('Chat Completions mantle');
    assert.equal(await t.rig.connection.warm('mantle', 'http'), true);
    const warm = t.emu.requests[0];
    assert.equal(warm.auth.kind, 'none');
    assert.equal(warm.httpVersion, '1.1');
    await collect(runPath(t.rig.connection, p, chat(p.model)));
    assert.equal(t.emu.requests[1].connection, warm.connection);
  });

  it('opens new sessions after the connection settings change and closes the old ones', async () => {
    await collect(t.rig.router.stream(chat(NOVA)));
    const old = t.emu.requests[0].connection;
    const closed = new Promise<number>((resolve) => t.emu.events.on('connectionClose', (id: number) => id === old && resolve(id)));
    t.rig.connection.update({ region: 'us-east-1', endpoints: { control: t.emu.url, runtime: t.emu.url, mantle: `${t.emu.url}/mantle` }, staticCredentials: { accessKeyId: 'AKIDOTHER00000000000', secretAccessKey: 's' }, maxAttempts: 1 });
    assert.equal(await closed, old);
    await collect(t.rig.router.stream(chat(NOVA)));
    assert.notEqual(t.emu.requests.at(-1)!.connection, old);
  });
});
