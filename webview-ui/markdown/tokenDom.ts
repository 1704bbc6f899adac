// Sanitizer-free rendering for the growing block: marked's tokens become DOM nodes directly, with
// no HTML string in between, so there is nothing to parse and nothing to purify. It is safe by
// construction rather than by filtering:
// - elements come only from `createElement` with a tag name from the fixed list below (never from
//   model text), and only from the subset of the sanitizer's allow-list our renderer emits;
// - attributes are set only through `setAttribute` with fixed names: `href` only after the same
//   `safeHref` / `isSafeLinkHref` checks the renderer and the sanitizer hook apply, `class` only
//   from fixed strings, `start` only digits, `align` only left/right/center, `title` as inert text;
// - model text only ever becomes `Text` nodes, so markup in it stays text.
// Nothing here uses innerHTML, insertAdjacentHTML, DOMParser or the like.
//
// It mirrors `markdownHtml` + `sanitizer` node for node (tests compare the two over the sample
// replies and the XSS corpus), so a block looks the same whichever path drew it. Whatever it can't
// mirror exactly — code (highlight.js emits HTML), unknown token types, character references the
// HTML parser would decode beyond the common few, NUL characters, unusual titles — makes it return
// `undefined`, and the caller takes the sanitizer path instead. Finished blocks always take the
// sanitizer path; this one only draws intermediate frames.
import type { Token, Tokens } from 'marked';
import { isSafeLinkHref } from '../../src/shared/protocolValidation';
import { safeHref } from './markdownHtml';

/** Tag names this builder can create: a subset of the sanitizer's `ALLOWED_TAGS`. */
export const TOKEN_DOM_TAGS = [
  'a', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'ol',
  'p', 'span', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
] as const;
type Tag = (typeof TOKEN_DOM_TAGS)[number];

const HEADINGS: readonly Tag[] = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

/** Thrown (and caught below) when a token can't be mirrored exactly. */
class Unsupported extends Error {}

/**
 * DOM for one top-level block token, identical to what the renderer + sanitizer produce for it,
 * or `undefined` when the token needs the sanitizer path.
 */
