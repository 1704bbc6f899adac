// The second safety layer: every HTML string passes DOMPurify with a strict allow-list before it
// becomes DOM. Only the tags our markdown renderer emits survive; no styles (the CSP forbids inline
// styles anyway), no forms, frames, objects, SVG/MathML, images or data attributes; hrefs only
// http/https/mailto. The purifier is injected so tests run it against a jsdom window.
import type { Config, DOMPurify } from 'dompurify';
import { isSafeLinkHref } from '../../src/shared/protocolValidation';

export interface MarkdownSanitizer {
  /** Sanitized DOM for `html`, owned by the purifier's document. */
  toFragment(html: string): DocumentFragment;
}

export const ALLOWED_TAGS: readonly string[] = [
  'a', 'blockquote', 'br', 'code', 'del', 'div', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr',
  'li', 'ol', 'p', 'pre', 's', 'span', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
];

export const ALLOWED_ATTR: readonly string[] = ['href', 'title', 'class', 'start', 'align'];

/** Classes our renderer and highlight.js emit; anything else is dropped. */
const ALLOWED_CLASS = /^(?:hljs(?:-[\w-]+)?|[a-z]+_+|language-[\w#+.-]+|md-[\w-]+)$/;

const CONFIG: Config = {
  ALLOWED_TAGS: [...ALLOWED_TAGS],
  ALLOWED_ATTR: [...ALLOWED_ATTR],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // DOMPurify applies the URI regexp to every attribute not marked URI-safe, so it must accept
  // scheme-less values; our hook then refuses any href that is not an absolute safe URL.
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  ADD_URI_SAFE_ATTR: ['align', 'start', 'class', 'title'],
  KEEP_CONTENT: true,
  WHOLE_DOCUMENT: false,
  // Appending a fragment skips a second HTML parse that `innerHTML = string` would cost.
  RETURN_DOM_FRAGMENT: true,
};

const configured = new WeakSet<object>();

/**
 * Wraps `purify` as the markdown sanitizer. Give it a dedicated instance: this installs a hook
 * and a persistent config on it (a persistent config also saves re-parsing it on every call).
 */
export function createSanitizer(purify: DOMPurify): MarkdownSanitizer {
  if (!configured.has(purify)) {
    configured.add(purify);
    purify.setConfig(CONFIG);
    purify.addHook('afterSanitizeAttributes', (node) => {
      if (node.nodeType !== 1) return;
      const el = node as Element;
      if (el.hasAttribute('class')) {
        const kept = (el.getAttribute('class') ?? '').split(/\s+/).filter((c) => ALLOWED_CLASS.test(c));
        if (kept.length) el.setAttribute('class', kept.join(' '));
        else el.removeAttribute('class');
      }
      if (el.hasAttribute('href')) {
        // DOMPurify's URI check is a prefix regex; ours also demands an authority and refuses
        // whitespace and control characters, so `https:evil` and `java\nscript:` never survive.
        if (el.tagName !== 'A' || !isSafeLinkHref(el.getAttribute('href') ?? '')) el.removeAttribute('href');
      }
      if (el.hasAttribute('start') && !/^\d{1,9}$/.test(el.getAttribute('start') ?? '')) el.removeAttribute('start');
      if (el.hasAttribute('align') && !/^(?:left|right|center)$/.test(el.getAttribute('align') ?? '')) el.removeAttribute('align');
    });
  }
  return {
    toFragment: (html) => purify.sanitize(html) as unknown as DocumentFragment,
  };
}
