// Stability AI's image services on Bedrock: one model per editing task, each on InvokeModel with
// its own flat snake_case body, answering like Stability's generators (`seeds`, `finish_reasons`,
// `images`). Every service is offered, each as the task it does: Remove Background; Search and
// Replace and Search and Recolor (Edit with Prompt: a prompt names the part to change); Control
// Structure (Generate Variations: the input's structure kept, the prompt restyling it); Inpaint
// and Erase Object (a mask image, or the input's alpha channel as the mask); Outpaint (pixel
// margins); the three upscalers; Control Sketch; Style Guide; Style Transfer (a content image and a
// style image). These models are called through a cross-Region inference profile (`us.…`), which
// the router picks from the catalog. Data only: the webview's types reach this table.
import type { ImageTask } from './imageFamily';

export type StabilityService =
  | 'removeBackground'
  | 'searchReplace'
  | 'searchRecolor'
  | 'controlStructure'
  | 'inpaint'
  | 'eraseObject'
  | 'outpaint'
  | 'fastUpscale'
  | 'conservativeUpscale'
  | 'creativeUpscale'
  | 'controlSketch'
  | 'styleGuide'
  | 'styleTransfer';

/** Limits an input image must meet, as the service documents them. */
export interface ServiceImageLimits {
  minSide: number;
  maxSide?: number;
  minPixels?: number;
  maxPixels: number;
  /** Widest aspect ratio either way (2.5 = from 1:2.5 to 2.5:1). */
  maxRatio?: number;
}

/** The editing services' limits: at least 64 pixels a side, at most 9.4 megapixels, 1:2.5 to 2.5:1. */
export const EDIT_IMAGE_LIMITS: ServiceImageLimits = { minSide: 64, maxPixels: 9_437_184, maxRatio: 2.5 };
/** Fast Upscale quadruples the image: 32 to 1,536 pixels a side, 1,024 to 1,048,576 pixels in all. */
export const FAST_UPSCALE_LIMITS: ServiceImageLimits = { minSide: 32, maxSide: 1536, minPixels: 1024, maxPixels: 1_048_576, maxRatio: 2.5 };
/** Creative Upscale reimagines small images: 64 pixels a side, 4,096 to 1,048,576 pixels in all. */
export const CREATIVE_UPSCALE_LIMITS: ServiceImageLimits = { minSide: 64, minPixels: 4096, maxPixels: 1_048_576 };
/** Style Transfer's two images: 64 pixels a side, at most 9.4 megapixels. */
export const STYLE_TRANSFER_LIMITS: ServiceImageLimits = { minSide: 64, maxPixels: 9_437_184 };

/** How far Outpaint extends each side, in pixels. */
export const OUTPAINT_MAX_MARGIN = 2000;

export interface StabilityServiceTraits {
  service: StabilityService;
  /** The model's name, for messages and the gallery's summary line. */
  label: string;
  task: ImageTask;
  /** What the prompt asks for, when the service requires one (each service names it differently). */
  promptQuestion?: string;
  /** What the prompt asks for, when the service takes one but does not require it. */
  optionalPromptQuestion?: string;
  /** The service takes no seed (its output is not random), so none is sent or reported. */
  seedless?: boolean;
  /** The service takes a mask image, or the input's alpha channel when none is given. */
  mask?: boolean;
  limits: ServiceImageLimits;
}

const EDIT = EDIT_IMAGE_LIMITS;
const SERVICES: ReadonlyArray<[RegExp, StabilityServiceTraits]> = [
  [/^stability\.stable-image-remove-background-/, { service: 'removeBackground', label: 'Stable Image Remove Background', task: 'removeBackground', seedless: true, limits: EDIT }],
  [/^stability\.stable-image-search-replace-/, { service: 'searchReplace', label: 'Stable Image Search and Replace', task: 'inpaint', promptQuestion: 'What should replace it?', limits: EDIT }],
  [/^stability\.stable-image-search-recolor-/, { service: 'searchRecolor', label: 'Stable Image Search and Recolor', task: 'inpaint', promptQuestion: 'What colours should it have? (e.g. "a pink jacket")', limits: EDIT }],
  [/^stability\.stable-image-control-structure-/, { service: 'controlStructure', label: 'Stable Image Control Structure', task: 'variation', promptQuestion: 'Describe the variations (the structure of the image is kept)', limits: EDIT }],
  [/^stability\.stable-image-inpaint-/, { service: 'inpaint', label: 'Stable Image Inpaint', task: 'maskInpaint', promptQuestion: 'What should be painted in the masked area?', mask: true, limits: EDIT }],
  [/^stability\.stable-image-erase-object-/, { service: 'eraseObject', label: 'Stable Image Erase Object', task: 'erase', mask: true, limits: EDIT }],
  [/^stability\.stable-outpaint-/, { service: 'outpaint', label: 'Stable Image Outpaint', task: 'outpaint', optionalPromptQuestion: 'What should fill the new area? (optional: empty continues the image)', limits: EDIT }],
  [/^stability\.stable-fast-upscale-/, { service: 'fastUpscale', label: 'Stable Fast Upscale', task: 'upscale', seedless: true, limits: FAST_UPSCALE_LIMITS }],
  [/^stability\.stable-conservative-upscale-/, { service: 'conservativeUpscale', label: 'Stable Conservative Upscale', task: 'upscale', promptQuestion: 'Describe the image (guides the upscale)', limits: EDIT }],
  [/^stability\.stable-creative-upscale-/, { service: 'creativeUpscale', label: 'Stable Creative Upscale', task: 'upscale', promptQuestion: 'Describe the image (the upscale adds detail to match)', limits: CREATIVE_UPSCALE_LIMITS }],
  [/^stability\.stable-image-control-sketch-/, { service: 'controlSketch', label: 'Stable Image Control Sketch', task: 'sketch', promptQuestion: 'What should the sketch become?', limits: EDIT }],
  [/^stability\.stable-image-style-guide-/, { service: 'styleGuide', label: 'Stable Image Style Guide', task: 'styleGuide', promptQuestion: "What should be drawn in this image's style?", limits: EDIT }],
  [/^stability\.stable-style-transfer-/, { service: 'styleTransfer', label: 'Stable Style Transfer', task: 'styleTransfer', optionalPromptQuestion: 'Steer the result (optional)', limits: STYLE_TRANSFER_LIMITS }],
];

/** The service a (base) model id is, or undefined. */
export function stabilityServiceOf(baseModelId: string): StabilityServiceTraits | undefined {
  return SERVICES.find(([re]) => re.test(baseModelId))?.[1];
}
