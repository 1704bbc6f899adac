// What "safe" means for rendered output, checked on the live DOM (not on an HTML string, so
// parser differentials can't hide anything). Shared with the Chromium e2e.
import { isSafeLinkHref } from '../../../../src/shared/protocolValidation';

/** Elements the renderer may produce (buttons only as our own code-block toolbar). */
const ALLOWED = new Set([
  'A', 'BLOCKQUOTE', 'BR', 'BUTTON', 'CODE', 'DEL', 'DIV', 'EM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HR',
  'LI', 'OL', 'P', 'PRE', 'S', 'SPAN', 'STRONG', 'TABLE', 'TBODY', 'TD', 'TH', 'THEAD', 'TR', 'UL',
]);

/** Attributes any element may carry; anything else (on*, style, src, srcset, action, …) is a finding. */
const ALLOWED_ATTRS = new Set([
  'class', 'href', 'title', 'start', 'align', 'tabindex', 'type', 'role', 'aria-label', 'aria-live',
  'aria-relevant', 'aria-atomic', 'data-md-action',
]);

/** Describes every unsafe thing under `root`; empty means safe. */
export function findUnsafeDom(root: Element): string[] {
  const findings: string[] = [];
  for (const el of Array.from(root.querySelectorAll('*'))) {
    const tag = el.tagName.toUpperCase();
    if (!ALLOWED.has(tag)) findings.push(`element <${tag.toLowerCase()}>`);
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (!ALLOWED_ATTRS.has(name)) findings.push(`attribute ${name} on <${tag.toLowerCase()}>`);
      if (name === 'href' && (tag !== 'A' || !isSafeLinkHref(attr.value))) findings.push(`href ${JSON.stringify(attr.value)}`);
      if (name === 'aria-live' && attr.value !== 'polite') findings.push(`aria-live=${attr.value}`);
    }
    if (tag === 'BUTTON') {
      // Our toolbar buttons live in a toolbar we built; a button anywhere else was forged.
      if (!el.parentElement?.classList.contains('md-code-toolbar')) findings.push('button outside a code toolbar');
      if (el.getAttribute('type') !== 'button') findings.push('button without type=button');
    }
    if (el.hasAttribute('role') && el.getAttribute('role') !== 'toolbar') findings.push(`role=${el.getAttribute('role')}`);
  }
  return findings;
}
