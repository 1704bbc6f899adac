// Embedding requests and results. Chunks carry character offsets into the source text so the
// embed-selection feature can map vectors back to ranges.

export type EmbedPurpose = 'document' | 'query';

export interface EmbedRequest {
  modelId: string;
  texts: string[];
  purpose?: EmbedPurpose;
  dimensions?: number;
  /** Concurrent calls in flight (default 4). */
  concurrency?: number;
  /** Overlap between consecutive chunks of one long text, in characters (default 0). */
  overlapChars?: number;
}

export interface TextChunk {
  /** Index of the source text in `EmbedRequest.texts`. */
  textIndex: number;
  /** Character offsets into the source text, end exclusive. */
  start: number;
  end: number;
  text: string;
}

export interface EmbeddedChunk extends TextChunk {
  vector: number[];
}

export interface EmbedResult {
  modelId: string;
  /** Sorted by textIndex then start; exactly one entry per chunk. */
  chunks: EmbeddedChunk[];
  dimensions: number;
  inputTokens?: number;
}

export interface EmbedProgress {
  done: number;
  total: number;
}
