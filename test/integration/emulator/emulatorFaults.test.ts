// Every fault kind, seen through the real SDK clients: typed errors with their status, the SDK's
// retry behaviour read from the request log, in-stream exceptions and broken streams.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'mocha';
import {
  AccessDeniedException,
  ConverseCommand,
  ConverseStreamCommand,
  InternalServerException,
  InvokeModelCommand,
  ModelNotReadyException,
  ModelStreamErrorException,
  ModelTimeoutException,
  ServiceQuotaExceededException,
  ServiceUnavailableException,
  ThrottlingException,
} from '@aws-sdk/client-bedrock-runtime';
import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { ListFoundationModelsCommand, ThrottlingException as ControlThrottling } from '@aws-sdk/client-bedrock';
import { startEmulator } from '../../emulator/emulator';
import type { EmulatorHandle, RecordedRequest } from '../../emulator/emulator';
import { controlClient, runtimeClient } from '../../emulator/sdkClients';

const MODEL = 'amazon.nova-micro-v1:0';
const OTHER = 'amazon.nova-lite-v1:0';
const user = (text: string) => [{ role: 'user' as const, content: [{ text }] }];

describe('emulator faults', () => {
  let emu: EmulatorHandle;
  let mark = 0;
  const since = (route?: string): RecordedRequest[] => emu.requests.slice(mark).filter((r) => !route || r.route === route);
  before(async () => {
    emu = await startEmulator({ seed: 5 });
  });
  afterEach(() => {
    emu.clearFaults();
    mark = emu.requests.length;
  });
  after(() => emu.close());

  const fast = (maxAttempts = 3) => runtimeClient(emu.url, { retryDelayMs: 5, maxAttempts });
  const converse = (c = fast(), modelId = MODEL) => c.send(new ConverseCommand({ modelId, messages: user('fault test') }));

  async function drain(stream: AsyncIterable<ConverseStreamOutput>, onEvent?: (n: number) => void): Promise<ConverseStreamOutput[]> {
    const out: ConverseStreamOutput[] = [];
    for await (const ev of stream) {
      out.push(ev);
      onEvent?.(out.length);
    }
    return out;
  }

  describe('HTTP error faults', () => {
    it('throttling: retried by the SDK standard strategy, same invocation id, then succeeds', async () => {
      mark = emu.requests.length;
      emu.fault({ kind: 'throttling', count: 2 });
      const out = await converse();
      assert.equal(out.$metadata.attempts, 3);
      const reqs = since('Converse');
      assert.deepEqual(reqs.map((r) => r.status), [429, 429, 200]);
      assert.deepEqual(reqs.map((r) => r.attempt), [1, 2, 3]);
      assert.equal(new Set(reqs.map((r) => r.headers['amz-sdk-invocation-id'])).size, 1);
    });

    it('throttling that persists surfaces as ThrottlingException after maxAttempts', async () => {
      emu.fault({ kind: 'throttling', count: 5 });
      await assert.rejects(converse(), (e: unknown) => {
        assert.ok(e instanceof ThrottlingException);
        assert.equal(e.message, 'Too many requests, please wait before trying again.');
        assert.equal(e.$metadata.httpStatusCode, 429);
        assert.equal(e.$metadata.attempts, 3);
        return true;
      });
      assert.equal(since('Converse').length, 3);
    });

    const retried: Array<[string, new (...a: never[]) => Error, number]> = [
      ['modelNotReady', ModelNotReadyException, 429],
      ['serviceUnavailable', ServiceUnavailableException, 503],
      ['internal', InternalServerException, 500],
    ];
    for (const [kind, type, status] of retried) {
      it(`${kind}: ${status} ${type.name}, retried`, async () => {
        emu.fault({ kind: kind as 'internal', count: 1 });
        await converse();
        assert.deepEqual(since('Converse').map((r) => r.status), [status, 200]);
        emu.fault({ kind: kind as 'internal', count: 1 });
        await assert.rejects(converse(fast(1)), (e: unknown) => {
          assert.ok(e instanceof type, (e as Error).name);
          assert.equal((e as ThrottlingException).$metadata.httpStatusCode, status);
          return true;
        });
      });
    }

    const notRetried: Array<[string, string, number, string]> = [
      ['accessDenied', 'AccessDeniedException', 403, "You don't have access to the model with the specified model ID."],
      ['expiredToken', 'ExpiredTokenException', 403, 'The security token included in the request is expired'],
      ['invalidToken', 'UnrecognizedClientException', 403, 'The security token included in the request is invalid.'],
      ['modelTimeout', 'ModelTimeoutException', 408, 'Model has timed out in processing the request. Try your request again.'],
      ['quotaExceeded', 'ServiceQuotaExceededException', 400, 'Too many tokens per day, please wait before trying again.'],
    ];
    for (const [kind, name, status, message] of notRetried) {
      it(`${kind}: ${status} ${name}, not retried`, async () => {
        emu.fault({ kind: kind as 'accessDenied', count: 3 });
        await assert.rejects(converse(), (e: unknown) => {
          const err = e as AccessDeniedException;
          assert.equal(err.name, name);
          assert.equal(err.message, message);
          assert.equal(err.$metadata.httpStatusCode, status);
          return true;
        });
        assert.equal(since('Converse').length, 1);
      });
    }

    it('typed classes for the modeled ones', async () => {
      emu.fault({ kind: 'accessDenied' });
      await assert.rejects(converse(), AccessDeniedException);
      emu.fault({ kind: 'modelTimeout' });
      await assert.rejects(converse(), ModelTimeoutException);
      emu.fault({ kind: 'quotaExceeded' });
      await assert.rejects(fast().send(new InvokeModelCommand({ modelId: MODEL, body: JSON.stringify({ messages: user('q') }) })), ServiceQuotaExceededException);
    });

    it('scopes faults per model and per route', async () => {
      emu.fault({ kind: 'accessDenied', model: OTHER, count: 10 });
      emu.fault({ kind: 'accessDenied', route: 'ConverseStream', count: 10 });
      await converse(fast(), MODEL);
      await assert.rejects(converse(fast(), OTHER), AccessDeniedException);
      await assert.rejects(fast().send(new ConverseStreamCommand({ modelId: MODEL, messages: user('x') })), AccessDeniedException);
      assert.deepEqual(since().map((r) => [r.route, r.fault ?? null]), [
        ['Converse', null],
        ['Converse', 'accessDenied'],
        ['ConverseStream', 'accessDenied'],
      ]);
    });

    it('applies to the control plane (HTTP/1.1) too', async () => {
      emu.fault({ kind: 'throttling', route: 'ListFoundationModels', count: 1 });
      const out = await controlClient(emu.url, { retryDelayMs: 5 }).send(new ListFoundationModelsCommand({}));
      assert.equal(out.$metadata.attempts, 2);
      emu.fault({ kind: 'throttling', route: 'ListFoundationModels', count: 1 });
      await assert.rejects(controlClient(emu.url, { maxAttempts: 1 }).send(new ListFoundationModelsCommand({})), ControlThrottling);
    });
  });

  describe('stream faults', () => {
    const stream = (c = fast(1)) => c.send(new ConverseStreamCommand({ modelId: MODEL, messages: user('stream fault') }));

    it('firstFrameException: send() itself rejects with the typed exception', async () => {
      emu.fault({ kind: 'firstFrameException', exception: 'throttling' });
      await assert.rejects(stream(), (e: unknown) => {
        assert.ok(e instanceof ThrottlingException);
        assert.equal(e.message, 'Too many requests, please wait before trying again.');
        return true;
      });
      const rec = since('ConverseStream')[0]!;
      assert.equal(rec.status, 200);
      assert.equal(rec.errorCode, 'ThrottlingException');
    });

    it('firstFrameException throttling is retried inside send() (the retry middleware sees it)', async () => {
      emu.fault({ kind: 'firstFrameException', exception: 'throttling' });
      const out = await stream(fast(3));
      const events = await drain(out.stream!);
      assert.ok(events.some((e) => e.metadata));
      assert.equal(since('ConverseStream').length, 2);
    });

    it('exceptionAfter: the iterator throws ModelStreamErrorException after N events', async () => {
      emu.fault({ kind: 'exceptionAfter', afterEvents: 4 });
      const out = await stream();
      let seen = 0;
      await assert.rejects(
        drain(out.stream!, (n) => (seen = n)),
        (e: unknown) => {
          assert.ok(e instanceof ModelStreamErrorException);
          assert.equal(e.originalStatusCode, 500);
          assert.equal(e.originalMessage, 'Internal model error');
          return true;
        },
      );
      assert.equal(seen, 4);
      assert.equal(since('ConverseStream').length, 1, 'in-stream exceptions are never retried');
    });

    it('exceptionAfter with a chosen exception', async () => {
      emu.fault({ kind: 'exceptionAfter', afterEvents: 2, exception: 'serviceUnavailable' });
      const out = await stream();
      await assert.rejects(drain(out.stream!), ServiceUnavailableException);
    });

    it('reset: the connection drops mid-stream; the stream never reaches messageStop/metadata', async () => {
      emu.fault({ kind: 'reset', afterEvents: 3 });
      const out = await stream();
      // Over HTTP/2 the SDK's handler ends the body quietly on RST_STREAM; some versions throw.
      // Either way the consumer must notice that the terminal events never came.
      const events = await drain(out.stream!).catch(() => [] as ConverseStreamOutput[]);
      assert.ok(events.length <= 3);
      assert.ok(!events.some((e) => e.messageStop || e.metadata));
      const rec = since('ConverseStream')[0]!;
      assert.deepEqual(await rec.closed, { aborted: true });
      assert.equal(rec.events, 3);
    });

    it('truncatedFrame: the SDK reports a truncated event message', async () => {
      emu.fault({ kind: 'truncatedFrame', afterEvents: 2 });
      const out = await stream();
      await assert.rejects(drain(out.stream!), /[Tt]runcated/);
    });

    it('badCrc: the SDK rejects the checksum', async () => {
      emu.fault({ kind: 'badCrc', afterEvents: 2 });
      const out = await stream();
      await assert.rejects(drain(out.stream!), /checksum|crc/i);
    });

    it('slowDrip: frames split into tiny writes still decode to the same reply', async () => {
      const normal = await drain((await stream()).stream!);
      emu.fault({ kind: 'slowDrip', dripBytes: 64, dripIntervalMs: 0 });
      const dripped = await drain((await stream()).stream!);
      assert.deepEqual(dripped, normal);
      assert.equal(since('ConverseStream')[1]!.fault, 'slowDrip');
    });

    it('stall: no more events, no close; aborting reaches the HTTP request within 100 ms', async () => {
      emu.fault({ kind: 'stall', afterEvents: 3 });
      const controller = new AbortController();
      const out = await fast(1).send(new ConverseStreamCommand({ modelId: MODEL, messages: user('stall') }), { abortSignal: controller.signal });
      const rec = since('ConverseStream')[0]!;
      const iterator = out.stream![Symbol.asyncIterator]();
      for (let i = 0; i < 3; i++) await iterator.next();
      const pending = iterator.next();
      pending.catch(() => undefined);
      const t0 = performance.now();
      controller.abort();
      const closed = await rec.closed;
      const elapsed = performance.now() - t0;
      assert.deepEqual(closed, { aborted: true });
      assert.ok(elapsed < 100, `abort took ${elapsed} ms to reach the server`);
      // The pending read settles (ends or throws, depending on SDK version) instead of hanging.
      const settled = await Promise.allSettled([pending]);
      assert.ok(settled[0]!.status === 'rejected' || settled[0]!.value.done === true);
    });
  });
});
