// The bodies of Stability's image services (stabilityServices.ts says which are offered; the checks
// before a call are stabilityServiceChecks.ts). Each takes only the fields its schema allows:
// background removal and Fast Upscale no prompt and no seed, Erase Object and Outpaint no negative
// prompt, Style Transfer its two images as `init_image` and `style_image`. The optional tuning
// fields come from the service's row in stabilityServiceOptions.ts: one it does not list is not sent.
import type { ImageRequest } from './imageRequest';
import { serviceOptionFields } from './stabilityServiceOptions';
import type { StabilityService } from './stabilityServices';

type Json = Record<string, unknown>;

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** The service's body. Call after `imageRequestProblem` said nothing. */
export function stabilityServiceBody(service: StabilityService, req: ImageRequest): Json {
  // PNG unless the user chose another format; the answer's format is read from its bytes.
  return { ...serviceBody(service, req), output_format: 'png', ...serviceOptionFields(service, req.serviceOptions) };
}

function serviceBody(service: StabilityService, req: ImageRequest): Json {
  const image = b64(req.image ?? new Uint8Array());
  const prompt = req.prompt?.trim() ? { prompt: req.prompt } : {};
  const negative = req.negativePrompt?.trim() ? { negative_prompt: req.negativePrompt } : {};
  const seed = req.seed !== undefined ? { seed: req.seed } : {};
  const mask = req.mask?.length ? { mask: b64(req.mask) } : {};
  const common = { image, prompt: req.prompt ?? '', ...negative, ...seed };
  switch (service) {
    case 'removeBackground':
    case 'fastUpscale':
      return { image };
    case 'searchReplace':
      return { ...common, search_prompt: req.maskPrompt ?? '' };
    case 'searchRecolor':
      return { ...common, select_prompt: req.maskPrompt ?? '' };
    case 'controlStructure':
    case 'controlSketch':
      // How closely to keep the input: the same scale as the Amazon models' similarity (an explicit control_strength option wins).
      return { ...common, ...(req.similarityStrength !== undefined ? { control_strength: req.similarityStrength } : {}) };
    case 'inpaint':
      return { ...common, ...mask };
    case 'eraseObject':
      return { image, ...mask, ...seed };
    case 'outpaint': {
      // Only the sides that grow: a zero margin is the service's default.
      const m = req.outpaint ?? { left: 0, right: 0, up: 0, down: 0 };
      const margins = Object.fromEntries((['left', 'right', 'up', 'down'] as const).filter((k) => m[k] > 0).map((k) => [k, m[k]]));
      return { image, ...margins, ...prompt, ...seed };
    }
    case 'conservativeUpscale':
    case 'creativeUpscale':
    case 'styleGuide':
      return common;
    case 'styleTransfer':
      return { init_image: image, style_image: b64(req.styleImage ?? new Uint8Array()), ...prompt, ...negative, ...seed };
  }
}
