// Every fault kind the emulator knows × every API path a chat turn can take, as one table. Each cell
// runs one turn on exactly that path (real adapters, real SDK clients, real HTTP) and checks: exactly
// one terminal event, the partial text kept, the right class and an action. Kinds that cannot
// happen on a path are counted as n/a with the reason.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'mocha';
import type { ChatEvent } from '../../../src/core/bedrock/adapters/chatEvent';
import type { ErrorActionId, ErrorKind } from '../../../src/core/bedrock/errors/classifiedError';
import type { EmulatorHandle } from '../../emulator/emulator';
import type { FaultSpec } from '../../emulator/faultSpec';
import { MESSAGES, onDemandMessage } from '../../emulator/serviceError';
import { API_PATHS, runPath, type ApiPath } from './apiPaths';
import { chat, collect, makeRig, startEmulator, textOf, type Rig } from './routerHarness';

const FIVE_MB = 5 * 1024 * 1024;
const TINY_DELTAS = 100_000;
const UTF8_TEXT = 'Café crème, déjà vu: every é of this reply is sent as bytes that are not UTF-8.';
/** Events before a mid-stream fault: past the stream's opening events, into the text. */
const MID = 8;

interface Expect {
  /** The turn succeeds (one stop, no error). */
  ok?: (events: ChatEvent[], path: ApiPath) => void;
  kind?: ErrorKind;
  action?: ErrorActionId;
  /** Text had streamed before the failure and must be kept. */
  partial?: boolean;
}

interface FaultCase {
  name: string;
  /** The reason the kind cannot happen on this path, if it cannot. */
  na?: (p: ApiPath) => string | undefined;
  fault?: (p: ApiPath) => FaultSpec;
  prompt?: string;
  idleSeconds?: number;
  expect: (p: ApiPath) => Expect;
}

const nonStreamingNa = (p: ApiPath) => (p.streaming ? undefined : 'one JSON body: nothing streams, so there is no mid-stream point');

function unsupportedMessage(p: ApiPath): string {
  if (p.api === 'messages') return `model ${p.model} isn't supported on this route`;
  if (p.api === 'chat-completions') return `The model '${p.model}' does not support the '/v1/chat/completions' API`;
  if (p.api === 'responses') return `The model '${p.model}' does not support the '/v1/responses' API`;
  return MESSAGES.unsupportedAction;
}

// Network failures offer the endpoint settings: the emulator is an endpoint override, so that setting
// is the likelier cause than a proxy.
const CASES: FaultCase[] = [
  {
    name: 'throttling then success',
    fault: (p) => ({ kind: 'throttling', route: p.route, count: 1 }),
    expect: () => ({ ok: (events) => assert.ok(events.some((e) => e.type === 'retry'), 'a retry event') }),
  },
  { name: 'persistent 5xx', fault: (p) => ({ kind: 'serviceUnavailable', route: p.route, count: Infinity }), expect: () => ({ kind: 'serviceError', action: 'retry' }) },
  { name: 'first-frame exception', fault: (p) => ({ kind: 'firstFrameException', route: p.route, count: Infinity }), expect: () => ({ kind: 'throttled', action: 'retry' }) },
  {
    name: 'mid-stream exception',
    na: nonStreamingNa,
    fault: (p) => ({ kind: 'exceptionAfter', route: p.route, afterEvents: MID }),
    expect: () => ({ kind: 'serviceError', action: 'retry', partial: true }),
  },
  { name: 'reset before headers', fault: (p) => ({ kind: 'resetBeforeHeaders', route: p.route, count: Infinity }), expect: () => ({ kind: 'network', action: 'checkEndpoints' }) },
  {
    name: 'reset mid-stream',
    na: nonStreamingNa,
    fault: (p) => ({ kind: 'reset', route: p.route, afterEvents: MID }),
    expect: () => ({ kind: 'network', action: 'checkEndpoints', partial: true }),
  },
  {
    name: 'stall past the idle timeout',
    idleSeconds: 0.3,
    fault: (p) => ({ kind: 'stall', route: p.route, afterEvents: MID }),
    expect: (p) => ({ kind: 'timeout', action: 'retry', partial: p.streaming }),
  },
  {
    // SSE: an event cut short with no end (the connection closes); a one-shot body: truncated JSON.
    name: 'truncated frame',
    fault: (p) => ({ kind: 'truncatedFrame', route: p.route, afterEvents: MID }),
    expect: (p) => ({ kind: 'network', action: 'checkEndpoints', partial: p.streaming }),
  },
  {
    // SSE has no checksum: its equivalent is a corrupted (malformed) event just before the close.
    name: 'bad CRC',
    na: (p) => (p.streaming ? undefined : 'one JSON body: no frames, no checksum (the truncated frame cell covers a broken body)'),
    fault: (p) => ({ kind: 'badCrc', route: p.route, afterEvents: MID }),
    expect: () => ({ kind: 'network', action: 'checkEndpoints', partial: true }),
  },
  { name: 'expired token', fault: (p) => ({ kind: 'expiredToken', route: p.route }), expect: () => ({ kind: 'credentials', action: 'ssoLogin' }) },
  { name: 'access denied', fault: (p) => ({ kind: 'accessDenied', route: p.route }), expect: () => ({ kind: 'modelNotEnabled', action: 'requestModelAccess' }) },
  {
    name: 'on-demand refusal',
    fault: (p) => ({ kind: 'validation', route: p.route, message: onDemandMessage(p.model) }),
    expect: () => ({ kind: 'validation', action: 'chooseProfile' }),
  },
  {
    name: 'unsupported route',
    fault: (p) => ({ kind: 'validation', route: p.route, message: unsupportedMessage(p) }),
    expect: () => ({ kind: 'validation', action: 'none' }),
  },
  { name: 'HTML body with 200', fault: (p) => ({ kind: 'htmlBody', route: p.route, status: 200 }), expect: () => ({ kind: 'network', action: 'checkEndpoints' }) },
  { name: 'HTML body with 502', fault: (p) => ({ kind: 'htmlBody', route: p.route, status: 502, count: Infinity }), expect: () => ({ kind: 'network', action: 'checkEndpoints' }) },
  {
    name: 'a 5 MB delta',
    prompt: 'five-megabyte-delta',
    expect: () => ({ ok: (events) => assert.equal(textOf(events).length, FIVE_MB) }),
  },
  {
    name: '100k tiny deltas',
    prompt: 'hundred-thousand-deltas',
    expect: () => ({
      ok: (events, p) => {
        assert.equal(textOf(events).length, TINY_DELTAS);
        if (p.streaming) assert.equal(events.filter((e) => e.type === 'text').length, TINY_DELTAS);
      },
    }),
  },
  {
    name: 'invalid UTF-8',
    prompt: 'invalid-utf8',
    fault: (p) => ({ kind: 'invalidUtf8', route: p.route }),
    expect: () => ({
      ok: (events) => {
        const text = textOf(events);
        assert.ok(text.includes('\uFFFD'), text);
        assert.ok(!text.includes('é'));
        assert.ok(text.includes('every'));
      },
    }),
  },
];

