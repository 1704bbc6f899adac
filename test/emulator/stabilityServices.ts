// Stability AI's image services on InvokeModel, one model per task (remove background, search and
// replace, search and recolor, inpaint, erase, outpaint, the three upscalers, control sketch and
// structure, style guide and style transfer). Each body is checked like the service's schema:
// required keys, no others, types, ranges and enums, and the input image's documented limits
// (the wording of that size refusal is the emulator's own: no primary source shows Bedrock's).
// The answer is Stability's: `seeds`, `finish_reasons` (null when the image passed) and `images`,
// a real PNG of the input's size (a cut-out with transparency for background removal).
//
// Content-filter triggers, in any prompt field (Stability answers 200 with the reason):
//   `[filter:input]` → "Filter reason: prompt"   `[filter:image]` → "Filter reason: input image"
//   `[filter:all]`   → "Filter reason: output image", no image
import type { CatalogModel } from './catalog';
import { STABILITY_RATIOS, allowOnly, checkImage, checkNumber, checkString, fail, sizeOfInput } from './imageFamilies';
import { generatedPicture, pngSize } from './png';
import { hash32 } from './random';
import { validation } from './serviceError';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const STYLE_PRESETS = ['3d-model', 'analog-film', 'anime', 'cinematic', 'comic-book', 'digital-art', 'enhance', 'fantasy-art', 'isometric', 'line-art', 'low-poly', 'modeling-compound', 'neon-punk', 'origami', 'photographic', 'pixel-art', 'tile-texture'];
const MAX_SEED = 4_294_967_294;
const PROMPT_MAX = 10_000;

/** Limits an input image must meet: sides, pixel count, and the widest aspect ratio. */
interface ImageLimits {
  minSide: number;
  maxSide?: number;
  minPixels?: number;
  maxPixels: number;
  maxRatio?: number;
}
const EDIT_IMAGE: ImageLimits = { minSide: 64, maxPixels: 9_437_184, maxRatio: 2.5 };

interface ServiceSchema {
  required: string[];
  optional: string[];
  /** Number fields: [min, max, integer]. */
  ranges?: Record<string, [number, number, boolean]>;
  image?: ImageLimits;
}

const EDIT_TEXT = ['negative_prompt', 'seed', 'output_format', 'style_preset'];
const SCHEMAS: Record<string, ServiceSchema> = {
  'remove-background': { required: ['image'], optional: ['output_format'], image: EDIT_IMAGE },
  'search-replace': { required: ['prompt', 'image', 'search_prompt'], optional: [...EDIT_TEXT, 'grow_mask'], ranges: { grow_mask: [0, 20, false] }, image: EDIT_IMAGE },
  'search-recolor': { required: ['prompt', 'image', 'select_prompt'], optional: [...EDIT_TEXT, 'grow_mask'], ranges: { grow_mask: [0, 20, false] }, image: EDIT_IMAGE },
  inpaint: { required: ['prompt', 'image'], optional: [...EDIT_TEXT, 'mask', 'grow_mask'], ranges: { grow_mask: [0, 20, false] }, image: EDIT_IMAGE },
  'erase-object': { required: ['image'], optional: ['seed', 'output_format', 'mask', 'grow_mask'], ranges: { grow_mask: [0, 20, false] }, image: EDIT_IMAGE },
  outpaint: {
    required: ['image'],
    optional: ['prompt', 'style_preset', 'seed', 'output_format', 'creativity', 'left', 'right', 'up', 'down'],
    ranges: { creativity: [0.1, 1, false], left: [0, 2000, true], right: [0, 2000, true], up: [0, 2000, true], down: [0, 2000, true] },
    image: EDIT_IMAGE,
  },
  'control-sketch': { required: ['prompt', 'image'], optional: [...EDIT_TEXT, 'control_strength'], ranges: { control_strength: [0, 1, false] }, image: EDIT_IMAGE },
  'control-structure': { required: ['prompt', 'image'], optional: [...EDIT_TEXT, 'control_strength'], ranges: { control_strength: [0, 1, false] }, image: EDIT_IMAGE },
  'style-guide': { required: ['prompt', 'image'], optional: [...EDIT_TEXT, 'aspect_ratio', 'fidelity'], ranges: { fidelity: [0, 1, false] }, image: EDIT_IMAGE },
  'style-transfer': {
    required: ['init_image', 'style_image'],
    optional: ['prompt', 'negative_prompt', 'seed', 'output_format', 'composition_fidelity', 'style_strength', 'change_strength'],
    ranges: { composition_fidelity: [0, 1, false], style_strength: [0, 1, false], change_strength: [0.1, 1, false] },
  },
  'creative-upscale': { required: ['prompt', 'image'], optional: [...EDIT_TEXT, 'creativity'], ranges: { creativity: [0.1, 0.5, false] }, image: { minSide: 64, minPixels: 4096, maxPixels: 1_048_576 } },
  'conservative-upscale': { required: ['prompt', 'image'], optional: ['negative_prompt', 'seed', 'output_format', 'creativity'], ranges: { creativity: [0.2, 0.5, false] }, image: EDIT_IMAGE },
  'fast-upscale': { required: ['image'], optional: ['output_format'], image: { minSide: 32, maxSide: 1536, minPixels: 1024, maxPixels: 1_048_576 } },
};

