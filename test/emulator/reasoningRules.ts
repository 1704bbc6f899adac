// What Bedrock checks in a request's reasoning fields, per model family and per API, so a request
// the service would refuse is refused here too (with the service's kind of message):
//  - Claude extended thinking `{type: "enabled", budget_tokens}`: Claude 3.7 Sonnet and Claude 4+
//    only; budget an integer >= 1024 and below max tokens; temperature only 1, top-p only >= 0.95,
//    no top-k while thinking.
//  - Claude adaptive thinking `{type: "adaptive"}`: Claude 4.6 and later only.
//  - Effort (Converse `outputConfig.effort`, Anthropic `output_config.effort`): low/medium/high/
//    xhigh/max; Claude only, not Sonnet/Haiku 4.5 or older; above high only with thinking on.
//  - `reasoning_effort` low/medium/high: gpt-oss only (Converse additionalModelRequestFields,
//    InvokeModel, Chat Completions); Responses' `reasoning.effort` the same values.
//  - Nova 2 `reasoningConfig {type: enabled|disabled, maxReasoningEffort: low|medium|high}`.
// The emulator's own table, independent of the extension's, so a wrong product table fails here.
import type { CatalogModel } from './catalog';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ADAPTIVE_CLAUDE = /claude-((opus|sonnet|haiku)-4-[6-9]|(opus|sonnet|haiku)-[5-9]|fable|mythos)/;
const THINKING_CLAUDE = /claude-(3-7-sonnet|sonnet-4|opus-4|haiku-4-5)/;
const EFFORT_LEVELS = ['low', 'medium', 'high', 'xhigh', 'max'];
const OPENAI_EFFORTS = ['low', 'medium', 'high'];

/** Where the fields sit in the request being checked. */
export interface ReasoningFields {
  /** Claude `thinking`, from the Anthropic body or Converse additionalModelRequestFields. */
  thinking?: unknown;
  /** Claude effort, from `output_config.effort` or Converse `outputConfig.effort`. */
  effort?: unknown;
  /** The request's max tokens, sampling parameters (any API's spelling). */
  maxTokens?: unknown;
  temperature?: unknown;
  topP?: unknown;
  topK?: unknown;
  /** gpt-oss `reasoning_effort` (or Responses' `reasoning.effort`). */
  reasoningEffort?: unknown;
  /** Nova 2 `reasoningConfig`. */
  reasoningConfig?: unknown;
}

