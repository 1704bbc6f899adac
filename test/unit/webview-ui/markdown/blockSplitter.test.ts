import * as assert from 'node:assert/strict';
import type { Links, TokensList } from 'marked';
import { BlockSplitter, createBlockLexer, isOpenFence, type MarkdownBlock } from '../../../../webview-ui/markdown/blockSplitter';
import { MIXED_MARKDOWN } from './sampleMarkdown';

/** Streams `text` in `size`-character deltas, splitting after each; returns every block in order. */
function streamBlocks(text: string, size: number, splitter = new BlockSplitter()): MarkdownBlock[] {
  const out: MarkdownBlock[] = [];
  for (let i = 0; i < text.length; i += size) {
    splitter.append(text.slice(i, i + size));
    out.push(...splitter.split().finalized);
  }
  out.push(...splitter.finish().finalized);
  return out;
}

function types(blocks: MarkdownBlock[]): string[] {
  return blocks.map((b) => b.token.type);
}

describe('BlockSplitter', () => {
  it('keeps the last block live and finalises the ones before it', () => {
    const s = new BlockSplitter();
    s.append('# Title\n\nFirst paragraph.\n\nSecond\nstill growing');
    const r = s.split();
    assert.deepEqual(types(r.finalized), ['heading', 'paragraph']);
    assert.deepEqual(types(r.live), ['paragraph']);
    assert.equal(r.live[0].raw, 'Second\nstill growing');
  });

  it('does not finalise a block until the next block has a complete first line', () => {
    const s = new BlockSplitter();
    s.append('Para one.\n\n  ');
    assert.deepEqual(types(s.split().finalized), []);
    s.append('x');
    assert.deepEqual(types(s.split().finalized), [], 'next line still incomplete');
    s.append('\n');
    assert.deepEqual(types(s.split().finalized), ['paragraph']);
  });

  it('never finalises a list that a later indented line continues', () => {
    const s = new BlockSplitter();
    const seen: MarkdownBlock[] = [];
    for (const d of ['- a\n', '\n', '  con', 'tinued\n', '- b\n', '\n', 'after\n', '\nend']) {
      s.append(d);
      seen.push(...s.split().finalized);
    }
    seen.push(...s.finish().finalized);
    assert.deepEqual(types(seen), ['list', 'paragraph', 'paragraph']);
    assert.equal(seen[0].raw, '- a\n\n  continued\n- b');
  });

  it('turns a paragraph into a setext heading when the underline arrives', () => {
    const s = new BlockSplitter();
    s.append('Title\n');
    assert.deepEqual(types(s.split().live), ['paragraph']);
    s.append('===\n\nnext\n');
    assert.deepEqual(types(s.split().finalized), ['heading']);
  });

  it('keeps table rows in one table as they stream', () => {
    const blocks = streamBlocks('| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n\ndone\n', 1);
    assert.deepEqual(types(blocks), ['table', 'paragraph']);
    assert.equal((blocks[0].token as { rows: unknown[] }).rows.length, 2);
  });

  it('marks an unclosed fence open, and closed once the fence line arrives', () => {
    const s = new BlockSplitter();
    s.append('```ts\nconst x = 1;\n');
    const open = s.split().live[0];
    assert.equal(open.token.type, 'code');
    assert.equal(open.openFence, true);
    s.append('```');
    assert.equal(s.split().live[0].openFence, false);
  });

  it('does not let a fence swallow or lose text: blank lines inside stay in the code block', () => {
    const blocks = streamBlocks('```\na\n\n\nb\n```\nafter\n', 1);
    assert.deepEqual(types(blocks), ['code', 'paragraph']);
    assert.equal((blocks[0].token as { text: string }).text, 'a\n\n\nb');
  });

  it('yields the same blocks whatever the delta size', () => {
    const whole = new BlockSplitter();
    whole.append(MIXED_MARKDOWN);
    const expected = whole.finish().finalized.map((b) => [b.token.type, b.raw, b.start]);
    for (const size of [1, 2, 3, 4, 7, 16, 100]) {
      const got = streamBlocks(MIXED_MARKDOWN, size).map((b) => [b.token.type, b.raw, b.start]);
      assert.deepEqual(got, expected, `delta size ${size}`);
    }
  });

  it('reports offsets that point at each block in the whole text', () => {
    const blocks = streamBlocks(MIXED_MARKDOWN, 5);
    for (const b of blocks) assert.equal(MIXED_MARKDOWN.slice(b.start, b.start + b.raw.length), b.raw);
  });

  it('normalises CRLF, even when split across deltas', () => {
    const s = new BlockSplitter();
    for (const d of ['a\r', '\nb\r\n', '\r', '\n', 'c\rd']) s.append(d);
    assert.equal(s.text, 'a\nb\n\nc\nd');
  });

  it('resolves reference links whose definition is in an earlier, final block', () => {
    const blocks = streamBlocks('[docs]: https://example.com/docs\n\nIntro.\n\nSee [the docs][docs].\n', 3);
    const last = blocks[blocks.length - 1].token as { tokens: Array<{ type: string; href?: string }> };
    const link = last.tokens.find((t) => t.type === 'link');
    assert.equal(link?.href, 'https://example.com/docs');
  });

  it('lexes only the unfinished tail, so work per update does not grow with the reply', () => {
    let lexed = 0;
    let maxLexed = 0;
    const base = createBlockLexer();
    const counting = (src: string, links: Links): TokensList => {
      lexed += src.length;
      maxLexed = Math.max(maxLexed, src.length);
      return base(src, links);
    };
    const paragraph = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n\n';
    const text = paragraph.repeat(400); // ~23 KB
    streamBlocks(text, 4, new BlockSplitter(counting));
    assert.ok(maxLexed < 3 * paragraph.length, `largest lexed source ${maxLexed}`);
    // Each 4-char update lexes at most ~two paragraphs: linear in the reply, not quadratic.
    assert.ok(lexed < (text.length / 4) * 3 * paragraph.length, `total lexed ${lexed}`);
  });

  it('finish() finalises everything, including an open fence', () => {
    const s = new BlockSplitter();
    s.append('Text\n\n```py\nprint(1)');
    const r = s.finish();
    assert.deepEqual(types(r.finalized), ['paragraph', 'code']);
    assert.equal(r.live.length, 0);
    assert.equal(s.finish().finalized.length, 0, 'nothing left');
  });
});

describe('isOpenFence', () => {
  const lex = createBlockLexer();
  const first = (src: string) => lex(src, {})[0];
  it('is true for fences without a closing line', () => {
    assert.equal(isOpenFence(first('```js\nx\n')), true);
    assert.equal(isOpenFence(first('```')), true);
    assert.equal(isOpenFence(first('~~~~\nx\n~~~')), true, 'closing fence shorter than opening');
  });
  it('is false for closed fences, indented code and other blocks', () => {
    assert.equal(isOpenFence(first('```js\nx\n```')), false);
    assert.equal(isOpenFence(first('~~~\nx\n~~~~\n')), false);
    assert.equal(isOpenFence(first('    indented code\n')), false);
    assert.equal(isOpenFence(first('para')), false);
  });
});
