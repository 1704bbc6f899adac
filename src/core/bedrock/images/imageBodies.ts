// Each image family's InvokeModel body, its answer, and the checks the service would make, so a
// wrong value is named before a call is paid for. Nova Canvas and Titan Image Generator v2 share
// one envelope (`taskType` + a params member + `imageGenerationConfig`); the Stability models take
// flat snake_case fields and answer with per-image seeds and finish reasons.
import { IMAGE_TASK_LABELS, imageTraitsOf, type ImageFamily, type ImageFamilyTraits } from './imageFamily';
import { sniffImageMime, type GeneratedImage, type ImageFilterNotice, type ImageRequest } from './imageRequest';
import { stabilityServiceOf } from './stabilityServices';
import { stabilityServiceBody } from './stabilityServiceBodies';
import { stabilityServiceProblem } from './stabilityServiceChecks';
import { stripProfilePrefix } from '../catalog/modelRef';

type Json = Record<string, unknown>;

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** Nova Canvas's documented limits, applied to Titan too where the two share a field. */
export const AMAZON_LIMITS = { promptChars: 1024, minSide: 320, maxSide: 4096, sideStep: 16, maxPixels: 4_194_304, maxRatio: 4, minCfg: 1.1, maxCfg: 10 } as const;
export const STABILITY_PROMPT_CHARS = 10_000;

/**
 * What is wrong with the request for this model, in words naming the field and the allowed values;
 * undefined when it can be sent.
 */
export function imageRequestProblem(req: ImageRequest, traits: ImageFamilyTraits | undefined = imageTraitsOf(req.modelId)): string | undefined {
  if (!traits) return `${req.modelId} is not an image model this extension can call (Nova Canvas, Titan Image Generator v2, Stable Diffusion 3.5 Large, Stable Image Ultra or Core, or one of Stability's image services).`;
  if (!traits.tasks.includes(req.task)) return `${traits.label} (${req.modelId}) cannot ${IMAGE_TASK_LABELS[req.task].toLowerCase()}; it supports: ${traits.tasks.map((t) => IMAGE_TASK_LABELS[t]).join(', ')}.`;
  const prompt = req.prompt ?? '';
  const promptMax = traits.family === 'stability' ? STABILITY_PROMPT_CHARS : AMAZON_LIMITS.promptChars;
  // Inpainting without text erases the masked area; Stability's image-to-image always needs a prompt.
  const needsPrompt = req.task === 'textToImage' || (traits.family === 'stability' && req.task === 'variation') || traits.promptQuestion !== undefined;
  if (needsPrompt && !prompt.trim()) return traits.promptQuestion ? `${traits.label} needs a prompt: ${traits.promptQuestion}` : 'The prompt is empty: say what the image should show.';
  if (prompt.length > promptMax) return `The prompt has ${prompt.length} characters; ${traits.label} takes at most ${promptMax}.`;
  if ((req.negativePrompt?.length ?? 0) > promptMax) return `The negative prompt has ${req.negativePrompt!.length} characters; ${traits.label} takes at most ${promptMax}.`;
  if (req.task !== 'textToImage' && !req.image?.length) return `${IMAGE_TASK_LABELS[req.task]} needs an input image.`;
  if (req.image?.length && !sniffImageMime(req.image)) return 'The input image is not a PNG or JPEG file.';
  const imageProblem = traits.service ? stabilityServiceProblem(req) : undefined;
  if (imageProblem) return imageProblem;
  if (req.task === 'inpaint' && !req.maskPrompt?.trim()) return 'Edit with Prompt needs a mask prompt: name the part of the image to change (e.g. "the sky").';
  const count = req.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > traits.maxImages) return `Number of images must be a whole number from 1 to ${traits.maxImages} for ${traits.label}; got ${count}.`;
  if (req.seed !== undefined && (!Number.isInteger(req.seed) || req.seed < 0 || req.seed > traits.maxSeed)) return `Seed must be a whole number from 0 to ${traits.maxSeed}; got ${req.seed}.`;
  if (req.quality !== undefined && !traits.qualities?.includes(req.quality)) return `Quality "${req.quality}" is not offered by ${traits.label}${traits.qualities ? ` (choose ${traits.qualities.join(' or ')})` : ''}.`;
  if (req.style !== undefined && !traits.styles?.includes(req.style)) return `Style "${req.style}" is not offered by ${traits.label}.`;
  if (req.aspectRatio !== undefined && traits.aspectRatios && traits.family === 'stability' && !traits.aspectRatios.includes(req.aspectRatio)) {
    return `Aspect ratio "${req.aspectRatio}" is not offered by ${traits.label} (choose ${traits.aspectRatios.join(', ')}).`;
  }
  if (req.cfgScale !== undefined && (req.cfgScale < AMAZON_LIMITS.minCfg || req.cfgScale > AMAZON_LIMITS.maxCfg)) return `Prompt strength (cfgScale) must be from ${AMAZON_LIMITS.minCfg} to ${AMAZON_LIMITS.maxCfg}; got ${req.cfgScale}.`;
  if (req.similarityStrength !== undefined && (req.similarityStrength < 0.2 || req.similarityStrength > 1)) return `Similarity must be from 0.2 to 1.0; got ${req.similarityStrength}.`;
  if (req.size && traits.family !== 'stability') return sizeProblem(req.size.width, req.size.height);
  return undefined;
}

