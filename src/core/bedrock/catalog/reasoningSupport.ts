// Which models take a reasoning control, and how each family spells it: the one place this is
// decided. The chat's model picker shows the control for a model only when `reasoningStyleOf`
// names a style for it (through `ModelOption.reasoning`, filled in chat/modelOptions.ts), and the
// adapters write the style's fields (adapters/reasoningFields.ts). The facts per family:
//  - Claude 3.7 Sonnet and Claude 4 to 4.5: extended thinking with a token budget
//    (`thinking: {type: "enabled", budget_tokens}`, max tokens above the budget, no temperature/top-p);
//  - Claude 4.6 and later: adaptive thinking (`thinking: {type: "adaptive"}`) steered by an effort
//    level (Converse `outputConfig.effort`, Anthropic bodies `output_config.effort`);
//  - OpenAI gpt-oss: `reasoning_effort` low/medium/high (it always reasons; there is no "off");
//  - Amazon Nova 2: `reasoningConfig: {type: "enabled", maxReasoningEffort}` (off unless enabled).
// DeepSeek-R1 always reasons and has no control, so it gets no style (its reasoning is still shown).
import { stripProfilePrefix } from './modelRef';

export const REASONING_LEVELS = ['low', 'medium', 'high'] as const;

/** How hard the model should think; "off" is the absence of a level. */
export type ReasoningLevel = (typeof REASONING_LEVELS)[number];

export type ReasoningStyle = 'claudeBudget' | 'claudeAdaptive' | 'openaiEffort' | 'novaEffort';

const STYLES: ReadonlyArray<[RegExp, ReasoningStyle]> = [
  [/^anthropic\.claude-((opus|sonnet|haiku)-4-[6-9]|(opus|sonnet|haiku)-[5-9]|fable|mythos)/, 'claudeAdaptive'],
  [/^anthropic\.claude-(3-7-sonnet|sonnet-4|opus-4|haiku-4-5)/, 'claudeBudget'],
  [/^(openai\.)?gpt-oss/, 'openaiEffort'],
  [/^amazon\.nova-2-(lite|pro|premier)/, 'novaEffort'],
];

/** The reasoning style of a model or profile id (by its base model), or undefined when it takes no control. */
export function reasoningStyleOf(modelId: string): ReasoningStyle | undefined {
  const id = stripProfilePrefix(modelId);
  for (const [re, style] of STYLES) if (re.test(id)) return style;
  return undefined;
}

/** Whether the style can turn reasoning off (gpt-oss always reasons: its lowest setting is "low"). */
export function canTurnReasoningOff(style: ReasoningStyle): boolean {
  return style !== 'openaiEffort';
}

export function isReasoningLevel(v: unknown): v is ReasoningLevel {
  return typeof v === 'string' && (REASONING_LEVELS as readonly string[]).includes(v);
}
