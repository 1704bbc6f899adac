// InvokeModel bodies for the non-chat families: embeddings (Titan v1/v2/multimodal, Cohere v3/v4,
// Nova multimodal, Marengo), Cohere rerank, image generation and the speech/video models.
import type { CatalogModel, Family } from './catalog';
import { embed, toBinary, toInt8, toUint8, cosine } from './embeddings';
import { generateMarkdown } from './replyText';
import { countTokens } from './replyText';
import { hash32, prng, randomId } from './random';
import { schemaMessage, validation } from './serviceError';
import { imageInvoke } from './imageFamilies';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const NON_TEXT: Family[] = ['titanEmbedV1', 'titanEmbedV2', 'titanMultimodal', 'cohereEmbedV3', 'cohereEmbedV4', 'novaEmbed', 'marengoEmbed', 'rerank', 'image', 'video', 'speech', 'pegasus'];

export function isNonTextFamily(f: Family): boolean {
  return NON_TEXT.includes(f);
}

function oneOf<T>(value: T | undefined, allowed: T[], path: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value)) throw validation(schemaMessage(`#/${path}: ${String(value)} is not a valid enum value`));
  return value;
}

function cohereTypes(v: number[], types: string[]): Json {
  const out: Json = {};
  for (const t of types) {
    if (t === 'float') out.float = v;
    else if (t === 'int8') out.int8 = toInt8(v);
    else if (t === 'uint8') out.uint8 = toUint8(v);
    else if (t === 'binary') out.binary = toBinary(v, true);
    else if (t === 'ubinary') out.ubinary = toBinary(v, false);
    else throw validation(schemaMessage(`#/embedding_types/0: ${t} is not a valid enum value`));
  }
  return out;
}

function cohereTexts(body: Json): string[] {
  const texts: unknown = body.texts;
  if (texts !== undefined && !Array.isArray(texts)) throw validation(schemaMessage('#/texts: expected type: JSONArray, found: String'));
  const list = (texts ?? []) as unknown[];
  if (list.length > 96) throw validation(schemaMessage(`#/texts: expected maxItems: 96, actual: ${list.length}`));
  list.forEach((t, i) => {
    if (typeof t === 'string' && t.length > 2048) throw validation(schemaMessage(`#/texts/${i}: expected maxLength: 2048, actual: ${t.length}`));
  });
  return list.map(String);
}

