// Which file a code block in a reply is meant for, when it says so: models name it in the fence's
// info string (```` ```ts src/cache.ts ````, ```` ```ts:src/cache.ts ````, ```` ```ts title="src/cache.ts" ````)
// or in a comment on the block's first line (`// src/cache.ts`, `# file: app.py`). Pure, so the
// webview (fence info) and the host (first line) read it by the same rules.

/** A relative path that plausibly names a file: no spaces or scheme, at least a dot or a slash. */
function plausiblePath(candidate: string | undefined): string | undefined {
  const p = candidate?.trim().replace(/^["'`]|["'`]$/g, '').replace(/^\.\//, '');
  if (!p || p.length > 512 || /\s/.test(p) || /^[a-z][\w+.-]*:/i.test(p) || p.startsWith('/') || p.startsWith('\\')) return undefined;
  if (!/^[\w.@-]/.test(p) || p.split(/[\\/]/).some((s) => s === '..' || s === '')) return undefined;
  // A file name with an extension (`cache.ts`), or a path with a folder (`src/Makefile`).
  return /[\w-]\.[a-z][\w-]*$/i.test(p) || /[\w-][\\/][\w.-]+$/.test(p) ? p : undefined;
}

/** The path a fence's info string names after its language, if any. */
export function fencePath(info: string | undefined): string | undefined {
  if (!info) return undefined;
  const text = info.trim();
  const attr = /\b(?:title|file|filename|filepath|path)=("([^"]+)"|'([^']+)'|(\S+))/i.exec(text);
  if (attr) return plausiblePath(attr[2] ?? attr[3] ?? attr[4]);
  const colon = /^[\w#+.-]+:(\S+)$/.exec(text);
  if (colon) return plausiblePath(colon[1]);
  const words = text.split(/\s+/);
  return words.length >= 2 ? plausiblePath(words[1]) : undefined;
}

/** The path a comment on the block's first line names (`// src/a.ts`, `# file: a.py`, `<!-- a.html -->`), if any. */
export function commentPath(code: string): string | undefined {
  const first = code.split('\n', 1)[0]?.trim() ?? '';
  const m = /^(?:\/\/|#|--|;|\/\*|<!--)\s*(?:(?:file(?:name|path)?|path)\s*:\s*)?(\S+?)\s*(?:\*\/|-->)?$/i.exec(first);
  return m ? plausiblePath(m[1]) : undefined;
}
