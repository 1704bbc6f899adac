import * as assert from 'node:assert/strict';
import { ALLOWED_TAGS } from '../../../../webview-ui/markdown/sanitizer';
import { createFixture, normalizedHtml, stream } from './markdownFixture';
import { MIXED_MARKDOWN } from './sampleMarkdown';

const RENDERER_TAGS = new Set([...ALLOWED_TAGS, 'button'].map((t) => t.toUpperCase()));

function blocks(el: Element): Element[] {
  return Array.from(el.querySelectorAll('.md-block'));
}

describe('StreamingMarkdown: batching', () => {
  it('renders nothing until the frame runs, then renders all pending deltas at once', () => {
    const f = createFixture();
    f.view.append('Hello ');
    f.view.append('world');
    assert.equal(f.scheduler.pending, 1, 'one frame requested for two deltas');
    assert.equal(f.view.element.textContent, '');
    assert.equal(f.scheduler.runFrame(), 1);
    assert.equal(f.view.element.textContent?.trim(), 'Hello world');
  });

  it('flush() renders synchronously and cancels the pending frame', () => {
    const f = createFixture();
    f.view.append('*now*');
    f.view.flush();
    assert.equal(f.view.element.querySelector('em')?.textContent, 'now');
    assert.equal(f.scheduler.pending, 0);
  });

  it('ignores deltas after finish()', () => {
    const f = createFixture();
    f.view.append('done');
    f.view.finish();
    f.view.append(' more');
    assert.equal(f.scheduler.pending, 0);
    assert.equal(f.view.text, 'done');
    assert.equal(f.view.finished, true);
  });
});

describe('StreamingMarkdown: incremental DOM', () => {
  it('keeps the DOM node of a finished block while later blocks stream', () => {
    const f = createFixture();
    stream(f, '# Heading\n\nFirst paragraph.\n\nSecond', 2);
    const heading = f.view.element.querySelector('h1');
    const firstP = f.view.element.querySelector('p');
    assert.ok(heading && firstP);
    stream(f, ' paragraph keeps growing for a while.\n\nThird\n\n```js\nlet a = 1;\n', 2);
    f.view.finish();
    assert.equal(f.view.element.querySelector('h1'), heading, 'same <h1> node');
    assert.equal(f.view.element.querySelector('p'), firstP, 'same first <p> node');
  });

  it('re-renders only the growing block: finished blocks are not sanitized again', () => {
    const f = createFixture();
    stream(f, 'Block one.\n\nBlock two.\n\nBlock', 3);
    const [one] = blocks(f.view.element);
    (one as unknown as { marker: number }).marker = 42;
    one.querySelector('p')!.setAttribute('data-probe', 'kept');
    stream(f, ' three grows.\n\nFour\n', 1);
    assert.equal((blocks(f.view.element)[0] as unknown as { marker?: number }).marker, 42);
    assert.equal(blocks(f.view.element)[0].querySelector('p')!.getAttribute('data-probe'), 'kept');
  });

  it('moves finished blocks into the polite live region; the growing block stays outside it', () => {
    const f = createFixture();
    stream(f, 'Done block.\n\nGrowing\nblo', 4);
    const region = f.view.element.querySelector('[aria-live]');
    assert.equal(region?.getAttribute('aria-live'), 'polite');
    assert.equal(region?.getAttribute('aria-atomic'), 'false');
    assert.match(region!.textContent ?? '', /Done block\./);
    assert.doesNotMatch(region!.textContent ?? '', /Growing/);
    assert.match(f.view.element.querySelector('.md-live')!.textContent ?? '', /Growing\s+blo/);
    f.view.finish();
    assert.match(region!.textContent ?? '', /Growing\s+blo/);
    assert.equal(f.view.element.querySelector('.md-live')!.childElementCount, 0);
  });

  it('can render without a live region (restored history is not announced)', () => {
    const f = createFixture({ announce: false });
    f.view.append('old reply');
    f.view.finish();
    assert.equal(f.view.element.querySelector('[aria-live]'), null);
  });

  for (const size of [1, 3, 4, 17, 256]) {
    it(`ends with the same DOM as a one-shot render (deltas of ${size})`, () => {
      const f = createFixture();
      stream(f, MIXED_MARKDOWN, size);
      f.view.finish();
      const oneShot = f.newView();
      oneShot.append(MIXED_MARKDOWN);
      oneShot.finish();
      assert.equal(normalizedHtml(f.view), normalizedHtml(oneShot));
      assert.equal(blocks(f.view.element).length, 13);
    });
  }

  it('never emits an element outside the allow-list or any style attribute, at any point mid-stream', () => {
    const f = createFixture();
    for (let i = 0; i < MIXED_MARKDOWN.length; i++) {
      f.view.append(MIXED_MARKDOWN[i]);
      f.scheduler.runFrame();
      for (const el of Array.from(f.view.element.querySelectorAll('.md-block *'))) {
        assert.ok(RENDERER_TAGS.has(el.tagName), `unexpected <${el.tagName}> after ${i + 1} chars`);
        assert.equal(el.hasAttribute('style'), false);
      }
    }
  });
});

