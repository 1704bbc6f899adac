// The one request and result shape for image models, whatever body the family speaks. Callers
// never build a family's JSON; imageBodies.ts does.
import type { ImageFamily, ImageSize, ImageTask } from './imageFamily';
import type { StabilityServiceOptions } from './stabilityServiceOptions';

export interface ImageRequest {
  /** Model id, profile id or ARN, as the router accepts it. */
  modelId: string;
  task: ImageTask;
  /** What to draw (text-to-image, inpainting) or to steer a variation. */
  prompt?: string;
  /** What to keep out of the image. */
  negativePrompt?: string;
  /** Nova Canvas and Titan: output size. Ignored by the families that take a ratio. */
  size?: ImageSize;
  /** Stability: output aspect ratio, e.g. `16:9`. */
  aspectRatio?: string;
  /** Images per call (Nova Canvas and Titan: 1–5). */
  count?: number;
  /** Same seed, same request: the same images. Picked at random when absent, so a result can be regenerated. */
  seed?: number;
  quality?: string;
  /** Nova Canvas style preset. */
  style?: string;
  /** Prompt adherence (Nova Canvas 1.1–10). */
  cfgScale?: number;
  /** The input image of a variation, background removal or inpainting (PNG or JPEG bytes). */
  image?: Uint8Array;
  /** Inpainting: the area to change, said in words (e.g. "the sky"). */
  maskPrompt?: string;
  /** Variations: how close to the input, 0.2–1.0 (Amazon models); Stability gets 1 − this as its strength. */
  similarityStrength?: number;
  /** Inpaint with Mask, Erase Object: white repaints, black keeps; absent, the input's alpha channel is the mask. */
  mask?: Uint8Array;
  /** Transfer Style: the image whose look is applied to `image` (the content). */
  styleImage?: Uint8Array;
  /** Outpaint: pixels to add on each side. */
  outpaint?: OutpaintMargins;
  /** Stability's image services: the optional tuning fields (style preset, output format, strengths…), by wire name. */
  serviceOptions?: StabilityServiceOptions;
}

export interface OutpaintMargins {
  left: number;
  right: number;
  up: number;
  down: number;
}

export type ImageMime = 'image/png' | 'image/jpeg' | 'image/webp';

export interface GeneratedImage {
  data: Uint8Array;
  mime: ImageMime;
  /** The seed that produced it, when known (the one sent, or the one Stability reports). */
  seed?: number;
}

/** Outputs the model's content filter withheld: the call succeeded, some or all images did not. */
export interface ImageFilterNotice {
  /** How many images were withheld. */
  blocked: number;
  /** How many were asked for. */
  requested: number;
  /** The model's own words (`error` text or Stability's finish reason). */
  modelWording: string;
}

export interface ImageResult {
  /** The id the request named, and the one that went on the wire (a profile when the model needs one). */
  modelId: string;
  target: string;
  family: ImageFamily;
  task: ImageTask;
  /** The request as sent, seed filled in: what "Regenerate" repeats. */
  request: ImageRequest;
  images: GeneratedImage[];
  filtered?: ImageFilterNotice;
  /** Milliseconds from send to the parsed answer. */
  latencyMs?: number;
}

/** PNG, JPEG or WebP by their first bytes; undefined for anything else. */
export function sniffImageMime(bytes: Uint8Array): ImageMime | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 12 && String.fromCharCode(...bytes.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') return 'image/webp';
  return undefined;
}

export const IMAGE_EXTENSIONS: Record<ImageMime, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };
