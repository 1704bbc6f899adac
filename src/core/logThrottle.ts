// Keeps a noisy source from flooding the log: at most one line per kind per window. Lines held
// back are counted, and the next line of that kind says how many there were, so nothing is
// silently lost. The clock is injected so tests drive time without waiting.

export interface LogThrottleOptions {
  /** Milliseconds between two lines of the same kind. */
  windowMs?: number;
  /** Milliseconds, monotonic enough for spacing log lines. */
  clock?: () => number;
  /** Most kinds remembered; beyond it the oldest is forgotten (a hostile source can invent kinds). */
  maxKinds?: number;
}

export class LogThrottle {
  private readonly windowMs: number;
  private readonly clock: () => number;
  private readonly maxKinds: number;
  private readonly kinds = new Map<string, { lastAt: number; held: number }>();

  constructor(options: LogThrottleOptions = {}) {
    this.windowMs = options.windowMs ?? 60_000;
    this.clock = options.clock ?? (() => Date.now());
    this.maxKinds = options.maxKinds ?? 100;
  }

  /**
   * The line to write for `kind` now, or undefined when one of that kind was written within the
   * window. A line written after some were held back ends with how many.
   */
  line(kind: string, message: string): string | undefined {
    const now = this.clock();
    const seen = this.kinds.get(kind);
    if (seen && now - seen.lastAt < this.windowMs) {
      seen.held++;
      return undefined;
    }
    const held = seen?.held ?? 0;
    this.kinds.delete(kind);
    if (this.kinds.size >= this.maxKinds) this.kinds.delete(this.kinds.keys().next().value as string);
    this.kinds.set(kind, { lastAt: now, held: 0 });
    return held ? `${message} (${held} more like it not logged since the last line)` : message;
  }
}