export function embedInvoke(model: CatalogModel, body: Json, seed: number): { response: Json; inputTokens: number } {
  const id = randomId(prng(hash32(JSON.stringify(body).slice(0, 2000))), 36, 'abcdef0123456789');
  switch (model.family) {
    case 'titanEmbedV1': {
      if (typeof body.inputText !== 'string') throw validation(schemaMessage('#: required key [inputText] not found'));
      const tokens = countTokens(body.inputText);
      if (tokens > 8192) throw validation(`Too many input tokens. Max input tokens: 8192, request input token count: ${tokens}`);
      return { response: { embedding: embed(body.inputText, 1536, false, seed), inputTextTokenCount: tokens }, inputTokens: tokens };
    }
    case 'titanEmbedV2': {
      if (typeof body.inputText !== 'string') throw validation(schemaMessage('#: required key [inputText] not found'));
      if (body.inputText.length > 50000) throw validation(schemaMessage(`#/inputText: expected maxLength: 50000, actual: ${body.inputText.length}`));
      const dim = oneOf(body.dimensions, [256, 512, 1024], 'dimensions', 1024);
      const types: string[] = body.embeddingTypes ?? ['float'];
      const v = embed(body.inputText, dim, body.normalize !== false, seed);
      // ≈6 characters per token for this tokenizer keeps 50,000 characters under the 8,192-token cap.
      const tokens = Math.max(1, Math.ceil(body.inputText.length / 6.2));
      if (tokens > 8192) throw validation(`Too many input tokens. Max input tokens: 8192, request input token count: ${tokens}`);
      const byType: Json = {};
      if (types.includes('float')) byType.float = v;
      if (types.includes('binary')) byType.binary = v.map((x) => (x > 0 ? 1 : 0));
      return { response: { embedding: v, inputTextTokenCount: tokens, embeddingsByType: byType }, inputTokens: tokens };
    }
    case 'titanMultimodal': {
      if (body.inputText === undefined && body.inputImage === undefined) throw validation(schemaMessage('#: required key [inputText] or [inputImage] not found'));
      const dim = oneOf(body.embeddingConfig?.outputEmbeddingLength, [256, 384, 1024], 'embeddingConfig/outputEmbeddingLength', 1024);
      const source = `${body.inputText ?? ''} ${body.inputImage ? `image-${hash32(String(body.inputImage))}` : ''}`;
      const tokens = countTokens(body.inputText ?? '');
      return { response: { embedding: embed(source, dim, true, seed), inputTextTokenCount: tokens, message: null }, inputTokens: tokens };
    }
    case 'cohereEmbedV3':
    case 'cohereEmbedV4': {
      const v4 = model.family === 'cohereEmbedV4';
      const texts = cohereTexts(body);
      const inputs: string[] = v4 && Array.isArray(body.inputs) ? body.inputs.map((i: Json) => (i.content ?? []).map((c: Json) => c.text ?? c.image_url ?? '').join(' ')) : [];
      const images: string[] = Array.isArray(body.images) ? body.images : [];
      const all = [...texts, ...inputs, ...images.map((i) => `image-${hash32(i)}`)];
      if (all.length === 0) throw validation(schemaMessage('#: required key [texts] not found'));
      if (body.input_type === undefined && !v4) throw validation(schemaMessage('#: required key [input_type] not found'));
      const dim = v4 ? oneOf(body.output_dimension, [256, 512, 1024, 1536], 'output_dimension', 1536) : 1024;
      const vectors = all.map((t) => embed(t, dim, true, seed));
      const tokens = all.reduce((n, t) => n + countTokens(t), 0);
      if (Array.isArray(body.embedding_types) || v4) {
        const types: string[] = body.embedding_types ?? ['float'];
        const byType: Json = {};
        for (const t of types) byType[t] = vectors.map((v) => cohereTypes(v, [t])[t]);
        return { response: { id, response_type: 'embeddings_by_type', embeddings: byType, texts, ...(images.length ? { images: images.map(() => ({ width: 1, height: 1, format: 'png', bit_depth: 8 })) } : {}) }, inputTokens: tokens };
      }
      return { response: { id, response_type: 'embeddings_floats', embeddings: vectors, texts }, inputTokens: tokens };
    }
    case 'novaEmbed': {
      const params = body.singleEmbeddingParams;
      if (body.taskType !== 'SINGLE_EMBEDDING' || !params) throw validation(schemaMessage('#: required key [singleEmbeddingParams] not found'));
      const dim = oneOf(params.embeddingDimension, [256, 384, 1024, 3072], 'singleEmbeddingParams/embeddingDimension', 3072);
      const [modality, source] = params.text
        ? ['TEXT', String(params.text.value ?? '')]
        : params.image
          ? ['IMAGE', `image-${hash32(JSON.stringify(params.image))}`]
          : params.audio
            ? ['AUDIO', `audio-${hash32(JSON.stringify(params.audio))}`]
            : ['VIDEO', `video-${hash32(JSON.stringify(params.video ?? {}))}`];
      return { response: { embeddings: [{ embeddingType: modality, embedding: embed(source, dim, true, seed) }] }, inputTokens: countTokens(source) };
    }
    case 'marengoEmbed': {
      const text = String(body.inputText ?? body.text ?? JSON.stringify(body));
      return { response: { data: [{ embedding: embed(text, 512, true, seed), embeddingOption: 'visual-text', startSec: 0, endSec: 0 }] }, inputTokens: countTokens(text) };
    }
    case 'rerank': {
      if (typeof body.query !== 'string') throw validation(schemaMessage('#: required key [query] not found'));
      if (!Array.isArray(body.documents)) throw validation(schemaMessage('#: required key [documents] not found'));
      if (body.api_version === undefined) throw validation(schemaMessage('#: required key [api_version] not found'));
      const q = embed(body.query, 256, true, seed);
      const scored = body.documents.map((d: unknown, index: number) => {
        const text = typeof d === 'string' ? d : JSON.stringify(d);
        return { index, relevance_score: Math.round(((cosine(q, embed(text, 256, true, seed)) + 1) / 2) * 1e6) / 1e6 };
      });
      scored.sort((a: Json, b: Json) => b.relevance_score - a.relevance_score);
      return { response: { id, results: scored.slice(0, body.top_n ?? scored.length) }, inputTokens: countTokens(body.query) };
    }
    case 'image':
      return { response: imageInvoke(model, body), inputTokens: 0 };
    case 'pegasus': {
      const text = generateMarkdown(seed, model.modelId, String(body.inputPrompt ?? ''));
      return { response: { message: text, finishReason: 'stop' }, inputTokens: countTokens(String(body.inputPrompt ?? '')) };
    }
    default:
      throw validation('This model requires a bidirectional stream or asynchronous invocation. Use InvokeModelWithBidirectionalStream or StartAsyncInvoke.');
  }
}