/** Nova Canvas's size rules: each side 320–4096 and a multiple of 16, ratio within 1:4–4:1, under 4.19 MP. */
export function sizeProblem(width: number, height: number): string | undefined {
  const L = AMAZON_LIMITS;
  for (const [name, v] of [['Width', width], ['Height', height]] as const) {
    if (!Number.isInteger(v) || v < L.minSide || v > L.maxSide || v % L.sideStep !== 0) return `${name} must be a multiple of ${L.sideStep} from ${L.minSide} to ${L.maxSide} pixels; got ${v}.`;
  }
  if (Math.max(width / height, height / width) > L.maxRatio) return `${width}×${height} is wider or taller than 4:1.`;
  if (width * height >= L.maxPixels) return `${width}×${height} has ${width * height} pixels; the model takes fewer than ${L.maxPixels}.`;
  return undefined;
}

/** The request body for this family. Call after `imageRequestProblem` said nothing; `seed` must be set. */
export function imageBody(family: ImageFamily, req: ImageRequest): Json {
  return family === 'stability' ? stabilityBody(req) : amazonBody(family, req);
}

function text(req: ImageRequest): Json {
  return { ...(req.prompt?.trim() ? { text: req.prompt } : {}), ...(req.negativePrompt?.trim() ? { negativeText: req.negativePrompt } : {}) };
}

function generationConfig(req: ImageRequest, withSize: boolean): Json {
  return {
    ...(withSize && req.size ? { width: req.size.width, height: req.size.height } : {}),
    ...(req.quality ? { quality: req.quality } : {}),
    ...(req.cfgScale !== undefined ? { cfgScale: req.cfgScale } : {}),
    numberOfImages: req.count ?? 1,
    ...(req.seed !== undefined ? { seed: req.seed } : {}),
  };
}

function amazonBody(family: ImageFamily, req: ImageRequest): Json {
  const image = req.image ? b64(req.image) : '';
  switch (req.task) {
    case 'textToImage':
      return {
        taskType: 'TEXT_IMAGE',
        textToImageParams: { ...text(req), ...(family === 'novaCanvas' && req.style ? { style: req.style } : {}) },
        imageGenerationConfig: generationConfig(req, true),
      };
    case 'variation':
      return {
        taskType: 'IMAGE_VARIATION',
        imageVariationParams: { images: [image], ...text(req), ...(req.similarityStrength !== undefined ? { similarityStrength: req.similarityStrength } : {}) },
        imageGenerationConfig: generationConfig(req, true),
      };
    case 'inpaint':
      // The output keeps the input's size: width and height are not sent.
      return { taskType: 'INPAINTING', inPaintingParams: { image, maskPrompt: req.maskPrompt, ...text(req) }, imageGenerationConfig: generationConfig(req, false) };
    case 'removeBackground':
      // The one task with no imageGenerationConfig at all.
      return { taskType: 'BACKGROUND_REMOVAL', backgroundRemovalParams: { image } };
    default:
      // The other tasks are Stability services'; imageRequestProblem refuses them for these models.
      throw new Error(`${IMAGE_TASK_LABELS[req.task]} has no ${family} body.`);
  }
}

