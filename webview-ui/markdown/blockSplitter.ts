// Splits a growing markdown reply into top-level blocks, lexing only the part that can still
// change. Text before `stableEnd` belongs to blocks that are final: nothing appended later can
// alter how they parse, so they are never lexed again. That keeps the cost of each update
// proportional to the unfinished tail, not to the whole reply.
import { Lexer, type Links, type MarkedOptions, type Token, type Tokens, type TokensList } from 'marked';

/** One top-level block of the reply. */
export interface MarkdownBlock {
  /** The lexer's token for the block (its inline tokens already resolved). */
  token: Token;
  /** The block's exact source text. */
  raw: string;
  /** Offset of `raw` in the whole (normalised) reply. */
  start: number;
  /** True for a fenced code block whose closing fence has not arrived yet. */
  openFence: boolean;
}

export interface SplitResult {
  /** Blocks that became final in this call, in order. They never change again. */
  finalized: MarkdownBlock[];
  /** The unfinished blocks at the end of the reply (usually one), in order. */
  live: MarkdownBlock[];
  /** Link reference definitions seen so far (`[x]: https://…`). */
  links: Links;
}

/** Lexes `src` as top-level markdown, seeding reference definitions from earlier blocks. */
export type BlockLexer = (src: string, links: Links) => TokensList;

export function createBlockLexer(options: MarkedOptions = { gfm: true }): BlockLexer {
  return (src, links) => {
    const lexer = new Lexer(options);
    // Inline tokens are resolved during lexing, so `[text][ref]` in the tail needs the
    // definitions that scrolled into final blocks.
    Object.assign(lexer.tokens.links, links);
    return lexer.lex(src);
  };
}

export class BlockSplitter {
  /** Final text, kept as chunks so appending never copies the whole reply. */
  private readonly finalChunks: string[] = [];
  private finalLength = 0;
  /** Text after the last final block: the only part ever lexed again. */
  private tail = '';
  private pendingCarriageReturn = false;
  private readonly links: Links = {};

  constructor(private readonly lex: BlockLexer = createBlockLexer()) {}

  /** The whole reply so far, line endings normalised to `\n`. */
  get text(): string {
    return this.finalChunks.join('') + this.tail;
  }

  /** The unfinished tail: text after the last final block. */
  get tailText(): string {
    return this.tail;
  }

  /** Offset where the unfinished tail starts. */
  get stableEnd(): number {
    return this.finalLength;
  }

  append(delta: string): void {
    if (!delta) return;
    // CRLF may be split across deltas; marked itself normalises line endings, and block offsets
    // must agree with what it saw.
    let d = delta;
    if (this.pendingCarriageReturn && d.startsWith('\n')) d = d.slice(1);
    this.pendingCarriageReturn = d.endsWith('\r');
    this.tail += d.replace(/\r\n?/g, '\n');
  }

  /** Lexes the tail: returns the blocks that just became final and the ones still growing. */
  split(): SplitResult {
    return this.run(false);
  }

  /** The reply is complete: every remaining block becomes final. */
  finish(): SplitResult {
    return this.run(true);
  }

  private run(all: boolean): SplitResult {
    const src = this.tail;
    const tokens = src ? this.lex(src, this.links) : ([] as unknown as TokensList);

    const blocks: MarkdownBlock[] = [];
    const defs: Array<{ end: number; token: Tokens.Def }> = [];
    let offset = 0;
    for (const token of tokens) {
      if (token.type === 'def') defs.push({ end: offset + token.raw.length, token: token as Tokens.Def });
      else if (token.type !== 'space') {
        blocks.push({ token, raw: token.raw, start: this.finalLength + offset, openFence: isOpenFence(token) });
      }
      offset += token.raw.length;
    }
    // If marked ever drops or rewrites characters, offsets would drift; finalising nothing is the
    // safe answer (the tail just stays live a little longer).
    const aligned = offset === src.length;

    let finalCount = 0;
    if (all) finalCount = blocks.length;
    else if (aligned) {
      // A block is final once the next block's first line is complete: markdown decides whether a
      // line continues the previous block (lazy paragraph, list item, table row) from that whole
      // line, and a closed block never reopens.
      for (let i = 0; i + 1 < blocks.length; i++) {
        const nextStart = blocks[i + 1].start - this.finalLength;
        if (src.indexOf('\n', nextStart) === -1 || blocks[i].openFence) break;
        finalCount = i + 1;
      }
    }

    const finalized = blocks.slice(0, finalCount);
    const live = blocks.slice(finalCount);
    const cut = all ? src.length : finalCount > 0 ? live[0].start - this.finalLength : 0;
    // Only definitions in the final part count: a half-streamed `[x]: htt` must not win over
    // the complete one (the first definition of a label is the one markdown uses).
    for (const { end, token } of defs) {
      if (end <= cut && !(token.tag in this.links)) this.links[token.tag] = { href: token.href, title: token.title };
    }
    if (cut > 0) {
      this.finalChunks.push(src.slice(0, cut));
      this.finalLength += cut;
      this.tail = src.slice(cut);
    }
    return { finalized, live, links: this.links };
  }
}

const OPENING_FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * True for a fenced code token whose closing fence is missing: marked lexes an unclosed fence to
 * the end of the input, so the token alone can't tell "closed" from "still streaming".
 */
export function isOpenFence(token: Token): boolean {
  if (token.type !== 'code' || (token as { codeBlockStyle?: string }).codeBlockStyle === 'indented') return false;
  const open = OPENING_FENCE.exec(token.raw);
  if (!open) return false;
  const fence = open[1];
  const lines = token.raw.replace(/\n+$/, '').split('\n');
  if (lines.length < 2) return true;
  const last = lines[lines.length - 1];
  const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
  return !close.test(last);
}
