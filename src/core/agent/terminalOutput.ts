// A command's terminal output as the model should read it: escape sequences (colours, cursor
// moves, shell-integration marks) removed, carriage-return redraws collapsed to their last state,
// and at most a byte budget kept — the start and the end, since errors and summaries come last.

/** Keeps the first quarter and the last three quarters of `maxBytes` of text, dropping the middle. */
export class OutputKeeper {
  private head = '';
  private tail = '';
  private dropped = false;
  private readonly headChars: number;
  private readonly tailChars: number;

  constructor(maxBytes: number) {
    // Characters, not bytes: a cheap upper bound; the result is capped in bytes afterwards.
    this.headChars = Math.max(256, Math.floor(maxBytes / 4));
    this.tailChars = Math.max(768, maxBytes - this.headChars);
  }

  add(chunk: string): void {
    if (this.head.length < this.headChars) {
      const room = this.headChars - this.head.length;
      this.head += chunk.slice(0, room);
      chunk = chunk.slice(room);
    }
    if (!chunk) return;
    this.tail += chunk;
    if (this.tail.length > this.tailChars * 2) this.trim();
  }

  private trim(): void {
    if (this.tail.length > this.tailChars) {
      this.tail = this.tail.slice(this.tail.length - this.tailChars);
      this.dropped = true;
    }
  }

  /** Whether the middle was dropped. */
  get cut(): boolean {
    this.trim();
    return this.dropped;
  }

  text(): string {
    this.trim();
    return this.dropped ? `${this.head}\n[... output cut ...]\n${this.tail}` : this.head + this.tail;
  }
}

export function cleanTerminalOutput(raw: string): string {
  const noEscapes = raw
    // OSC sequences (titles, shell-integration marks), ended by BEL or ST.
    .replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g, '')
    // CSI sequences (colours, cursor moves, erase).
    .replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '')
    // Other two-character escapes.
    .replace(/\x1b[@-_]/g, '')
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '');
  return noEscapes
    .replace(/\r+\n/g, '\n')
    .split('\n')
    .map((line) => line.slice(line.lastIndexOf('\r') + 1))
    .join('\n');
}
