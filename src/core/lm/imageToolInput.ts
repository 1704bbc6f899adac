// What `bedrock_generate_image` is asked for, checked against the model's family before anything is
// sent (and billed): the model, its sizes, how many images it makes per call, its seed range.
import type { ModelDescriptor } from '../bedrock/catalog/modelDescriptor';
import { imageTraitsOf, supportsImageTask } from '../bedrock/images/imageFamily';
import type { ImageRequest } from '../bedrock/images/imageRequest';

const FAMILY_ORDER = ['novaCanvas', 'titanImage', 'stability'];

/** The model a call without one uses: Nova Canvas, else Titan Image Generator, else a Stability model. */
export function defaultImageModel(descriptors: readonly ModelDescriptor[]): string | undefined {
  const rank = (d: ModelDescriptor) => FAMILY_ORDER.indexOf(imageTraitsOf(d.baseModelId ?? d.id)?.family ?? '');
  return descriptors
    .filter((d) => d.kind === 'model' && !d.legacy && supportsImageTask(d.id, 'textToImage'))
    .sort((a, b) => rank(a) - rank(b))[0]?.id;
}

/** The call as Bedrock will get it, or what was wrong with the input (said back to the model). */
export function readImageInput(raw: unknown, descriptors: readonly ModelDescriptor[]): { request: ImageRequest } | { problem: string } {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (typeof o.prompt !== 'string' || !o.prompt.trim()) return { problem: `prompt must be a non-empty string; got ${JSON.stringify(o.prompt)}.` };
  const modelId = typeof o.modelId === 'string' && o.modelId.trim() ? o.modelId.trim() : defaultImageModel(descriptors);
  if (!modelId) return { problem: 'No image model is listed in this region; Nova Canvas, Titan Image Generator v2 and Stability models can draw. Try another region.' };
  const traits = imageTraitsOf(descriptors.find((d) => d.id === modelId)?.baseModelId ?? modelId);
  if (!traits?.tasks.includes('textToImage')) return { problem: `${modelId} cannot generate images: use Nova Canvas, Titan Image Generator v2 or a Stability model (see bedrock_list_models with output "image").` };
  const request: ImageRequest = { modelId, task: 'textToImage', prompt: o.prompt.trim() };
  if (typeof o.negativePrompt === 'string' && o.negativePrompt.trim()) request.negativePrompt = o.negativePrompt.trim();
  const count = o.count ?? 1;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > traits.maxImages) return { problem: `count must be a whole number from 1 to ${traits.maxImages} for ${modelId}; got ${JSON.stringify(o.count)}.` };
  request.count = count;
  if (o.width !== undefined || o.height !== undefined) {
    const size = traits.sizes?.find((s) => s.width === o.width && s.height === o.height);
    if (!size) {
      const sizes = traits.sizes?.map((s) => `${s.width}x${s.height}`).join(', ');
      return { problem: sizes ? `width x height must be one of ${sizes} for ${modelId}; got ${o.width}x${o.height}.` : `${modelId} takes an aspect ratio, not a width and height: leave them out.` };
    }
    request.size = size;
  }
  if (o.seed !== undefined) {
    if (typeof o.seed !== 'number' || !Number.isInteger(o.seed) || o.seed < 0 || o.seed > traits.maxSeed) return { problem: `seed must be a whole number from 0 to ${traits.maxSeed}; got ${JSON.stringify(o.seed)}.` };
    request.seed = o.seed;
  }
  return { request };
}

