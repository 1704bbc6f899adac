import * as assert from 'node:assert/strict';
import { isSafeLinkHref } from '../../../../src/shared/protocolValidation';
import { findUnsafeDom } from './domSafety';
import { createFixture, type Fixture } from './markdownFixture';
import { XSS_CORPUS } from './xssCorpus';

/** Clicks every link and button the payload produced; returns what reached the host callbacks. */
function clickEverything(f: Fixture, root: Element): void {
  for (const el of Array.from(root.querySelectorAll('a, button'))) {
    el.dispatchEvent(new f.window.MouseEvent('click', { bubbles: true, cancelable: true }));
  }
}

function assertSafe(f: Fixture, root: Element, how: string): void {
  assert.deepEqual(findUnsafeDom(root), [], how);
  clickEverything(f, root);
  for (const href of f.links) assert.ok(isSafeLinkHref(href), `${how}: link/open ${href}`);
  for (const a of f.actions) assert.ok(['copy', 'insert', 'apply', 'openInNewFile'].includes(a.action), `${how}: ${a.action}`);
}

describe('XSS corpus', () => {
  it('has at least 100 distinct payloads', () => {
    assert.ok(XSS_CORPUS.length >= 100, `${XSS_CORPUS.length} payloads`);
    assert.equal(new Set(XSS_CORPUS.map((x) => x.markdown)).size, XSS_CORPUS.length);
    assert.equal(new Set(XSS_CORPUS.map((x) => x.name)).size, XSS_CORPUS.length);
  });

  for (const payload of XSS_CORPUS) {
    it(`renders safely: ${payload.name}`, () => {
      // Whole, as one delta.
      const whole = createFixture();
      whole.view.append(payload.markdown);
      whole.scheduler.runFrame();
      assertSafe(whole, whole.view.element, 'whole, mid-stream');
      whole.view.finish();
      assertSafe(whole, whole.view.element, 'whole, finished');

      // One character at a time, checking the DOM after every frame: a payload must not be
      // dangerous in any intermediate state either.
      const chars = createFixture();
      const text = `Before.\n\n${payload.markdown}\n\nAfter.`;
      for (let i = 0; i < text.length; i++) {
        chars.view.append(text[i]);
        chars.scheduler.runFrame();
        const findings = findUnsafeDom(chars.view.element);
        assert.deepEqual(findings, [], `after ${i + 1} chars`);
      }
      chars.view.finish();
      assertSafe(chars, chars.view.element, 'char by char, finished');
    });
  }

  it('a forged toolbar button never reaches the code-action callback', () => {
    const f = createFixture();
    f.view.append('<button data-md-action="insert" class="md-code-button">Insert</button>');
    f.view.finish();
    clickEverything(f, f.view.element);
    assert.deepEqual(f.actions, []);
    assert.equal(f.view.element.querySelector('button'), null);
  });

  it('only the real link of a mixed payload reaches link/open', () => {
    const f = createFixture();
    f.view.append('[ok](https://example.com) [bad](javascript:alert(1)) <a href="https://evil.example">raw</a>');
    f.view.finish();
    clickEverything(f, f.view.element);
    assert.deepEqual(f.links, ['https://example.com']);
  });
});
