// Embeddings of a video or audio file through StartAsyncInvoke: Nova Multimodal Embeddings'
// segmented embedding and TwelveLabs Marengo. Builds each model's input for a file in S3, and turns
// what the job left in S3 into one document like Embed Selection's: a vector per segment, each
// printed on one line, with its time span and norm.
import { l2Norm } from '../embedding/vectorMath';

export type MediaKind = 'video' | 'audio';

export interface MediaFile {
  s3Uri: string;
  kind: MediaKind;
  /** The container format the model is told (mp4, mov, mp3, wav, …). */
  format: string;
}

const FORMATS: Record<string, { kind: MediaKind; format: string }> = {
  mp4: { kind: 'video', format: 'mp4' },
  m4v: { kind: 'video', format: 'mp4' },
  mov: { kind: 'video', format: 'mov' },
  mkv: { kind: 'video', format: 'mkv' },
  webm: { kind: 'video', format: 'webm' },
  mpeg: { kind: 'video', format: 'mpeg' },
  mpg: { kind: 'video', format: 'mpg' },
  mp3: { kind: 'audio', format: 'mp3' },
  wav: { kind: 'audio', format: 'wav' },
  ogg: { kind: 'audio', format: 'ogg' },
};

export const MEDIA_EXTENSIONS = Object.keys(FORMATS);

/** A media file from its name; undefined when the extension is not a video or audio format the models take. */
export function mediaFileOf(s3Uri: string): MediaFile | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(s3Uri)?.[1]?.toLowerCase();
  const f = ext ? FORMATS[ext] : undefined;
  return f ? { s3Uri, ...f } : undefined;
}

/** The async media embedding models, by id prefix, with what each takes. */
export const MEDIA_EMBEDDING_MODELS = [
  { prefix: 'amazon.nova-2-multimodal-embeddings-', family: 'nova', dimensions: [3072, 1024, 384, 256] },
  { prefix: 'twelvelabs.marengo-embed-2-7-', family: 'marengo27', dimensions: [1024] },
  { prefix: 'twelvelabs.marengo-embed-3-', family: 'marengo3', dimensions: [512] },
] as const;

export type MediaEmbeddingFamily = (typeof MEDIA_EMBEDDING_MODELS)[number]['family'];

export function mediaEmbeddingFamily(modelId: string): MediaEmbeddingFamily | undefined {
  return MEDIA_EMBEDDING_MODELS.find((m) => modelId.startsWith(m.prefix))?.family;
}

export interface MediaEmbeddingOptions {
  /** Seconds per segment (Nova 1–30, default 5; Marengo 2–10, default 6). */
  segmentSeconds?: number;
  /** Nova only: 256, 384, 1024 or 3072 (default 3072). */
  dimension?: number;
}

/** The `modelInput` for embedding `file` with `modelId`. */
export function mediaEmbeddingInput(modelId: string, file: MediaFile, opts: MediaEmbeddingOptions = {}): Record<string, unknown> {
  const family = mediaEmbeddingFamily(modelId);
  const source = { s3Location: { uri: file.s3Uri } };
  switch (family) {
    case 'nova':
      return {
        schemaVersion: 'nova-multimodal-embed-v1',
        taskType: 'SEGMENTED_EMBEDDING',
        segmentedEmbeddingParams: {
          embeddingPurpose: 'GENERIC_INDEX',
          embeddingDimension: opts.dimension ?? 3072,
          [file.kind]: {
            format: file.format,
            source,
            ...(file.kind === 'video' ? { embeddingMode: 'AUDIO_VIDEO_COMBINED' } : {}),
            segmentationConfig: { durationSeconds: opts.segmentSeconds ?? 5 },
          },
        },
      };
    case 'marengo27':
      return { inputType: file.kind, mediaSource: source, useFixedLengthSec: opts.segmentSeconds ?? 6 };
    case 'marengo3':
      return { inputType: file.kind, [file.kind]: { mediaSource: source, segmentation: { method: 'fixed', fixed: { durationSec: opts.segmentSeconds ?? 6 } } } };
    default:
      throw new Error(`${modelId} is not a media embedding model this extension knows how to call (Nova Multimodal Embeddings, TwelveLabs Marengo).`);
  }
}

