// The per-turn line's figures, computed from the unified stream. Time comes from an injected clock
// so the math is tested without waiting.
import type { ApiId } from '../bedrock/catalog/apiId';
import type { TurnStats } from '../../shared/protocol';

export class TurnStatsTracker {
  private readonly startedAt: number;
  private firstTokenAt?: number;
  private lastTokenAt?: number;
  private endedAt?: number;
  private inputTokens?: number;
  private outputTokens?: number;
  private routeNote?: string;
  private readonly notices: string[] = [];

  constructor(
    private modelId: string,
    private api: ApiId,
    private readonly clock: () => number,
  ) {
    this.startedAt = clock();
  }

  route(modelId: string, api: ApiId, note?: string): void {
    this.modelId = modelId;
    this.api = api;
    if (note) this.routeNote = note;
  }

  /** A note for the turn line that is not about the route (an attachment left out). */
  notice(note: string): void {
    this.notices.push(note);
  }

  /** A text or reasoning delta arrived. */
  token(): void {
    const t = this.clock();
    this.firstTokenAt ??= t;
    this.lastTokenAt = t;
  }

  /** Tokens of the earlier model calls of an agent reply (each call reports its own usage). */
  private bankedInput = 0;
  private bankedOutput = 0;

  /** The next model call of the same reply begins: what the last one used is added to the total. */
  nextCall(): void {
    this.bankedInput += this.inputTokens ?? 0;
    this.bankedOutput += this.outputTokens ?? 0;
    this.inputTokens = this.outputTokens = undefined;
  }

  usage(input: number | undefined, output: number | undefined): void {
    // Some APIs report usage twice (start and end); the later, larger figure wins.
    if (input !== undefined) this.inputTokens = input;
    if (output !== undefined) this.outputTokens = output;
  }

  end(): void {
    this.endedAt ??= this.clock();
  }

  get snapshot(): TurnStats {
    const s: TurnStats = { modelId: this.modelId, api: this.api };
    const end = this.endedAt ?? this.clock();
    if (this.firstTokenAt !== undefined) s.timeToFirstTokenMs = Math.round(this.firstTokenAt - this.startedAt);
    const input = sumOf(this.bankedInput, this.inputTokens);
    const output = sumOf(this.bankedOutput, this.outputTokens);
    if (input !== undefined) s.inputTokens = input;
    if (output !== undefined) s.outputTokens = output;
    s.totalLatencyMs = Math.round(end - this.startedAt);
    const rate = tokensPerSecond(output, this.firstTokenAt, this.lastTokenAt);
    if (rate !== undefined) s.tokensPerSecond = rate;
    const notes = this.routeNote ? [...this.notices, this.routeNote] : this.notices;
    if (notes.length) s.routeNote = notes.join('; ');
    return s;
  }
}

/** Earlier calls' figure plus this call's; undefined when no call reported one. */
function sumOf(banked: number, current: number | undefined): number | undefined {
  return banked || current !== undefined ? banked + (current ?? 0) : undefined;
}

/** Below these the rate is noise: a reply that arrived in one burst would read "36,226 tok/s". */
export const RATE_MIN_OUTPUT_TOKENS = 20;
export const RATE_MIN_SPAN_MS = 250;

/**
 * Output rate over the streaming span only (first to last content delta): time to first token is
 * the queue and prompt processing, not generation speed. Undefined when the span is too short or
 * the reply too small for the figure to mean anything.
 */
export function tokensPerSecond(outputTokens: number | undefined, firstAt: number | undefined, lastAt: number | undefined): number | undefined {
  if (outputTokens === undefined || outputTokens < RATE_MIN_OUTPUT_TOKENS || firstAt === undefined || lastAt === undefined) return undefined;
  const spanMs = lastAt - firstAt;
  if (spanMs < RATE_MIN_SPAN_MS) return undefined;
  return Math.round((outputTokens / (spanMs / 1000)) * 10) / 10;
}
