import * as assert from 'node:assert/strict';
import { selectedLines } from '../../../../src/core/editor/selectionText';

describe('selectedLines: the lines a selection covers', () => {
  const at = (line: number, character: number) => ({ line, character });

  it('covers the lines from start to end, inclusive', () => {
    assert.deepEqual(selectedLines({ start: at(2, 4), end: at(5, 1) }), { startLine: 2, endLine: 5 });
    assert.deepEqual(selectedLines({ start: at(3, 0), end: at(3, 7) }), { startLine: 3, endLine: 3 });
  });

  it('a selection ending at the start of a later line (whole lines) leaves that line out', () => {
    assert.deepEqual(selectedLines({ start: at(2, 0), end: at(5, 0) }), { startLine: 2, endLine: 4 });
  });

  it('an empty selection at column 0 is its own line', () => {
    assert.deepEqual(selectedLines({ start: at(4, 0), end: at(4, 0) }), { startLine: 4, endLine: 4 });
  });
});
