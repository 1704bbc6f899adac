// How many tokens a model takes in and gives out, for VS Code's model list (its chat trims prompts to
// fit `maxInputTokens`). Neither ListFoundationModels nor any other Bedrock API states a context
// window, so the figures below are the model providers' published limits for the models as Bedrock
// serves them. The output limit Bedrock itself told us (a "max tokens too high" refusal the router
// learned from) wins over the table. A model the table does not know gets a conservative default
// that every current chat model on Bedrock exceeds, so a prompt trimmed to it is never refused.
import { stripProfilePrefix } from '../bedrock/catalog/modelRef';

export type LimitSource = 'published' | 'learned' | 'default';

export interface TokenLimits {
  maxInputTokens: number;
  maxOutputTokens: number;
  /** Where the figures came from: shown in the model's tooltip. */
  source: LimitSource;
}

export const DEFAULT_LIMITS = { maxInputTokens: 32_000, maxOutputTokens: 4_096 } as const;

/** First match wins: more specific patterns first. Input, output. */
const PUBLISHED: ReadonlyArray<[RegExp, number, number]> = [
  [/^anthropic\.claude-3-haiku/, 200_000, 4_096],
  [/^anthropic\.claude-3-(sonnet|opus)/, 200_000, 4_096],
  [/^anthropic\.claude-3-5-/, 200_000, 8_192],
  [/^anthropic\.claude-3-7-sonnet/, 200_000, 64_000],
  [/^anthropic\.claude-opus-4(-1)?-\d{8}/, 200_000, 32_000],
  [/^anthropic\.claude-(sonnet|haiku|opus)-4/, 200_000, 64_000],
  [/^amazon\.nova-micro/, 128_000, 10_000],
  [/^amazon\.nova-(lite|pro)-v1/, 300_000, 10_000],
  [/^amazon\.nova-premier/, 1_000_000, 32_000],
  [/^amazon\.titan-text-premier/, 32_000, 3_072],
  [/^amazon\.titan-text-express/, 8_192, 8_192],
  [/^amazon\.titan-text-lite/, 4_096, 4_096],
  [/^meta\.llama3-(8b|70b)-instruct/, 8_192, 2_048],
  [/^meta\.llama3-[123]/, 128_000, 2_048],
  [/^mistral\.(mistral-7b|mixtral-8x7b|mistral-large-2402|mistral-small-2402)/, 32_000, 8_192],
  [/^mistral\.mistral-large-2407/, 128_000, 8_192],
  [/^cohere\.command-r/, 128_000, 4_000],
  [/^ai21\.jamba-1-5/, 256_000, 4_096],
  [/^deepseek\.r1/, 128_000, 32_768],
  [/^openai\.gpt-oss/, 128_000, 32_768],
];

/** The limits for a model or profile id (profiles are looked up by the model they route to). */
export function tokenLimits(baseModelId: string, learnedMaxOutput?: number): TokenLimits {
  const id = stripProfilePrefix(baseModelId);
  const row = PUBLISHED.find(([re]) => re.test(id));
  const [maxInputTokens, published] = row ? [row[1], row[2]] : [DEFAULT_LIMITS.maxInputTokens, DEFAULT_LIMITS.maxOutputTokens];
  if (learnedMaxOutput && learnedMaxOutput > 0) return { maxInputTokens, maxOutputTokens: learnedMaxOutput, source: 'learned' };
  return { maxInputTokens, maxOutputTokens: published, source: row ? 'published' : 'default' };
}
