// What "Embed Selection" shows: one JSON document with the model, the dimension, whether vectors
// are unit length, token count, and each chunk's offsets, norm and vector. Vectors are printed one
// per line so a 1,024-number vector doesn't become 1,024 lines.
import type { EmbedResult } from './embedTypes';
import { l2Norm } from './vectorMath';

export interface EmbeddingSource {
  file: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  characters: number;
}

export interface EmbeddingSummary {
  model: string;
  dimension: number;
  normalized: boolean;
  inputTokens?: number;
  chunkCount: number;
  /** One vector for the whole selection: the chunk's own, or the normalised mean of the chunks. */
  vector: number[];
}

const UNIT_TOLERANCE = 1e-3;

export function summarizeEmbedding(result: EmbedResult): EmbeddingSummary {
  const norms = result.chunks.map((c) => l2Norm(c.vector));
  return {
    model: result.modelId,
    dimension: result.dimensions,
    normalized: norms.length > 0 && norms.every((n) => Math.abs(n - 1) < UNIT_TOLERANCE),
    inputTokens: result.inputTokens,
    chunkCount: result.chunks.length,
    vector: result.chunks.length === 1 ? result.chunks[0].vector : meanVector(result.chunks.map((c) => c.vector)),
  };
}

/** Mean of the chunk vectors, scaled to unit length: a reasonable single vector for a long text. */
export function meanVector(vectors: readonly number[][]): number[] {
  if (vectors.length === 0) return [];
  const out = new Array<number>(vectors[0].length).fill(0);
  for (const v of vectors) for (let i = 0; i < out.length; i++) out[i] += v[i];
  const n = l2Norm(out);
  return n === 0 ? out : out.map((x) => x / n);
}

export function embeddingDocument(result: EmbedResult, source: EmbeddingSource): string {
  const summary = summarizeEmbedding(result);
  const vectors: string[] = [];
  const placeholder = (i: number) => `"__VECTOR_${i}__"`;
  const doc = {
    model: summary.model,
    dimension: summary.dimension,
    normalized: summary.normalized,
    inputTokens: summary.inputTokens ?? null,
    l2Norm: round(l2Norm(summary.vector)),
    source,
    chunks: result.chunks.map((c) => {
      vectors.push(`[${c.vector.join(', ')}]`);
      return { start: c.start, end: c.end, characters: c.end - c.start, l2Norm: round(l2Norm(c.vector)), vector: `__VECTOR_${vectors.length - 1}__` };
    }),
  };
  let json = JSON.stringify(doc, null, 2);
  vectors.forEach((v, i) => (json = json.replace(placeholder(i), v)));
  return json + '\n';
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
