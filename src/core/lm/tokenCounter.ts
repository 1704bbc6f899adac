// Token counts for VS Code's chat, which asks for one per message, many times per turn, to fit its
// prompt into the model's window. Bedrock's CountTokens answers exactly for the models that support
// it (asked with the foundation model a profile routes to); each answer is cached per text hash. A
// model that refuses counting is remembered (per region) and estimated from then on.
//
// The estimate is characters divided by a characters-per-token ratio kept per model. It starts at
// 3.5 (English prose runs near 4 on current tokenizers and code nearer 3, so it errs towards more
// tokens, which keeps a trimmed prompt inside the window) and is calibrated from what Bedrock says:
// every CountTokens answer and every turn's reported input tokens against the characters sent move
// the ratio (a decaying average, clamped to 1.5-8).
import { createHash } from 'node:crypto';
import { classifyError } from '../bedrock/errors/classifyError';

export const DEFAULT_CHARS_PER_TOKEN = 3.5;
/** An image costs at most about this many tokens on Claude (1.15 megapixels / 750); others charge less. */
export const IMAGE_TOKENS = 1_600;
const CACHE_ENTRIES = 5_000;
const CONCURRENT_CALLS = 4;
const DECAY = 0.8;

export type CountTokensCall = (baseModelId: string, text: string, signal?: AbortSignal) => Promise<number>;

export interface TokenCounterOptions {
  countTokens: CountTokensCall;
  /** The foundation model behind a model id, profile id or ARN. */
  baseModelOf(modelId: string): string;
  region(): string;
  /** Hears why a model's counts are estimated from now on (once per model and region). */
  log?(message: string): void;
}

export interface TokenCount {
  tokens: number;
  source: 'countTokens' | 'estimate';
}

export class TokenCounter {
  private readonly cache = new Map<string, Promise<number>>();
  private readonly refused = new Set<string>();
  private readonly ratios = new Map<string, { chars: number; tokens: number }>();
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly opts: TokenCounterOptions) {}

  /** Characters per token for a model: the default until Bedrock has told us otherwise. */
  charsPerToken(modelId: string): number {
    const r = this.ratios.get(this.opts.baseModelOf(modelId));
    if (!r || r.tokens <= 0) return DEFAULT_CHARS_PER_TOKEN;
    return Math.min(8, Math.max(1.5, r.chars / r.tokens));
  }

  estimate(modelId: string, text: string, images = 0): number {
    if (!text && !images) return 0;
    return Math.ceil(text.length / this.charsPerToken(modelId)) + images * IMAGE_TOKENS;
  }

  /** Bedrock said `chars` characters took `tokens` tokens on this model (a count or a turn's usage). */
  observe(modelId: string, chars: number, tokens: number): void {
    if (!(chars > 0 && tokens > 0) || !Number.isFinite(chars / tokens)) return;
    const base = this.opts.baseModelOf(modelId);
    const r = this.ratios.get(base) ?? { chars: 0, tokens: 0 };
    this.ratios.set(base, { chars: r.chars * DECAY + chars, tokens: r.tokens * DECAY + tokens });
  }

  /** Exact where the model can count, else the calibrated estimate. Never rejects. */
  async count(modelId: string, text: string, images = 0, signal?: AbortSignal): Promise<TokenCount> {
    if (!text) return { tokens: images * IMAGE_TOKENS, source: images ? 'estimate' : 'countTokens' };
    const base = this.opts.baseModelOf(modelId);
    const region = this.opts.region();
    const refusedKey = `${region}\0${base}`;
    const estimate = (): TokenCount => ({ tokens: this.estimate(modelId, text, images), source: 'estimate' });
    if (this.refused.has(refusedKey) || signal?.aborted) return estimate();
    const key = createHash('sha256').update(region).update('\0').update(base).update('\0').update(text).digest('base64');
    let pending = this.cache.get(key);
    if (pending) {
      // Most recently used last, so the oldest entry is the first to go.
      this.cache.delete(key);
      this.cache.set(key, pending);
    } else {
      pending = this.call(base, text, signal);
      this.cache.set(key, pending);
      if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    }
    try {
      const tokens = await pending;
      return { tokens: tokens + images * IMAGE_TOKENS, source: 'countTokens' };
    } catch (err) {
      this.cache.delete(key);
      const c = classifyError(err);
      // A refusal of the request itself means this model cannot count; anything else may pass.
      if (c.kind === 'validation' || c.kind === 'accessDenied') {
        if (!this.refused.has(refusedKey)) this.opts.log?.(`Token counts for ${base} are estimated: CountTokens said "${c.detail ?? c.message}"`);
        this.refused.add(refusedKey);
      }
      return estimate();
    }
  }

  private async call(base: string, text: string, signal?: AbortSignal): Promise<number> {
    while (this.active >= CONCURRENT_CALLS) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      const tokens = await this.opts.countTokens(base, text, signal);
      this.observe(base, text.length, tokens);
      return tokens;
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
