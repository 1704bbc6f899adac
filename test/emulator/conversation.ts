// Every API's request is reduced to a Conversation; the reply to it is planned once (ReplyPlan)
// and then rendered in each API's wire shape. That keeps replies identical across APIs.
import type { ScenarioPlayer, ScenarioReply } from './scenario';
import { countTokens, generateMarkdown, generateReasoning, splitDeltas } from './replyText';
import { hash32, prng, randomId } from './random';
import { agentStep } from './toolExchange';

export interface ToolDef {
  name: string;
  schema?: Record<string, unknown>;
}

export interface Conversation {
  /** Text of the last user turn. */
  prompt: string;
  /** All input text, for usage figures. */
  inputText: string;
  maxTokens?: number;
  stopSequences?: string[];
  tools: ToolDef[];
  /** The last turn is a tool result (so answer with text, not another call). */
  afterToolResult: boolean;
  thinking: boolean;
  /** What images and documents arrived (`Received image png 68 bytes…`); the reply starts with it. */
  media?: string;
  /** Assistant messages that already called tools (a scripted agent's step). */
  toolRounds?: number;
  /** What the tools returned so far, in order. */
  toolResults?: string[];
  /** The user's last words, which a scripted agent's rule matches on every step. */
  question?: string;
}

export interface PlannedToolCall {
  id: string;
  name: string;
  input: Record<string, unknown>;
  /** Arguments as sent where the API carries text (may be broken JSON on purpose). */
  rawArguments?: string;
}

export interface ReplyPlan {
  reasoning?: { text: string; signature: string };
  text: string;
  toolCalls: PlannedToolCall[];
  stopReason: 'end_turn' | 'max_tokens' | 'tool_use' | 'stop_sequence' | string;
  inputTokens: number;
  outputTokens: number;
  deltas: string[];
  /** The scenario's delta size, for renderers that re-split (inline reasoning). */
  chunkChars?: number;
  inlineReasoning?: ScenarioReply['inlineReasoning'];
  invocationMetrics?: ScenarioReply['invocationMetrics'];
  pace: { tokensPerSecond?: number; firstTokenLatencyMs?: number };
}

export interface PlanContext {
  seed: number;
  scenario: ScenarioPlayer;
  route: string;
  modelId: string;
}

function sampleValue(schema: Record<string, unknown> | undefined, key: string): unknown {
  const type = schema?.type;
  if (Array.isArray(schema?.enum) && schema.enum.length > 0) return schema.enum[0];
  if (type === 'number' || type === 'integer') return 42;
  if (type === 'boolean') return true;
  if (type === 'array') return [];
  if (type === 'object') return {};
  return key === 'location' || key === 'city' ? 'Seattle' : `sample-${key}`;
}

