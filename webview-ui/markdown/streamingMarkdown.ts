// Renders one assistant reply as it streams. Deltas are buffered and rendered at most once per
// frame. Each top-level block has its own element: a finished block keeps its DOM node for good,
// a growing block is re-rendered only when its source changed, and an open code fence just gets
// the new characters appended. Cost per frame therefore follows the size of the growing block,
// not of the reply.
//
// Between full renders of the growing block, frames take a cheaper path: characters that can't
// change the block's structure are appended as plain text — to an open fence's code, or (at most
// a quarter of the block, and never across a newline) to the end of the growing paragraph, list
// item, heading or table cell (a pipe moves on to the next cell). Markdown syntax they complete (a closing `**`) shows literally until the next
// full render, which comes within that quarter. This bounds full renders per block to a handful,
// so a whole reply costs about as much as rendering it once.
//
// Screen readers: finished blocks move into a polite live region, so each block is announced once
// when complete; the growing block sits outside it and is never re-announced per delta.
import type { Token, Tokens } from 'marked';
import { BlockSplitter, type BlockLexer, type MarkdownBlock, type SplitResult } from './blockSplitter';
import { createStreamingCodeBlock, decorateCodeBlocks, type StreamingCodeBlock } from './codeBlock';
import { sameChildren } from './domEquality';
import type { FrameScheduler } from './frameScheduler';
import { fenceLanguage, type MarkdownHtmlRenderer } from './markdownHtml';
import type { MarkdownSanitizer } from './sanitizer';
import { buildBlockDom } from './tokenDom';

export interface StreamingMarkdownOptions {
  /** The document to build nodes in (the webview's, or a jsdom one in tests). */
  document: Document;
  /** Tokens → HTML; share one across messages. */
  renderer: MarkdownHtmlRenderer;
  /** HTML → safe DOM; every HTML string goes through it. */
  sanitizer: MarkdownSanitizer;
  /** When batched renders run. */
  scheduler: FrameScheduler;
  /** Lexer for the block splitter (default: marked with GFM). */
  lexer?: BlockLexer;
  /** Put finished blocks in a polite live region (default true; false for restored history). */
  announce?: boolean;
}

interface BlockView {
  raw: string;
  element: HTMLElement;
  /** Set while the block is an open fence rendered as plain, appendable text. */
  stream?: StreamingCodeBlock;
  /** Drawn by the sanitizer-free builder: must be rendered through the sanitizer once final. */
  direct?: boolean;
}

export class StreamingMarkdown {
  /** The reply's root element; insert it into the transcript. */
  readonly element: HTMLElement;
  private readonly finalRegion: HTMLElement;
  private readonly liveRegion: HTMLElement;
  private readonly splitter: BlockSplitter;
  private readonly doc: Document;
  private liveViews: BlockView[] = [];
  private frame: number | undefined;
  private done = false;
  /** Length of the splitter's tail that the DOM shows (fully rendered or as plain text). */
  private shownTail = 0;
  /** Characters shown as plain text since the growing block's last full render. */
  private provisional = 0;
  /** The text node plain text goes to, and every one created since the last render. */
  private provisionalNode: Text | undefined;
  private provisionalNodes: Text[] = [];
  /** In a growing table: the row and cell that plain text goes to. */
  private cell: TableCursor | undefined;
  /** True when the growing block's source runs to the end of the text (nothing after it). */
  private liveEndsAtTail = false;
  /** The element the streaming cursor follows (class `md-caret`): where the next text will appear. */
  private caret: Element | undefined;

  constructor(private readonly options: StreamingMarkdownOptions) {
    this.doc = options.document;
    this.splitter = new BlockSplitter(options.lexer);
    this.element = this.doc.createElement('div');
    this.element.className = 'md-message';
    this.finalRegion = this.doc.createElement('div');
    this.finalRegion.className = 'md-final';
    if (options.announce !== false) {
      this.finalRegion.setAttribute('aria-live', 'polite');
      this.finalRegion.setAttribute('aria-relevant', 'additions');
      this.finalRegion.setAttribute('aria-atomic', 'false');
    }
    this.liveRegion = this.doc.createElement('div');
    this.liveRegion.className = 'md-live';
    this.element.append(this.finalRegion, this.liveRegion);
  }

  /** The reply so far (line endings normalised). */
  get text(): string {
    return this.splitter.text;
  }

  /** True once `finish()` ran. */
  get finished(): boolean {
    return this.done;
  }

  /** Adds streamed text; it shows at the next frame. Ignored after `finish()`. */
  append(delta: string): void {
    if (this.done || !delta) return;
    this.splitter.append(delta);
    if (this.frame === undefined) {
      this.frame = this.options.scheduler.requestFrame(() => {
        this.frame = undefined;
        if (!this.appendPlain()) this.render(this.splitter.split());
        this.placeCaret();
      });
    }
  }

