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
