// Keeps a details pane on the item the user rests on in a list. The first move after a pause shows
// at once (one arrow press or click feels instant); the moves of a burst, such as an arrow key held
// down, only remember their item, and the last one shows when the burst pauses, so holding the key
// renders two pages, not one per row passed. Every render carries a generation: one that a newer
// render has superseded finds out through `isCurrent` and must not write what it built.
import type { Scheduler } from '../bedrock/async/jobTracker';
import type { IDisposable } from '../lifecycle';

/** Builds and shows `item`; a render that awaits anything checks `isCurrent()` before it writes. */
export type DetailsRender<T> = (item: T, isCurrent: () => boolean) => void | Promise<void>;

export interface DetailsFollowerOptions<T> {
  render: DetailsRender<T>;
  /** Two items with the same key show the same page (a repainted tree hands out new objects). */
  keyOf(item: T): string;
  /** How long the selection must rest before a burst's last item shows. */
  quietMs: number;
  scheduler: Scheduler;
  /** Hears a render that threw while nobody awaited it (a move of the selection). */
  onError(error: unknown): void;
}

export class DetailsFollower<T> implements IDisposable {
  private generation = 0;
  /** The key of the item last sent to `render`. */
  private latestKey: string | undefined;
  /** Set while a burst is under way: it fires `quietMs` after the last move. */
  private quietTimer: unknown;
  private pending: T | undefined;
  private disposed = false;

  constructor(private readonly options: DetailsFollowerOptions<T>) {}

  /**
   * The selection moved to `item`; `undefined` is a row without details of its own (a group),
   * which keeps the page as it is and drops an item a burst left waiting.
   */
  follow(item: T | undefined): void {
    if (this.disposed) return;
    const inBurst = this.quietTimer !== undefined;
    this.restartQuietTimer();
    if (item === undefined || inBurst) {
      this.pending = item;
      return;
    }
    if (this.options.keyOf(item) !== this.latestKey) this.showUnawaited(item);
  }

  /**
   * Shows `item` now (a click, a command); an item a burst left waiting no longer shows after it.
   * A click selects its row first, so the selection has just shown the same item: that render
   * stands. Resolves to whether this render is still the latest.
   */
  showNow(item: T): Promise<boolean> {
    this.pending = undefined;
    if (this.quietTimer !== undefined && this.options.keyOf(item) === this.latestKey) return Promise.resolve(!this.disposed);
    return this.show(item);
  }

  dispose(): void {
    this.disposed = true;
    this.pending = undefined;
    if (this.quietTimer !== undefined) this.options.scheduler.clear(this.quietTimer);
    this.quietTimer = undefined;
  }

  private restartQuietTimer(): void {
    const { scheduler, quietMs } = this.options;
    if (this.quietTimer !== undefined) scheduler.clear(this.quietTimer);
    this.quietTimer = scheduler.set(() => {
      this.quietTimer = undefined;
      const item = this.pending;
      this.pending = undefined;
      if (item !== undefined && this.options.keyOf(item) !== this.latestKey) this.showUnawaited(item);
    }, quietMs);
  }

  private showUnawaited(item: T): void {
    this.show(item).catch((error: unknown) => this.options.onError(error));
  }

  private async show(item: T): Promise<boolean> {
    if (this.disposed) return false;
    const generation = ++this.generation;
    this.latestKey = this.options.keyOf(item);
    const isCurrent = () => !this.disposed && generation === this.generation;
    await this.options.render(item, isCurrent);
    return isCurrent();
  }
}
