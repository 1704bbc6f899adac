// The transcript: the turns on screen, the empty-state hint, and scrolling that follows the
// newest text while a reply streams until the user scrolls up to read.
import { el } from './dom';
import { ACTION_ATTR, UserTurnView, type AssistantTurnView } from './turnViews';

export type TurnView = UserTurnView | AssistantTurnView;

export class TranscriptView {
  readonly element: HTMLElement;
  readonly turns: TurnView[] = [];
  private readonly emptyHint: HTMLElement;
  /** Keep the newest text in view while streaming, until the user scrolls up to read. */
  private following = true;
  /** A pointer is down in the transcript (dragging the scrollbar or selecting). */
  private pointerScrolling = false;
  private scrollFrame: number | undefined;
  private scrollSave: ReturnType<typeof setTimeout> | undefined;

  constructor(opts: { onAction(button: Element): void; onScrolled(): void }) {
    this.emptyHint = el('p', { class: 'empty-hint' }, 'Ask anything. Enter sends, Shift+Enter adds a line, Escape stops a reply or returns to the editor.');
    // Not role="log": that would make the whole transcript live and re-announce the growing block
    // on every frame. The renderer announces each finished block once (its own polite region),
    // and the app's status line announces the end of a reply.
    this.element = el('main', { id: 'transcript', class: 'transcript', 'aria-label': 'Conversation', tabindex: '0' }, this.emptyHint);
    const t = this.element;
    t.addEventListener('click', (e) => {
      const button = (e.target as Element | null)?.closest?.(`button[${ACTION_ATTR}]`);
      if (button && t.contains(button)) opts.onAction(button);
    });
    t.addEventListener('wheel', (e) => {
      if (e.deltaY < 0) this.following = false;
    }, { passive: true });
    t.addEventListener('keydown', (e) => {
      if (['PageUp', 'ArrowUp', 'Home'].includes(e.key)) this.following = false;
    });
    t.addEventListener('pointerdown', () => (this.pointerScrolling = true));
    window.addEventListener('pointerup', () => (this.pointerScrolling = false));
    t.addEventListener(
      'scroll',
      () => {
        const atBottom = t.scrollHeight - t.scrollTop - t.clientHeight < 24;
        // Only the user's own scrolling stops following: a scroll event can also come from layout
        // (the growing block re-rendering shorter for a frame clamps scrollTop), which must not.
        if (atBottom) this.following = true;
        else if (this.pointerScrolling) this.following = false;
        // setState crosses to the workbench: once per scroll burst is enough.
        clearTimeout(this.scrollSave);
        this.scrollSave = setTimeout(() => opts.onScrolled(), 250);
      },
      { passive: true },
    );
    // The composer grows (chips, a longer message) and the transcript gets shorter: what was at the
    // bottom stays in view instead of sliding under the composer. (jsdom, where the unit tier runs
    // this class, has no ResizeObserver; every browser a webview runs in has.)
    let height = t.clientHeight;
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver(() => {
        const wasAtBottom = t.scrollHeight - t.scrollTop - height < 24;
        height = t.clientHeight;
        if (wasAtBottom && this.turns.length) t.scrollTop = t.scrollHeight;
      }).observe(t);
    }
  }

  get scrollTop(): number {
    return Math.max(0, Math.round(this.element.scrollTop));
  }

  add(view: TurnView): void {
    this.emptyHint.hidden = true;
    this.turns.push(view);
    this.element.append(view.element);
  }

  /** Removes the turns from index `from` on; with 0, the empty hint comes back. */
  truncate(from: number): void {
    for (const v of this.turns.splice(from)) v.element.remove();
    this.emptyHint.hidden = this.turns.length > 0;
  }

  /** The exchange (a message and its reply) the turn `index` belongs to. */
  exchangeAt(index: number): { from: number; count: number } {
    const from = this.turns[index] instanceof UserTurnView || index === 0 || !(this.turns[index - 1] instanceof UserTurnView) ? index : index - 1;
    const count = this.turns[from] instanceof UserTurnView && !(this.turns[from + 1] instanceof UserTurnView) && from + 1 < this.turns.length ? 2 : 1;
    return { from, count };
  }

  /** Removes `count` turns from `from` on; with none left, the empty hint comes back. */
  remove(from: number, count: number): void {
    for (const v of this.turns.splice(from, count)) v.element.remove();
    this.emptyHint.hidden = this.turns.length > 0;
  }

  lastUserIndex(): number {
    for (let i = this.turns.length - 1; i >= 0; i--) if (this.turns[i] instanceof UserTurnView) return i;
    return -1;
  }

  /** Shows each turn's actions for the current state (only the last turns offer edit / regenerate). */
  updateActions(busy: boolean): void {
    const lastUser = this.lastUserIndex();
    const unanswered = lastUser === this.turns.length - 1;
    this.turns.forEach((t, i) => (t instanceof UserTurnView ? t.setLast(i === lastUser, busy, unanswered) : t.setLast(i === this.turns.length - 1, busy)));
  }

  /** Restores a saved scroll position, or shows the end. */
  restoreScroll(scrollTop: number | undefined): void {
    this.element.scrollTop = scrollTop ?? this.element.scrollHeight;
  }

  startFollowing(): void {
    this.following = true;
    this.scrollToEndIfFollowing();
  }

  scrollToEndIfFollowing(): void {
    if (!this.following || this.scrollFrame !== undefined) return;
    // The renderer paints deltas at the next animation frame; a frame requested after it runs
    // after that paint's layout, so the scroll sees the new height.
    this.scrollFrame = requestAnimationFrame(() => {
      this.scrollFrame = undefined;
      if (!this.following) return;
      const t = this.element;
      t.scrollTop = t.scrollHeight;
    });
  }
}
