// What each async model takes (`modelInput`, checked at StartAsyncInvoke as the service does) and
// what its job leaves under `<s3Uri>/<invocationId>/`: Nova Reel an MP4 and a manifest, Nova
// Multimodal Embeddings a segmented-embedding result with one JSONL per embedding type, Marengo an
// output.json. Vectors are seeded by (seed, source, segment), so a job's result is reproducible.
import type { CatalogModel } from './catalog';
import { embed } from './embeddings';
import { tinyMp4, type Shot } from './media/tinyMp4';
import { hash32 } from './random';
import { FILTER_TEXT } from './imageFamilies';
import { schemaMessage, validation } from './serviceError';

/** The job's failure when its video is blocked (the service's wording for this is not documented). */
export const BLOCKED_VIDEO = 'The generated video has been blocked by our content filters.';

/**
 * Content filters, as the image models' emulation triggers them: a prompt holding `[filter:input]`
 * is refused (400), `[filter:image]` refuses its image, and `[filter:output]` lets the job start
 * and fail with a blocked output.
 */
function filtered(work: AsyncWork & { kind: 'video' }, prompts: string[], hasImage: boolean): AsyncWork {
  const all = prompts.join(' ');
  if (all.includes('[filter:input]')) throw validation(FILTER_TEXT.inputText);
  if (hasImage && all.includes('[filter:image]')) throw validation(FILTER_TEXT.inputImage);
  return all.includes('[filter:output]') ? { ...work, blockedOutput: BLOCKED_VIDEO } : work;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type AsyncWork =
  | { kind: 'video'; shots: Shot[]; multiShot: boolean; blockedOutput?: string }
  | { kind: 'segmented'; sourceUri: string; media: 'video' | 'audio' | 'image' | 'text'; dimension: number; segmentSeconds: number; separate: boolean }
  | { kind: 'marengo'; sourceUri: string; media: string; dimension: number; segmentSeconds: number; options: string[] };

/** One object the job writes, relative to its output folder. */
export interface OutputObject {
  key: string;
  body: Uint8Array | string;
  contentType: string;
}

const bad = (detail: string) => validation(schemaMessage(detail));
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(v: unknown, path: string, max: number): string {
  if (typeof v !== 'string') throw bad(`${path}: expected type: String, found: ${v === undefined ? 'Null' : typeof v}`);
  if (v.length < 1 || v.length > max) throw bad(`${path}: expected length between 1 and ${max}, actual: ${v.length}`);
  return v;
}

function image(v: unknown, path: string): void {
  if (!isObj(v)) throw bad(`${path}: expected type: JSONObject`);
  if (v.format !== 'png' && v.format !== 'jpeg') throw bad(`${path}/format: ${JSON.stringify(v.format)} is not a valid enum value`);
  const src = v.source;
  if (!isObj(src) || (typeof src.bytes !== 'string' && typeof src.s3Location?.uri !== 'string')) throw bad(`${path}/source: required key [bytes] not found`);
}

function s3Source(v: unknown, path: string): string {
  const uri = isObj(v) && isObj(v.s3Location) ? v.s3Location.uri : undefined;
  if (typeof uri !== 'string' || !/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.+/.test(uri)) throw bad(`${path}/s3Location/uri: expected an S3 URI (s3://bucket/key)`);
  return uri;
}

/** Nova Reel's shots: one 6-second shot for TEXT_VIDEO, the duration in 6-second shots for multi-shot. */
function reelWork(model: CatalogModel, input: Json): AsyncWork {
  const config = isObj(input.videoGenerationConfig) ? input.videoGenerationConfig : {};
  if (config.fps !== undefined && config.fps !== 24) throw bad(`#/videoGenerationConfig/fps: ${config.fps} is not a valid enum value`);
  if (config.dimension !== undefined && config.dimension !== '1280x720') throw bad(`#/videoGenerationConfig/dimension: ${config.dimension} is not a valid enum value`);
  if (config.seed !== undefined && !(Number.isInteger(config.seed) && config.seed >= 0 && config.seed <= 2_147_483_646)) throw bad(`#/videoGenerationConfig/seed: ${config.seed} is not in the range 0 to 2147483646`);
  const seed = Number(config.seed ?? 42);
  const hue = (prompt: string, i: number) => (hash32(`${seed}|${prompt}|${i}`) >>> 24) & 255;
  const multiShotModel = model.modelId !== 'amazon.nova-reel-v1:0';
  switch (input.taskType) {
    case 'TEXT_VIDEO': {
      const p = isObj(input.textToVideoParams) ? input.textToVideoParams : undefined;
      if (!p) throw bad('#: required key [textToVideoParams] not found');
      const prompt = text(p.text, '#/textToVideoParams/text', 512);
      if (p.images !== undefined) {
        if (!Array.isArray(p.images) || p.images.length > 1) throw bad('#/textToVideoParams/images: expected maximum item count: 1');
        p.images.forEach((im: unknown, i: number) => image(im, `#/textToVideoParams/images/${i}`));
      }
      if (config.durationSeconds !== undefined && config.durationSeconds !== 6) throw bad(`#/videoGenerationConfig/durationSeconds: ${config.durationSeconds} is not a valid value (TEXT_VIDEO is 6 seconds)`);
      return filtered({ kind: 'video', shots: [{ hue: hue(prompt, 0), seconds: 6 }], multiShot: false }, [prompt], p.images !== undefined);
    }
    case 'MULTI_SHOT_AUTOMATED': {
      if (!multiShotModel) throw validation(`The model ${model.modelId} doesn't support the task type MULTI_SHOT_AUTOMATED.`);
      const p = isObj(input.multiShotAutomatedParams) ? input.multiShotAutomatedParams : undefined;
      if (!p) throw bad('#: required key [multiShotAutomatedParams] not found');
      const prompt = text(p.text, '#/multiShotAutomatedParams/text', 4000);
      const d = config.durationSeconds;
      if (!(Number.isInteger(d) && d >= 12 && d <= 120 && d % 6 === 0)) throw bad(`#/videoGenerationConfig/durationSeconds: ${d} is not a multiple of 6 between 12 and 120`);
      return filtered({ kind: 'video', shots: Array.from({ length: d / 6 }, (_, i) => ({ hue: hue(prompt, i), seconds: 6 })), multiShot: true }, [prompt], false);
    }
    case 'MULTI_SHOT_MANUAL': {
      if (!multiShotModel) throw validation(`The model ${model.modelId} doesn't support the task type MULTI_SHOT_MANUAL.`);
      const p = isObj(input.multiShotManualParams) ? input.multiShotManualParams : undefined;
      if (!p || !Array.isArray(p.shots)) throw bad('#/multiShotManualParams: required key [shots] not found');
      if (p.shots.length < 2 || p.shots.length > 20) throw bad(`#/multiShotManualParams/shots: expected between 2 and 20 items, found ${p.shots.length}`);
      const shots = p.shots.map((s: unknown, i: number) => {
        if (!isObj(s)) throw bad(`#/multiShotManualParams/shots/${i}: expected type: JSONObject`);
        const prompt = text(s.text, `#/multiShotManualParams/shots/${i}/text`, 512);
        if (s.image !== undefined) image(s.image, `#/multiShotManualParams/shots/${i}/image`);
        return { hue: hue(prompt, i), seconds: 6 };
      });
      if (config.durationSeconds !== undefined) throw bad('#/videoGenerationConfig: extraneous key [durationSeconds] is not permitted');
      const prompts = p.shots.map((s: Json) => String(s.text));
      return filtered({ kind: 'video', shots, multiShot: true }, prompts, p.shots.some((s: Json) => s.image !== undefined));
    }
    default:
      throw bad(`#/taskType: ${JSON.stringify(input.taskType)} is not a valid enum value`);
  }
}

function segmentedWork(input: Json): AsyncWork {
  if (input.schemaVersion !== 'nova-multimodal-embed-v1') throw bad('#/schemaVersion: expected nova-multimodal-embed-v1');
  if (input.taskType !== 'SEGMENTED_EMBEDDING') throw validation('StartAsyncInvoke takes taskType SEGMENTED_EMBEDDING for this model; use InvokeModel for SINGLE_EMBEDDING.');
  const p = isObj(input.segmentedEmbeddingParams) ? input.segmentedEmbeddingParams : undefined;
  if (!p) throw bad('#: required key [segmentedEmbeddingParams] not found');
  const dimension = p.embeddingDimension ?? 3072;
  if (![256, 384, 1024, 3072].includes(dimension)) throw bad(`#/segmentedEmbeddingParams/embeddingDimension: ${dimension} is not a valid enum value`);
  const media = (['video', 'audio', 'image', 'text'] as const).filter((m) => p[m] !== undefined);
  if (media.length !== 1) throw bad('#/segmentedEmbeddingParams: exactly one of [text, image, audio, video] is required');
  const m = media[0]!;
  const member = p[m] as Json;
  const sourceUri = s3Source(member.source, `#/segmentedEmbeddingParams/${m}/source`);
  const seconds = member.segmentationConfig?.durationSeconds ?? 5;
  if (!(Number.isInteger(seconds) && seconds >= 1 && seconds <= 30)) throw bad(`#/segmentedEmbeddingParams/${m}/segmentationConfig/durationSeconds: ${seconds} is not between 1 and 30`);
  if (m === 'video' && member.embeddingMode !== undefined && !['AUDIO_VIDEO_COMBINED', 'AUDIO_VIDEO_SEPARATE'].includes(member.embeddingMode)) throw bad(`#/segmentedEmbeddingParams/video/embeddingMode: ${member.embeddingMode} is not a valid enum value`);
  return { kind: 'segmented', sourceUri, media: m, dimension, segmentSeconds: seconds, separate: member.embeddingMode === 'AUDIO_VIDEO_SEPARATE' };
}

function marengoWork(model: CatalogModel, input: Json): AsyncWork {
  const v3 = model.modelId.includes('marengo-embed-3');
  const media = input.inputType;
  if (!['video', 'audio', 'image', 'text'].includes(media)) throw bad(`#/inputType: ${JSON.stringify(media)} is not a valid enum value`);
  if (media === 'text') throw validation('Text embeddings are synchronous: use InvokeModel.');
  const member: Json = v3 ? (isObj(input[media]) ? input[media] : {}) : input;
  const sourceUri = s3Source(member.mediaSource, v3 ? `#/${media}/mediaSource` : '#/mediaSource');
  const seconds = v3 ? (member.segmentation?.fixed?.durationSec ?? 6) : (member.useFixedLengthSec ?? 6);
  const options: string[] = member.embeddingOption ?? (v3 ? ['visual', 'audio'] : ['visual-text', 'visual-image', 'audio']);
  return { kind: 'marengo', sourceUri, media, dimension: v3 ? 512 : 1024, segmentSeconds: seconds, options };
}

/** Checks `modelInput` for the model; throws the ValidationException StartAsyncInvoke answers with. */
export function asyncWorkFor(model: CatalogModel, input: unknown): AsyncWork {
  if (!isObj(input)) throw bad('#: required key [modelInput] not found');
  if (model.family === 'video') return reelWork(model, input);
  if (model.family === 'novaEmbed') return segmentedWork(input);
  if (model.family === 'marengoEmbed') return marengoWork(model, input);
  throw validation(`The model ${model.modelId} doesn't support asynchronous invocation.`);
}

/** Seconds of media in an input file: an MP4's movie header, a WAV's data size, else a guess from the size. */
export function mediaSeconds(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const mvhd = Buffer.from(bytes).indexOf('mvhd');
  if (mvhd > 4 && mvhd + 20 < bytes.length) {
    const timescale = view.getUint32(mvhd + 16);
    const duration = view.getUint32(mvhd + 20);
    if (timescale > 0) return duration / timescale;
  }
  if (Buffer.from(bytes.subarray(0, 4)).toString('latin1') === 'RIFF' && bytes.length >= 44) {
    const byteRate = view.getUint32(28, true);
    if (byteRate > 0) return (bytes.length - 44) / byteRate;
  }
  return Math.max(1, Math.round(bytes.length / 16_000));
}

function segments(totalSeconds: number, size: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let start = 0; start < totalSeconds && out.length < 1434; start += size) out.push([start, Math.min(totalSeconds, start + size)]);
  return out.length ? out : [[0, totalSeconds]];
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
const vector = (seed: number, source: string, label: string, dim: number) => embed(`${source} ${label}`, dim, true, seed).map(round3);

/** The objects a finished job writes, keyed relative to `<s3Uri>/<invocationId>/`. */
export function jobOutputs(work: AsyncWork, folderUri: string, seed: number, source?: Uint8Array): OutputObject[] {
  const json = (key: string, value: unknown): OutputObject => ({ key, body: JSON.stringify(value, null, 2), contentType: 'application/json' });
  if (work.kind === 'video') {
    const video = tinyMp4(work.shots);
    const out: OutputObject[] = [{ key: 'output.mp4', body: video.bytes, contentType: 'video/mp4' }];
    if (work.multiShot) {
      work.shots.forEach((shot, i) => out.push({ key: `shot_${String(i + 1).padStart(4, '0')}.mp4`, body: tinyMp4([shot]).bytes, contentType: 'video/mp4' }));
      out.push(json('video-generation-status.json', { schemaVersion: '1.0', shots: work.shots.map((_, i) => ({ status: 'SUCCESS', location: `${folderUri}shot_${String(i + 1).padStart(4, '0')}.mp4` })), fullVideo: { status: 'SUCCESS', location: `${folderUri}output.mp4` } }));
    }
    out.push(json('manifest.json', { schemaVersion: '1.0', outputs: out.map((o) => `${folderUri}${o.key}`) }));
    return out;
  }
  const seconds = source ? mediaSeconds(source) : 12;
  const parts = segments(seconds, work.segmentSeconds);
  if (work.kind === 'marengo') {
    const data = work.options.flatMap((option) =>
      parts.map(([s, e]) => ({ embedding: vector(seed, work.sourceUri, `${option} ${s}`, work.dimension), embeddingOption: option, embeddingScope: 'clip', startSec: s, endSec: round3(e) })),
    );
    return [json('output.json', { data })];
  }
  const types = work.media === 'video' ? (work.separate ? ['VIDEO', 'AUDIO'] : ['AUDIO_VIDEO_COMBINED']) : [work.media.toUpperCase()];
  const fileOf = (t: string) => (t === 'AUDIO_VIDEO_COMBINED' ? 'embedding-audio-video.jsonl' : t === 'IMAGE' ? 'embedding-image.json' : `embedding-${t.toLowerCase()}.jsonl`);
  const out: OutputObject[] = types.map((t) => {
    const lines = parts.map(([s, e], i) =>
      JSON.stringify({ embedding: vector(seed, work.sourceUri, `${t} ${i}`, work.dimension), segmentMetadata: { segmentIndex: i, segmentStartSeconds: s, segmentEndSeconds: round3(e) }, status: 'SUCCESS' }),
    );
    return { key: fileOf(t), body: `${lines.join('\n')}\n`, contentType: 'application/jsonl' };
  });
  out.push(
    json('segmented-embedding-result.json', {
      sourceFileUri: work.sourceUri,
      embeddingDimension: work.dimension,
      embeddingResults: types.map((t) => ({ embeddingType: t, status: 'SUCCESS', outputFileUri: `${folderUri}${fileOf(t)}` })),
    }),
    json('manifest.json', { schemaVersion: '1.0', outputs: types.map((t) => `${folderUri}${fileOf(t)}`) }),
  );
  return out;
}
