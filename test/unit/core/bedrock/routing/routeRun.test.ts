// The route run against scripted adapters: each adapter is a fake that answers from a script, so
// the run's own rules (fallbacks, idle timeout, retries, cancellation, what a turn keeps on
// failure) are tested without a network; the real adapters are covered against the emulator.
import * as assert from 'node:assert/strict';
import type { AdapterCall, ChatAdapter } from '../../../../../src/core/bedrock/adapters/chatAdapter';
import type { ChatEvent } from '../../../../../src/core/bedrock/adapters/chatEvent';
import type { ChatRequest } from '../../../../../src/core/bedrock/adapters/chatRequest';
import type { ApiId } from '../../../../../src/core/bedrock/catalog/apiId';
import { BedrockError, errorAction, type ClassifiedError, type FallbackHint } from '../../../../../src/core/bedrock/errors/classifiedError';
import type { RoutePlan, RouteStep } from '../../../../../src/core/bedrock/routing/routePlan';
import { RouteRun, type FallbackDecision, type RouteRunDeps } from '../../../../../src/core/bedrock/routing/routeRun';
import { fakeConnection } from '../adapters/fakeConnection';

const request: ChatRequest = { modelId: 'model-a', maxTokens: 100, system: 'Be brief.', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] };
const step = (api: ApiId, target = 'model-a'): RouteStep => ({ api, endpoint: 'runtime', target, reason: `${api} first`, adjustments: {} });
const plan = (...steps: RouteStep[]): RoutePlan => ({ request: { modelId: 'model-a', task: 'chat', features: {} }, baseModelId: 'model-a', steps, notes: [] });
const refusal = (fallback?: FallbackHint): BedrockError =>
  new BedrockError({ kind: 'validation', message: 'The service refused the request.', action: errorAction('none'), ...(fallback ? { fallback } : {}) });

type Script = (req: ChatRequest, step: RouteStep, signal: AbortSignal) => Promise<AdapterCall> | AdapterCall;

/** An adapter for every API that runs `script` and records what it was asked. */
function scripted(script: Script): { adapter: ChatAdapter; calls: Array<{ req: ChatRequest; step: RouteStep }> } {
  const calls: Array<{ req: ChatRequest; step: RouteStep }> = [];
  return {
    calls,
    adapter: {
      apis: ['converse', 'converse-stream', 'invoke', 'invoke-stream', 'chat-completions', 'responses', 'messages'],
      start: async (req, s, ctx) => {
        calls.push({ req, step: s });
        return script(req, s, ctx.signal);
      },
    },
  };
}

/** A finished one-shot reply: text, then stop. */
const reply = (text: string): AdapterCall => ({
  events: [{ text }, { stop: 'end_turn' }],
  map: (raw, out) => {
    const r = raw as { text?: string; stop?: string };
    if (r.text) out.push({ type: 'text', text: r.text });
    if (r.stop) out.push({ type: 'stop', reason: 'end_turn' });
  },
});

function runDeps(adapter: ChatAdapter, overrides: Partial<RouteRunDeps> = {}) {
  const connection = Object.assign(fakeConnection(() => assert.fail('the scripted adapters send nothing')), { resets: 0 });
  const fallbacks: ClassifiedError[] = [];
  const deps: RouteRunDeps = {
    adapters: Object.fromEntries(adapter.apis.map((api) => [api, adapter])),
    connection: Object.assign(connection, { info: { ...connection.info, auth: 'sigv4' as const, region: 'us-east-1' }, resetCredentials: () => void connection.resets++ }),
    idleSeconds: 60,
    maxTokens: undefined,
    fallback: () => undefined,
    ...overrides,
  };
  const inner = deps.fallback;
  deps.fallback = (c, s, used) => {
    fallbacks.push(c);
    return inner(c, s, used);
  };
  return { deps, connection, fallbacks };
}

async function collect(run: AsyncIterator<ChatEvent>): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  for (let r = await run.next(); !r.done; r = await run.next()) events.push(r.value);
  return events;
}

