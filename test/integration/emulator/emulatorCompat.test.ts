// OpenAI- and Anthropic-compatible endpoints through the real `openai` and `@anthropic-ai/sdk`
// clients: models list, Chat Completions, Responses, Messages, streamed as SSE, and route errors.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'mocha';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { startEmulator } from '../../emulator/emulator';
import type { EmulatorHandle } from '../../emulator/emulator';

// Mantle names models by in-Region ids without the version suffix; the runtime by its own ids and
// cross-Region profiles.
const GPT_OSS = 'openai.gpt-oss-120b';
const GPT_OSS_RUNTIME = 'openai.gpt-oss-120b-1:0';
const FRONTIER = 'openai.gpt-5.5';
const FRONTIER_RUNTIME = 'us.openai.gpt-6.1-sol';
const CLAUDE = 'anthropic.claude-haiku-4-5-20251001';
const CLAUDE_RUNTIME = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';

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

  // Mantle is its own host in AWS; the emulator serves it under `/mantle`.
  const mantle = (prefix = '/v1') => new OpenAI({ baseURL: `${emu.url}/mantle${prefix}`, apiKey: 'ABSKmantle', maxRetries: 0 });
  const runtime = () => new OpenAI({ baseURL: `${emu.url}/openai/v1`, apiKey: 'ABSKruntime', maxRetries: 0 });
  const anthropic = () => new Anthropic({ baseURL: `${emu.url}/mantle/anthropic`, apiKey: 'ABSKanthropic', maxRetries: 0 });

  describe('OpenAI', () => {
    it('lists models on /v1/models', async () => {
      const ids: string[] = [];
      for await (const m of mantle().models.list()) ids.push(m.id);
      assert.ok(ids.includes(GPT_OSS), 'mantle lists its own id form');
      assert.ok(!ids.includes(GPT_OSS_RUNTIME), 'not the runtime form');
      assert.ok(ids.includes(FRONTIER), 'and models only mantle serves');
      assert.equal(emu.requests.at(-1)!.auth.kind, 'bearer');
    });

    it('Chat Completions, plain and streamed, agree', async () => {
      const c = runtime();
      const whole = await c.chat.completions.create({ model: GPT_OSS_RUNTIME, messages: [{ role: 'user', content: 'compare these' }] });
      const text = whole.choices[0]!.message.content!;
      assert.match(text, /^## /);
      assert.equal(whole.choices[0]!.finish_reason, 'stop');
      assert.ok(whole.usage!.completion_tokens > 0);
      const stream = await c.chat.completions.create({ model: GPT_OSS_RUNTIME, messages: [{ role: 'user', content: 'compare these' }], stream: true, stream_options: { include_usage: true } });
      let streamed = '';
      let usage = 0;
      for await (const chunk of stream) {
        streamed += chunk.choices[0]?.delta?.content ?? '';
        if (chunk.usage) usage = chunk.usage.completion_tokens;
      }
      assert.equal(streamed, text);
      assert.equal(usage, whole.usage!.completion_tokens);
      const rec = emu.requests.at(-1)!;
      assert.deepEqual([rec.route, rec.service, rec.modelId, rec.resolvedModelId], ['ChatCompletions', 'bedrock-runtime', GPT_OSS_RUNTIME, GPT_OSS_RUNTIME]);
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
      const ok = await mantle('/openai/v1').responses.create({ model: FRONTIER, input: 'x' });
      assert.ok(ok.output_text.length > 0);
      assert.equal(emu.requests.at(-1)!.resolvedModelId, FRONTIER);
      assert.equal(emu.requests.at(-1)!.service, 'bedrock-mantle');
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
      const res = await fetch(`${emu.url}/mantle/anthropic/v1/messages`, {
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
      const c = new Anthropic({ baseURL: `${emu.url}/mantle/anthropic`, authToken: 'ABSKbearer', apiKey: null, maxRetries: 0 });
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
  describe('which host takes which id', () => {
    const runtimeAnthropic = () => new Anthropic({ baseURL: `${emu.url}/anthropic`, apiKey: 'ABSKruntime', maxRetries: 0 });
    const badRequest = (pattern: RegExp) => (e: unknown) => {
      assert.ok(e instanceof OpenAI.APIError || e instanceof Anthropic.APIError, String(e));
      assert.equal((e as { status?: number }).status, 400);
      assert.match((e as Error).message, pattern);
      return true;
    };

    it('bedrock-runtime Responses: a cross-Region profile, plain and streamed', async () => {
      const whole = await runtime().responses.create({ model: FRONTIER_RUNTIME, input: 'summarise bedrock' });
      assert.equal(whole.status, 'completed');
      let streamed = '';
      for await (const ev of await runtime().responses.create({ model: FRONTIER_RUNTIME, input: 'summarise bedrock', stream: true })) {
        if (ev.type === 'response.output_text.delta') streamed += ev.delta;
      }
      assert.equal(streamed, whole.output_text);
      const rec = emu.requests.at(-1)!;
      assert.deepEqual([rec.route, rec.service, rec.path], ['Responses', 'bedrock-runtime', '/openai/v1/responses']);
    });

    it('bedrock-runtime Responses refuses an in-Region id, background mode and server-side tools', async () => {
      await assert.rejects(runtime().responses.create({ model: GPT_OSS_RUNTIME, input: 'x' }), badRequest(/cross-Region inference profile/));
      await assert.rejects(runtime().responses.create({ model: FRONTIER_RUNTIME, input: 'x', background: true }), badRequest(/Background mode is not supported on bedrock-runtime/));
      await assert.rejects(runtime().responses.create({ model: FRONTIER_RUNTIME, input: 'x', tools: [{ type: 'web_search' }] }), badRequest(/only function tools/));
    });

    it('bedrock-runtime Messages: runtime ids and profiles; a profile-only model needs its profile', async () => {
      const msg = await runtimeAnthropic().messages.create({ model: CLAUDE_RUNTIME, max_tokens: 2000, messages: [{ role: 'user', content: 'hello runtime' }] });
      assert.equal(msg.stop_reason, 'end_turn');
      const rec = emu.requests.at(-1)!;
      assert.deepEqual([rec.route, rec.service, rec.path], ['Messages', 'bedrock-runtime', '/anthropic/v1/messages']);
      const streamed = await runtimeAnthropic().messages.stream({ model: CLAUDE_RUNTIME, max_tokens: 2000, messages: [{ role: 'user', content: 'hello runtime' }] }).finalMessage();
      assert.deepEqual(streamed.content, msg.content);
      await assert.rejects(
        runtimeAnthropic().messages.create({ model: CLAUDE_RUNTIME.slice(3), max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }),
        badRequest(/on-demand throughput isn.t supported/),
      );
    });

    it('each host refuses the other host\'s id form; mantle refuses the wrong path prefix', async () => {
      await assert.rejects(runtime().chat.completions.create({ model: GPT_OSS, messages: [{ role: 'user', content: 'x' }] }), badRequest(/The provided model identifier is invalid\./));
      await assert.rejects(mantle().chat.completions.create({ model: GPT_OSS_RUNTIME, messages: [{ role: 'user', content: 'x' }] }), OpenAI.NotFoundError);
      await assert.rejects(anthropic().messages.create({ model: CLAUDE_RUNTIME, max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }), Anthropic.NotFoundError);
      await assert.rejects(mantle('/v1').chat.completions.create({ model: FRONTIER, messages: [{ role: 'user', content: 'x' }] }), badRequest(/model openai\.gpt-5\.5 isn't supported on this route/));
      await assert.rejects(mantle('/openai/v1').chat.completions.create({ model: GPT_OSS, messages: [{ role: 'user', content: 'x' }] }), badRequest(/isn't supported on this route/));
      const ok = await mantle('/openai/v1').chat.completions.create({ model: FRONTIER, messages: [{ role: 'user', content: 'x' }] });
      assert.ok(ok.choices[0]!.message.content);
      // Only mantle serves it: the runtime does not know the id.
      await assert.rejects(runtime().chat.completions.create({ model: FRONTIER, messages: [{ role: 'user', content: 'x' }] }), badRequest(/The provided model identifier is invalid\./));
    });
  });
});
