// Image models on InvokeModel, as Bedrock answers them: Nova Canvas and Titan Image Generator v2
// (one envelope: `taskType`, a params member, `imageGenerationConfig`) and the Stability models
// (flat snake_case body; per-image `seeds` and `finish_reasons`; the image services' bodies are in
// stabilityServices.ts). Bodies are checked field by field like the service's JSON-schema
// validator, and the images are real PNGs, a pure function of the seed and the prompt, sized 1/16
// of what was asked (a 1024×1024 request gets 64×64).
//
// Content-filter triggers, in the prompt text:
//   `[filter:input]`  → 400, the prompt blocked     `[filter:image]` → 400, the input image blocked
//   `[filter:all]`    → 200, every output withheld  `[filter:some]`  → 200, half the outputs withheld
import type { CatalogModel } from './catalog';
import { generatedPicture, pngSize } from './png';
import { hash32 } from './random';
import { schemaMessage, validation } from './serviceError';
import { stabilityServiceInvoke } from './stabilityServices';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The wording of Nova's and Titan's content filters (200 answers carry it in `error`). */
export const FILTER_TEXT = {
  inputText: 'This request has been blocked by our content filters. Please adjust your text prompt to submit a new request.',
  inputImage: 'This request has been blocked by our content filters. Please adjust your input image to submit a new request.',
  allOutputs: 'All of the generated images have been blocked by our content filters.',
  someOutputs: 'Some of the generated images have been blocked by our content filters.',
} as const;

/** The Stability models the emulator lists beside the data file's rows (its text-to-image models). */
export const STABILITY_TEXT_TO_IMAGE_ROWS = [
  ['stability.sd3-5-large-v1:0', 'Stable Diffusion 3.5 Large'],
  ['stability.stable-image-ultra-v1:1', 'Stable Image Ultra'],
  ['stability.stable-image-core-v1:1', 'Stable Image Core'],
].map(([modelId, name]) => ({
  provider: 'Stability',
  name: name!,
  modelId: modelId!,
  apis: { invoke: true, converse: false, chatCompletions: false, responses: false, messages: false },
  streaming: false,
  asyncInvoke: false,
  inferenceProfileRequired: false,
  inferenceProfileIds: null,
  inputModalities: ['Text', 'Image'],
  outputModalities: ['Image'],
}));

const TASK_PARAMS: Record<string, string> = {
  TEXT_IMAGE: 'textToImageParams',
  COLOR_GUIDED_GENERATION: 'colorGuidedGenerationParams',
  IMAGE_VARIATION: 'imageVariationParams',
  INPAINTING: 'inPaintingParams',
  OUTPAINTING: 'outPaintingParams',
  BACKGROUND_REMOVAL: 'backgroundRemovalParams',
  VIRTUAL_TRY_ON: 'virtualTryOnParams',
};
const NOVA_STYLES = ['3D_ANIMATED_FAMILY_FILM', 'DESIGN_SKETCH', 'FLAT_VECTOR_ILLUSTRATION', 'GRAPHIC_NOVEL_ILLUSTRATION', 'MAXIMALISM', 'MIDCENTURY_RETRO', 'PHOTOREALISM', 'SOFT_DIGITAL_PAINTING'];
export const STABILITY_RATIOS = ['16:9', '1:1', '21:9', '2:3', '3:2', '4:5', '5:4', '9:16', '9:21'];

export const fail = (detail: string) => validation(schemaMessage(detail));

export function allowOnly(obj: Json, path: string, keys: string[]): void {
  for (const k of Object.keys(obj)) if (!keys.includes(k)) throw fail(`${path}: extraneous key [${k}] is not permitted`);
}

function requireObject(obj: Json, key: string, path: string): Json {
  const v = obj[key];
  if (v === undefined) throw fail(`${path}: required key [${key}] not found`);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw fail(`${path}/${key}: expected type: JSONObject, found: ${Array.isArray(v) ? 'JSONArray' : typeof v === 'string' ? 'String' : 'Number'}`);
  return v as Json;
}