const ofType = <T extends ChatEvent['type']>(events: ChatEvent[], type: T) => events.filter((e): e is Extract<ChatEvent, { type: T }> => e.type === type);

describe('RouteRun', () => {
  it('runs the first step and says which route served it', async () => {
    const { adapter } = scripted(() => reply('Hello'));
    const events = await collect(new RouteRun(plan(step('converse')), request, undefined, runDeps(adapter).deps));
    assert.deepEqual(
      events.map((e) => e.type),
      ['route', 'text', 'stop'],
    );
    assert.equal(ofType(events, 'route')[0].attempt, 1);
  });

  it('a plan with no steps ends with its refusal, sending nothing', async () => {
    const { adapter, calls } = scripted(() => assert.fail('nothing may start'));
    const empty = { ...plan(), refusal: 'This model takes no documents.' };
    const events = await collect(new RouteRun(empty, request, undefined, runDeps(adapter).deps));
    assert.equal(calls.length, 0);
    assert.deepEqual(ofType(events, 'error').map((e) => e.error.message), ['This model takes no documents.']);
  });

  it('falls back to the next step when the router says so, naming the step it left', async () => {
    const { adapter, calls } = scripted((_req, s) => (s.api === 'converse' ? Promise.reject(refusal({ kind: 'routeUnsupported' })) : reply('From Invoke')));
    const { deps, fallbacks } = runDeps(adapter, { fallback: (): FallbackDecision => ({ kind: 'next' }) });
    const events = await collect(new RouteRun(plan(step('converse'), step('invoke')), request, undefined, deps));
    assert.deepEqual(calls.map((c) => c.step.api), ['converse', 'invoke']);
    assert.equal(fallbacks[0].fallback?.kind, 'routeUnsupported');
    const routes = ofType(events, 'route');
    assert.deepEqual(routes.map((r) => [r.step.api, r.attempt]), [['converse', 1], ['invoke', 2]]);
    assert.equal(routes[1].fallbackFrom?.step.api, 'converse');
    assert.equal(ofType(events, 'text')[0].text, 'From Invoke');
  });

  it('retargets every runtime step to the profile and retries the failed one through it', async () => {
    const { adapter, calls } = scripted((_req, s) => (s.target === 'model-a' && calls.length === 1 ? Promise.reject(refusal({ kind: 'needsProfile' })) : reply('ok')));
    const { deps } = runDeps(adapter, { fallback: () => ({ kind: 'retarget', target: 'us.model-a' }) });
    await collect(new RouteRun(plan(step('converse-stream')), request, undefined, deps));
    assert.deepEqual(calls.map((c) => c.step.target), ['model-a', 'us.model-a']);
    assert.match(calls[1].step.reason, /via profile us\.model-a/);
  });

  it('retries with the limit the service stated when max tokens was too high', async () => {
    const { adapter, calls } = scripted(() => (calls.length === 1 ? Promise.reject(refusal({ kind: 'maxTokens', limit: 50 })) : reply('ok')));
    const { deps } = runDeps(adapter, { fallback: (c) => (c.fallback?.kind === 'maxTokens' ? { kind: 'maxTokens', limit: c.fallback.limit } : undefined) });
    await collect(new RouteRun(plan(step('converse')), request, undefined, deps));
    assert.deepEqual(calls.map((c) => c.req.maxTokens), [100, 50]);
  });

  it('folds the system prompt into the first turn when the retried step says so', async () => {
    const { adapter, calls } = scripted(() => (calls.length === 1 ? Promise.reject(refusal({ kind: 'noSystemPrompt' })) : reply('ok')));
    const { deps } = runDeps(adapter, { fallback: (_c, s) => ({ kind: 'retry', step: { ...s, adjustments: { foldSystem: true } } }) });
    await collect(new RouteRun(plan(step('invoke')), request, undefined, deps));
    assert.equal(calls[0].req.system, 'Be brief.');
    assert.equal(calls[1].req.system, undefined);
    assert.match(JSON.stringify(calls[1].req.messages), /Be brief\./);
  });

  it('never falls back once the reply has started: the failure ends the turn and keeps the partial text', async () => {
    const { adapter } = scripted(() => ({
      events: (async function* () {
        yield 'Half a';
        throw refusal({ kind: 'routeUnsupported' });
      })(),
      map: (raw, out) => void out.push({ type: 'text', text: raw as string }),
    }));
    const { deps, fallbacks } = runDeps(adapter, { fallback: () => assert.fail('no fallback after output') });
    const events = await collect(new RouteRun(plan(step('converse-stream'), step('invoke')), request, undefined, deps));
    assert.equal(fallbacks.length, 0);
    assert.deepEqual(ofType(events, 'error').map((e) => e.partialText), ['Half a']);
  });

  it('a stream that ends without its stop event is a failure, not a finished reply', async () => {
    const { adapter } = scripted(() => ({ events: (async function* () { yield 'cut'; })(), map: (raw, out) => void out.push({ type: 'text', text: raw as string }) }));
    const events = await collect(new RouteRun(plan(step('converse-stream')), request, undefined, runDeps(adapter).deps));
    const [error] = ofType(events, 'error');
    assert.ok(error, 'the turn fails');
    assert.equal(error.partialText, 'cut');
    assert.equal(error.error.kind, 'network');
  });

  it('times out a stream that goes quiet, keeping what came before', async () => {
    const { adapter } = scripted((_req, _step, signal) => {
      let sent = false;
      // Like the SDK's stream: silent until the request's signal aborts it.
      const silence = () => new Promise<IteratorResult<unknown>>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
      const quiet: AsyncIterator<unknown> = {
        next: () => (sent ? silence() : ((sent = true), Promise.resolve({ value: 'Before the silence', done: false }))),
      };
      return { events: { [Symbol.asyncIterator]: () => quiet }, map: (raw, out) => void out.push({ type: 'text', text: raw as string }) };
    });
    const { deps } = runDeps(adapter, { idleSeconds: 0.05 });
    const events = await collect(new RouteRun(plan(step('converse-stream')), request, undefined, deps));
    const [error] = ofType(events, 'error');
    assert.equal(error.error.kind, 'timeout');
    assert.match(error.error.message, /no data for 0\.05 s/);
    assert.equal(error.partialText, 'Before the silence');
  });

  it('reports the connection policy\'s retries as retry events, before the reply', async () => {
    const { adapter } = scripted(() => {
      policy.next(1, 'throttling', 'ThrottlingException');
      return reply('after a retry');
    });
    const { deps } = runDeps(adapter);
    const policy = deps.connection.retryPolicy;
    const events = await collect(new RouteRun(plan(step('converse')), request, undefined, deps));
    assert.deepEqual(
      events.map((e) => e.type),
      ['route', 'retry', 'text', 'stop'],
    );
    const [retry] = ofType(events, 'retry');
    assert.deepEqual([retry.attempt, retry.maxAttempts, retry.reason], [2, 3, 'ThrottlingException']);
  });

  it('a request cancelled before it starts ends as cancelled, without calling the adapter', async () => {
    const { adapter, calls } = scripted(() => reply('never'));
    const ac = new AbortController();
    ac.abort(new Error('Stopped by the user'));
    const events = await collect(new RouteRun(plan(step('converse')), request, ac.signal, runDeps(adapter).deps));
    assert.equal(calls.length, 0);
    assert.deepEqual(ofType(events, 'error').map((e) => e.error.kind), ['cancelled']);
  });

  it('rejected credentials are dropped, so the next turn resolves them afresh', async () => {
    const { adapter } = scripted(() => Promise.reject(Object.assign(new Error('The security token included in the request is invalid.'), { name: 'UnrecognizedClientException' })));
    const { deps, connection } = runDeps(adapter);
    const events = await collect(new RouteRun(plan(step('converse')), request, undefined, deps));
    assert.deepEqual(ofType(events, 'error').map((e) => e.error.kind), ['credentials']);
    assert.equal(connection.resets, 1);
  });
});
