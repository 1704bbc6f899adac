import assert from 'node:assert/strict';
import { batches, chunkText, chunkTexts } from '../../../../../src/core/bedrock/embedding/embedChunking';

describe('embedChunking', () => {
  it('tiles the text exactly with character offsets, within the limit', () => {
    const text = Array.from({ length: 200 }, (_, i) => `Sentence ${i} is here.${i % 10 === 9 ? '\n\n' : ' '}`).join('');
    const chunks = chunkText(text, 0, 500);
    assert.ok(chunks.length > 1);
    assert.ok(chunks.every((c) => c.text.length <= 500 && c.text === text.slice(c.start, c.end)));
    assert.equal(chunks.map((c) => c.text).join(''), text);
    for (let i = 1; i < chunks.length; i++) assert.equal(chunks[i].start, chunks[i - 1].end);
  });

  it('prefers paragraph, then line, then sentence boundaries', () => {
    const text = `${'a'.repeat(380)}\n\n${'b'.repeat(300)}`;
    assert.equal(chunkText(text, 0, 500)[0].end, 382);
  });

  it('cuts hard when there is no boundary and never splits a surrogate pair', () => {
    const text = '😀'.repeat(300); // 600 UTF-16 units
    const chunks = chunkText(text, 0, 101);
    assert.ok(chunks.every((c) => !/[\uD800-\uDBFF]$/.test(c.text)));
    assert.equal(chunks.map((c) => c.text).join(''), text);
  });

  it('overlaps when asked, and skips empty texts', () => {
    const chunks = chunkText('x'.repeat(1000), 3, 400, 50);
    assert.equal(chunks[1].start, chunks[0].end - 50);
    assert.equal(chunks[0].textIndex, 3);
    assert.deepEqual(chunkTexts(['', '  ', 'ok'], 100).map((c) => c.textIndex), [2]);
  });

  it('batches in order', () => {
    assert.deepEqual(batches([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
  });
});
