// Applies the colour theme's token colours (from the host) as CSS variables on the page's root,
// which tokens.css reads. Set through the CSSOM: the CSP forbids style attributes in markup, not
// this. Only `#rgb[a]`/`#rrggbb[aa]` values and plain class keys pass, whatever the host sent.
import type { TokenColors } from '../../src/shared/protocol';

const COLOR = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const KEY = /^[\w-]{1,40}$/;
const applied = new WeakMap<HTMLElement, Set<string>>();

export function applyTokenColors(root: HTMLElement, colors: TokenColors | unknown): void {
  const previous = applied.get(root) ?? new Set<string>();
  const next = new Set<string>();
  if (colors && typeof colors === 'object') {
    for (const [key, color] of Object.entries(colors as Record<string, unknown>)) {
      if (!KEY.test(key) || typeof color !== 'string' || !COLOR.test(color)) continue;
      const name = `--bedrock-token-${key}`;
      root.style.setProperty(name, color);
      next.add(name);
    }
  }
  // A class the new theme leaves uncoloured falls back to the stylesheet's default.
  for (const name of previous) if (!next.has(name)) root.style.removeProperty(name);
  applied.set(root, next);
}