  /** Renders pending text now instead of at the next frame. */
  flush(): void {
    if (this.done) return;
    this.cancelFrame();
    this.render(this.splitter.split());
    this.placeCaret();
  }

  /** The stream ended (normally, by error or by cancel): render everything as final, now. */
  finish(): void {
    if (this.done) return;
    this.cancelFrame();
    this.render(this.splitter.finish());
    this.done = true;
    this.placeCaret();
  }

  /** Stops pending work; the element stays where it is. */
  dispose(): void {
    this.cancelFrame();
    this.done = true;
  }

  /** Moves the cursor class to the end of the growing text (inline, after its last character); none once finished. */
  private placeCaret(): void {
    const target = this.done ? undefined : this.caretTarget();
    if (target === this.caret) return;
    this.caret?.classList.remove('md-caret');
    this.caret = target;
    target?.classList.add('md-caret');
  }

  private caretTarget(): Element | undefined {
    const view = this.liveViews[this.liveViews.length - 1];
    if (!view) return undefined;
    if (view.stream) return view.element.querySelector('pre > code') ?? undefined;
    const last = view.element.lastElementChild;
    if (last?.tagName === 'TABLE') {
      const rows = (last as HTMLTableElement).rows;
      const row = rows[rows.length - 1];
      return row?.cells[row.cells.length - 1] ?? undefined;
    }
    if (last?.classList.contains('md-code')) return last.querySelector('pre > code') ?? undefined;
    return plainTextTarget(view.element) ?? last ?? undefined;
  }

  private cancelFrame(): void {
    if (this.frame !== undefined) this.options.scheduler.cancelFrame(this.frame);
    this.frame = undefined;
  }

  /** The cheap path (see the header): true when the new text was shown without a render. */
  private appendPlain(): boolean {
    // Only the last block can grow; blocks before it change only after a newline (full render).
    const view = this.liveViews[this.liveViews.length - 1];
    if (!view) return false;
    const tail = this.splitter.tailText;
    const added = tail.slice(this.shownTail);
    if (view.stream) {
      // Only a fence character can close the fence. An indented fence strips indentation from
      // its lines, and an unfinished opening line is still the info string: both need the lexer.
      if (/[`~]/.test(added) || !/^[`~]/.test(view.raw) || !view.raw.includes('\n')) return false;
      view.stream.appendText(added);
    } else {
      // The new text must continue this block's last line: after a newline (or trailing blank
      // lines the block doesn't own) only the lexer can tell what starts.
      if (added.includes('\n') || !this.liveEndsAtTail || tail[this.shownTail - 1] === '\n') return false;
      if (this.provisional + added.length > Math.max(64, view.raw.length / 4)) return false;
      if (!this.appendToBlock(view, added, tail)) return false;
      this.provisional += added.length;
    }
    this.shownTail = tail.length;
    return true;
  }

  /** Appends `added` as plain text where it lands in the rendered block; false if unknown. */
  private appendToBlock(view: BlockView, added: string, tail: string): boolean {
    const last = view.element.lastElementChild;
    if (last?.tagName !== 'TABLE') {
      const target = this.provisionalNode?.parentNode ?? plainTextTarget(view.element);
      if (!target) return false;
      this.appendProvisional(target, added, view.raw);
      return true;
    }
    // A table row: each pipe moves on to the next cell (a backslash may escape one: render).
    if (added.includes('\\')) return false;
    this.cell ??= tableCursor(last as HTMLTableElement, currentLine(tail, this.shownTail));
    if (!this.cell) return false;
    const cursor = this.cell;
    added.split('|').forEach((part, i) => {
      if (i > 0) {
        cursor.index++;
        this.provisionalNode = undefined;
      }
      // Cells past the header's count are dropped, as marked drops them.
      const cell = cursor.row.cells[cursor.index];
      if (cell && part) this.appendProvisional(cell, part, i === 0 ? view.raw : '');
    });
    return true;
  }

  /** Appends to the current provisional text node, first creating it at the end of `target`. */
  private appendProvisional(target: Node, text: string, raw: string): void {
    if (!this.provisionalNode || this.provisionalNode.parentNode !== target) {
      // The render trimmed the raw text's trailing whitespace; the separator still counts.
      const trimmed = /\s$/.test(raw) && !/\s$/.test(target.textContent ?? '');
      this.provisionalNode = this.doc.createTextNode(trimmed ? ' ' : '');
      this.provisionalNodes.push(this.provisionalNode);
      target.appendChild(this.provisionalNode);
    }
    this.provisionalNode.appendData(text);
  }

