import * as assert from 'node:assert/strict';
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import type { Token } from 'marked';
import { createBlockLexer } from '../../../../webview-ui/markdown/blockSplitter';
import { createMarkdownHtmlRenderer } from '../../../../webview-ui/markdown/markdownHtml';
import { createSanitizer } from '../../../../webview-ui/markdown/sanitizer';
import { buildBlockDom, TOKEN_DOM_TAGS } from '../../../../webview-ui/markdown/tokenDom';
import { findUnsafeDom } from './domSafety';
import { MIXED_MARKDOWN } from './sampleMarkdown';
import { XSS_CORPUS } from './xssCorpus';

const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>');
const window = dom.window as unknown as Window & typeof globalThis;
const document = window.document;
const sanitizer = createSanitizer(createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]));
const renderer = createMarkdownHtmlRenderer();
const lex = createBlockLexer();

function blockTokens(markdown: string): Token[] {
  return lex(markdown, {}).filter((t) => t.type !== 'space' && t.type !== 'def');
}

function html(fragment: DocumentFragment): string {
  const div = document.createElement('div');
  div.append(fragment);
  return div.innerHTML;
}

const BUILT_TAGS = new Set<string>(TOKEN_DOM_TAGS.map((t) => t.toUpperCase()));

/**
 * For every block of `markdown`: the builder either declines or produces exactly the sanitizer
 * path's DOM, and only allow-listed nodes. Returns how many blocks it built.
 */
function check(markdown: string, how: string): number {
  let built = 0;
  for (const token of blockTokens(markdown)) {
    const fragment = buildBlockDom(token, document);
    if (!fragment) continue;
    built++;
    const root = document.createElement('div');
    root.append(fragment);
    assert.deepEqual(findUnsafeDom(root), [], `${how}: unsafe DOM for ${JSON.stringify(token.raw)}`);
    for (const el of Array.from(root.querySelectorAll('*'))) {
      assert.ok(BUILT_TAGS.has(el.tagName), `${how}: <${el.tagName}>`);
      assert.equal(el.hasAttribute('style'), false);
    }
    for (const node of walk(root)) {
      assert.ok(node.nodeType === 1 || node.nodeType === 3, `${how}: node type ${node.nodeType}`);
    }
    const expected = html(sanitizer.toFragment(renderer.renderTokens([token])));
    assert.equal(root.innerHTML, expected, `${how}: ${JSON.stringify(token.raw)}`);
  }
  return built;
}

function* walk(node: Node): Generator<Node> {
  for (let c = node.firstChild; c; c = c.nextSibling) {
    yield c;
    yield* walk(c);
  }
}

