// When to warm the connection a chat turn will use: the chat view became visible, the user started
// typing, or Explain is choosing a model. At most once per idle period for the same model (a
// session that was warmed, or used, stays open that long), and never while the window is in the
// background — warming then would open connections nobody is about to use.
export interface WarmerOptions {
  /** Opens the connection for `modelId`'s route; resolves to whether anything was warmed. */
  warm(modelId: string): Promise<boolean>;
  /** Whether the editor window has focus now. */
  focused(): boolean;
  /** How long a warmed connection stays useful. */
  idleMs: number;
  now?: () => number;
}

export type WarmReason = 'viewVisible' | 'typing' | 'modelPicker' | 'explain';

export class ConnectionWarmer {
  private readonly lastWarmed = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly options: WarmerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Warms for `modelId` unless that would be wasted; resolves to whether a warm-up was started. */
  async request(modelId: string | undefined, _reason: WarmReason): Promise<boolean> {
    if (!modelId || !this.options.focused()) return false;
    const at = this.now();
    const last = this.lastWarmed.get(modelId);
    if (last !== undefined && at - last < this.options.idleMs) return false;
    this.lastWarmed.set(modelId, at);
    const warmed = await this.options.warm(modelId).catch(() => false);
    if (!warmed) this.lastWarmed.delete(modelId);
    return warmed;
  }

  /** A real request to `modelId` keeps its connection open as a warm-up would. */
  noteUsed(modelId: string): void {
    this.lastWarmed.set(modelId, this.now());
  }

  /** Connection settings changed: the old connections are gone. */
  reset(): void {
    this.lastWarmed.clear();
  }
}
