// What a successful turn carries, decoded the same on every route (real SDK clients and real HTTP
// against the emulator): reasoning written inline as `<reasoning>`/`<think>` tags becomes reasoning
// events and never reaches the reply, the history or a replayed request; and every route, every
// InvokeModel family included, reports token usage for the turn line.
import assert from 'node:assert/strict';
import type { ChatEvent } from '../../../src/core/bedrock/adapters/chatEvent';
import type { ChatRequest } from '../../../src/core/bedrock/adapters/chatRequest';
import type { EmulatorHandle } from '../../emulator/emulator';
import type { Scenario } from '../../emulator/scenario';
import { chat, makeRig, startEmulator, textOf, type Rig } from './routerHarness';
import { runStep, stepName, type Step } from './routeStepHarness';

const REPLY = 'Hello there friend, the answer is 4.';
const REASONING = 'Add two and two, then check the units.';
const GPT_OSS = 'openai.gpt-oss-20b-1:0';
const GPT_OSS_MANTLE = 'openai.gpt-oss-20b';
// bedrock-runtime takes Responses only through a cross-Region profile, and knows no mantle-only model.
const RUNTIME_RESPONSES_MODEL = 'us.openai.gpt-6.1-sol';
const RUNTIME_MESSAGES_MODEL = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const THINKER = 'minimax.minimax-m2';

const reasoningOf = (ev: ChatEvent[]) => ev.map((e) => (e.type === 'reasoning' ? e.text : '')).join('');
const usageOf = (ev: ChatEvent[]) => ev.filter((e): e is Extract<ChatEvent, { type: 'usage' }> => e.type === 'usage');
const TAG = /<\/?(reasoning|think)\b|<\/?(reas|thi)$/;

async function withEmulator(scenario: Scenario, body: (emu: EmulatorHandle, rig: Rig) => Promise<void>): Promise<void> {
  const emu = await startEmulator({ scenario });
  const rig = await makeRig(emu);
  try {
    await body(emu, rig);
  } finally {
    rig.dispose();
    await emu.close();
  }
}

