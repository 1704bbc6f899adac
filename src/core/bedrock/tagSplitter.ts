// Some models stream their reasoning inline (DeepSeek-R1 `…</think>`, gpt-oss `<reasoning>…</reasoning>`).
// Splits a text stream into reasoning and answer text, tolerating tags cut across chunks.
import type { ChatEvent } from './chatEvent';

export class TagSplitter {
  private buf = '';
  constructor(
    private readonly open: string,
    private readonly close: string,
    private inside: boolean,
  ) {}

  push(text: string, out: ChatEvent[]): void {
    this.buf += text;
    for (;;) {
      const tag = this.inside ? this.close : this.open;
      const i = this.buf.indexOf(tag);
      if (i >= 0) {
        this.emit(this.buf.slice(0, i), out);
        this.buf = this.buf.slice(i + tag.length);
        this.inside = !this.inside;
        continue;
      }
      // Keep a possible partial tag at the end for the next chunk.
      let keep = 0;
      for (let k = Math.min(tag.length - 1, this.buf.length); k > 0; k--) {
        if (tag.startsWith(this.buf.slice(this.buf.length - k))) {
          keep = k;
          break;
        }
      }
      this.emit(this.buf.slice(0, this.buf.length - keep), out);
      this.buf = this.buf.slice(this.buf.length - keep);
      return;
    }
  }

  flush(out: ChatEvent[]): void {
    this.emit(this.buf, out);
    this.buf = '';
  }

  private emit(s: string, out: ChatEvent[]): void {
    if (!s) return;
    out.push(this.inside ? { type: 'reasoning', text: s } : { type: 'text', text: s });
  }
}