describe('fault table: every fault kind on every API path', () => {
  let emu: EmulatorHandle;
  let rig: Rig;
  const cells = { passed: 0, failed: [] as string[], na: [] as string[] };
  before(async () => {
    emu = await startEmulator({
      seed: 3,
      scenario: {
        rules: [
          { match: { promptIncludes: 'five-megabyte-delta' }, reply: { text: 'a'.repeat(FIVE_MB), chunkChars: FIVE_MB, uncapped: true } },
          { match: { promptIncludes: 'hundred-thousand-deltas' }, reply: { text: 'b'.repeat(TINY_DELTAS), chunkChars: 1, uncapped: true } },
          { match: { promptIncludes: 'invalid-utf8' }, reply: { text: UTF8_TEXT } },
        ],
      },
    });
    // Production's three attempts; no jitter, so the retried cells do not wait.
    rig = await makeRig(emu, { maxAttempts: 3, retryRandom: () => 0 });
  });
  afterEach(function () {
    emu.clearFaults();
    emu.clearRequests();
    const t = this.currentTest!;
    if (t.state === 'passed') cells.passed++;
    else if (t.state === 'failed') cells.failed.push(t.title);
  });
  after(async () => {
    rig.dispose();
    await emu.close();
    const total = cells.passed + cells.failed.length;
    console.log(`      fault table: ${cells.passed}/${total} cells passed, ${cells.na.length} n/a (${CASES.length} kinds × ${API_PATHS.length} paths)`);
  });

  for (const c of CASES) {
    for (const path of API_PATHS) {
      const na = c.na?.(path);
      if (na) {
        cells.na.push(`${c.name} × ${path.name}: ${na}`);
        continue;
      }
      it(`${c.name} × ${path.name}`, async function () {
        this.timeout(60_000);
        const spec = c.fault?.(path);
        if (spec) emu.fault(spec);
        const request = chat(path.model, c.prompt ? { messages: [{ role: 'user', content: [{ type: 'text', text: c.prompt }] }], maxTokens: 1000 } : {});
        const events = await collect(runPath(rig.connection, path, request, { idleSeconds: c.idleSeconds ?? 10 }));
        const terminals = events.filter((e) => e.type === 'stop' || e.type === 'error');
        assert.equal(terminals.length, 1, `terminal events: ${terminals.map((e) => e.type).join(', ') || 'none'}`);
        const expect = c.expect(path);
        const error = terminals[0]!.type === 'error' ? (terminals[0] as Extract<ChatEvent, { type: 'error' }>) : undefined;
        if (expect.ok) {
          assert.equal(error, undefined, `expected success, got ${JSON.stringify(error?.error)}`);
          expect.ok(events, path);
          return;
        }
        assert.ok(error, 'expected an error event');
        assert.equal(events[events.length - 1], error, 'the error is the last event');
        assert.deepEqual([error.error.kind, error.error.action.id], [expect.kind, expect.action], `${error.error.message} (${error.error.detail ?? ''})`);
        assert.ok(error.error.action.label, 'the action has a label');
        assert.equal(error.partialText, textOf(events), 'partial text kept');
        if (expect.partial) assert.ok(error.partialText.length > 0, 'text had streamed before the fault');
      });
    }
  }
});