describe('decoding: inline reasoning and usage on every route (emulator)', function () {
  describe('inline reasoning tags', () => {
    // Three characters per delta: every tag arrives cut across deltas.
    const scenario: Scenario = { defaults: { text: REPLY, reasoning: REASONING, chunkChars: 3 } };
    const routes: Array<[Step, string]> = [
      [{ api: 'chat-completions', endpoint: 'runtime', target: GPT_OSS }, '<reasoning>'],
      [{ api: 'chat-completions', endpoint: 'runtime', target: GPT_OSS, nonStreaming: true }, '<reasoning>'],
      [{ api: 'chat-completions', endpoint: 'mantle', target: GPT_OSS_MANTLE }, '<reasoning>'],
      [{ api: 'chat-completions', endpoint: 'mantle', target: GPT_OSS_MANTLE, nonStreaming: true }, '<reasoning>'],
      [{ api: 'chat-completions', endpoint: 'mantle', target: THINKER }, '<think>'],
      [{ api: 'chat-completions', endpoint: 'mantle', target: THINKER, nonStreaming: true }, '<think>'],
      [{ api: 'invoke-stream', endpoint: 'runtime', target: GPT_OSS }, '<reasoning>'],
      [{ api: 'invoke', endpoint: 'runtime', target: GPT_OSS }, '<reasoning>'],
    ];
    for (const [step, tag] of routes) {
      it(`${stepName(step)} (${step.target}): ${tag} becomes reasoning, the reply and its replay carry no tag`, () =>
        withEmulator(scenario, async (emu, rig) => {
          const ev = await runStep(rig, step, chat(step.target));
          assert.equal(reasoningOf(ev), REASONING);
          assert.equal(textOf(ev), REPLY);
          for (const e of ev) if (e.type === 'text' || e.type === 'reasoning') assert.doesNotMatch(e.text, TAG, JSON.stringify(e));
          // The next turn sends the history back the way the chat panel keeps it: text plus signed reasoning only.
          const replay: ChatRequest = chat(step.target, {
            messages: [
              { role: 'user', content: [{ type: 'text', text: 'Say hello' }] },
              { role: 'assistant', content: [{ type: 'reasoning', text: reasoningOf(ev) }, { type: 'text', text: textOf(ev) }] },
              { role: 'user', content: [{ type: 'text', text: 'And then?' }] },
            ],
          });
          await runStep(rig, step, replay);
          const sent = JSON.stringify(emu.requests[emu.requests.length - 1].body);
          assert.ok(sent.includes(REPLY), 'the reply went back as history');
          assert.doesNotMatch(sent, /<\/?(reasoning|think)>/);
          assert.ok(!sent.includes(REASONING), 'unsigned reasoning is not replayed');
        }));
    }

    it('the emulator really writes the tags inline (so the tests above test something)', () =>
      withEmulator(scenario, async (emu) => {
        for (const [model, tag] of [
          [GPT_OSS, '<reasoning>'],
          [THINKER, '<think>'],
        ]) {
          const res = await fetch(`${emu.url}/openai/v1/chat/completions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: 'Bearer test' },
            body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
          });
          const j = (await res.json()) as { choices: Array<{ message: { content: string; reasoning_content?: string } }> };
          assert.equal(j.choices[0].message.content, `${tag}${REASONING}${tag.replace('<', '</')}${REPLY}`);
          assert.equal(j.choices[0].message.reasoning_content, undefined);
        }
      }));
  });

  describe('usage', () => {
    const USAGE = { inputTokens: 321, outputTokens: 54 };

    const noBodyUsage: Array<[string, string]> = [
      ['mistral.mistral-7b-instruct-v0:2', 'mistralText'],
      ['cohere.command-r-v1:0', 'cohereCommand'],
      ['us.deepseek.r1-v1:0', 'deepseek'],
    ];
    for (const [target, family] of noBodyUsage) {
      it(`invoke@runtime ${family}: no usage in the body, so tokens and latency come from the x-amzn-bedrock-* headers`, () =>
        withEmulator({ defaults: { text: REPLY, usage: USAGE } }, async (_emu, rig) => {
          const ev = await runStep(rig, { api: 'invoke', endpoint: 'runtime', target }, chat(target));
          assert.deepEqual(
            usageOf(ev).map((u) => [u.inputTokens, u.outputTokens]),
            [[USAGE.inputTokens, USAGE.outputTokens]],
          );
          const metrics = ev.find((e) => e.type === 'metrics');
          assert.ok(metrics && metrics.type === 'metrics' && typeof metrics.latencyMs === 'number' && metrics.latencyMs > 0, 'latency header read');
        }));
    }

    it('invoke-stream@runtime Claude: message_start/message_delta usage wins over amazon-bedrock-invocationMetrics', () =>
      // Mirrors a real capture where the two disagree (60 output tokens against 41).
      withEmulator({ defaults: { text: REPLY, usage: { inputTokens: 365, outputTokens: 60 }, invocationMetrics: { outputTokenCount: 41 } } }, async (_emu, rig) => {
        const target = 'anthropic.claude-3-haiku-20240307-v1:0';
        const ev = await runStep(rig, { api: 'invoke-stream', endpoint: 'runtime', target }, chat(target));
        assert.deepEqual(usageOf(ev).map((u) => [u.inputTokens, u.outputTokens]), [[365, 60]]);
        assert.ok(ev.some((e) => e.type === 'metrics'), 'invocation metrics still give the latency');
      }));

    it('messages (SSE) on runtime and mantle: input from message_start, output from message_delta', () =>
      withEmulator({ defaults: { text: REPLY, usage: { inputTokens: 365, outputTokens: 60 } } }, async (_emu, rig) => {
        for (const endpoint of ['runtime', 'mantle'] as const) {
          const target = endpoint === 'runtime' ? RUNTIME_MESSAGES_MODEL : 'anthropic.claude-mythos-preview';
          const ev = await runStep(rig, { api: 'messages', endpoint, target }, chat(target));
          assert.deepEqual(usageOf(ev).map((u) => [u.inputTokens, u.outputTokens]), [[365, 60]], endpoint);
        }
      }));

    // The turn line prints "<in> in / <out> out": every route and family must give both numbers.
    const everyRoute: Step[] = [
      { api: 'converse-stream', endpoint: 'runtime', target: 'amazon.nova-micro-v1:0' },
      { api: 'converse', endpoint: 'runtime', target: 'amazon.nova-micro-v1:0' },
      ...[
        'anthropic.claude-3-haiku-20240307-v1:0',
        'amazon.nova-micro-v1:0',
        'meta.llama3-8b-instruct-v1:0',
        'mistral.mistral-7b-instruct-v0:2',
        'mistral.mistral-large-2402-v1:0',
        'cohere.command-r-v1:0',
        'ai21.jamba-1-5-mini-v1:0',
        'us.deepseek.r1-v1:0',
        GPT_OSS,
      ].flatMap((target): Step[] => [
        { api: 'invoke', endpoint: 'runtime', target },
        { api: 'invoke-stream', endpoint: 'runtime', target },
      ]),
      { api: 'chat-completions', endpoint: 'runtime', target: GPT_OSS },
      { api: 'chat-completions', endpoint: 'runtime', target: GPT_OSS, nonStreaming: true },
      { api: 'chat-completions', endpoint: 'mantle', target: GPT_OSS_MANTLE },
      { api: 'chat-completions', endpoint: 'mantle', target: GPT_OSS_MANTLE, nonStreaming: true },
      { api: 'responses', endpoint: 'runtime', target: RUNTIME_RESPONSES_MODEL },
      { api: 'responses', endpoint: 'mantle', target: GPT_OSS_MANTLE, nonStreaming: true },
      { api: 'messages', endpoint: 'mantle', target: 'anthropic.claude-mythos-preview', nonStreaming: true },
    ];
    it(`every route and InvokeModel family gives input and output tokens (${everyRoute.length} routes)`, () =>
      withEmulator({ defaults: { text: REPLY, usage: USAGE } }, async (_emu, rig) => {
        const missing: string[] = [];
        for (const step of everyRoute) {
          const ev = await runStep(rig, step, chat(step.target));
          const last = usageOf(ev).at(-1);
          if (!last || last.inputTokens !== USAGE.inputTokens || last.outputTokens !== USAGE.outputTokens) {
            missing.push(`${stepName(step)} ${step.target}: ${JSON.stringify(usageOf(ev))} ${JSON.stringify(ev.find((e) => e.type === 'error'))}`);
          }
        }
        assert.deepEqual(missing, []);
      }));
  });
});
