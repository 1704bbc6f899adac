// What Stability's image services refuse, checked before a call is paid for: each service's
// documented input-image limits, a mask that does not cover the image, an image with no alpha
// channel when it is to be the mask, Outpaint's margins, and the tuning fields (one the service does
// not take, or out of its range). Pure functions on bytes.
import { imageSize, sniffImageFormat } from '../adapters/mediaFormats';
import type { ImageRequest, OutpaintMargins } from './imageRequest';
import { OUTPAINT_MAX_MARGIN, stabilityServiceOf, type ServiceImageLimits } from './stabilityServices';
import { serviceOptionsProblem } from './stabilityServiceOptions';
import { stripProfilePrefix } from '../catalog/modelRef';

/** What is wrong with an image for a service with these limits, or undefined (a size it cannot read is left to the service). */
export function serviceImageProblem(image: Uint8Array, label: string, limits: ServiceImageLimits, what = 'The input image'): string | undefined {
  const size = imageSize(image);
  if (!size) return undefined;
  const { width: w, height: h } = size;
  const L = limits;
  const sides = L.maxSide ? `from ${L.minSide} to ${L.maxSide}` : `at least ${L.minSide}`;
  if (w < L.minSide || h < L.minSide || (L.maxSide !== undefined && (w > L.maxSide || h > L.maxSide))) return `${what} is ${w}×${h}; ${label} needs ${sides} pixels on each side.`;
  if (w * h > L.maxPixels) return `${what} is ${w}×${h} (${w * h} pixels); ${label} takes at most ${L.maxPixels} pixels. Use a smaller image.`;
  if (w * h < (L.minPixels ?? 0)) return `${what} is ${w}×${h} (${w * h} pixels); ${label} needs at least ${L.minPixels} pixels.`;
  if (L.maxRatio && Math.max(w / h, h / w) > L.maxRatio) return `${what} is ${w}×${h}; ${label} takes aspect ratios from 1:${L.maxRatio} to ${L.maxRatio}:1. Crop it first.`;
  return undefined;
}

/** Whether the image has an alpha channel (transparency), or undefined when its header does not say. */
export function hasAlphaChannel(b: Uint8Array): boolean | undefined {
  const format = sniffImageFormat(b);
  if (format === 'jpeg') return false;
  if (format === 'png') return pngHasAlpha(b);
  if (format === 'webp' && b.length >= 30) {
    const chunk = String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!);
    if (chunk === 'VP8X') return (b[20]! & 0x10) !== 0;
    if (chunk === 'VP8L') return ((b[24]! >> 4) & 1) === 1;
    if (chunk === 'VP8 ') return false;
  }
  return undefined;
}

function pngHasAlpha(b: Uint8Array): boolean | undefined {
  if (b.length < 33) return undefined;
  const colourType = b[25];
  // Greyscale with alpha (4) and truecolour with alpha (6) carry it in every pixel.
  if (colourType === 4 || colourType === 6) return true;
  // The others can still have a transparent colour or palette entries, in a tRNS chunk before the data.
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let at = 8; at + 8 <= b.length; ) {
    const length = dv.getUint32(at);
    const type = String.fromCharCode(b[at + 4]!, b[at + 5]!, b[at + 6]!, b[at + 7]!);
    if (type === 'tRNS') return true;
    if (type === 'IDAT' || type === 'IEND') return false;
    at += 12 + length;
  }
  return false;
}

/** The mask against the image: it must be an image and cover the image pixel for pixel. */
export function maskProblem(image: Uint8Array, mask: Uint8Array): string | undefined {
  if (!sniffImageFormat(mask)) return 'The mask is not a PNG, JPEG or WebP image.';
  const a = imageSize(image);
  const m = imageSize(mask);
  // A mask of another size would be stretched over the image, moving the edit away from what it marks.
  if (a && m && (a.width !== m.width || a.height !== m.height)) return `The mask is ${m.width}×${m.height} but the image is ${a.width}×${a.height}; the mask must be the same size as the image.`;
  return undefined;
}

/** Outpaint's margins: whole pixels from 0 to 2000 on each side, at least one of them more than 0. */
export function outpaintProblem(m: OutpaintMargins): string | undefined {
  for (const side of ['left', 'right', 'up', 'down'] as const) {
    const v = m[side];
    if (!Number.isInteger(v) || v < 0 || v > OUTPAINT_MAX_MARGIN) return `Outpaint's ${side} margin must be a whole number of pixels from 0 to ${OUTPAINT_MAX_MARGIN}; got ${v}.`;
  }
  if (!m.left && !m.right && !m.up && !m.down) return 'Outpaint needs at least one margin above 0: say how many pixels to add on the left, right, top or bottom.';
  return undefined;
}

/** "left right up down" as typed (spaces or commas), or what is wrong with it. */
export function parseOutpaintMargins(text: string): OutpaintMargins | { problem: string } {
  const parts = text.trim().split(/[\s,]+/).filter(Boolean);
  if (parts.length !== 4) return { problem: `Give four numbers, left right up down (e.g. "200 200 0 0"); got ${parts.length}.` };
  const bad = parts.find((p) => !/^\d+$/.test(p));
  if (bad !== undefined) return { problem: `"${bad}" is not a whole number of pixels.` };
  const [left, right, up, down] = parts.map(Number) as [number, number, number, number];
  const margins = { left, right, up, down };
  const problem = outpaintProblem(margins);
  return problem ? { problem } : margins;
}

/** What a Stability service would refuse in this request, or undefined. */
export function stabilityServiceProblem(req: ImageRequest): string | undefined {
  const service = stabilityServiceOf(stripProfilePrefix(req.modelId));
  if (!service) return undefined;
  const { label, limits } = service;
  const optionProblem = serviceOptionsProblem(service.service, label, req.serviceOptions);
  if (optionProblem) return optionProblem;
  const content = service.service === 'styleTransfer' ? 'The content image' : 'The input image';
  const imageProblem = req.image?.length ? serviceImageProblem(req.image, label, limits, content) : undefined;
  if (imageProblem) return imageProblem;
  if (service.mask && req.image?.length) {
    if (req.mask?.length) return maskProblem(req.image, req.mask);
    if (hasAlphaChannel(req.image) === false) return `${label} uses the image's transparency as the mask when no mask image is given, but this image has no alpha channel. Choose a mask image (white where it should change), or use a PNG with the area to change made transparent.`;
  }
  if (service.service === 'styleTransfer') {
    if (!req.styleImage?.length) return `${label} needs a style image: the picture whose look is applied.`;
    if (!sniffImageFormat(req.styleImage)) return 'The style image is not a PNG, JPEG or WebP image.';
    const styleProblem = serviceImageProblem(req.styleImage, label, limits, 'The style image');
    if (styleProblem) return styleProblem;
  }
  if (service.service === 'outpaint') return req.outpaint ? outpaintProblem(req.outpaint) : 'Outpaint needs margins: how many pixels to add on the left, right, top and bottom.';
  return undefined;
}
