import assert from 'node:assert/strict';
import { ToolRefusal } from '../../../../src/core/agent/defineTool';
import { describePlannedEdit, planEdit } from '../../../../src/core/agent/textEdit';

describe('agent text edits', () => {
  const file = 'one\ntwo\nthree\nfour\n';

  it('replaces the one occurrence of oldText and says which lines', () => {
    const e = planEdit(file, { oldText: 'two\nthree\n', newText: 'TWO\n' }, 'a.ts');
    assert.equal(e.after, 'one\nTWO\nfour\n');
    assert.deepEqual([e.fromLine, e.toLine, e.newLineCount], [2, 3, 1]);
    assert.equal(describePlannedEdit(e), 'replace lines 2-3 with 1 line');
  });

  it('a CRLF file takes an edit written with LF, and keeps CRLF', () => {
    const crlf = 'one\r\ntwo\r\nthree\r\n';
    const e = planEdit(crlf, { oldText: 'two\nthree', newText: '2\n3' }, 'a.ts');
    assert.equal(e.after, 'one\r\n2\r\n3\r\n');
  });

  it('no match and several matches are refusals telling the model what to send', () => {
    assert.throws(() => planEdit(file, { oldText: 'five', newText: 'x' }, 'a.ts'), (e: unknown) => e instanceof ToolRefusal && /not found in a\.ts\. Read the file again/.test(e.message));
    assert.throws(() => planEdit('x\ny\nx\n', { oldText: 'x', newText: 'z' }, 'b.ts'), /occurs more than once in b\.ts \(lines 1 and 3\); include more of the surrounding lines/);
    assert.throws(() => planEdit(file, { oldText: '', newText: 'z' }, 'a.ts'), /oldText is empty/);
  });

  it('whole-file content replaces everything, in the file\'s line endings', () => {
    const e = planEdit('a\r\nb\r\n', { content: 'x\ny\nz\n' }, 'a.ts');
    assert.equal(e.after, 'x\r\ny\r\nz\r\n');
    assert.deepEqual([e.start, e.end, e.fromLine, e.toLine, e.newLineCount], [0, 6, 1, 2, 3]);
  });
});