export function checkString(v: unknown, path: string, min: number, max: number | undefined): void {
  if (typeof v !== 'string') throw fail(`${path}: expected type: String, found: ${typeof v === 'number' ? 'Integer' : 'JSONObject'}`);
  if (v.length < min) throw fail(`${path}: expected minLength: ${min}, actual: ${v.length}`);
  if (max !== undefined && v.length > max) throw fail(`${path}: expected maxLength: ${max}, actual: ${v.length}`);
}

export function checkNumber(v: unknown, path: string, min: number, max: number, integer: boolean): void {
  if (typeof v !== 'number' || (integer && !Number.isInteger(v))) throw fail(`${path}: expected type: ${integer ? 'Integer' : 'Number'}, found: ${typeof v === 'string' ? 'String' : typeof v}`);
  if (v < min) throw fail(`${path}: ${v} is not greater or equal to ${min}`);
  if (v > max) throw fail(`${path}: ${v} is not less or equal to ${max}`);
}

/** A base64 PNG or JPEG; returns its bytes. */
export function checkImage(v: unknown, path: string): Buffer {
  if (typeof v !== 'string') throw fail(`${path}: expected type: String, found: JSONObject`);
  const bytes = Buffer.from(v, 'base64');
  const png = bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  if (!png && !jpeg) throw validation('Unable to process provided image. The image must be a PNG or JPEG.');
  return bytes;
}

function filterTrigger(texts: unknown[], hasImage: boolean): void {
  const all = texts.filter((t) => typeof t === 'string').join(' ');
  if (all.includes('[filter:input]')) throw validation(FILTER_TEXT.inputText);
  if (hasImage && all.includes('[filter:image]')) throw validation(FILTER_TEXT.inputImage);
}

/** Output size: 1/16 of the request (at least 8 pixels a side), or the input image's, capped at 256. */
function outputSize(width: number, height: number): [number, number] {
  return [Math.max(8, Math.round(width / 16)), Math.max(8, Math.round(height / 16))];
}

export function sizeOfInput(image: Buffer | undefined): [number, number] {
  const s = image ? pngSize(image) : undefined;
  if (!s) return [64, 64];
  const scale = Math.min(1, 256 / Math.max(s.width, s.height));
  return [Math.max(1, Math.round(s.width * scale)), Math.max(1, Math.round(s.height * scale))];
}

export function imageInvoke(model: CatalogModel, body: Json): Json {
  if (model.modelId.startsWith('stability.')) return stabilityInvoke(model, body);
  return amazonInvoke(model.modelId.startsWith('amazon.nova-canvas'), body);
}

