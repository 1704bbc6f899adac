// The chat's image turns, as host and webview exchange them. Choosing an image model in the
// picker makes a turn an image turn: `chat/send` carries `image` options, the reply is
// `chat/start → chat/images → chat/delta (summary) → chat/end | chat/error` under the same
// requestId and seq rules as text, and the gallery's buttons post `image/action`. Stored turns keep
// image ids only; the webview asks for the pixels with `image/action` `load` and gets `image/data`.
import type { ImageTask } from '../core/bedrock/images/imageFamily';
import type { StabilityServiceOptions } from '../core/bedrock/images/stabilityServiceOptions';

export type { ImageTask };

/** What the picker needs to show the image options for a model. */
export interface ImageModelTraits {
  /** Tasks the model can do (every image model can `textToImage`). */
  tasks: ImageTask[];
  /** Most images one turn can ask for. */
  maxImages: number;
  /** Largest seed the model accepts. */
  maxSeed: number;
  /** Output sizes offered, as `WIDTHxHEIGHT` (Nova Canvas, Titan). */
  sizes?: string[];
  /** Aspect ratios offered, as `W:H` (Stability). */
  aspectRatios?: string[];
  /** Quality levels, default first. */
  qualities?: string[];
  /** Style presets (Nova Canvas). */
  styles?: string[];
}

/** The image options of one turn; absent fields take the model's defaults. */
export interface ImageTurnOptions {
  /** Default `textToImage`; the other tasks need `sourceImageId`. */
  task?: ImageTask;
  negativePrompt?: string;
  /** `WIDTHxHEIGHT`, one of the model's sizes. */
  size?: string;
  /** `W:H`, one of the model's aspect ratios. */
  aspectRatio?: string;
  /** Images to make (1..maxImages). */
  count?: number;
  /** Same seed and prompt, same images; absent = a new random seed, reported back. */
  seed?: number;
  quality?: string;
  style?: string;
  /** The input image (an id the host issued: a generated image or a file the host read). */
  sourceImageId?: string;
  /** Edit with Prompt: the part of the image to change, in words. */
  maskPrompt?: string;
  /** Inpaint with Mask, Erase Object: the mask image (an id the host issued); absent, the input's alpha channel is the mask. */
  maskImageId?: string;
  /** Transfer Style: the image whose look is applied to the input (an id the host issued). */
  styleImageId?: string;
  /** Outpaint: pixels to add on each side (0–2000, at least one above 0). */
  outpaint?: { left: number; right: number; up: number; down: number };
  /** Stability's image services: the optional tuning fields chosen under Options (by wire name). */
  serviceOptions?: StabilityServiceOptions;
  /** The message text only labels the turn (e.g. "Remove the background of cat.png"); it is not sent as a prompt. */
  captionOnly?: boolean;
}

export type ImageMimeType = 'image/png' | 'image/jpeg' | 'image/webp';

/** One image of a reply as stored: the pixels live in the host's image store under `id`. */
export interface StoredImage {
  /** Host-issued id (letters, digits and dashes). */
  id: string;
  mime: ImageMimeType;
  /** The seed that made it, when known: "Regenerate" sends it again. */
  seed?: number;
}

/** One image as posted to the webview: a `data:` URI the strict CSP allows. */
export interface WireImage extends StoredImage {
  /** `data:image/png;base64,…` */
  src: string;
}

/** The images of an image turn (after `chat/start`, before the summary delta and `chat/end`). */
export interface ChatImagesMessage {
  /** Message kind. */
  method: 'chat/images';
  /** The id from `chat/send`. */
  requestId: string;
  /** Previous seq + 1. */
  seq: number;
  /** The images kept, in order (may be empty when the content filter withheld all). */
  images: WireImage[];
  /** What the content filter withheld and what was kept, in the model's words. */
  notice?: string;
}

/** The pixels of a stored image, answering `image/action` `load`. */
export interface ImageDataMessage {
  /** Message kind. */
  method: 'image/data';
  imageId: string;
  /** The image, or absent when the store no longer has it. */
  src?: string;
  /** Why there is no image. */
  problem?: string;
}

export type ImageAction = 'load' | 'save' | 'copy';

/** A gallery button: load a stored image, save it to the workspace, or copy it. */
export interface ImageActionMessage {
  /** Message kind. */
  method: 'image/action';
  action: ImageAction;
  /** A host-issued image id. */
  imageId: string;
}

export const IMAGE_ACTIONS: readonly ImageAction[] = ['load', 'save', 'copy'];

/** Image ids are host-issued: short, and never a path. */
export function isImageId(v: unknown): v is string {
  return typeof v === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(v);
}

/** The only image sources the gallery renders: base64 PNG, JPEG or WebP data URIs. */
export function isImageDataUri(v: unknown): v is string {
  return typeof v === 'string' && /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/.test(v);
}