  private render(result: SplitResult): void {
    for (const node of this.provisionalNodes) node.remove();
    this.provisionalNodes = [];
    this.cell = undefined;
    this.renderBlocks(result);
    const last = result.live[result.live.length - 1];
    this.liveEndsAtTail = !!last && last.start + last.raw.length === this.splitter.stableEnd + this.splitter.tailText.length;
    this.shownTail = this.splitter.tailText.length;
    this.provisional = 0;
    this.provisionalNode = undefined;
  }

  private renderBlocks({ finalized, live }: SplitResult): void {
    // Blocks come back in the same order and from the same offset as the live views of the last
    // render, so view i is the previous rendering of block i.
    const blocks = [...finalized, ...live];
    const views: BlockView[] = [];
    blocks.forEach((block, i) => {
      const isFinal = i < finalized.length;
      views.push(this.update(this.liveViews[i], block, isFinal));
    });
    for (const stale of this.liveViews.slice(blocks.length)) stale.element.remove();

    views.forEach((view, i) => {
      if (i < finalized.length) this.finalRegion.append(view.element);
      else if (view.element.parentNode !== this.liveRegion) this.liveRegion.append(view.element);
    });
    this.liveViews = views.slice(finalized.length);
  }

  private update(view: BlockView | undefined, block: MarkdownBlock, isFinal: boolean): BlockView {
    const streamFence = block.openFence && !isFinal;
    if (view && view.raw === block.raw && (!view.stream || streamFence)) {
      if (!(isFinal && view.direct)) return view;
      // Drawn by the builder and now final: it still goes through the sanitizer path, and the
      // nodes on screen stay only if they are exactly what that path produced.
      const sanitized = this.toDom(block.token);
      if (!sameChildren(view.element, sanitized)) view.element.replaceChildren(sanitized);
      return { raw: block.raw, element: view.element };
    }

    const element = view?.element ?? this.newBlockElement();
    if (streamFence) {
      const code = (block.token as Tokens.Code).text;
      const language = fenceLanguage((block.token as Tokens.Code).lang);
      const stream = view?.stream;
      if (stream && stream.language === language) {
        if (code.startsWith(stream.text)) stream.appendText(code.slice(stream.text.length));
        else stream.setText(code);
        return { raw: block.raw, element, stream };
      }
      const fresh = createStreamingCodeBlock(this.doc, language, code);
      element.replaceChildren(fresh.element);
      return { raw: block.raw, element, stream: fresh };
    }
    if (!isFinal) {
      // The growing block: built straight from its tokens when possible (no HTML, no sanitizer
      // call, see tokenDom.ts); it gets the full sanitizer path once, when it is final.
      const direct = buildBlockDom(block.token, this.doc);
      if (direct) {
        element.replaceChildren(direct);
        return { raw: block.raw, element, direct: true };
      }
    }
    element.replaceChildren(this.toDom(block.token));
    return { raw: block.raw, element };
  }

  private newBlockElement(): HTMLElement {
    const el = this.doc.createElement('div');
    el.className = 'md-block';
    return el;
  }

  private toDom(token: Token): DocumentFragment {
    const fragment = this.options.sanitizer.toFragment(this.options.renderer.renderTokens([token]));
    decorateCodeBlocks(fragment, this.doc);
    return fragment;
  }
}

/** The text from the last newline before `end` up to `end`. */
function currentLine(text: string, end: number): string {
  return text.slice(text.lastIndexOf('\n', end - 1) + 1, end);
}

interface TableCursor {
  row: HTMLTableRowElement;
  index: number;
}

/**
 * Where text typed at the end of `line` lands, when `line` is the table's last body row as last
 * rendered: the cell after the line's last pipe, counted the way marked splits a row (a leading
 * pipe opens the first cell; rows are padded to the header's cell count, extra cells dropped).
 * Only rows that start with a pipe (nothing else can start there) and have no backslash (an
 * escaped pipe).
 */
function tableCursor(table: HTMLTableElement, line: string): TableCursor | undefined {
  const body = table.tBodies[0];
  if (!body || !/^ {0,3}\|/.test(line) || line.includes('\\')) return undefined;
  const row = body.rows[body.rows.length - 1];
  return row ? { row, index: line.split('|').length - 2 } : undefined;
}

const CONTAINERS = new Set(['UL', 'OL', 'BLOCKQUOTE']);

/** The element whose end is the end of the block's text: its last paragraph, list item or heading. */
function plainTextTarget(block: Element): Element | undefined {
  let el = block.lastElementChild;
  for (;;) {
    if (!el) return undefined;
    const last: Element | null = el.lastElementChild;
    if (CONTAINERS.has(el.tagName) || (el.tagName === 'LI' && last && (CONTAINERS.has(last.tagName) || last.tagName === 'P'))) {
      el = last;
      continue;
    }
    return /^(?:P|LI|H[1-6])$/.test(el.tagName) ? el : undefined;
  }
}
