// The one place that maps model-id families to Invoke body formats and embedding limits. Everything
// else reads capabilities from descriptors. An unknown provider gets no family: we never guess an
// Invoke body for it, since a guessed body fails with a validation error the user cannot act on;
// Converse or a compatible endpoint serve it.
import type { EmbedLimits } from './modelDescriptor';
import { stripProfilePrefix } from './modelRef';

export type InvokeFamily =
  | 'anthropic'
  | 'nova'
  | 'titanText'
  | 'llama'
  | 'mistralText'
  | 'mistralChat'
  | 'cohereCommand'
  | 'jamba'
  | 'deepseek'
  | 'openai';

export type EmbedFamily = 'titanV1' | 'titanV2' | 'titanImage' | 'cohereV3' | 'cohereV4' | 'novaEmbed';

const INVOKE: ReadonlyArray<[RegExp, InvokeFamily]> = [
  [/^anthropic\.claude/, 'anthropic'],
  [/^amazon\.nova-(?!.*(embed|canvas|reel|sonic))/, 'nova'],
  [/^amazon\.titan-(text|tg1)/, 'titanText'],
  [/^meta\.llama/, 'llama'],
  // Mistral Large 2402 / 2407+ and Pixtral speak the chat body; 7B, Mixtral, Small the prompt body.
  [/^mistral\.(mistral-large|pixtral)/, 'mistralChat'],
  [/^mistral\.(mistral-7b|mixtral|mistral-small)/, 'mistralText'],
  [/^cohere\.command-r/, 'cohereCommand'],
  [/^ai21\.jamba/, 'jamba'],
  [/^deepseek\.r1/, 'deepseek'],
  [/^openai\.gpt-oss/, 'openai'],
];

const EMBED: ReadonlyArray<[RegExp, EmbedFamily]> = [
  [/^amazon\.titan-embed-text-v2/, 'titanV2'],
  [/^amazon\.titan-embed-(text-v1|g1-text)/, 'titanV1'],
  [/^amazon\.titan-embed-image/, 'titanImage'],
  [/^cohere\.embed-(english|multilingual)-v3/, 'cohereV3'],
  [/^cohere\.embed-v4/, 'cohereV4'],
  [/^amazon\.nova-(2-)?multimodal-embed/, 'novaEmbed'],
];

// Characters per token assumed when a limit is stated in tokens only: conservative for code, where
// tokens are short. An over-long chunk is still split again if the service rejects it.
const CHARS_PER_TOKEN = 3;

export const EMBED_LIMITS: Record<EmbedFamily, EmbedLimits> = {
  titanV2: { maxChars: 50_000, maxTokens: 8_192, maxBatch: 1, dimensions: [1024, 512, 256] },
  titanV1: { maxChars: 8_192 * CHARS_PER_TOKEN, maxTokens: 8_192, maxBatch: 1 },
  titanImage: { maxChars: 128 * CHARS_PER_TOKEN, maxTokens: 128, maxBatch: 1, dimensions: [1024, 384, 256] },
  cohereV3: { maxChars: 2_048, maxTokens: 512, maxBatch: 96 },
  cohereV4: { maxChars: 2_048, maxBatch: 96, dimensions: [1536, 1024, 512, 256] },
  novaEmbed: { maxChars: 8_192 * CHARS_PER_TOKEN, maxTokens: 8_192, maxBatch: 1, dimensions: [3072, 1024, 384, 256] },
};

/** Effective characters per chunk: the char limit, tightened by the token limit when one is stated. */
export function chunkCharLimit(l: EmbedLimits): number {
  return Math.min(l.maxChars, l.maxTokens ? l.maxTokens * CHARS_PER_TOKEN : Infinity);
}

function match<T>(table: ReadonlyArray<[RegExp, T]>, modelId: string): T | undefined {
  const id = stripProfilePrefix(modelId);
  for (const [re, v] of table) if (re.test(id)) return v;
  return undefined;
}

export function invokeFamilyOf(modelId: string): InvokeFamily | undefined {
  return match(INVOKE, modelId);
}

export function embedFamilyOf(modelId: string): EmbedFamily | undefined {
  return match(EMBED, modelId);
}
