// The reasoning control as each API spells it. A request carries the model's style and the level
// the user chose (see catalog/reasoningSupport.ts for which models take which style); each adapter
// asks here for its fields, so every API that can carry the control does, the same way.
import type { ReasoningLevel, ReasoningStyle } from '../catalog/reasoningSupport';

export interface ReasoningRequest {
  style: ReasoningStyle;
  level: ReasoningLevel;
  /** Claude's thinking budget in tokens (claudeBudget only); max tokens is always above it. */
  budgetTokens?: number;
}

type J = Record<string, unknown>;

/** Thinking budget per level for budget-style Claude models. */
export const CLAUDE_THINKING_BUDGET: Record<ReasoningLevel, number> = { low: 2_048, medium: 8_192, high: 16_384 };
/** The smallest budget Claude accepts. */
export const MIN_THINKING_BUDGET = 1_024;
/** Room kept for the answer above the thinking budget when max tokens has to be raised. */
export const ANSWER_ROOM = 4_096;

/**
 * The request's reasoning and max tokens for a level: Claude's budget must be below max tokens,
 * so max tokens is raised to budget + answer room (within the model's limit, when known), and the
 * budget shrinks when the limit leaves no room for it.
 */
export function resolveReasoning(
  style: ReasoningStyle,
  level: ReasoningLevel,
  maxTokens: number | undefined,
  modelMaxOutput: number | undefined,
): { reasoning: ReasoningRequest; maxTokens: number | undefined } {
  if (style !== 'claudeBudget') return { reasoning: { style, level }, maxTokens };
  let budget = CLAUDE_THINKING_BUDGET[level];
  if (modelMaxOutput) budget = Math.max(MIN_THINKING_BUDGET, Math.min(budget, modelMaxOutput - ANSWER_ROOM));
  let max = maxTokens !== undefined && maxTokens > budget ? maxTokens : budget + ANSWER_ROOM;
  if (modelMaxOutput) max = Math.min(max, modelMaxOutput);
  if (max <= budget) budget = Math.max(MIN_THINKING_BUDGET, max - 1);
  return { reasoning: { style, level, budgetTokens: budget }, maxTokens: max };
}

/** Claude's `thinking` object (Converse additionalModelRequestFields, InvokeModel and Messages bodies). */
export function anthropicThinking(r: ReasoningRequest | undefined): J | undefined {
  if (r?.style === 'claudeBudget') return { type: 'enabled', budget_tokens: r.budgetTokens ?? CLAUDE_THINKING_BUDGET[r.level] };
  if (r?.style === 'claudeAdaptive') return { type: 'adaptive' };
  return undefined;
}

/** The effort that steers Claude's adaptive thinking (Converse `outputConfig.effort`, Anthropic `output_config.effort`). */
export function anthropicEffort(r: ReasoningRequest | undefined): ReasoningLevel | undefined {
  return r?.style === 'claudeAdaptive' ? r.level : undefined;
}

/** Claude with thinking refuses temperature and top-p other than their defaults: they are left out. */
export function thinkingDropsSampling(r: ReasoningRequest | undefined): boolean {
  return r?.style === 'claudeBudget' || r?.style === 'claudeAdaptive';
}

/** gpt-oss's `reasoning_effort` (InvokeModel, Converse additionalModelRequestFields, Chat Completions) or Responses' `reasoning.effort`. */
export function openaiEffort(r: ReasoningRequest | undefined): ReasoningLevel | undefined {
  return r?.style === 'openaiEffort' ? r.level : undefined;
}

/** Nova 2's `reasoningConfig` (Converse additionalModelRequestFields, InvokeModel `inferenceConfig`). */
export function novaReasoningConfig(r: ReasoningRequest | undefined): J | undefined {
  return r?.style === 'novaEffort' ? { type: 'enabled', maxReasoningEffort: r.level } : undefined;
}
