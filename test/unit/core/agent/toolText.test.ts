import assert from 'node:assert/strict';
import { byteLength, capBytes, capResult, inputObject, looksBinary, numberLines, optionalInteger, requiredString, ToolInputError } from '../../../../src/core/agent/toolText';

describe('agent tool text helpers', () => {
  it('reads an object or a JSON string of one; anything else is a ToolInputError naming the problem', () => {
    assert.deepEqual(inputObject({ path: 'a' }), { path: 'a' });
    assert.deepEqual(inputObject('{"path":"a"}'), { path: 'a' });
    for (const bad of [null, 3, '[1]', 'not json', [1]]) assert.throws(() => inputObject(bad), ToolInputError);
    assert.throws(() => requiredString({ path: 3 }, 'path', 'src/a.ts'), /"path" must be a non-empty string, e\.g\. "src\/a\.ts"; got 3\./);
    assert.equal(optionalInteger({ n: '12' }, 'n', 1, 20), 12);
    assert.throws(() => optionalInteger({ n: 0 }, 'n', 1, 20), /from 1 to 20; got 0/);
    assert.throws(() => optionalInteger({ n: 1.5 }, 'n', 1, 20), ToolInputError);
  });

  it('numbers lines right-aligned from the first line given', () => {
    assert.equal(numberLines(['a', 'b', 'c'], 9), ' 9 | a\n10 | b\n11 | c');
  });

  it('caps bytes without splitting a character and says when it cut', () => {
    const text = 'é'.repeat(10); // 20 bytes
    const cut = capBytes(text, 5);
    assert.equal(cut.text, 'éé');
    assert.equal(cut.truncated, true);
    assert.deepEqual(capBytes('short', 100), { text: 'short', truncated: false });
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    const r = capResult(lines, 200, 'Read a smaller range.');
    assert.equal(r.truncated, true);
    assert.ok(byteLength(r.text) <= 200, `${byteLength(r.text)} bytes`);
    assert.match(r.text, /\[truncated: the result is longer than 200 bytes\. Read a smaller range\.\]$/);
    assert.match(r.text, /^line 0\n/);
  });

  it('sees a NUL in the first 8 KB as binary', () => {
    assert.equal(looksBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00])), true);
    assert.equal(looksBinary(new TextEncoder().encode('plain text\n')), false);
  });
});
