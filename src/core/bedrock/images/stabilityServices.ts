// Stability AI's image services on Bedrock: one model per editing task, each on InvokeModel with
// its own flat snake_case body, answering like Stability's generators (`seeds`, `finish_reasons`,
// `images`). The ones offered here are those a file-explorer command can drive with words alone:
// Remove Background, Search and Replace and Search and Recolor (Edit with Prompt: a prompt names
// the part to change), and Control Structure (Generate Variations: the input's structure kept, the
// prompt restyling it). Inpaint and Erase Object take a mask image, Outpaint pixel margins and
// the upscalers their own questions, so they are not offered. These models are called through a
// cross-Region inference profile (`us.…`), which the router picks from the catalog.
import type { ImageRequest } from './imageRequest';
import type { ImageTask } from './imageFamily';
import { imageSize } from '../adapters/mediaFormats';

type Json = Record<string, unknown>;

export type StabilityService = 'removeBackground' | 'searchReplace' | 'searchRecolor' | 'controlStructure';

export interface StabilityServiceTraits {
  service: StabilityService;
  /** The model's name, for messages and the gallery's summary line. */
  label: string;
  task: ImageTask;
  /** What the prompt asks for, when the service requires one (each service names it differently). */
  promptQuestion?: string;
}

const SERVICES: ReadonlyArray<[RegExp, StabilityServiceTraits]> = [
  [/^stability\.stable-image-remove-background-/, { service: 'removeBackground', label: 'Stable Image Remove Background', task: 'removeBackground' }],
  [/^stability\.stable-image-search-replace-/, { service: 'searchReplace', label: 'Stable Image Search and Replace', task: 'inpaint', promptQuestion: 'What should replace it?' }],
  [/^stability\.stable-image-search-recolor-/, { service: 'searchRecolor', label: 'Stable Image Search and Recolor', task: 'inpaint', promptQuestion: 'What colours should it have? (e.g. "a pink jacket")' }],
  [/^stability\.stable-image-control-structure-/, { service: 'controlStructure', label: 'Stable Image Control Structure', task: 'variation', promptQuestion: 'Describe the variations (the structure of the image is kept)' }],
];

/** The service a (base) model id is, or undefined. */
export function stabilityServiceOf(baseModelId: string): StabilityServiceTraits | undefined {
  return SERVICES.find(([re]) => re.test(baseModelId))?.[1];
}

/** The services' documented input-image limits. */
export const SERVICE_IMAGE_LIMITS = { minSide: 64, maxPixels: 9_437_184, maxRatio: 2.5 } as const;

/** What is wrong with the input image for these services, or undefined (a size it cannot read is left to the service). */
export function serviceImageProblem(image: Uint8Array, label: string): string | undefined {
  const size = imageSize(image);
  if (!size) return undefined;
  const { width, height } = size;
  const L = SERVICE_IMAGE_LIMITS;
  if (width < L.minSide || height < L.minSide) return `The input image is ${width}×${height}; ${label} needs at least ${L.minSide} pixels on each side.`;
  if (width * height > L.maxPixels) return `The input image is ${width}×${height} (${width * height} pixels); ${label} takes at most ${L.maxPixels} pixels. Use a smaller image.`;
  if (Math.max(width / height, height / width) > L.maxRatio) return `The input image is ${width}×${height}; ${label} takes aspect ratios from 1:2.5 to 2.5:1. Crop it first.`;
  return undefined;
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** The service's body. Call after `imageRequestProblem` said nothing. */
export function stabilityServiceBody(service: StabilityService, req: ImageRequest): Json {
  const image = b64(req.image ?? new Uint8Array());
  if (service === 'removeBackground') return { image, output_format: 'png' };
  const common = {
    image,
    prompt: req.prompt ?? '',
    ...(req.negativePrompt?.trim() ? { negative_prompt: req.negativePrompt } : {}),
    ...(req.seed !== undefined ? { seed: req.seed } : {}),
    output_format: 'png',
  };
  switch (service) {
    case 'searchReplace':
      return { ...common, search_prompt: req.maskPrompt ?? '' };
    case 'searchRecolor':
      return { ...common, select_prompt: req.maskPrompt ?? '' };
    case 'controlStructure':
      // How closely to keep the input: the same scale as the Amazon models' similarity.
      return { ...common, ...(req.similarityStrength !== undefined ? { control_strength: req.similarityStrength } : {}) };
  }
}
