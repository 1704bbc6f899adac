// Element construction without HTML strings: user text and host data only ever become text nodes
// or attribute values, and no `style` attribute is ever set (the CSP allows none).

type Child = Node | string | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'style') throw new Error('inline styles are forbidden by the CSP; use a class');
    e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== undefined && c !== false) e.append(c);
  return e;
}

/** A new id for requests and conversations (webviews are secure contexts, so randomUUID exists). */
export function newId(): string {
  return crypto.randomUUID();
}

/**
 * The keys that close an open popup list, the same in every one: Escape closes it and gives focus
 * back to its button (and goes no further, so the view behind does not see it); Tab closes it and
 * lets focus move on. Says whether `e` was one of them.
 */
export function closeOnEscapeOrTab(e: KeyboardEvent, close: (returnFocus: boolean) => void): boolean {
  if (e.key === 'Escape') {
    e.preventDefault();
    e.stopPropagation();
    close(true);
    return true;
  }
  if (e.key === 'Tab') {
    close(false);
    return true;
  }
  return false;
}