export interface MediaSegment {
  /** TEXT, VIDEO, AUDIO, AUDIO_VIDEO_COMBINED (Nova) or the Marengo embedding option. */
  type: string;
  index: number;
  startSeconds?: number;
  endSeconds?: number;
  status: string;
  vector: number[];
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const vectorOf = (v: unknown): number[] | undefined => (Array.isArray(v) && v.length > 0 && v.length <= 16_384 && v.every((x) => typeof x === 'number' && Number.isFinite(x)) ? (v as number[]) : undefined);

/** Nova's per-type JSONL: a line per segment. Lines that are not a segment are counted, not fatal. */
export function novaSegments(type: string, jsonl: string): { segments: MediaSegment[]; skipped: number } {
  const segments: MediaSegment[] = [];
  let skipped = 0;
  for (const line of jsonl.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as Record<string, unknown>;
      const meta = (r.segmentMetadata ?? {}) as Record<string, unknown>;
      const vector = vectorOf(r.embedding);
      if (!vector) {
        skipped++;
        continue;
      }
      segments.push({ type, index: num(meta.segmentIndex) ?? segments.length, startSeconds: num(meta.segmentStartSeconds), endSeconds: num(meta.segmentEndSeconds), status: typeof r.status === 'string' ? r.status : 'SUCCESS', vector });
    } catch {
      skipped++;
    }
  }
  return { segments, skipped };
}

/** Nova's `segmented-embedding-result.json`: which data file holds which embedding type. */
export function novaResultFiles(raw: string): Array<{ type: string; status: string; uri?: string; reason?: string }> {
  const doc = JSON.parse(raw) as { embeddingResults?: unknown };
  if (!Array.isArray(doc.embeddingResults)) throw new Error('segmented-embedding-result.json has no embeddingResults list.');
  return doc.embeddingResults.map((e: Record<string, unknown>) => ({
    type: typeof e.embeddingType === 'string' ? e.embeddingType : 'UNKNOWN',
    status: typeof e.status === 'string' ? e.status : 'UNKNOWN',
    uri: typeof e.outputFileUri === 'string' && e.outputFileUri.startsWith('s3://') ? e.outputFileUri : undefined,
    reason: typeof e.failureReason === 'string' ? e.failureReason : undefined,
  }));
}

/** Marengo's output JSON: `{"data":[{embedding, embeddingOption, startSec, endSec}]}`. */
export function marengoSegments(raw: string): { segments: MediaSegment[]; skipped: number } {
  const doc = JSON.parse(raw) as { data?: unknown };
  const data = Array.isArray(doc.data) ? (doc.data as Array<Record<string, unknown>>) : [];
  const segments: MediaSegment[] = [];
  let skipped = 0;
  const perType = new Map<string, number>();
  for (const d of data) {
    const vector = vectorOf(d.embedding);
    if (!vector) {
      skipped++;
      continue;
    }
    const type = typeof d.embeddingOption === 'string' ? d.embeddingOption : 'embedding';
    const index = perType.get(type) ?? 0;
    perType.set(type, index + 1);
    segments.push({ type, index, startSeconds: num(d.startSec), endSeconds: num(d.endSec), status: 'SUCCESS', vector });
  }
  return { segments, skipped };
}

export interface MediaEmbeddingDocumentInput {
  model: string;
  source: string;
  invocationArn: string;
  segments: MediaSegment[];
  /** Lines or entries that were not readable segments. */
  skipped: number;
  /** Embedding types the job reported as failed, with the reason. */
  failed: Array<{ type: string; reason?: string }>;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** The document the editor opens: one vector per line, like Embed Selection's. */
export function mediaEmbeddingDocument(input: MediaEmbeddingDocumentInput): string {
  const vectors: string[] = [];
  const dimension = input.segments[0]?.vector.length ?? 0;
  const doc = {
    model: input.model,
    source: input.source,
    job: input.invocationArn,
    dimension,
    segmentCount: input.segments.length,
    embeddingTypes: [...new Set(input.segments.map((s) => s.type))],
    ...(input.failed.length ? { failed: input.failed } : {}),
    ...(input.skipped ? { unreadableSegments: input.skipped } : {}),
    segments: input.segments.map((s) => {
      vectors.push(`[${s.vector.join(', ')}]`);
      return { type: s.type, index: s.index, startSeconds: s.startSeconds ?? null, endSeconds: s.endSeconds ?? null, status: s.status, l2Norm: round(l2Norm(s.vector)), vector: `__VECTOR_${vectors.length - 1}__` };
    }),
  };
  let json = JSON.stringify(doc, null, 2);
  vectors.forEach((v, i) => (json = json.replace(`"__VECTOR_${i}__"`, v)));
  return `${json}\n`;
}