export function buildBlockDom(token: Token, doc: Document): DocumentFragment | undefined {
  if (token.raw.includes('\0')) return undefined;
  const fragment = doc.createDocumentFragment();
  try {
    new Builder(doc).blocks([token], fragment);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  return fragment;
}

class Builder {
  /** Inside an `<a>`: the HTML parser would not nest another one, so that goes the other way. */
  private inAnchor = false;

  constructor(private readonly doc: Document) {}

  private el(tag: Tag, parent: Node): HTMLElement {
    const e = this.doc.createElement(tag);
    parent.appendChild(e);
    return e;
  }

  private text(data: string, parent: Node): void {
    if (data) parent.appendChild(this.doc.createTextNode(data));
  }

  private nl(parent: Node): void {
    parent.appendChild(this.doc.createTextNode('\n'));
  }

  /** Mirrors `Parser.parse`: block tokens, each followed by the renderer's newline. */
  blocks(tokens: readonly Token[], parent: Node): void {
    for (const token of tokens) {
      switch (token.type) {
        case 'space':
        case 'def':
          break;
        case 'paragraph': {
          this.inline((token as Tokens.Paragraph).tokens, this.el('p', parent));
          this.nl(parent);
          break;
        }
        case 'heading': {
          const { depth, tokens } = token as Tokens.Heading;
          const tag = HEADINGS[depth - 1];
          if (!tag) throw new Unsupported();
          this.inline(tokens, this.el(tag, parent));
          this.nl(parent);
          break;
        }
        case 'hr':
          this.el('hr', parent);
          this.nl(parent);
          break;
        case 'blockquote': {
          const quote = this.el('blockquote', parent);
          this.nl(quote);
          this.blocks((token as Tokens.Blockquote).tokens, quote);
          this.nl(parent);
          break;
        }
        case 'list':
          this.list(token as Tokens.List, parent);
          break;
        case 'table':
          this.table(token as Tokens.Table, parent);
          break;
        case 'html': {
          // markdownHtml: block HTML is shown as its text in a `.md-html` paragraph.
          const p = this.el('p', parent);
          p.className = 'md-html';
          this.text((token as Tokens.HTML).text.replace(/\n+$/, ''), p);
          this.nl(parent);
          break;
        }
        case 'text': {
          // Tight list items hold block-level text tokens.
          const t = token as Tokens.Text;
          if (t.tokens) this.inline(t.tokens, parent);
          else this.plain(t, parent);
          break;
        }
        case 'checkbox':
          this.checkbox(token as Tokens.Checkbox, parent);
          break;
        default:
          // `code` (highlighted HTML) and anything unknown: the sanitizer path draws it.
          throw new Unsupported();
      }
    }
  }

  private list(token: Tokens.List, parent: Node): void {
    const list = this.el(token.ordered ? 'ol' : 'ul', parent);
    if (token.ordered && token.start !== 1) {
      const start = String(token.start);
      // The sanitizer hook keeps only 1–9 digits.
      if (/^\d{1,9}$/.test(start)) list.setAttribute('start', start);
    }
    this.nl(list);
    for (const item of token.items) {
      this.blocks(item.tokens, this.el('li', list));
      this.nl(list);
    }
    this.nl(parent);
  }

  private table(token: Tokens.Table, parent: Node): void {
    const table = this.el('table', parent);
    this.nl(table);
    const head = this.el('thead', table);
    this.nl(head);
    this.row(token.header, head);
    this.nl(table);
    if (token.rows.length) {
      const body = this.el('tbody', table);
      for (const row of token.rows) this.row(row, body);
    }
    this.nl(parent);
  }

  private row(cells: readonly Tokens.TableCell[], parent: Node): void {
    const tr = this.el('tr', parent);
    this.nl(tr);
    for (const cell of cells) {
      const td = this.el(cell.header ? 'th' : 'td', tr);
      if (cell.align === 'left' || cell.align === 'right' || cell.align === 'center') td.setAttribute('align', cell.align);
      else if (cell.align) throw new Unsupported();
      this.inline(cell.tokens, td);
      this.nl(tr);
    }
    this.nl(parent);
  }

  private checkbox({ checked }: Tokens.Checkbox, parent: Node): void {
    const span = this.el('span', parent);
    span.className = 'md-task';
    this.text(checked ? '\u2611' : '\u2610', span);
    this.text(' ', parent);
  }

  /** Mirrors `Parser.parseInline` with markdownHtml's overrides. */
  private inline(tokens: readonly Token[] | undefined, parent: Node): void {
    if (!tokens) throw new Unsupported();
    for (const token of tokens) {
      switch (token.type) {
        case 'text':
        case 'escape': {
          const t = token as Tokens.Text;
          if (t.tokens) this.inline(t.tokens, parent);
          else this.plain(t, parent);
          break;
        }
        case 'strong':
          this.inline((token as Tokens.Strong).tokens, this.el('strong', parent));
          break;
        case 'em':
          this.inline((token as Tokens.Em).tokens, this.el('em', parent));
          break;
        case 'del':
          this.inline((token as Tokens.Del).tokens, this.el('del', parent));
          break;
        case 'codespan':
          // Rendered fully escaped: the text shows as written.
          this.text((token as Tokens.Codespan).text, this.el('code', parent));
          break;
        case 'br':
          this.el('br', parent);
          break;
        case 'html':
          // markdownHtml: inline HTML is escaped, i.e. shown as written.
          this.text((token as Tokens.Tag).text, parent);
          break;
        case 'link':
          this.link(token as Tokens.Link, parent);
          break;
        case 'image':
          this.image(token as Tokens.Image, parent);
          break;
        case 'checkbox':
          this.checkbox(token as Tokens.Checkbox, parent);
          break;
        default:
          throw new Unsupported();
      }
    }
  }

  private link(token: Tokens.Link, parent: Node): void {
    const href = checkedHref(token.href);
    let target: Node = parent;
    if (href) {
      if (this.inAnchor) throw new Unsupported();
      const a = this.el('a', parent);
      a.setAttribute('href', href);
      if (token.title) a.setAttribute('title', checkedTitle(token.title));
      target = a;
    }
    const outer = this.inAnchor;
    this.inAnchor = outer || !!href;
    if (token.autolink) this.text(token.text, target);
    else this.inline(token.tokens, target);
    this.inAnchor = outer;
  }

  private image({ href, text }: Tokens.Image, parent: Node): void {
    const safe = checkedHref(href);
    const label = `Image: ${text || 'untitled'}`;
    if (safe && /^https?:/i.test(safe)) {
      if (this.inAnchor) throw new Unsupported();
      const a = this.el('a', parent);
      a.className = 'md-image';
      a.setAttribute('href', safe);
      this.text(label, a);
    } else {
      const span = this.el('span', parent);
      span.className = 'md-image';
      this.text(label, span);
    }
  }

  /** A text token the renderer writes with `escapeHtmlEntities(text)` (or verbatim if escaped). */
  private plain(token: Tokens.Text | Tokens.Escape, parent: Node): void {
    if ('escaped' in token && token.escaped) throw new Unsupported();
    this.text(decodeReferences(token.text), parent);
  }
}

/** The href the renderer would emit, if the sanitizer keeps it too; undefined for none. */
function checkedHref(href: string): string | undefined {
  const safe = safeHref(href);
  if (!safe) return undefined;
  // The sanitizer trims attribute values and drops breakout-looking ones; a safe href (encoded by
  // encodeURI, no whitespace) never matches, but mirror rather than assume.
  if (safe !== safe.trim() || ATTRIBUTE_DROPPED.test(safe) || !isSafeLinkHref(safe)) throw new Unsupported();
  return safe;
}

/** The title as the sanitizer would keep it; anything it would trim or drop goes its way. */
function checkedTitle(title: string): string {
  if (title !== title.trim() || ATTRIBUTE_DROPPED.test(title)) throw new Unsupported();
  return title;
}

/** DOMPurify removes attribute values matching these (SAFE_FOR_XML breakouts, `/>`). */
const ATTRIBUTE_DROPPED = /((--!?|])>)|<\/(style|script|title|xmp|textarea|noscript|iframe|noembed|noframes)|\/>/i;

/** What marked's `escapeHtmlEntities(text)` leaves for the HTML parser to decode. */
const REFERENCE = /&(#\d{1,7}|#[Xx][a-fA-F0-9]{1,6}|\w+);/g;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * The text the HTML parser makes of `text` after marked's non-encoding escape: character
 * references pass through it and get decoded. The common few are decoded here; anything else
 * (numeric, or one of HTML's 2,000+ names) is left to the sanitizer path.
 */
function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (_, name: string) => {
    const ch = Object.prototype.hasOwnProperty.call(NAMED, name) ? NAMED[name] : undefined;
    if (ch === undefined) throw new Unsupported();
    return ch;
  });
}