/** `stability.stable-image-search-replace-v1:0` → `search-replace`; `stability.stable-fast-upscale-v1:0` → `fast-upscale`. */
function serviceName(modelId: string): string | undefined {
  const m = /^stability\.stable-(?:image-)?([a-z-]+)-v\d/.exec(modelId);
  return m && SCHEMAS[m[1]!] ? m[1] : undefined;
}

function checkImageLimits(bytes: Buffer, path: string, l: ImageLimits): void {
  const size = pngSize(bytes);
  if (!size) return; // JPEG sizes are not read here
  const { width: w, height: h } = size;
  const sides = l.maxSide ? `between ${l.minSide} and ${l.maxSide}` : `at least ${l.minSide}`;
  if (w < l.minSide || h < l.minSide || (l.maxSide && (w > l.maxSide || h > l.maxSide))) throw validation(`${path}: image dimensions ${w}x${h} are invalid: every side must be ${sides} pixels.`);
  if (w * h > l.maxPixels || w * h < (l.minPixels ?? 0)) throw validation(`${path}: image has ${w * h} pixels; it must have ${l.minPixels ?? 0} to ${l.maxPixels}.`);
  if (l.maxRatio && Math.max(w / h, h / w) > l.maxRatio) throw validation(`${path}: image aspect ratio ${w}:${h} is outside 1:${l.maxRatio} to ${l.maxRatio}:1.`);
}

/**
 * The answer's size: Outpaint adds its margins, Fast Upscale quadruples each side, the rest keep the
 * input's (already scaled down to 256 a side); at most 1024 a side, so a test's PNG stays small.
 */
function outputSize(name: string, [w, h]: [number, number], body: Json): [number, number] {
  const cap = (v: number) => Math.min(1024, v);
  if (name === 'outpaint') return [cap(w + (body.left ?? 0) + (body.right ?? 0)), cap(h + (body.up ?? 0) + (body.down ?? 0))];
  if (name === 'fast-upscale') return [cap(w * 4), cap(h * 4)];
  return [w, h];
}

export function stabilityServiceInvoke(model: CatalogModel, body: Json): Json {
  const name = serviceName(model.modelId);
  if (!name) throw fail(`#: ${model.modelId} takes no body the emulator knows`);
  const schema = SCHEMAS[name]!;
  allowOnly(body, '#', [...schema.required, ...schema.optional]);
  for (const k of schema.required) if (body[k] === undefined) throw fail(`#: required key [${k}] not found`);
  for (const k of ['prompt', 'negative_prompt', 'search_prompt', 'select_prompt']) if (body[k] !== undefined) checkString(body[k], `#/${k}`, 0, PROMPT_MAX);
  if (body.seed !== undefined) checkNumber(body.seed, '#/seed', 0, MAX_SEED, true);
  if (body.output_format !== undefined && !['jpeg', 'png', 'webp'].includes(body.output_format)) throw fail(`#/output_format: ${String(body.output_format)} is not a valid enum value`);
  if (body.style_preset !== undefined && !STYLE_PRESETS.includes(body.style_preset)) throw fail(`#/style_preset: ${String(body.style_preset)} is not a valid enum value`);
  if (body.aspect_ratio !== undefined && !STABILITY_RATIOS.includes(body.aspect_ratio)) throw fail(`#/aspect_ratio: ${String(body.aspect_ratio)} is not a valid enum value`);
  for (const [k, [min, max, integer]] of Object.entries(schema.ranges ?? {})) if (body[k] !== undefined) checkNumber(body[k], `#/${k}`, min, max, integer);
  if (name === 'outpaint' && !['left', 'right', 'up', 'down'].some((k) => (body[k] ?? 0) > 0)) throw validation('At least one outpaint direction (left, right, up or down) must be a non-zero value.');
  if (body.mask !== undefined) checkImage(body.mask, '#/mask');
  const input = checkImage(body.image ?? body.init_image, body.image !== undefined ? '#/image' : '#/init_image');
  if (body.style_image !== undefined) checkImage(body.style_image, '#/style_image');
  if (schema.image) checkImageLimits(input, '#/image', schema.image);

  const prompts = [body.prompt, body.search_prompt, body.select_prompt].filter((t) => typeof t === 'string').join(' ');
  if (prompts.includes('[filter:input]')) return { finish_reasons: ['Filter reason: prompt'] };
  if (prompts.includes('[filter:image]')) return { finish_reasons: ['Filter reason: input image'] };
  const seed = body.seed || hash32(`${model.modelId}|${prompts}|${hash32(input.toString('base64'))}`) % (MAX_SEED + 1);
  if (prompts.includes('[filter:all]')) return { seeds: [seed], finish_reasons: ['Filter reason: output image'], images: [] };
  const [w, h] = outputSize(name, sizeOfInput(input), body);
  const png = generatedPicture(`${model.modelId}|${seed}|${prompts}|${hash32(input.toString('base64'))}`, w, h, name === 'remove-background');
  return { seeds: [seed], finish_reasons: [null], images: [png.toString('base64')] };
}
