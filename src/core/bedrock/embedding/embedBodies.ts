// Request bodies and response parsing per embedding family (Titan, Cohere, Nova, Marengo).
import type { EmbedFamily } from '../catalog/modelFamily';
import type { EmbedPurpose } from './embedTypes';
import type { WireJson } from '../wireJson';


export function embedBody(family: EmbedFamily, texts: string[], purpose: EmbedPurpose, dimensions?: number): WireJson {
  switch (family) {
    case 'titanV2':
      return { inputText: texts[0], ...(dimensions ? { dimensions } : {}), normalize: true };
    case 'titanV1':
      return { inputText: texts[0] };
    case 'titanImage':
      return { inputText: texts[0], ...(dimensions ? { embeddingConfig: { outputEmbeddingLength: dimensions } } : {}) };
    case 'cohereV3':
      return { texts, input_type: purpose === 'query' ? 'search_query' : 'search_document', truncate: 'NONE' };
    case 'cohereV4':
      return { texts, input_type: purpose === 'query' ? 'search_query' : 'search_document', embedding_types: ['float'], ...(dimensions ? { output_dimension: dimensions } : {}) };
    case 'novaEmbed':
      return {
        schemaVersion: 'nova-multimodal-embed-v1',
        taskType: 'SINGLE_EMBEDDING',
        singleEmbeddingParams: {
          embeddingPurpose: purpose === 'query' ? 'GENERIC_RETRIEVAL' : 'GENERIC_INDEX',
          ...(dimensions ? { embeddingDimension: dimensions } : {}),
          text: { truncationMode: 'NONE', value: texts[0] },
        },
      };
  }
}

/** Vectors in input order, plus input tokens when the model reports them. */
export function parseEmbedResponse(family: EmbedFamily, j: WireJson): { vectors: number[][]; inputTokens?: number } {
  switch (family) {
    case 'titanV2':
    case 'titanV1':
    case 'titanImage':
      return { vectors: [j.embedding ?? j.embeddingsByType?.float], inputTokens: j.inputTextTokenCount };
    case 'cohereV3':
    case 'cohereV4':
      return { vectors: Array.isArray(j.embeddings) ? j.embeddings : (j.embeddings?.float ?? []) };
    case 'novaEmbed':
      return { vectors: (j.embeddings ?? []).map((e: WireJson) => e.embedding) };
  }
}
