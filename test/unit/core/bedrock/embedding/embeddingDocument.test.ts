import * as assert from 'node:assert/strict';
import { embeddingDocument, meanVector, summarizeEmbedding } from '../../../../../src/core/bedrock/embedding/embeddingDocument';
import { l2Norm } from '../../../../../src/core/bedrock/embedding/vectorMath';

const unit = (xs: number[]) => {
  const n = l2Norm(xs);
  return xs.map((x) => x / n);
};

describe('embedding document', () => {
  const result = {
    modelId: 'amazon.titan-embed-text-v2:0',
    dimensions: 3,
    inputTokens: 7,
    chunks: [
      { textIndex: 0, start: 0, end: 10, text: 'a', vector: unit([1, 2, 3]) },
      { textIndex: 0, start: 10, end: 15, text: 'b', vector: unit([3, 2, 1]) },
    ],
  };

  it('reports model, dimension, unit length, tokens, and one vector line per chunk', () => {
    const text = embeddingDocument(result, { file: 'a.ts', startLine: 1, endLine: 2, characters: 15 });
    const doc = JSON.parse(text);
    assert.equal(doc.model, 'amazon.titan-embed-text-v2:0');
    assert.equal(doc.dimension, 3);
    assert.equal(doc.normalized, true);
    assert.equal(doc.inputTokens, 7);
    assert.deepEqual(doc.chunks.map((c: { start: number; end: number }) => [c.start, c.end]), [[0, 10], [10, 15]]);
    assert.deepEqual(doc.chunks[0].vector, result.chunks[0].vector);
    assert.ok(Math.abs(doc.l2Norm - 1) < 1e-6);
    assert.match(text, /"vector": \[[^\n]+\]/, 'each vector on one line');
  });

  it('says not normalized when a vector is not unit length, and averages chunks to one unit vector', () => {
    const raw = { ...result, chunks: [{ ...result.chunks[0], vector: [1, 2, 3] }] };
    assert.equal(summarizeEmbedding(raw).normalized, false);
    const mean = meanVector([unit([1, 0]), unit([0, 1])]);
    assert.ok(Math.abs(l2Norm(mean) - 1) < 1e-12);
    assert.ok(Math.abs(mean[0] - mean[1]) < 1e-12);
  });
});
