// The emulator's realistic oddities, seen through the vendors' own clients (AWS SDK, `openai`,
// `@anthropic-ai/sdk`): Anthropic error events inside a 200 stream, reasoning written inline as
// tags, every Responses error form, and a captive portal's HTML page.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'mocha';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { InvokeModelWithResponseStreamCommand, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { startEmulator } from '../../emulator/emulator';
import type { EmulatorHandle } from '../../emulator/emulator';
import { runtimeClient } from '../../emulator/sdkClients';

const REPLY = 'Hello there friend, the answer is 4.';
const REASONING = 'Add two and two.';
const CLAUDE = 'anthropic.claude-3-haiku-20240307-v1:0';
const MESSAGES_CLAUDE = 'anthropic.claude-mythos-preview';
const GPT_OSS = 'openai.gpt-oss-120b';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('emulator: decoding oddities through the vendor clients', () => {
  let emu: EmulatorHandle;
  before(async () => {
    emu = await startEmulator({ scenario: { defaults: { text: REPLY, reasoning: REASONING, chunkChars: 4 } } });
  });
  afterEach(() => emu.clearFaults());
  after(() => emu.close());

  const mantle = () => new OpenAI({ baseURL: `${emu.url}/v1`, apiKey: 'ABSKmantle', maxRetries: 0 });
  // Mythos Preview is served by bedrock-mantle alone (the emulator serves mantle under `/mantle`).
  const anthropic = () => new Anthropic({ baseURL: `${emu.url}/mantle/anthropic`, apiKey: 'ABSKanthropic', maxRetries: 0 });

  it('InvokeModelWithResponseStream (Claude): an overloaded_error arrives as an ordinary chunk, then the stream ends', async () => {
    emu.fault({ kind: 'inBandError', afterEvents: 4 });
    const res = await runtimeClient(emu.url, { maxAttempts: 1 }).send(
      new InvokeModelWithResponseStreamCommand({ modelId: CLAUDE, body: JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }) }),
    );
    const chunks: J[] = [];
    for await (const e of res.body!) chunks.push(JSON.parse(Buffer.from(e.chunk!.bytes!).toString('utf8')));
    assert.equal(chunks.length, 5);
    assert.equal(chunks[0].type, 'message_start');
    assert.deepEqual(chunks.at(-1), { type: 'error', error: { type: 'overloaded_error', message: 'Bedrock is unable to process your request.' } });
    assert.equal(emu.requests.at(-1)!.status, 200);
  });

  it('Messages (Anthropic SDK): an in-band rate_limit_error fails the stream with that type', async () => {
    emu.fault({ kind: 'inBandError', exception: 'throttling', afterEvents: 4 });
    const stream = await anthropic().messages.create({ model: MESSAGES_CLAUDE, max_tokens: 100, messages: [{ role: 'user', content: 'hi' }], stream: true });
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const e of stream) seen.push(e.type);
      })(),
      (e: unknown) => {
        assert.ok(e instanceof Anthropic.APIError);
        assert.equal((e.error as J).error.type, 'rate_limit_error');
        return true;
      },
    );
    assert.equal(seen[0], 'message_start');
  });

  it('Chat Completions (openai SDK): gpt-oss writes <reasoning> inside content, tags cut across deltas when streamed', async () => {
    const c = mantle();
    const whole = await c.chat.completions.create({ model: GPT_OSS, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(whole.choices[0]!.message.content, `<reasoning>${REASONING}</reasoning>${REPLY}`);
    const stream = await c.chat.completions.create({ model: GPT_OSS, messages: [{ role: 'user', content: 'hi' }], stream: true });
    const deltas: string[] = [];
    for await (const chunk of stream) if (chunk.choices[0]?.delta?.content) deltas.push(chunk.choices[0].delta.content);
    assert.equal(deltas.join(''), whole.choices[0]!.message.content);
    assert.ok(deltas.some((d) => d.includes('<') && !d.includes('>')), 'some tag is cut across deltas');
  });

  it('Responses (openai SDK): the error event and response.failed forms', async () => {
    emu.fault({ kind: 'exceptionAfter', exception: 'throttling', responsesForm: 'error', afterEvents: 6 });
    const events: J[] = [];
    for await (const e of await mantle().responses.create({ model: GPT_OSS, input: 'hi', stream: true })) events.push(e);
    assert.deepEqual(
      [events.at(-1)?.type, events.at(-1)?.code, events.at(-1)?.message],
      ['error', 'ThrottlingException', 'Too many requests, please wait before trying again.'],
      'the SDK hands the error event over like any other',
    );
    emu.fault({ kind: 'exceptionAfter', exception: 'throttling', afterEvents: 6 });
    await assert.rejects(
      (async () => {
        for await (const e of await mantle().responses.create({ model: GPT_OSS, input: 'hi', stream: true })) void e;
      })(),
      (e: unknown) => e instanceof OpenAI.APIError && /Too many requests/.test(e.message),
      'a bare {"error":{…}} event makes the SDK throw',
    );
    emu.fault({ kind: 'exceptionAfter', exception: 'internal', responsesForm: 'failed', afterEvents: 6 });
    const types: string[] = [];
    let failed: J | undefined;
    for await (const e of await mantle().responses.create({ model: GPT_OSS, input: 'hi', stream: true })) {
      types.push(e.type);
      if (e.type === 'response.failed') failed = e.response as J;
    }
    assert.equal(types.at(-1), 'response.failed');
    assert.deepEqual([failed?.status, failed?.error?.code], ['failed', 'server_error']);
  });

  it('a captive portal answers Converse with an HTML page: the SDK fails to deserialize it', async () => {
    emu.fault({ kind: 'htmlBody' });
    await assert.rejects(runtimeClient(emu.url, { maxAttempts: 1 }).send(new ConverseCommand({ modelId: 'amazon.nova-micro-v1:0', messages: [{ role: 'user', content: [{ text: 'hi' }] }] })), (e: J) => {
      assert.equal(e.name, 'SyntaxError');
      assert.equal(e.$metadata.httpStatusCode, 200);
      assert.match(e.$response.headers['content-type'], /text\/html/);
      return true;
    });
  });
});