function amazonInvoke(canvas: boolean, body: Json): Json {
  if (body.taskType === undefined) throw fail('#: required key [taskType] not found');
  const paramsKey = TASK_PARAMS[body.taskType as string];
  if (!paramsKey || (!canvas && body.taskType === 'VIRTUAL_TRY_ON')) throw fail(`#/taskType: ${String(body.taskType)} is not a valid enum value`);
  const removal = body.taskType === 'BACKGROUND_REMOVAL';
  allowOnly(body, '#', removal ? ['taskType', paramsKey] : ['taskType', paramsKey, 'imageGenerationConfig']);
  const params = requireObject(body, paramsKey, '#');
  const p = `#/${paramsKey}`;
  const textMax = canvas ? 1024 : undefined; // Titan's own limits are not checked: only Canvas's are known.
  let input: Buffer | undefined;
  if (params.text !== undefined) checkString(params.text, `${p}/text`, 1, textMax);
  if (params.negativeText !== undefined) checkString(params.negativeText, `${p}/negativeText`, 1, textMax);
  switch (body.taskType) {
    case 'TEXT_IMAGE':
      allowOnly(params, p, ['text', 'negativeText', ...(canvas ? ['style'] : []), 'conditionImage', 'controlMode', 'controlStrength']);
      if (params.text === undefined) throw fail(`${p}: required key [text] not found`);
      if (params.style !== undefined && !NOVA_STYLES.includes(params.style)) throw fail(`${p}/style: ${String(params.style)} is not a valid enum value`);
      break;
    case 'IMAGE_VARIATION': {
      allowOnly(params, p, ['images', 'text', 'negativeText', 'similarityStrength']);
      if (params.images === undefined) throw fail(`${p}: required key [images] not found`);
      if (!Array.isArray(params.images)) throw fail(`${p}/images: expected type: JSONArray, found: String`);
      if (params.images.length < 1) throw fail(`${p}/images: expected minimum item count: 1, found: 0`);
      if (params.images.length > 5) throw fail(`${p}/images: expected maximum item count: 5, found: ${params.images.length}`);
      input = params.images.map((im: unknown, i: number) => checkImage(im, `${p}/images/${i}`))[0];
      if (params.similarityStrength !== undefined) checkNumber(params.similarityStrength, `${p}/similarityStrength`, 0.2, 1, false);
      break;
    }
    case 'INPAINTING':
    case 'OUTPAINTING':
      allowOnly(params, p, ['image', 'maskPrompt', 'maskImage', 'text', 'negativeText', ...(body.taskType === 'OUTPAINTING' ? ['outPaintingMode'] : [])]);
      if (params.image === undefined) throw fail(`${p}: required key [image] not found`);
      input = checkImage(params.image, `${p}/image`);
      const masks = Number(params.maskPrompt !== undefined) + Number(params.maskImage !== undefined);
      if (masks !== 1) throw fail(`${p}: #: ${masks} subschema matches out of 2`);
      if (params.maskPrompt !== undefined) checkString(params.maskPrompt, `${p}/maskPrompt`, 1, textMax);
      if (body.taskType === 'OUTPAINTING' && params.text === undefined) throw fail(`${p}: required key [text] not found`);
      break;
    case 'BACKGROUND_REMOVAL':
      allowOnly(params, p, ['image']);
      if (params.image === undefined) throw fail(`${p}: required key [image] not found`);
      input = checkImage(params.image, `${p}/image`);
      break;
    default:
      break;
  }
  const config: Json = removal ? {} : body.imageGenerationConfig ?? {};
  if (!removal && body.imageGenerationConfig !== undefined) {
    const c = requireObject(body, 'imageGenerationConfig', '#');
    const q = '#/imageGenerationConfig';
    allowOnly(c, q, ['width', 'height', 'quality', 'cfgScale', 'numberOfImages', 'seed']);
    for (const side of ['width', 'height']) {
      if (c[side] === undefined) continue;
      checkNumber(c[side], `${q}/${side}`, 320, 4096, true);
      if (c[side] % 16 !== 0) throw fail(`${q}/${side}: ${c[side]} is not a multiple of 16`);
    }
    const w = c.width ?? 1024;
    const h = c.height ?? 1024;
    if (canvas && (Math.max(w / h, h / w) > 4 || w * h >= 4_194_304)) throw validation(`The image dimensions ${w}x${h} are not supported. The aspect ratio must be between 1:4 and 4:1 and the total pixel count must be less than 4,194,304.`);
    if (c.quality !== undefined && !['standard', 'premium'].includes(c.quality)) throw fail(`${q}/quality: ${String(c.quality)} is not a valid enum value`);
    if (c.cfgScale !== undefined) checkNumber(c.cfgScale, `${q}/cfgScale`, 1.1, 10, false);
    if (c.numberOfImages !== undefined) checkNumber(c.numberOfImages, `${q}/numberOfImages`, 1, 5, true);
    if (c.seed !== undefined) checkNumber(c.seed, `${q}/seed`, 0, 2_147_483_646, true);
  }
  filterTrigger([params.text, params.negativeText, params.maskPrompt], input !== undefined);
  const n = removal ? 1 : config.numberOfImages ?? 1;
  const seed = config.seed ?? (canvas ? 12 : 42);
  const [w, h] = input ? sizeOfInput(input) : outputSize(config.width ?? 1024, config.height ?? 1024);
  const key = `${body.taskType}|${seed}|${params.text ?? ''}|${params.maskPrompt ?? ''}|${input ? hash32(input.toString('base64')) : ''}`;
  const images = Array.from({ length: n }, (_, i) => generatedPicture(`${key}|${i}`, w, h, removal).toString('base64'));
  const text = String(params.text ?? '');
  if (text.includes('[filter:all]')) return { images: [], error: FILTER_TEXT.allOutputs };
  if (text.includes('[filter:some]')) {
    if (n < 2) return { images: [], error: FILTER_TEXT.allOutputs };
    return { images: images.slice(Math.floor(n / 2)), error: FILTER_TEXT.someOutputs };
  }
  return { images };
}

