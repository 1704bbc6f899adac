// Runs one image request on the target the router chose: checks it, builds the family's body,
// calls InvokeModel through the shared runtime client (its retry policy included), and reads the
// images back with what the content filter withheld. Content-filter outcomes keep the model's
// own wording, because that wording tells the user what to change.
import { BedrockError, errorAction } from '../errors/classifiedError';
import { classifyError } from '../errors/classifyError';
import type { BedrockConnection } from '../connection/connection';
import { loadAwsSdk } from '../connection/loadAwsSdk';
import { parseResponseJson } from '../adapters/responseBody';
import { imageTraitsOf } from './imageFamily';
import { imageBody, imageRequestProblem, parseImageResponse, ImageResponseError } from './imageBodies';
import type { ImageFilterNotice, ImageRequest, ImageResult } from './imageRequest';

const decoder = new TextDecoder();

export interface ImageGeneratorOptions {
  /** Picks a seed when the request has none (tests pass a fixed one). */
  random?: () => number;
  clock?: () => number;
}

/** The blocked-input refusal in words: which input, the model's own text, and that nothing was spent. */
export function blockedInputMessage(modelLabel: string, serviceText: string): string | undefined {
  if (!/blocked by our content filters/i.test(serviceText)) return undefined;
  const what = /input image/i.test(serviceText) ? 'the input image' : /input video/i.test(serviceText) ? 'the input video' : 'the prompt';
  return `${modelLabel}'s content filter blocked ${what}, so nothing was generated: "${serviceText.trim()}" Your prompt and settings are kept; change ${what} and try again.`;
}

/** What the content filter withheld from a successful call, and what was kept. */
export function filteredOutputMessage(modelLabel: string, f: ImageFilterNotice, kept: number): string {
  const withheld = kept === 0 ? `all ${f.requested === 1 ? 'of the image' : `${f.requested} images`}` : `${f.blocked} of ${kept + f.blocked} images`;
  const keptText = kept === 0 ? 'Nothing was kept; try rewording the prompt or another seed.' : `The ${kept === 1 ? 'image' : `${kept} images`} that passed ${kept === 1 ? 'is' : 'are'} shown.`;
  return `${modelLabel}'s content filter withheld ${withheld} ("${f.modelWording}"). ${keptText}`;
}

export class ImageGenerator {
  constructor(
    private readonly connection: BedrockConnection,
    private readonly options: ImageGeneratorOptions = {},
  ) {}

  async generate(request: ImageRequest, target: string, signal?: AbortSignal): Promise<ImageResult> {
    const traits = imageTraitsOf(request.modelId) ?? imageTraitsOf(target);
    const problem = imageRequestProblem(request, traits);
    if (problem || !traits) throw new BedrockError({ kind: 'validation', message: problem ?? `${request.modelId} is not an image model.`, action: errorAction('none') });
    // Background removal and Fast Upscale have no seed; every other task gets one, so the result can be regenerated.
    const seed = request.task === 'removeBackground' || traits.seedless ? undefined : (request.seed ?? Math.floor((this.options.random ?? Math.random)() * (Math.min(traits.maxSeed, 2_147_483_646) + 1)));
    const sent: ImageRequest = { ...request };
    if (seed === undefined) delete sent.seed;
    else sent.seed = seed;
    const clock = this.options.clock ?? Date.now;
    const started = clock();
    const [sdk, client] = await Promise.all([loadAwsSdk(), this.connection.runtime()]);
    const body = new TextEncoder().encode(JSON.stringify(imageBody(traits.family, { ...sent, modelId: target })));
    let raw: unknown;
    try {
      const res = await client.send(new sdk.InvokeModelCommand({ modelId: target, body, contentType: 'application/json', accept: 'application/json' }), { abortSignal: signal });
      raw = parseResponseJson(decoder.decode(res.body));
    } catch (err) {
      const c = classifyError(err, { auth: this.connection.info.auth, cancelled: signal?.aborted, modelId: target });
      const blocked = c.kind === 'validation' && c.detail ? blockedInputMessage(traits.label, c.detail) : undefined;
      throw new BedrockError(blocked ? { ...c, message: blocked, action: errorAction('none') } : c, { cause: err });
    }
    try {
      const parsed = parseImageResponse(traits.family, raw, sent);
      return { modelId: request.modelId, target, family: traits.family, task: request.task, request: sent, ...parsed, latencyMs: clock() - started };
    } catch (err) {
      const message = err instanceof ImageResponseError ? err.message : String(err);
      throw new BedrockError({ kind: 'serviceError', message: `${traits.label} answered, but not with images: ${message}`, action: errorAction('retry'), detail: message }, { cause: err });
    }
  }
}
