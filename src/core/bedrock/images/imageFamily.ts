// Which image body a model speaks, and what each family lets the user choose. Image generation is
// InvokeModel only; every family has its own JSON body, so a model with no family here is not
// offered for images (a guessed body fails with a validation error the user cannot act on).
import { stripProfilePrefix } from '../catalog/modelRef';
import { stabilityServiceOf, type StabilityService } from './stabilityServices';

/** Nova Canvas and Titan Image Generator v2 share one envelope; the Stability models another. */
export type ImageFamily = 'novaCanvas' | 'titanImage' | 'stability';

/**
 * What one call can do. `textToImage` is every family's; the rest need an input image. The tasks
 * after `inpaint` are each one Stability image service's (upscale: three of them).
 */
export type ImageTask = 'textToImage' | 'variation' | 'removeBackground' | 'inpaint' | 'maskInpaint' | 'erase' | 'outpaint' | 'upscale' | 'sketch' | 'styleGuide' | 'styleTransfer';

export const IMAGE_TASK_LABELS: Record<ImageTask, string> = {
  textToImage: 'Generate Image',
  variation: 'Generate Variations',
  removeBackground: 'Remove Background',
  inpaint: 'Edit with Prompt',
  maskInpaint: 'Inpaint with Mask',
  erase: 'Erase Object',
  outpaint: 'Outpaint',
  upscale: 'Upscale',
  sketch: 'Sketch to Image',
  styleGuide: 'Generate in Style',
  styleTransfer: 'Transfer Style',
};

export const IMAGE_TASKS = Object.keys(IMAGE_TASK_LABELS) as readonly ImageTask[];

export interface ImageSize {
  width: number;
  height: number;
}

export interface ImageFamilyTraits {
  family: ImageFamily;
  /** Human name of the body format, for route reasons and messages. */
  label: string;
  tasks: readonly ImageTask[];
  /** Images per call (Stability: one). */
  maxImages: number;
  /** Largest seed the model accepts. */
  maxSeed: number;
  /** Width × height presets, or aspect ratios for the models that take a ratio instead. */
  sizes?: readonly ImageSize[];
  aspectRatios?: readonly string[];
  qualities?: readonly string[];
  styles?: readonly string[];
  /** The seed the model uses when the request has none (absent: random). */
  defaultSeed?: number;
  /** Stability's image services: one editing task per model, each with its own body. */
  service?: StabilityService;
  /** What the prompt asks for, when the model requires one for its task. */
  promptQuestion?: string;
  /** What the prompt asks for, when the model takes one for its task but does not require it. */
  optionalPromptQuestion?: string;
  /** The model takes no seed for its task, so none is sent. */
  seedless?: boolean;
  /** The model takes a mask image, or the input's alpha channel when none is given. */
  mask?: boolean;
}

/** Sizes both Amazon models accept (each side a multiple of 16, within Nova Canvas's 1:4–4:1). */
const AMAZON_SIZES: readonly ImageSize[] = [
  { width: 1024, height: 1024 },
  { width: 1280, height: 768 },
  { width: 768, height: 1280 },
  { width: 1152, height: 896 },
  { width: 896, height: 1152 },
  { width: 512, height: 512 },
];

export const NOVA_CANVAS_STYLES = [
  '3D_ANIMATED_FAMILY_FILM',
  'DESIGN_SKETCH',
  'FLAT_VECTOR_ILLUSTRATION',
  'GRAPHIC_NOVEL_ILLUSTRATION',
  'MAXIMALISM',
  'MIDCENTURY_RETRO',
  'PHOTOREALISM',
  'SOFT_DIGITAL_PAINTING',
] as const;

export const STABILITY_ASPECT_RATIOS = ['1:1', '16:9', '21:9', '2:3', '3:2', '4:5', '5:4', '9:16', '9:21'] as const;

const TRAITS: Record<ImageFamily, Omit<ImageFamilyTraits, 'tasks'>> = {
  novaCanvas: { family: 'novaCanvas', label: 'Nova Canvas', maxImages: 5, maxSeed: 2_147_483_646, defaultSeed: 12, sizes: AMAZON_SIZES, qualities: ['standard', 'premium'], styles: NOVA_CANVAS_STYLES },
  titanImage: { family: 'titanImage', label: 'Titan Image Generator', maxImages: 5, maxSeed: 2_147_483_646, defaultSeed: 42, sizes: AMAZON_SIZES, qualities: ['standard', 'premium'] },
  stability: { family: 'stability', label: 'Stability AI', maxImages: 1, maxSeed: 4_294_967_294, aspectRatios: STABILITY_ASPECT_RATIOS },
};

const AMAZON_TASKS: readonly ImageTask[] = ['textToImage', 'variation', 'removeBackground', 'inpaint'];

/** The Stability models whose text-to-image body is the one this extension builds. */
const STABILITY_TEXT_TO_IMAGE = /^stability\.(sd3-5-large|stable-image-ultra|stable-image-core)/;
/** SD3.5 Large also takes an image with a strength (image-to-image): our variations. */
const STABILITY_IMAGE_TO_IMAGE = /^stability\.sd3-5-large/;

export function imageFamilyOf(modelId: string): ImageFamily | undefined {
  const id = stripProfilePrefix(modelId);
  if (/^amazon\.nova-canvas/.test(id)) return 'novaCanvas';
  if (/^amazon\.titan-image-generator-v2/.test(id)) return 'titanImage';
  if (STABILITY_TEXT_TO_IMAGE.test(id) || stabilityServiceOf(id)) return 'stability';
  return undefined;
}

/** The family's traits for this model, or undefined when the extension does not speak its body. */
export function imageTraitsOf(modelId: string): ImageFamilyTraits | undefined {
  const family = imageFamilyOf(modelId);
  if (!family) return undefined;
  const id = stripProfilePrefix(modelId);
  const service = stabilityServiceOf(id);
  if (service) {
    const { family, maxImages, maxSeed } = TRAITS.stability;
    const { label, task, promptQuestion, optionalPromptQuestion, seedless, mask } = service;
    return { family, label, maxImages, maxSeed, tasks: [task], service: service.service, ...definedOnly({ promptQuestion, optionalPromptQuestion, seedless, mask }) };
  }
  const tasks: readonly ImageTask[] = family === 'stability' ? (STABILITY_IMAGE_TO_IMAGE.test(id) ? ['textToImage', 'variation'] : ['textToImage']) : AMAZON_TASKS;
  return { ...TRAITS[family], tasks };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function supportsImageTask(modelId: string, task: ImageTask): boolean {
  return imageTraitsOf(modelId)?.tasks.includes(task) ?? false;
}

/** Whether the model makes images from text: the chat's image turns and "Generate Image…". */
export function generatesImages(modelId: string): boolean {
  return supportsImageTask(modelId, 'textToImage');
}
