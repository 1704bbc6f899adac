import * as assert from 'node:assert/strict';
import { buildExplainPrompt, type SourceSpan } from '../../../../src/core/editor/explainPrompt';
import { checkSendableText } from '../../../../src/core/editor/selectionText';
import { findEnclosingSymbol } from '../../../../src/core/editor/enclosingSymbol';
import { cosineSimilarity, l2Norm } from '../../../../src/core/bedrock/embedding/vectorMath';

const doc = Array.from({ length: 100 }, (_, i) => `line ${i}`);
const span = (over: Partial<SourceSpan> = {}): SourceSpan => ({
  fileName: 'src/a.ts', languageId: 'typescript', startLine: 40, endLine: 42, text: doc.slice(40, 43).join('\n'), origin: 'selection', ...over,
});

describe('explain prompt', () => {
  it('labels the turn with file and 1-based lines and includes the code and bounded context', () => {
    const p = buildExplainPrompt({ span: span(), documentLines: doc, budgetChars: 10_000, contextLines: 3 });
    assert.equal(p.label, 'src/a.ts:41-43');
    assert.match(p.prompt, /```typescript\nline 40\nline 41\nline 42\n```/);
    assert.match(p.prompt, /Before \(lines 38-40\)/);
    assert.match(p.prompt, /line 37\nline 38\nline 39/);
    assert.doesNotMatch(p.prompt, /line 36\b/);
    assert.match(p.prompt, /line 45/);
    assert.doesNotMatch(p.prompt, /line 46\b/);
    assert.equal(p.trimmedNotice, undefined);
  });

  it('trims a selection larger than the budget and says so', () => {
    const big = Array.from({ length: 5000 }, (_, i) => `const v${i} = ${i};`).join('\n');
    const p = buildExplainPrompt({ span: span({ text: big, startLine: 0, endLine: 4999 }), documentLines: big.split('\n'), budgetChars: 4000 });
    assert.ok(p.trimmedNotice);
    assert.match(p.trimmedNotice, /only the first \d+ lines were sent/);
    assert.ok(p.prompt.length < 4000 + 600, `prompt ${p.prompt.length} stays near the budget`);
    assert.match(p.prompt, /trimmed to fit/);
  });

  it('never builds a prompt longer than the chat accepts, whatever the budget setting allows', () => {
    const big = Array.from({ length: 60_000 }, (_, i) => `const value${i} = ${i}; // number ${i}`).join('\n');
    const lines = big.split('\n');
    const max = 100_000;
    for (const question of [undefined, 'Why is this slow? '.repeat(500)]) {
      const p = buildExplainPrompt({ span: span({ text: big, startLine: 0, endLine: lines.length - 1 }), documentLines: lines, budgetChars: 10_000_000, maxPromptChars: max, question });
      assert.ok(p.prompt.length <= max, `prompt ${p.prompt.length} fits ${max}`);
      assert.ok(p.prompt.length > max * 0.9, 'and uses most of it');
      assert.match(p.trimmedNotice ?? '', /only the first \d+ lines were sent/);
      assert.match(p.prompt, /trimmed to fit/);
    }
  });

  it('leaves a prompt that already fits untouched', () => {
    const a = buildExplainPrompt({ span: span(), documentLines: doc, budgetChars: 10_000 });
    const b = buildExplainPrompt({ span: span(), documentLines: doc, budgetChars: 10_000, maxPromptChars: 2_000_000 });
    assert.deepEqual(b, a);
  });

  it('uses the question when asked, and says what was picked when nothing was selected', () => {
    const p = buildExplainPrompt({ span: span({ origin: 'symbol', symbolName: 'parse' }), documentLines: doc, budgetChars: 5000, question: 'Is this thread-safe?' });
    assert.match(p.prompt, /^Is this thread-safe\?/);
    assert.match(p.originNotice ?? '', /enclosing symbol `parse`/);
    const line = buildExplainPrompt({ span: span({ origin: 'line', startLine: 5, endLine: 5, text: 'line 5' }), documentLines: doc, budgetChars: 5000 });
    assert.match(line.originNotice ?? '', /current line \(6\)/);
  });

  it('fences code that itself contains backtick fences safely', () => {
    const p = buildExplainPrompt({ span: span({ text: 'a\n```\nb', startLine: 0, endLine: 2 }), documentLines: ['a', '```', 'b'], budgetChars: 5000 });
    assert.match(p.prompt, /````typescript\na\n```\nb\n````/);
  });
});

describe('sendable text', () => {
  it('refuses empty, whitespace and binary text with a message, accepts code', () => {
    assert.equal(checkSendableText('')?.kind, 'empty');
    assert.equal(checkSendableText(' \n\t ')?.kind, 'whitespace');
    assert.equal(checkSendableText('PK\u0003\u0004\u0000\u0000')?.kind, 'binary');
    assert.equal(checkSendableText('\u0001\u0002\u0003\u0004abc')?.kind, 'binary');
    assert.equal(checkSendableText('const x = 1;\n\tif (x) {}\r\n'), undefined);
  });
});

describe('enclosing symbol', () => {
  const sym = (name: string, s: number, e: number, children: unknown[] = []) => ({ name, range: { start: { line: s }, end: { line: e } }, children });
  it('finds the innermost symbol containing the line', () => {
    const tree = [sym('Class', 0, 50, [sym('method', 10, 20, [sym('inner', 12, 14)]), sym('other', 30, 40)])];
    assert.equal(findEnclosingSymbol(tree as never, 13)?.name, 'inner');
    assert.equal(findEnclosingSymbol(tree as never, 25)?.name, 'Class');
    assert.equal(findEnclosingSymbol(tree as never, 60), undefined);
  });
});

describe('vector math', () => {
  it('computes norms and cosine similarity', () => {
    assert.equal(l2Norm([3, 4]), 5);
    assert.ok(Math.abs(cosineSimilarity([1, 0], [1, 0]) - 1) < 1e-12);
    assert.ok(Math.abs(cosineSimilarity([1, 0], [0, 1])) < 1e-12);
    assert.throws(() => cosineSimilarity([1], [1, 2]), /dimension/);
  });
});