/** The problem with the request's reasoning fields, in the service's words, or undefined when they are fine. */
export function reasoningProblem(model: CatalogModel, f: ReasoningFields): string | undefined {
  const id = model.modelId;
  const claude = model.family === 'anthropic';
  const thinking = f.thinking as Json | undefined;
  if (thinking !== undefined) {
    if (!claude) return 'Malformed input request: #: extraneous key [thinking] is not permitted, please reformat your input and try again.';
    if (typeof thinking !== 'object' || thinking === null) return 'thinking: Input should be an object';
    if (thinking.type === 'enabled') {
      if (!THINKING_CLAUDE.test(id) && !ADAPTIVE_CLAUDE.test(id)) return `thinking: extended thinking is not supported by ${id}`;
      const budget = thinking.budget_tokens;
      if (typeof budget !== 'number' || !Number.isInteger(budget)) return 'thinking.enabled.budget_tokens: Field required';
      if (budget < 1024) return 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024';
      if (typeof f.maxTokens === 'number' && f.maxTokens <= budget) return '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size';
    } else if (thinking.type === 'adaptive') {
      if (!ADAPTIVE_CLAUDE.test(id)) return `thinking.type: adaptive thinking is not supported on ${id}; use "enabled" with budget_tokens`;
    } else if (thinking.type !== 'disabled') {
      return "thinking.type: Input should be 'enabled', 'adaptive' or 'disabled'";
    }
    const on = thinking.type === 'enabled' || thinking.type === 'adaptive';
    if (on && f.temperature !== undefined && f.temperature !== 1) return '`temperature` may only be set to 1 when thinking is enabled. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility';
    if (on && typeof f.topP === 'number' && f.topP < 0.95) return '`top_p` must be greater than or equal to 0.95 or unset when thinking is enabled.';
    if (on && f.topK !== undefined) return '`top_k` must be unset when thinking is enabled.';
  }
  if (f.effort !== undefined) {
    if (!claude) return 'Malformed input request: #: extraneous key [effort] is not permitted, please reformat your input and try again.';
    if (typeof f.effort !== 'string' || !EFFORT_LEVELS.includes(f.effort)) return `effort: Input should be ${EFFORT_LEVELS.map((e) => `'${e}'`).join(', ')}`;
    if (!ADAPTIVE_CLAUDE.test(id) && !/claude-opus-4-5/.test(id)) return `effort is not supported on ${id}`;
    const on = thinking?.type === 'enabled' || thinking?.type === 'adaptive';
    if (!on && (f.effort === 'xhigh' || f.effort === 'max')) return `effort '${f.effort}' requires thinking; without thinking the effort is capped at 'high'`;
  }
  if (f.reasoningEffort !== undefined) {
    if (!/gpt-oss/.test(id)) return 'Malformed input request: #: extraneous key [reasoning_effort] is not permitted, please reformat your input and try again.';
    if (typeof f.reasoningEffort !== 'string' || !OPENAI_EFFORTS.includes(f.reasoningEffort)) return `Invalid value for 'reasoning_effort': expected one of 'low', 'medium', 'high'.`;
  }
  const rc = f.reasoningConfig as Json | undefined;
  if (rc !== undefined) {
    if (!/^amazon\.nova-2/.test(id)) return 'Malformed input request: #: extraneous key [reasoningConfig] is not permitted, please reformat your input and try again.';
    if (typeof rc !== 'object' || rc === null || (rc.type !== 'enabled' && rc.type !== 'disabled')) return 'Malformed input request: #/reasoningConfig/type: enabled or disabled expected';
    if (rc.type === 'enabled' && !OPENAI_EFFORTS.includes(rc.maxReasoningEffort)) return 'Malformed input request: #/reasoningConfig/maxReasoningEffort: low, medium or high expected';
  }
  return undefined;
}

/** The fields as Converse carries them. */
export function converseReasoningFields(body: Json): ReasoningFields {
  const extra = (body.additionalModelRequestFields ?? {}) as Json;
  return {
    thinking: extra.thinking,
    effort: body.outputConfig?.effort ?? extra.output_config?.effort,
    maxTokens: body.inferenceConfig?.maxTokens,
    temperature: body.inferenceConfig?.temperature,
    topP: body.inferenceConfig?.topP,
    topK: extra.top_k,
    reasoningEffort: extra.reasoning_effort,
    reasoningConfig: extra.reasoningConfig,
  };
}

/** The fields as the Anthropic body carries them (InvokeModel for Claude, Messages). */
export function anthropicReasoningFields(body: Json): ReasoningFields {
  return { thinking: body.thinking, effort: body.output_config?.effort, maxTokens: body.max_tokens, temperature: body.temperature, topP: body.top_p, topK: body.top_k };
}

/** The fields of an InvokeModel body of any family. */
export function invokeReasoningFields(model: CatalogModel, body: Json): ReasoningFields {
  if (model.family === 'anthropic') return anthropicReasoningFields(body);
  return { thinking: body.thinking, reasoningEffort: body.reasoning_effort, reasoningConfig: body.inferenceConfig?.reasoningConfig ?? body.reasoningConfig };
}

/** The fields of an OpenAI-compatible body (Chat Completions, Responses). */
export function openAiReasoningFields(body: Json): ReasoningFields {
  return { reasoningEffort: body.reasoning_effort ?? body.reasoning?.effort };
}
