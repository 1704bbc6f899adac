// Stability AI's image services on Bedrock: one model per editing task, each on InvokeModel with
// its own flat snake_case body, answering like Stability's generators (`seeds`, `finish_reasons`,
// `images`). The ones offered here are those a file-explorer command can drive with words alone:
// Remove Background, Search and Replace and Search and Recolor (Edit with Prompt: a prompt names
// the part to change), and Control Structure (Generate Variations: the input's structure kept, the
// prompt restyling it). Inpaint and Erase Object take a mask image, Outpaint pixel margins and
// the upscalers their own questions, so they are not offered. These models are called through a
// cross-Region inference profile (`us.…`), which the router picks from the catalog.
import type { ImageTask } from './imageFamily';

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
