// The bodies of Stability's image services (stabilityServices.ts says which are offered) and the
// input-image limits they document, checked before a call is paid for.
import type { ImageRequest } from './imageRequest';
import type { StabilityService } from './stabilityServices';
import { imageSize } from '../adapters/mediaFormats';

type Json = Record<string, unknown>;

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