function stabilityInvoke(model: CatalogModel, body: Json): Json {
  const sd35 = model.modelId.startsWith('stability.sd3-5-large');
  const textToImage = STABILITY_TEXT_TO_IMAGE_ROWS.some((r) => r.modelId === model.modelId);
  if (!textToImage) return stabilityServiceInvoke(model, body);
  allowOnly(body, '#', ['prompt', 'negative_prompt', 'aspect_ratio', 'seed', 'output_format', 'image', 'strength', ...(sd35 ? ['mode'] : [])]);
  if (body.prompt === undefined) throw fail('#: required key [prompt] not found');
  checkString(body.prompt, '#/prompt', 0, 10_000);
  if (body.negative_prompt !== undefined) checkString(body.negative_prompt, '#/negative_prompt', 0, 10_000);
  if (body.aspect_ratio !== undefined && !STABILITY_RATIOS.includes(body.aspect_ratio)) throw fail(`#/aspect_ratio: ${String(body.aspect_ratio)} is not a valid enum value`);
  if (body.output_format !== undefined && !['jpeg', 'png', 'webp'].includes(body.output_format)) throw fail(`#/output_format: ${String(body.output_format)} is not a valid enum value`);
  if (body.seed !== undefined) checkNumber(body.seed, '#/seed', 0, 4_294_967_294, true);
  const mode = body.mode ?? 'text-to-image';
  if (sd35 && !['text-to-image', 'image-to-image'].includes(mode)) throw fail(`#/mode: ${String(mode)} is not a valid enum value`);
  const imageToImage = mode === 'image-to-image' || (!sd35 && body.image !== undefined);
  let input: Buffer | undefined;
  if (imageToImage) {
    if (body.image === undefined) throw fail('#: required key [image] not found');
    input = checkImage(body.image, '#/image');
    if (body.strength === undefined) throw fail('#: required key [strength] not found');
    checkNumber(body.strength, '#/strength', 0, 1, false);
  }
  const prompt = String(body.prompt);
  // Stability's filter answers 200 and names the reason per image.
  if (prompt.includes('[filter:input]')) return { finish_reasons: ['Filter reason: prompt'] };
  if (input && prompt.includes('[filter:image]')) return { finish_reasons: ['Filter reason: input image'] };
  const seed = body.seed || hash32(`${prompt}|${model.modelId}`) % 4_294_967_295;
  if (prompt.includes('[filter:all]') || prompt.includes('[filter:some]')) return { seeds: [seed], finish_reasons: ['Filter reason: output image'], images: [] };
  const [rw, rh] = (body.aspect_ratio ?? '1:1').split(':').map(Number) as [number, number];
  const [w, h] = input ? sizeOfInput(input) : [Math.round((64 * rw) / Math.max(rw, rh)), Math.round((64 * rh) / Math.max(rw, rh))];
  const png = generatedPicture(`${model.modelId}|${seed}|${prompt}|${input ? hash32(input.toString('base64')) : ''}`, w, h);
  return { seeds: [seed], finish_reasons: [null], images: [png.toString('base64')] };
}