function sampleInput(schema: Record<string, unknown> | undefined): Record<string, unknown> {
  const props = (schema?.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = Array.isArray(schema?.required) ? (schema.required as string[]) : Object.keys(props);
  const out: Record<string, unknown> = {};
  for (const k of required) out[k] = sampleValue(props[k], k);
  return out;
}

function truncateToTokens(text: string, max: number): string {
  return text.slice(0, Math.max(0, max * 4));
}

export function planReply(conv: Conversation, ctx: PlanContext): ReplyPlan {
  const script: ScenarioReply = ctx.scenario.pick(ctx.route, ctx.modelId, conv.prompt, conv.afterToolResult, conv.question);
  // Each model step gets its own ids, as the service's are unique.
  const rand = prng(hash32(`ids|${ctx.seed}|${ctx.modelId}|${conv.prompt}${conv.toolRounds ? `|${conv.toolRounds}` : ''}`));
  const scripted = script.agent ? agentStep(script.agent, conv, () => `tooluse_${randomId(rand, 22)}`) : undefined;
  let toolCalls: PlannedToolCall[] =
    scripted?.toolCalls ??
    (script.toolCalls ?? []).map((t) => ({
      id: t.id ?? `tooluse_${randomId(rand, 22)}`,
      name: t.name,
      input: t.input,
      ...(t.rawArguments !== undefined ? { rawArguments: t.rawArguments } : {}),
    }));
  if (!scripted && !script.toolCalls && !script.text && conv.tools.length > 0 && !conv.afterToolResult) {
    // Default: call a tool only when the user names it, so tool-free prompts still get text.
    const named = conv.tools.find((t) => conv.prompt.includes(t.name));
    if (named) toolCalls = [{ id: `tooluse_${randomId(rand, 22)}`, name: named.name, input: sampleInput(named.schema) }];
  }
  let text =
    scripted?.text ??
    script.text ??
    (toolCalls.length > 0 ? `I'll call ${toolCalls.map((t) => t.name).join(', ')} to answer that.` : generateMarkdown(ctx.seed, ctx.modelId, conv.prompt));
  if (conv.media && !script.text) text = `${conv.media}\n\n${text}`;
  let stopReason = script.stopReason ?? (toolCalls.length > 0 ? 'tool_use' : 'end_turn');
  for (const s of conv.stopSequences ?? []) {
    const at = s ? text.indexOf(s) : -1;
    if (at >= 0) {
      text = text.slice(0, at);
      stopReason = 'stop_sequence';
      toolCalls = [];
    }
  }
  const reasoningText =
    typeof script.reasoning === 'string' ? script.reasoning : script.reasoning?.text ?? (conv.thinking ? generateReasoning(ctx.seed, conv.prompt) : undefined);
  const reasoning =
    reasoningText === undefined
      ? undefined
      : {
          text: reasoningText,
          signature:
            (typeof script.reasoning === 'object' ? script.reasoning.signature : undefined) ??
            Buffer.from(`sig|${hash32(reasoningText)}|${ctx.modelId}`).toString('base64'),
        };
  if (!script.uncapped && conv.maxTokens !== undefined && countTokens(text) > conv.maxTokens) {
    text = truncateToTokens(text, conv.maxTokens);
    stopReason = 'max_tokens';
    toolCalls = [];
  }
  const outputTokens =
    script.usage?.outputTokens ??
    countTokens(text) + (reasoning ? countTokens(reasoning.text) : 0) + toolCalls.reduce((n, t) => n + countTokens(JSON.stringify(t.input)), 0);
  return {
    reasoning,
    text,
    toolCalls,
    stopReason,
    inputTokens: script.usage?.inputTokens ?? Math.max(1, countTokens(conv.inputText)),
    outputTokens,
    deltas: splitDeltas(text, script.chunkChars),
    chunkChars: script.chunkChars,
    inlineReasoning: script.inlineReasoning,
    invocationMetrics: script.invocationMetrics,
    pace: { tokensPerSecond: script.tokensPerSecond, firstTokenLatencyMs: script.firstTokenLatencyMs },
  };
}

/** A tool call's arguments as text: the scripted raw text, or the input as JSON. */
export function argumentsText(t: PlannedToolCall): string {
  return t.rawArguments ?? JSON.stringify(t.input);
}

/** Splits a JSON string into a few fragments, like real tool-input deltas. */
export function jsonFragments(json: string): string[] {
  if (json.length <= 8) return [json];
  const n = Math.min(4, Math.ceil(json.length / 12));
  const size = Math.ceil(json.length / n);
  const out: string[] = [];
  for (let i = 0; i < json.length; i += size) out.push(json.slice(i, i + size));
  return out;
}

export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map(textOf).join('\n');
  if (content && typeof content === 'object') {
    const o = content as Record<string, unknown>;
    if (typeof o.text === 'string') return o.text;
    if (o.text && typeof o.text === 'object') return textOf(o.text);
    if (typeof o.value === 'string') return o.value;
    if (o.content !== undefined) return textOf(o.content);
    if (o.json !== undefined) return JSON.stringify(o.json);
  }
  return '';
}
