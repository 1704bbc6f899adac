// The per-turn line's figures, computed from the unified stream. Time comes from an injected clock
// so the math is tested without waiting.
import type { ApiId } from '../../core/bedrock/apiId';
import type { TurnStats } from '../../shared/protocol';

export class TurnStatsTracker {
  private readonly startedAt: number;
  private firstTokenAt?: number;
  private lastTokenAt?: number;
  private endedAt?: number;
  private inputTokens?: number;
  private outputTokens?: number;
  private routeNote?: string;

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

  /** A text or reasoning delta arrived. */
  token(): void {
    const t = this.clock();
    this.firstTokenAt ??= t;
    this.lastTokenAt = t;
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
    if (this.inputTokens !== undefined) s.inputTokens = this.inputTokens;
    if (this.outputTokens !== undefined) s.outputTokens = this.outputTokens;
    s.totalLatencyMs = Math.round(end - this.startedAt);
    s.tokensPerSecond = tokensPerSecond(this.outputTokens, this.firstTokenAt, this.lastTokenAt ?? end);
    if (s.tokensPerSecond === undefined) delete s.tokensPerSecond;
    if (this.routeNote) s.routeNote = this.routeNote;
    return s;
  }
}

/**
 * Output rate over the streaming part only (first to last token): time to first token is the
 * queue and prompt processing, not generation speed. Undefined when there is nothing to divide.
 */
export function tokensPerSecond(outputTokens: number | undefined, firstAt: number | undefined, lastAt: number | undefined): number | undefined {
  if (!outputTokens || firstAt === undefined || lastAt === undefined) return undefined;
  const seconds = (lastAt - firstAt) / 1000;
  if (seconds <= 0) return undefined;
  return Math.round((outputTokens / seconds) * 10) / 10;
}
