// Markdown tokens → HTML string, the first of two safety layers (DOMPurify is the second): raw HTML
// in model output is shown as text, links survive only with an http/https/mailto destination,
// images become links (never loaded), task-list checkboxes become glyphs (no form controls).
import { Marked, type Token, type Tokens } from 'marked';
import { isSafeLinkHref } from '../../src/shared/protocolValidation';
import { fencePath } from '../../src/shared/codeTarget';
import { escapeHtml, highlightToHtml } from './highlighter';

export interface MarkdownHtmlOptions {
  /** Syntax-highlight fenced code (default true). */
  highlight?: boolean;
}

export interface MarkdownHtmlRenderer {
  /** HTML for already-lexed block tokens. */
  renderTokens(tokens: Token[]): string;
  /** HTML for a whole markdown text (lex + render in one go). */
  renderText(markdown: string): string;
}

/** The fence info string's first word, if it is a plausible language name. */
export function fenceLanguage(info: string | undefined): string | undefined {
  // `ts src/a.ts` and `ts:src/a.ts` both name the language first.
  const word = info?.trim().split(/[\s:]/, 1)[0];
  return word && /^[\w#+.-]{1,64}$/.test(word) ? word.toLowerCase() : undefined;
}

/** Absolute, encoded href when it is safe to offer as a link; undefined otherwise. */
export function safeHref(href: string): string | undefined {
  let encoded: string;
  try {
    encoded = encodeURI(href).replace(/%25/g, '%');
  } catch {
    return undefined;
  }
  return isSafeLinkHref(encoded) ? encoded : undefined;
}

export function createMarkdownHtmlRenderer(options: MarkdownHtmlOptions = {}): MarkdownHtmlRenderer {
  const highlight = options.highlight !== false;
  const marked = new Marked({ gfm: true, breaks: false, async: false });
  marked.use({
    renderer: {
      html({ text, block }: Tokens.HTML | Tokens.Tag): string {
        // Model output never becomes markup: show what it wrote.
        return block ? `<p class="md-html">${escapeHtml(text.replace(/\n+$/, ''))}</p>\n` : escapeHtml(text);
      },
      code({ text, lang }: Tokens.Code): string {
        const language = fenceLanguage(lang);
        const body = highlight ? highlightToHtml(text, language) : escapeHtml(text);
        const cls = language ? `hljs language-${language}` : 'hljs';
        // A file the fence names rides on the pre's title (a tooltip, and Apply's target).
        const file = fencePath(lang);
        const title = file ? ` title="${escapeHtml(file)}"` : '';
        return `<pre${title}><code class="${escapeHtml(cls)}">${body}</code></pre>\n`;
      },
      link({ href, title, text, tokens, autolink }: Tokens.Link): string {
        const inner = autolink ? escapeHtml(text) : this.parser.parseInline(tokens);
        const safe = safeHref(href);
        if (!safe) return inner;
        const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
        return `<a href="${escapeHtml(safe)}"${titleAttr}>${inner}</a>`;
      },
      image({ href, text }: Tokens.Image): string {
        // Loading an image would be a network request chosen by the model; offer it as a link.
        const label = `Image: ${escapeHtml(text || 'untitled')}`;
        const safe = safeHref(href);
        if (!safe || !/^https?:/i.test(safe)) return `<span class="md-image">${label}</span>`;
        return `<a class="md-image" href="${escapeHtml(safe)}">${label}</a>`;
      },
      checkbox({ checked }: Tokens.Checkbox): string {
        return `<span class="md-task">${checked ? '\u2611' : '\u2610'}</span> `;
      },
    },
  });
  return {
    renderTokens: (tokens) => marked.parser(tokens) as string,
    renderText: (markdown) => marked.parse(markdown, { async: false }) as string,
  };
}
