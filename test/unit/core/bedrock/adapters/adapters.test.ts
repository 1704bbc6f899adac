import * as assert from 'node:assert/strict';
import type { ChatAdapter } from '../../../../../src/core/bedrock/adapters/chatAdapter';
import type { ChatEvent } from '../../../../../src/core/bedrock/adapters/chatEvent';
import type { ChatRequest } from '../../../../../src/core/bedrock/adapters/chatRequest';
import { ConverseAdapter } from '../../../../../src/core/bedrock/adapters/converseAdapter';
import { InvokeAdapter } from '../../../../../src/core/bedrock/adapters/invokeAdapter';
import type { ApiId } from '../../../../../src/core/bedrock/catalog/apiId';
import { BedrockError } from '../../../../../src/core/bedrock/errors/classifiedError';
import type { RouteStep } from '../../../../../src/core/bedrock/routing/routePlan';
import { createChatAdapters } from '../../../../../src/core/bedrock/routing/router';
import { asyncItems, fakeConnection, type SentCommand } from './fakeConnection';

const request: ChatRequest = { modelId: 'm', system: 'Be brief.', maxTokens: 100, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] };
const step = (api: ApiId, target: string): RouteStep => ({ api, endpoint: 'runtime', target, reason: 'test', adjustments: {} });
const bytes = (j: unknown) => new TextEncoder().encode(JSON.stringify(j));

/** Runs one adapter call to its end, as the route run does, and returns the unified events. */
async function run(adapter: ChatAdapter, s: RouteStep, answer: (c: SentCommand) => unknown): Promise<{ events: ChatEvent[]; sent: SentCommand[] }> {
  const connection = fakeConnection(answer);
  const call = await adapter.start(request, s, { connection, signal: new AbortController().signal });
  const events: ChatEvent[] = [];
  for await (const raw of call.events as AsyncIterable<unknown>) call.map(raw, events);
  call.end?.(events);
  return { events, sent: connection.sent };
}

const texts = (events: ChatEvent[]) => events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');
const only = <T extends ChatEvent['type']>(events: ChatEvent[], type: T) => events.filter((e): e is Extract<ChatEvent, { type: T }> => e.type === type);

describe('adapters against a fake connection', () => {
  it('Converse streams: the command carries target, system and limits; the stream maps to unified events', async () => {
    const { events, sent } = await run(new ConverseAdapter(), step('converse-stream', 'us.amazon.nova-lite-v1:0'), () => ({
      stream: asyncItems([
        { messageStart: { role: 'assistant' } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hel' } } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'lo' } } },
        { messageStop: { stopReason: 'end_turn' } },
        { metadata: { usage: { inputTokens: 3, outputTokens: 2 }, metrics: { latencyMs: 5 } } },
      ]),
    }));
    assert.deepEqual(
      sent.map((c) => c.name),
      ['ConverseStreamCommand'],
    );
    assert.equal(sent[0].input.modelId, 'us.amazon.nova-lite-v1:0');
    assert.deepEqual(sent[0].input.system, [{ text: 'Be brief.' }]);
    assert.deepEqual(sent[0].input.inferenceConfig, { maxTokens: 100 });
    assert.equal(texts(events), 'Hello');
    assert.deepEqual(only(events, 'stop').map((e) => e.reason), ['end_turn']);
    assert.equal(only(events, 'usage')[0]?.outputTokens, 2);
  });

  it('Converse one-shot: one response, mapped whole', async () => {
    const { events, sent } = await run(new ConverseAdapter(), step('converse', 'amazon.nova-lite-v1:0'), () => ({
      output: { message: { role: 'assistant', content: [{ text: 'Hi there' }] } },
      stopReason: 'max_tokens',
      usage: { inputTokens: 1, outputTokens: 2 },
    }));
    assert.equal(sent[0].name, 'ConverseCommand');
    assert.equal(texts(events), 'Hi there');
    assert.deepEqual(only(events, 'stop').map((e) => e.reason), ['max_tokens']);
  });

  it('Invoke one-shot sends the family body (Claude: its bedrock version) and reads the family response', async () => {
    const { events, sent } = await run(new InvokeAdapter(), step('invoke', 'anthropic.claude-3-haiku-20240307-v1:0'), () => ({
      body: bytes({ content: [{ type: 'text', text: 'Hi' }], stop_reason: 'end_turn', usage: { input_tokens: 2, output_tokens: 1 } }),
    }));
    assert.equal(sent[0].name, 'InvokeModelCommand');
    const body = JSON.parse(new TextDecoder().decode(sent[0].input.body as Uint8Array));
    assert.equal(body.anthropic_version, 'bedrock-2023-05-31');
    assert.equal(body.system, 'Be brief.');
    assert.deepEqual(body.messages, [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
    assert.equal(texts(events), 'Hi');
    assert.deepEqual(only(events, 'usage').map((e) => [e.inputTokens, e.outputTokens]), [[2, 1]]);
  });

  it('Invoke streams chunks, and takes usage and latency from the invocation metrics', async () => {
    const { events, sent } = await run(new InvokeAdapter(), step('invoke-stream', 'meta.llama3-8b-instruct-v1:0'), () => ({
      body: asyncItems([
        { chunk: { bytes: bytes({ generation: 'Hi', stop_reason: null }) } },
        { chunk: { bytes: bytes({ generation: '!', stop_reason: 'stop', 'amazon-bedrock-invocationMetrics': { inputTokenCount: 4, outputTokenCount: 2, invocationLatency: 10, firstByteLatency: 3 } }) } },
      ]),
    }));
    assert.equal(sent[0].name, 'InvokeModelWithResponseStreamCommand');
    assert.match(JSON.parse(new TextDecoder().decode(sent[0].input.body as Uint8Array)).prompt, /^<\|begin_of_text\|>/);
    assert.equal(texts(events), 'Hi!');
    assert.deepEqual(only(events, 'usage').map((e) => [e.inputTokens, e.outputTokens]), [[4, 2]]);
    assert.deepEqual(only(events, 'metrics'), [{ type: 'metrics', latencyMs: 10, firstByteLatencyMs: 3 }]);
  });

  it('Invoke never guesses a body for an unknown family: it refuses before sending, as a route the router can leave', async () => {
    const connection = fakeConnection(() => assert.fail('nothing may be sent'));
    await assert.rejects(
      new InvokeAdapter().start(request, step('invoke', 'acme.mystery-v1:0'), { connection, signal: new AbortController().signal }),
      (e: unknown) => e instanceof BedrockError && e.classified.fallback?.kind === 'routeUnsupported',
    );
    assert.equal(connection.sent.length, 0);
  });
});

describe('the router adapter map', () => {
  it('maps every API an adapter declares to that adapter', () => {
    const map = createChatAdapters();
    for (const [api, adapter] of Object.entries(map)) assert.ok(adapter!.apis.includes(api as ApiId), `${api} is served by an adapter that declares it`);
    assert.equal(map.converse, map['converse-stream']);
    assert.equal(map.invoke, map['invoke-stream']);
    assert.deepEqual(Object.keys(map).sort(), ['chat-completions', 'converse', 'converse-stream', 'invoke', 'invoke-stream', 'messages', 'responses']);
  });

  it('refuses two adapters declaring the same API', () => {
    assert.throws(() => createChatAdapters([new ConverseAdapter(), new ConverseAdapter()]), /Two chat adapters declare converse/);
  });
});
