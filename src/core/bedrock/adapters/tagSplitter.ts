// Some models write their reasoning inline, at the start of the reply text: gpt-oss as
// `<reasoning>…</reasoning>`, DeepSeek, MiniMax, Kimi and Qwen as `<think>…</think>` (DeepSeek-R1 on
// InvokeModel starts inside, its `<think>` is in the prompt). Splits a text stream into reasoning and
// answer text, tolerating tags cut across chunks, so the tags never reach the reply or the history.
import type { ChatEvent } from './chatEvent';

export type TagPair = readonly [open: string, close: string];

export const REASONING_TAGS: TagPair = ['<reasoning>', '</reasoning>'];
export const THINK_TAGS: TagPair = ['<think>', '</think>'];
/** Either form, for the compatible endpoints (which model writes which is not listed anywhere). */
export const INLINE_REASONING_TAGS: readonly TagPair[] = [REASONING_TAGS, THINK_TAGS];

export class TagSplitter {
  private buf = '';
  /** The close tag awaited while inside a reasoning block. */
  private closing: string | undefined;
  /** Reasoning only comes before the answer: once answer text has started, tags are plain text. */
  private answering = false;

  constructor(
    private readonly pairs: readonly TagPair[],
    startInside?: TagPair,
  ) {
    this.closing = startInside?.[1];
  }

  push(text: string, out: ChatEvent[]): void {
    if (this.answering && !this.buf) {
      if (text) out.push({ type: 'text', text });
      return;
    }
    this.buf += text;
    for (;;) {
      if (this.closing) {
        const i = this.buf.indexOf(this.closing);
        if (i < 0) return this.emitAllBut(this.partialTagAt([this.closing]), out);
        this.emit(this.buf.slice(0, i), out);
        this.buf = this.buf.slice(i + this.closing.length);
        this.closing = undefined;
        continue;
      }
      if (this.answering) return this.emitAllBut(0, out);
      const found = this.firstOpenTag();
      if (!found) return this.emitAllBut(this.partialTagAt(this.pairs.map((p) => p[0])), out);
      const [i, pair] = found;
      this.emit(this.buf.slice(0, i), out);
      this.buf = this.buf.slice(i);
      if (this.answering) continue; // answer text came first: this tag is part of the answer
      this.buf = this.buf.slice(pair[0].length);
      this.closing = pair[1];
    }
  }

  flush(out: ChatEvent[]): void {
    this.emit(this.buf, out);
    this.buf = '';
  }

  private firstOpenTag(): [number, TagPair] | undefined {
    let best: [number, TagPair] | undefined;
    for (const p of this.pairs) {
      const i = this.buf.indexOf(p[0]);
      if (i >= 0 && (!best || i < best[0])) best = [i, p];
    }
    return best;
  }

  /** Length of the longest end of the buffer that could begin one of `tags` (kept for the next chunk). */
  private partialTagAt(tags: readonly string[]): number {
    for (let k = Math.min(this.buf.length, Math.max(...tags.map((t) => t.length)) - 1); k > 0; k--) {
      const end = this.buf.slice(this.buf.length - k);
      if (tags.some((t) => t.startsWith(end))) return k;
    }
    return 0;
  }

  private emitAllBut(keep: number, out: ChatEvent[]): void {
    this.emit(this.buf.slice(0, this.buf.length - keep), out);
    this.buf = this.buf.slice(this.buf.length - keep);
  }

  private emit(s: string, out: ChatEvent[]): void {
    if (!s) return;
    if (this.closing) out.push({ type: 'reasoning', text: s });
    else {
      out.push({ type: 'text', text: s });
      if (/\S/.test(s)) this.answering = true;
    }
  }
}
