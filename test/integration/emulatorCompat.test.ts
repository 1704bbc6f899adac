// OpenAI- and Anthropic-compatible endpoints through the real `openai` and `@anthropic-ai/sdk`
// clients: models list, Chat Completions, Responses, Messages, streamed as SSE, and route errors.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'mocha';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { startEmulator } from '../emulator/emulator';
import type { EmulatorHandle } from '../emulator/emulator';

const GPT_OSS = 'openai.gpt-oss-120b';
const FRONTIER = 'openai.gpt-5.5';
const CLAUDE = 'anthropic.claude-haiku-4-5-20251001-v1:0';

describe('emulator compatible endpoints', () => {
  let emu: EmulatorHandle;
  before(async () => {
    emu = await startEmulator({
      seed: 11,
      scenario: { rules: [{ match: { promptIncludes: 'LOOKUP' }, reply: { toolCalls: [{ name: 'lookup', input: { q: 'bedrock' } }], text: '' } }] },
    });
  });
  afterEach(() => emu.clearFaults());
  after(() => emu.close());

  const mantle = () => new OpenAI({ baseURL: `${emu.url}/v1`, apiKey: 'ABSKmantle', maxRetries: 0 });
  const runtime = () => new OpenAI({ baseURL: `${emu.url}/openai/v1`, apiKey: 'ABSKruntime', maxRetries: 0 });
  const anthropic = () => new Anthropic({ baseURL: `${emu.url}/anthropic`, apiKey: 'ABSKanthropic', maxRetries: 0 });

  describe('OpenAI', () => {
    it('lists models on /v1/models', async () => {
      const ids: string[] = [];
      for await (const m of mantle().models.list()) ids.push(m.id);
      assert.ok(ids.includes('openai.gpt-oss-120b-1:0'));
      assert.ok(ids.includes(FRONTIER));
      assert.equal(emu.requests.at(-1)!.auth.kind, 'bearer');
    });

    it('Chat Completions, plain and streamed, agree', async () => {
      const c = runtime();
      const whole = await c.chat.completions.create({ model: GPT_OSS, messages: [{ role: 'user', content: 'compare these' }] });
      const text = whole.choices[0]!.message.content!;
      assert.match(text, /^## /);
      assert.equal(whole.choices[0]!.finish_reason, 'stop');
      assert.ok(whole.usage!.completion_tokens > 0);
      const stream = await c.chat.completions.create({ model: GPT_OSS, messages: [{ role: 'user', content: 'compare these' }], stream: true, stream_options: { include_usage: true } });
      let streamed = '';
      let usage = 0;
      for await (const chunk of stream) {
        streamed += chunk.choices[0]?.delta?.content ?? '';
        if (chunk.usage) usage = chunk.usage.completion_tokens;
      }
      assert.equal(streamed, text);
      assert.equal(usage, whole.usage!.completion_tokens);
      const rec = emu.requests.at(-1)!;
      assert.deepEqual([rec.route, rec.service, rec.modelId, rec.resolvedModelId], ['ChatCompletions', 'bedrock-runtime', GPT_OSS, 'openai.gpt-oss-120b-1:0']);
    });

    it('streams tool calls the SDK can reassemble', async () => {
      const stream = mantle().chat.completions.stream({
        model: GPT_OSS,
        messages: [{ role: 'user', content: 'LOOKUP please' }],
        tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } } }],
      });
      const final = await stream.finalChatCompletion();
      const call = final.choices[0]!.message.tool_calls![0]!;
      assert.equal(call.type === 'function' && call.function.name, 'lookup');
      assert.deepEqual(call.type === 'function' && JSON.parse(call.function.arguments), { q: 'bedrock' });
      assert.equal(final.choices[0]!.finish_reason, 'tool_calls');
    });

    it('Responses, plain and streamed', async () => {
      const c = mantle();
      const whole = await c.responses.create({ model: GPT_OSS, input: 'summarise bedrock' });
      assert.match(whole.output_text, /^## /);
      assert.equal(whole.status, 'completed');
      const stream = await c.responses.create({ model: GPT_OSS, input: 'summarise bedrock', stream: true });
      let text = '';
      let completed = false;
      for await (const ev of stream) {
        if (ev.type === 'response.output_text.delta') text += ev.delta;
        if (ev.type === 'response.completed') completed = ev.response.output_text === whole.output_text || ev.response.status === 'completed';
      }
      assert.equal(text, whole.output_text);
      assert.ok(completed);
    });

    it('Chat Completions refuses a model without that API; frontier models answer Responses', async () => {
      await assert.rejects(mantle().chat.completions.create({ model: CLAUDE, messages: [{ role: 'user', content: 'x' }] }), (e: unknown) => {
        assert.ok(e instanceof OpenAI.BadRequestError);
        assert.equal(e.message, `400 The model '${CLAUDE}' does not support the '/v1/chat/completions' API`);
        return true;
      });
      const ok = await runtime().responses.create({ model: FRONTIER, input: 'x' });
      assert.ok(ok.output_text.length > 0);
      assert.equal(emu.requests.at(-1)!.resolvedModelId, FRONTIER);
    });

    it('unknown model → 404; faults come back as OpenAI errors', async () => {
      await assert.rejects(mantle().chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] }), OpenAI.NotFoundError);
      emu.fault({ kind: 'throttling', route: 'ChatCompletions' });
      await assert.rejects(mantle().chat.completions.create({ model: GPT_OSS, messages: [{ role: 'user', content: 'x' }] }), (e: unknown) => {
        assert.ok(e instanceof OpenAI.RateLimitError);
        assert.equal(e.status, 429);
        return true;
      });
    });

    it('mid-stream exception arrives as an SSE error the SDK throws', async () => {
      emu.fault({ kind: 'exceptionAfter', route: 'ChatCompletions', afterEvents: 3 });
      const stream = await mantle().chat.completions.create({ model: GPT_OSS, messages: [{ role: 'user', content: 'x' }], stream: true });
      let n = 0;
      await assert.rejects(
        (async () => {
          for await (const _ of stream) n++;
        })(),
        OpenAI.APIError,
      );
      assert.equal(n, 3);
    });
  });

  describe('Anthropic Messages', () => {
    it('non-streamed message; this SDK version sends the key as Bearer', async () => {
      const msg = await anthropic().messages.create({ model: CLAUDE, max_tokens: 1024, messages: [{ role: 'user', content: 'hello claude' }] });
      assert.equal(msg.role, 'assistant');
      assert.equal(msg.content[0]!.type, 'text');
      assert.equal(msg.stop_reason, 'end_turn');
      const rec = emu.requests.at(-1)!;
      assert.deepEqual([rec.route, rec.service, rec.auth.kind, rec.auth.token], ['Messages', 'bedrock-mantle', 'bearer', 'ABSKanthropic']);
      assert.ok(rec.headers['anthropic-version']);
      // AWS's curl examples use x-api-key; accepted too.
      const res = await fetch(`${emu.url}/anthropic/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': 'ABSKcurl', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
        body: JSON.stringify({ model: CLAUDE, max_tokens: 10, messages: [{ role: 'user', content: 'curl' }] }),
      });
      assert.equal(res.status, 200);
      assert.equal(emu.requests.at(-1)!.auth.kind, 'apiKey');
    });

    it('streams SSE events the SDK accumulates into the same message', async () => {
      const c = anthropic();
      const whole = await c.messages.create({ model: CLAUDE, max_tokens: 1024, messages: [{ role: 'user', content: 'stream claude' }] });
      const final = await c.messages.stream({ model: CLAUDE, max_tokens: 1024, messages: [{ role: 'user', content: 'stream claude' }] }).finalMessage();
      assert.deepEqual(final.content, whole.content);
      assert.equal(final.usage.output_tokens, whole.usage.output_tokens);
    });

    it('thinking blocks with signatures, with Bearer auth', async () => {
      const c = new Anthropic({ baseURL: `${emu.url}/anthropic`, authToken: 'ABSKbearer', apiKey: null, maxRetries: 0 });
      const final = await c.messages
        .stream({ model: CLAUDE, max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 2048 }, messages: [{ role: 'user', content: 'think' }] })
        .finalMessage();
      const thinking = final.content[0]!;
      assert.equal(thinking.type, 'thinking');
      assert.ok(thinking.type === 'thinking' && thinking.signature.length > 0);
      assert.equal(emu.requests.at(-1)!.auth.kind, 'bearer');
    });

    it('rejects a model without Messages support, and maps faults to Anthropic errors', async () => {
      await assert.rejects(anthropic().messages.create({ model: GPT_OSS, max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }), (e: unknown) => {
        assert.ok(e instanceof Anthropic.BadRequestError);
        assert.match(e.message, /model openai\.gpt-oss-120b isn't supported on this route/);
        return true;
      });
      emu.fault({ kind: 'serviceUnavailable', route: 'Messages' });
      await assert.rejects(anthropic().messages.create({ model: CLAUDE, max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }), (e: unknown) => {
        assert.ok(e instanceof Anthropic.APIError);
        assert.equal(e.status, 503);
        return true;
      });
    });
  });
});
