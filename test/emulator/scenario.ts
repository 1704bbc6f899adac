// Scripted replies. A scenario is JSON (file path or object): the first rule whose `match` fits the
// request decides the reply; `defaults` fill what a rule leaves out.
import { readFileSync } from 'node:fs';
import type { AgentScript } from './toolExchange';

export interface ScenarioToolCall {
  name: string;
  input: Record<string, unknown>;
  id?: string;
  /** Arguments sent as this text instead of `input` where the API carries them as text (streamed JSON, OpenAI `arguments`): e.g. broken JSON. */
  rawArguments?: string;
}

export interface ScenarioReply {
  /** Exact reply text (otherwise the seeded markdown generator writes one; Nova Sonic's spoken reply: a fixed sentence). */
  text?: string;
  /**
   * Nova Sonic: what the model hears in the user's next spoken turn (a rule with `heard` answers
   * spoken turns only; the typed words of a typed turn are what it hears there). Words naming a
   * declared tool make it call that tool, as typed words do.
   */
  heard?: string;
  /** A reasoning block before the text; streamed with a signature. */
  reasoning?: string | { text: string; signature?: string };
  toolCalls?: ScenarioToolCall[];
  /** A multi-step tool conversation: each step's calls in turn, then an answer quoting every result (see toolExchange.ts). */
  agent?: AgentScript;
  stopReason?: string;
  /** Streaming pace: tokens (deltas) per second; unset = as fast as possible. */
  tokensPerSecond?: number;
  /** Delay before the first content event of a stream (headers and messageStart go out at once). */
  firstTokenLatencyMs?: number;
  /** Characters per streamed delta (default: one word per delta). */
  chunkChars?: number;
  usage?: { inputTokens?: number; outputTokens?: number };
  /** Send the whole text whatever the request's max tokens (oversized replies for stress tests). */
  uncapped?: boolean;
  /**
   * How OpenAI-shaped replies (Chat Completions, gpt-oss InvokeModel) carry reasoning: `field`
   * (`reasoning_content`), `reasoning` (`<reasoning>…</reasoning>` inside `content`) or `think`
   * (`<think>…</think>`). Default by model: gpt-oss `reasoning`; DeepSeek, MiniMax, Kimi, Qwen `think`.
   */
  inlineReasoning?: 'field' | 'reasoning' | 'think';
  /**
   * Overrides for `amazon-bedrock-invocationMetrics` on InvokeModel streams. Real Claude streams can
   * disagree with their own `message_delta` usage (a capture shows 41 there against 60).
   */
  invocationMetrics?: { inputTokenCount?: number; outputTokenCount?: number };
}

export interface ScenarioMatch {
  model?: string;
  route?: string;
  /** Substring of the last user message. */
  promptIncludes?: string;
  /** Only when the request's last turn is (true) or is not (false) a tool result: an agent's next step. */
  afterToolResult?: boolean;
}

export interface ScenarioRule {
  match?: ScenarioMatch;
  reply: ScenarioReply;
  /** Use this rule only this many times. */
  times?: number;
}

export interface Scenario {
  seed?: number;
  defaults?: ScenarioReply;
  rules?: ScenarioRule[];
}

export function loadScenario(scenario: Scenario | string | undefined): Scenario {
  if (!scenario) return {};
  if (typeof scenario === 'string') return JSON.parse(readFileSync(scenario, 'utf8')) as Scenario;
  return scenario;
}

export class ScenarioPlayer {
  private readonly used = new Map<ScenarioRule, number>();
  constructor(readonly scenario: Scenario) {}

  /** `question`: the user's last words, which an `agent` rule's `promptIncludes` matches on every step. */
  pick(route: string, model: string | undefined, prompt: string, afterToolResult = false, question = prompt): ScenarioReply {
    const defaults = this.scenario.defaults ?? {};
    const rule = this.first((r) => r.reply.heard === undefined, route, model, prompt, afterToolResult, question);
    return rule ? { ...defaults, ...rule.reply } : defaults;
  }

  /** A Nova Sonic spoken turn: the first rule with `heard` whose model and route fit (nothing was typed to match); `defaults` do not apply. */
  pickSpoken(route: string, model: string): ScenarioReply | undefined {
    return this.first((r) => r.reply.heard !== undefined && !r.match?.promptIncludes, route, model, '', false, '')?.reply;
  }

  private first(fits: (rule: ScenarioRule) => boolean, route: string, model: string | undefined, prompt: string, afterToolResult: boolean, question: string): ScenarioRule | undefined {
    for (const rule of this.scenario.rules ?? []) {
      if (!fits(rule)) continue;
      const m = rule.match ?? {};
      if (m.model && m.model !== model) continue;
      if (m.route && m.route.toLowerCase() !== route.toLowerCase()) continue;
      if (m.promptIncludes && !(rule.reply.agent ? question : prompt).includes(m.promptIncludes)) continue;
      if (m.afterToolResult !== undefined && m.afterToolResult !== afterToolResult) continue;
      const n = this.used.get(rule) ?? 0;
      if (rule.times !== undefined && n >= rule.times) continue;
      this.used.set(rule, n + 1);
      return rule;
    }
    return undefined;
  }
}
