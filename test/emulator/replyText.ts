// The deterministic markdown reply: headings, lists, a code fence and a table, long enough to
// exercise a renderer, derived from (seed, model, prompt).
import { hash32, pick, prng } from './random';

const TOPICS = ['caching', 'retries', 'streaming', 'pagination', 'embeddings', 'rate limits', 'inference profiles', 'tokenization'];
const VERBS = ['measure', 'bound', 'retry', 'cache', 'stream', 'batch', 'validate', 'log'];
const ADJ = ['small', 'deterministic', 'bounded', 'idempotent', 'incremental', 'explicit', 'observable', 'typed'];
const LANGS = [
  ['ts', 'export function {f}(input: string): string {\n  const trimmed = input.trim();\n  return trimmed.length > 0 ? trimmed : "{t}";\n}'],
  ['python', 'def {f}(items):\n    total = 0\n    for item in items:\n        total += len(item)\n    return total  # {t}'],
  ['bash', 'aws bedrock list-foundation-models --region us-east-1 \\\n  --query "modelSummaries[].modelId"  # {t}'],
] as const;

function article(word: string): string {
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}

function words(prompt: string): string[] {
  return prompt.toLowerCase().match(/[a-z0-9]+/g)?.slice(0, 12) ?? [];
}

export function generateMarkdown(seed: number, modelId: string, prompt: string): string {
  const rand = prng(hash32(`${seed}|${modelId}|${prompt}`));
  const w = words(prompt);
  const topic = w.length > 0 ? w.slice(0, 4).join(' ') : pick(rand, TOPICS);
  const snippet = prompt.replace(/\s+/g, ' ').trim().slice(0, 80);
  const title = topic.charAt(0).toUpperCase() + topic.slice(1);
  const bullets = Array.from({ length: 3 + Math.floor(rand() * 2) }, () => `- **${pick(rand, ADJ)}** ${pick(rand, TOPICS)}: ${pick(rand, VERBS)} it before you ${pick(rand, VERBS)} it.`);
  const steps = Array.from({ length: 3 }, (_, i) => `${i + 1}. ${pick(rand, VERBS).replace(/^./, (c) => c.toUpperCase())} the ${pick(rand, TOPICS)} path with a ${pick(rand, ADJ)} budget.`);
  const [lang, code] = pick(rand, LANGS);
  const fn = `${pick(rand, VERBS)}${pick(rand, ['Input', 'Items', 'Request', 'Reply'])}`;
  const rows = Array.from({ length: 3 }, () => `| ${pick(rand, TOPICS)} | ${pick(rand, ADJ)} | ${1 + Math.floor(rand() * 9)} |`);
  return [
    `## ${title}`,
    '',
    `You asked: "${snippet || 'hello'}". Here is ${article(pick(rand, ADJ))} answer from \`${modelId}\`.`,
    '',
    '### Key points',
    '',
    ...bullets,
    '',
    '### Steps',
    '',
    ...steps,
    '',
    '```' + lang,
    code.replace('{f}', fn).replace('{t}', topic),
    '```',
    '',
    '| Area | Property | Score |',
    '| --- | --- | ---: |',
    ...rows,
    '',
    `> Note: keep the ${pick(rand, TOPICS)} ${pick(rand, ADJ)}.`,
    '',
    `That covers ${topic}.`,
  ].join('\n');
}

export function generateReasoning(seed: number, prompt: string): string {
  const rand = prng(hash32(`reasoning|${seed}|${prompt}`));
  const w = words(prompt).slice(0, 5).join(' ') || 'the request';
  return `The user is asking about ${w}. I should ${pick(rand, VERBS)} the ${pick(rand, TOPICS)} first, then give a ${pick(rand, ADJ)} answer with an example and a table.`;
}

/** Rough token estimate (≈4 characters per token), used for every usage figure. */
export function countTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}

/** Splits text into stream deltas: one word (with its trailing whitespace) each, or fixed-size pieces. */
export function splitDeltas(text: string, chunkChars?: number): string[] {
  if (chunkChars && chunkChars > 0) {
    const out: string[] = [];
    for (let i = 0; i < text.length; i += chunkChars) out.push(text.slice(i, i + chunkChars));
    return out;
  }
  return text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
}