describe('StreamingMarkdown: partial markdown', () => {
  it('renders an open fence as a code block with its toolbar, appending text in place', () => {
    const f = createFixture();
    stream(f, 'Intro\n\n```python\ndef f():\n', 3);
    const code = f.view.element.querySelector('pre > code');
    assert.ok(code, 'code block exists before the fence closes');
    assert.equal(code.className, 'hljs language-python md-caret', 'the streaming cursor follows the code');
    // While the fence is open, text arrives verbatim (a trailing newline is invisible in <pre>).
    assert.equal(code.textContent?.trimEnd(), 'def f():');
    const buttons = Array.from(f.view.element.querySelectorAll('.md-code button')).map((b) => b.textContent);
    assert.deepEqual(buttons, ['Copy', 'Insert at Cursor', 'Apply', 'Open in New File']);
    stream(f, '    return 1\n', 2);
    assert.equal(f.view.element.querySelector('pre > code'), code, 'same <code> node while the fence is open');
    assert.equal(code.textContent?.trimEnd(), 'def f():\n    return 1');
    assert.equal(code.querySelector('span'), null, 'plain text while streaming');
  });

  it('highlights the fence once it closes', () => {
    const f = createFixture();
    stream(f, '```python\ndef f():\n    return 1\n```\n\nafter\n', 5);
    f.view.finish();
    const code = f.view.element.querySelector('pre > code')!;
    assert.ok(code.querySelector('span.hljs-keyword'), 'keyword span');
    assert.equal(code.textContent, 'def f():\n    return 1');
    assert.equal(f.view.element.querySelectorAll('.md-code').length, 1);
  });

  it('renders a still-open fence highlighted when the stream ends without closing it', () => {
    const f = createFixture();
    stream(f, '```js\nconst x = 1;', 4);
    f.view.finish();
    assert.ok(f.view.element.querySelector('pre > code span.hljs-keyword'));
  });

  it('renders a half table as text until its delimiter row completes, then as a table', () => {
    const f = createFixture();
    const text = '| Name | Value |\n|------|-------|\n| a | 1 |\n| b | 2 |\n';
    let sawTable = false;
    for (let i = 1; i <= text.length; i++) {
      f.view.append(text[i - 1]);
      f.scheduler.runFrame();
      const table = f.view.element.querySelector('table');
      if (table) {
        sawTable = true;
        assert.deepEqual(
          Array.from(table.querySelectorAll('th')).map((th) => th.textContent),
          ['Name', 'Value'],
          `header after ${i} chars`,
        );
      } else {
        // At the latest, the newline ending the delimiter row brings the table.
        assert.ok(i <= text.indexOf('\n| a'), `no table after ${i} chars`);
        // Before the delimiter row: the header is shown as a literal paragraph, nothing else.
        const shown = Array.from(f.view.element.querySelectorAll('.md-block > *')).map((e) => e.tagName);
        assert.deepEqual(shown, ['P'], `only a paragraph after ${i} chars`);
        assert.equal(f.view.element.textContent!.trim()[0], '|');
      }
    }
    assert.ok(sawTable, 'table rendered before the stream ended');
    f.view.finish();
    assert.equal(f.view.element.querySelectorAll('tbody tr').length, 2);
  });

  it('renders nested lists correctly while they stream, and identically at the end', () => {
    const f = createFixture();
    const text = '- one\n  - one.a\n    - one.a.i\n  - one.b\n- two\n  1. two.1\n  2. two.2\n';
    stream(f, text.slice(0, 30), 1);
    const ul = f.view.element.querySelector('ul');
    assert.ok(ul);
    assert.ok(f.view.element.querySelector('ul ul'), 'second level already nested');
    stream(f, text.slice(30), 1);
    f.view.finish();
    assert.equal(f.view.element.querySelectorAll('ul ul ul > li').length, 1);
    assert.equal(f.view.element.querySelectorAll('ul > li > ol > li').length, 2);
    assert.equal(f.view.element.querySelectorAll('.md-block').length, 1, 'one list block');
  });

  it('shows unclosed emphasis and links as text, never as broken markup', () => {
    const f = createFixture();
    stream(f, 'This is **bold and [a link](https://exa', 3);
    assert.equal(f.view.element.querySelector('strong'), null);
    // GFM autolinks the bare URL meanwhile; the markdown link itself is still literal text.
    assert.match(f.view.element.textContent ?? '', /\*\*bold and \[a link\]\(https:\/\/exa/);
    stream(f, 'mple.com)**', 3);
    f.view.flush();
    assert.equal(f.view.element.querySelector('strong a')?.getAttribute('href'), 'https://example.com');
  });
});

describe('StreamingMarkdown: safety of rendered output', () => {
  it('shows raw HTML as text', () => {
    const f = createFixture();
    f.view.append('<b>bold?</b>\n\n<div onclick="x()">block</div>\n\ninline <i>tag</i>');
    f.view.finish();
    assert.equal(f.view.element.querySelector('b, i, [onclick]'), null);
    assert.match(f.view.element.textContent ?? '', /<b>bold\?<\/b>/);
    assert.match(f.view.element.textContent ?? '', /<div onclick="x\(\)">block<\/div>/);
  });

  it('turns images into links and never creates <img>', () => {
    const f = createFixture();
    f.view.append('![diagram](https://example.com/d.png) ![inline](data:image/png;base64,AAAA)');
    f.view.finish();
    assert.equal(f.view.element.querySelector('img'), null);
    const links = Array.from(f.view.element.querySelectorAll('a')).map((a) => a.getAttribute('href'));
    assert.deepEqual(links, ['https://example.com/d.png']);
    assert.match(f.view.element.textContent ?? '', /Image: diagram.*Image: inline/);
  });

  it('renders task-list checkboxes as glyphs, not form controls', () => {
    const f = createFixture();
    f.view.append('- [x] done\n- [ ] todo\n');
    f.view.finish();
    assert.equal(f.view.element.querySelector('input'), null);
    assert.deepEqual(
      Array.from(f.view.element.querySelectorAll('.md-task')).map((s) => s.textContent),
      ['\u2611', '\u2610'],
    );
  });

  it('keeps only http/https/mailto links', () => {
    const f = createFixture();
    f.view.append('[a](https://a.example) [b](http://b.example) [c](mailto:c@example.com) [d](javascript:alert(1)) [e](/relative) [f](file:///etc/passwd) [g](command:x)');
    f.view.finish();
    const hrefs = Array.from(f.view.element.querySelectorAll('a[href]')).map((a) => a.getAttribute('href'));
    assert.deepEqual(hrefs, ['https://a.example', 'http://b.example', 'mailto:c@example.com']);
    assert.match(f.view.element.textContent ?? '', /d e f g/);
  });
});

describe('StreamingMarkdown: interactions', () => {
  function click(f: ReturnType<typeof createFixture>, el: Element, type = 'click'): boolean {
    const event = new f.window.MouseEvent(type, { bubbles: true, cancelable: true, button: type === 'auxclick' ? 1 : 0 });
    el.dispatchEvent(event);
    return event.defaultPrevented;
  }

  it('routes link clicks to the callback and cancels the navigation', () => {
    const f = createFixture();
    f.view.append('See [the docs](https://example.com/docs?x=1).');
    f.view.finish();
    const a = f.view.element.querySelector('a')!;
    assert.equal(click(f, a), true, 'default prevented');
    assert.deepEqual(f.links, ['https://example.com/docs?x=1']);
    assert.equal(click(f, a, 'auxclick'), true, 'middle click prevented');
    assert.equal(f.links.length, 1, 'middle click opens nothing');
  });

  it('routes code-block buttons to the callback with the full code and language', () => {
    const f = createFixture();
    f.view.append('```ts\nconst a = 1 < 2;\n```\n');
    f.view.finish();
    for (const b of Array.from(f.view.element.querySelectorAll('.md-code button'))) click(f, b);
    assert.deepEqual(f.actions, [
      { action: 'copy', code: 'const a = 1 < 2;', language: 'ts' },
      { action: 'insert', code: 'const a = 1 < 2;', language: 'ts' },
      { action: 'apply', code: 'const a = 1 < 2;', language: 'ts' },
      { action: 'openInNewFile', code: 'const a = 1 < 2;', language: 'ts' },
    ]);
  });

  it('code buttons work mid-stream on an open fence (copying what arrived so far)', () => {
    const f = createFixture();
    stream(f, '```\nline 1\nline 2', 4);
    click(f, f.view.element.querySelector('button[data-md-action="copy"]')!);
    assert.deepEqual(f.actions, [{ action: 'copy', code: 'line 1\nline 2', language: undefined }]);
  });

  it('ignores clicks that are not on links or code buttons', () => {
    const f = createFixture();
    f.view.append('plain *text*');
    f.view.finish();
    assert.equal(click(f, f.view.element.querySelector('em')!), false);
    assert.equal(f.links.length + f.actions.length, 0);
  });
});

describe('StreamingMarkdown: plain-text frames between renders', () => {
  it('appends a few characters to the growing paragraph without re-rendering it', () => {
    const f = createFixture();
    stream(f, 'Intro paragraph.\n\nThe growing one has *em* and', 64);
    const lastP = () => Array.from(f.view.element.querySelectorAll('p')).pop()!;
    const p = lastP();
    stream(f, ' more', 5);
    assert.equal(lastP(), p, 'same <p>');
    assert.equal(p.textContent, 'The growing one has em and more');
  });

  it('does a full render once a quarter of the block (min 64 chars) arrived as plain text', () => {
    const f = createFixture();
    stream(f, 'Start **bold', 12);
    stream(f, '** and then a long run of plain words that keeps on going for a while', 4);
    assert.ok(f.view.element.querySelector('strong'), 'closing ** rendered by a full render');
  });

  it('never puts plain-text frames into a block that a newline ended', () => {
    const f = createFixture();
    stream(f, '# Heading\n', 10);
    stream(f, '\nPara', 1);
    assert.equal(f.view.element.querySelector('h1')?.textContent, 'Heading');
    assert.equal(f.view.element.querySelector('p')?.textContent, 'Para');
  });

  it('keeps the separating space the render trimmed', () => {
    const f = createFixture();
    stream(f, 'Hello ', 6);
    stream(f, 'world', 5);
    assert.equal(f.view.element.querySelector('p')?.textContent, 'Hello world');
  });

  it('appends text to the current table cell without re-rendering the table', () => {
    const f = createFixture();
    stream(f, '| Name | Value |\n|------|-------|\n| alpha | on', 64);
    const cell = f.view.element.querySelector('tbody td:last-child')!;
    assert.equal(cell.textContent, 'on');
    stream(f, 'e two', 2);
    assert.equal(f.view.element.querySelector('tbody td:last-child'), cell, 'same <td>');
    assert.equal(cell.textContent, 'one two');
    stream(f, ' |', 2);
    f.view.finish();
    assert.equal(f.view.element.querySelector('tbody td:last-child')?.textContent, 'one two');
  });

  it('moves on to the next cell at a pipe without re-rendering the table', () => {
    const f = createFixture();
    stream(f, '| a | b | c |\n|---|---|---|\n| x', 64);
    const table = f.view.element.querySelector('table')!;
    stream(f, 'y | two | three | dropped', 3);
    assert.equal(f.view.element.querySelector('table'), table, 'same <table>');
    const cells = Array.from(table.querySelectorAll('tbody td')).map((c) => c.textContent!.trim());
    assert.deepEqual(cells, ['xy', 'two', 'three']);
    f.view.finish();
    assert.deepEqual(Array.from(f.view.element.querySelectorAll('tbody td')).map((c) => c.textContent), ['xy', 'two', 'three']);
  });

  for (const [name, table] of [
    ['leading and trailing pipes', '| a | b | c |\n|---|:-:|--:|\n| one | two | three |\n| x |\n| 1 | 2 | 3 | 4 | 5 |\n|  | | z |\n\nafter\n'],
    ['escaped pipes and code', '| a | b |\n|---|---|\n| x \\| y | `c|d` |\n| **bold** text | [link](https://example.com) |\n'],
    ['rows without a leading pipe', 'a | b\n--|--\nc | d\ne | f g h\n| i | j\n'],
  ] as const) {
    it(`shows every table cell as a full render would, at every frame (${name})`, () => {
      const f = createFixture();
      const cells = (root: Element): string[] =>
        Array.from(root.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim());
      // Until its delimiter row ends, a half table may show as a paragraph (tested above).
      const delimiterEnd = table.indexOf('\n', table.indexOf('\n') + 1);
      for (let i = 0; i < table.length; i++) {
        f.view.append(table[i]);
        f.scheduler.runFrame();
        if (i < delimiterEnd) continue;
        const full = f.newView();
        full.append(table.slice(0, i + 1));
        full.flush();
        const shown = cells(f.view.element);
        const expected = cells(full.element);
        full.element.remove();
        // Inline markup completed by plain-text frames shows literally until the next render.
        const literal = (xs: string[]) => xs.map((x) => x.replace(/[*[\]()]|https:\/\/example\.com/g, ''));
        assert.deepEqual(literal(shown), literal(expected), `after ${i + 1} chars`);
      }
    });
  }
});