function stabilityBody(req: ImageRequest): Json {
  const service = stabilityServiceOf(stripProfilePrefix(req.modelId));
  if (service) return stabilityServiceBody(service.service, req);
  const sd35 = /sd3-5-large/.test(req.modelId);
  const common = {
    prompt: req.prompt ?? '',
    ...(req.negativePrompt?.trim() ? { negative_prompt: req.negativePrompt } : {}),
    ...(req.seed !== undefined ? { seed: req.seed } : {}),
    output_format: 'png',
  };
  if (req.task === 'variation') {
    const strength = Math.round((1 - (req.similarityStrength ?? 0.7)) * 100) / 100;
    return { ...common, mode: 'image-to-image', image: b64(req.image!), strength };
  }
  return { ...common, ...(req.aspectRatio ? { aspect_ratio: req.aspectRatio } : {}), ...(sd35 ? { mode: 'text-to-image' } : {}) };
}

export interface ParsedImages {
  images: GeneratedImage[];
  filtered?: ImageFilterNotice;
}

/** Thrown when the answer is not the family's shape: the service or a proxy sent something else. */
export class ImageResponseError extends Error {
  override name = 'ImageResponseError';
}

/**
 * The images in a 200 answer, with what the content filter withheld. A 200 can carry fewer images
 * than asked for, or none: the filtered ones are named in `error` (Amazon) or `finish_reasons`
 * (Stability), in the model's own words.
 */
export function parseImageResponse(family: ImageFamily, raw: unknown, req: ImageRequest): ParsedImages {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ImageResponseError('The image model answered with something other than a JSON object.');
  const body = raw as Json;
  const list = body.images === undefined || body.images === null ? [] : body.images;
  if (!Array.isArray(list)) throw new ImageResponseError('The image model answered with `images` that is not a list.');
  const requested = family === 'stability' ? 1 : req.count ?? 1;
  if (family === 'stability') return parseStability(body, list, requested);
  const images = list.map((b, i) => decodeImage(b, i, req.seed));
  const error = typeof body.error === 'string' && body.error.trim() ? body.error.trim() : undefined;
  if (!error) return { images };
  return { images, filtered: { blocked: Math.max(1, requested - images.length), requested, modelWording: error } };
}

function parseStability(body: Json, list: unknown[], requested: number): ParsedImages {
  const reasons = Array.isArray(body.finish_reasons) ? body.finish_reasons : [];
  const seeds = Array.isArray(body.seeds) ? body.seeds : [];
  const images: GeneratedImage[] = [];
  const withheld: string[] = [];
  const n = Math.max(list.length, reasons.length);
  for (let i = 0; i < n; i++) {
    const reason = reasons[i];
    if (typeof reason === 'string' && reason) {
      withheld.push(reason);
      continue;
    }
    if (list[i] === undefined) continue;
    const seed = typeof seeds[i] === 'number' ? (seeds[i] as number) : undefined;
    images.push(decodeImage(list[i], i, seed));
  }
  if (!withheld.length) return { images };
  return { images, filtered: { blocked: withheld.length, requested: Math.max(requested, n), modelWording: [...new Set(withheld)].join('; ') } };
}

function decodeImage(b: unknown, i: number, seed: number | undefined): GeneratedImage {
  if (typeof b !== 'string') throw new ImageResponseError(`Image ${i + 1} in the answer is not base64 text.`);
  const data = new Uint8Array(Buffer.from(b, 'base64'));
  const mime = sniffImageMime(data);
  if (!mime) throw new ImageResponseError(`Image ${i + 1} in the answer is not a PNG, JPEG or WebP image.`);
  return { data, mime, ...(seed !== undefined ? { seed } : {}) };
}
