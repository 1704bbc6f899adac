// Comparing rendered DOM, so a re-render that produced the same nodes leaves the page untouched.

/** True when `a`'s children are node for node equal to `b`'s (tags, attributes, text). */
export function sameChildren(a: Node, b: Node): boolean {
  let x = a.firstChild;
  let y = b.firstChild;
  for (; x && y; x = x.nextSibling, y = y.nextSibling) if (!x.isEqualNode(y)) return false;
  return !x && !y;
}