describe('tokenDom: sanitizer-free DOM for the growing block', () => {
  it('matches renderer + sanitizer for every block of the sample reply', () => {
    const built = check(MIXED_MARKDOWN, 'sample');
    assert.ok(built >= 10, `${built} blocks built directly`);
  });

  it('matches renderer + sanitizer for every prefix of the sample reply (what streaming sees)', function () {
    this.timeout(120_000);
    let built = 0;
    for (let i = 1; i <= MIXED_MARKDOWN.length; i++) built += check(MIXED_MARKDOWN.slice(0, i), `prefix ${i}`);
    assert.ok(built > MIXED_MARKDOWN.length, `${built} blocks built directly`);
  });

  it('matches renderer + sanitizer (or declines) for every XSS payload, whole and every prefix', function () {
    this.timeout(120_000);
    for (const { name, markdown } of XSS_CORPUS) {
      for (let i = 1; i <= markdown.length; i++) check(markdown.slice(0, i), `${name} [${i}]`);
    }
  });

  const cases: Array<[string, string]> = [
    ['emphasis, strike, code spans, breaks', 'a *b* **c** ***d*** ~~e~~ `f < g` h  \ni\\\nj'],
    ['escapes', '\\*not em\\* \\& \\< \\` \\\\'],
    ['character references', 'AT&amp;T &lt;tag&gt; &quot;q&quot; &apos; a&nbsp;b &#65; &#x42; &#38; &copy; &bogus; & &amp'],
    ['raw inline and block html', 'x <b onclick="y()">b</b> <!-- c -->\n\n<div>\n<script>alert(1)</script>\n</div>'],
    ['links with titles and unsafe hrefs', '[a](https://a.example "T") [b](javascript:alert(1) "t") [c](https://c.example \' spaced \') [d](</x y>) [e](https://e.example "x-->y")'],
    ['autolinks', '<https://a.example/?q=1&r=2> https://b.example/path www.c.example <mailto:m@example.com> m@example.com'],
    ['images', '![alt](https://i.example/x.png) ![](data:image/png;base64,AA) ![a *b*](https://i.example/y.png "t")'],
    ['image inside a link', '[![img](https://i.example/x.png)](https://l.example) [x ![y](mailto:a@b.c)](https://l.example)'],
    ['ordered lists with start', '3. three\n4. four\n\n0. zero\n\n1234567890. big'],
    ['loose and tight task lists', '- [x] done\n- [ ] todo\n\n1. [ ] a\n\n2. [x] b\n\n- [ ]\n- [x] *em*'],
    ['nested lists and quotes', '> quote\n> - a\n>   - b\n>\n> > inner\n\n- x\n\n  > q\n- y'],
    ['tables with alignment and inline markup', '| a | b | c |\n|:--|:-:|--:|\n| *x* | `y` | [z](https://z.example) |\n| \\| | <b> | |'],
    ['header-only table', '| a | b |\n|---|---|'],
    ['headings', '# one\n## two ##\n###### six\n####### seven\n\nSetext\n===\n\nTwo\n---'],
    ['hr variants', '***\n\n- - -\n\n___'],
    ['unicode and control characters', 'emoji 😀 rtl \u202e text \u0001 \u200b zero-width'],
  ];
  for (const [name, markdown] of cases) {
    it(`matches renderer + sanitizer: ${name}`, () => {
      check(markdown, name);
      for (let i = 1; i < markdown.length; i++) check(markdown.slice(0, i), `${name} [${i}]`);
    });
  }

  it('declines code (highlighted HTML goes through the sanitizer)', () => {
    for (const t of blockTokens('```ts\nconst a = 1;\n```\n\n    indented\n\n- item\n\n  ```\n  x\n  ```')) {
      if (t.type === 'code' || t.raw.includes('```')) assert.equal(buildBlockDom(t, document), undefined, t.raw);
    }
  });

  it('declines text the HTML parser would rewrite (uncommon references, NUL)', () => {
    assert.equal(buildBlockDom(blockTokens('a &copy; b')[0], document), undefined);
    assert.equal(buildBlockDom(blockTokens('a\0b')[0], document), undefined);
    assert.ok(buildBlockDom(blockTokens('a &amp; b')[0], document));
  });

  it('declines unknown token types', () => {
    const token = { type: 'mystery', raw: 'x' } as unknown as Token;
    assert.equal(buildBlockDom(token, document), undefined);
  });

  it('builds markup in model text as text, never as elements', () => {
    const fragment = buildBlockDom(blockTokens('<img src=x onerror=alert(1)> *<b onclick=x()>y</b>*')[0], document);
    assert.ok(fragment);
    const root = document.createElement('div');
    root.append(fragment);
    assert.equal(root.querySelector('img, b, [onclick]'), null);
    assert.equal(root.textContent, '<img src=x onerror=alert(1)> <b onclick=x()>y</b>\n');
  });

  it('declines text marked emits verbatim (inside inline <script>, <pre>, <code>, <kbd>)', () => {
    assert.equal(buildBlockDom(blockTokens('a <kbd>ctrl &amp; c</kbd>')[0], document), undefined);
  });
});
