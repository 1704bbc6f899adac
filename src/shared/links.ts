// The one link policy for the chat panel. The webview renders and forwards a link only when this
// says so, and the host opens exactly what it returns: the two sides cannot disagree (a link the
// webview shows as clickable is a link the host opens, whatever the case of its scheme).

/** Link schemes rendered output may open. Everything else renders as plain text. */
export const SAFE_LINK_SCHEMES: readonly string[] = ['http:', 'https:', 'mailto:'];

/** Longest link the panel renders or opens. */
export const MAX_HREF = 8192;

/**
 * The link to open for `href`, with its scheme in lower case (`HTTPS://x` → `https://x`), or
 * undefined when `href` is not an absolute http, https or mailto URL. Relative URLs, `javascript:`,
 * `data:`, `vbscript:`, `file:`, `command:` … are refused: a webview link must never run code,
 * reach the workspace or invoke a VS Code command.
 */
export function openableLinkHref(href: unknown): string | undefined {
  if (typeof href !== 'string' || href.length === 0 || href.length > MAX_HREF) return undefined;
  // Control characters and whitespace inside a scheme are how `java\tscript:` slips past naive
  // checks; a real link never contains them, so refuse instead of normalising.
  if (/[\u0000-\u0020\u007f-\u009f]/.test(href)) return undefined;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(href);
  if (!scheme) return undefined;
  const s = `${scheme[1].toLowerCase()}:`;
  if (!SAFE_LINK_SCHEMES.includes(s)) return undefined;
  const normalized = s + href.slice(s.length);
  if (s === 'mailto:') return normalized.length > s.length ? normalized : undefined;
  // http(s) needs an authority; `http:foo` is a relative reference in disguise.
  return /^https?:\/\/[^/?#]/.test(normalized) ? normalized : undefined;
}

/** True when `href` may be rendered as a link and opened (see `openableLinkHref`). */
export function isSafeLinkHref(href: string): boolean {
  return openableLinkHref(href) !== undefined;
}
