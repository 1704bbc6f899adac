// One image turn of the chat: the user's text is the prompt, the turn's image options the rest.
// Runs through the backend's image generation (the router), keeps every image in the host's image
// store, and answers with the stream messages every turn gets: `chat/start`, `chat/images`, a
// summary delta, then `chat/end` or `chat/error`. No vscode here.
import { classifyError } from '../bedrock/errors/classifyError';
import { errorAction } from '../bedrock/errors/classifiedError';
import { imageTraitsOf, type ImageFamilyTraits, type ImageTask } from '../bedrock/images/imageFamily';
import { filteredOutputMessage } from '../bedrock/images/imageGenerator';
import type { ImageMime, ImageRequest, ImageResult } from '../bedrock/images/imageRequest';
import type { ImageTurnOptions, StoredImage, WireImage } from '../../shared/imageProtocol';
import type { ChatStreamMessage, PersistedConversation, PersistedTurn, WireError } from '../../shared/protocol';
import { toWireError } from './turnRunner';

/** Where generated and input images live between turns (the host keeps them as files). */
export interface ImageStore {
  /** Keeps the bytes; returns the id the protocol uses for them. */
  put(data: Uint8Array, mime: ImageMime): Promise<string>;
  get(id: string): Promise<{ data: Uint8Array; mime: ImageMime } | undefined>;
  /** Forgets images (their conversation was deleted); ids it does not have are ignored. */
  remove?(ids: readonly string[]): Promise<void>;
}

/** Every image a conversation holds: the replies' images and the input images its turns were sent with. */
export function imageIdsOf(conversation: PersistedConversation | undefined): string[] {
  const inputs = (o: ImageTurnOptions | undefined) => [o?.sourceImageId, o?.maskImageId, o?.styleImageId].filter((id): id is string => id !== undefined);
  const ids = (conversation?.turns ?? []).flatMap((t) => [...(t.images ?? []).map((i) => i.id), ...inputs(t.imageOptions)]);
  return [...new Set(ids)];
}

export type GenerateImage = (request: ImageRequest, signal: AbortSignal) => Promise<ImageResult>;

export interface ImageTurnArgs {
  generate: GenerateImage;
  store: ImageStore;
  modelId: string;
  prompt: string;
  options: ImageTurnOptions;
  requestId: string;
  conversationId: string;
  signal: AbortSignal;
  post(message: ChatStreamMessage): void;
  clock?: () => number;
}

export function dataUri(data: Uint8Array, mime: ImageMime): string {
  return `data:${mime};base64,${Buffer.from(data).toString('base64')}`;
}

/** The router's request for a turn; the input image is read from the store. */
export async function imageRequestFor(a: Pick<ImageTurnArgs, 'modelId' | 'prompt' | 'options' | 'store'>): Promise<ImageRequest | WireError> {
  const o = a.options;
  const task = o.task ?? 'textToImage';
  const req: ImageRequest = { modelId: a.modelId, task };
  if (task !== 'removeBackground' && !o.captionOnly && a.prompt.trim()) req.prompt = a.prompt;
  if (o.negativePrompt?.trim()) req.negativePrompt = o.negativePrompt;
  const size = o.size ? /^(\d+)x(\d+)$/.exec(o.size) : null;
  if (size) req.size = { width: Number(size[1]), height: Number(size[2]) };
  for (const k of ['aspectRatio', 'count', 'seed', 'quality', 'style', 'maskPrompt'] as const) if (o[k] !== undefined) (req as unknown as Record<string, unknown>)[k] = o[k];
  if (task === 'removeBackground' || imageTraitsOf(a.modelId)?.seedless) delete req.seed;
  if (task !== 'textToImage' && task !== 'variation') delete req.size;
  if (o.outpaint) req.outpaint = { ...o.outpaint };
  if (o.serviceOptions) req.serviceOptions = { ...o.serviceOptions };
  const inputs = [
    ['sourceImageId', 'image', 'The input image'],
    ['maskImageId', 'mask', 'The mask image'],
    ['styleImageId', 'styleImage', 'The style image'],
  ] as const;
  for (const [option, field, what] of inputs) {
    const id = o[option];
    if (!id) continue;
    const stored = await a.store.get(id);
    if (!stored) return { kind: 'validation', message: `${what} is no longer available (its file was removed). Choose the image again.`, action: errorAction('none') };
    req[field] = stored.data;
  }
  return req;
}

/** The summary's first words for the tasks that make one image from one input. */
const SUMMARY_WORDS: Partial<Record<ImageTask, string>> = {
  removeBackground: 'background removed',
  erase: 'object erased',
  outpaint: 'image extended',
  upscale: 'image upscaled',
  sketch: 'sketch rendered',
  styleGuide: 'image in that style',
  styleTransfer: 'style transferred',
};

function summary(result: ImageResult, traits: ImageFamilyTraits | undefined, notice: string | undefined): string {
  const n = result.images.length;
  const r = result.request;
  const what = SUMMARY_WORDS[result.task] ?? (result.task === 'variation' ? `${n} variation${n === 1 ? '' : 's'}` : result.task === 'textToImage' ? `${n} image${n === 1 ? '' : 's'}` : `${n} edit${n === 1 ? '' : 's'}`);
  const parts = [`**${n ? what : 'No images'}**`, traits?.label ?? result.target];
  if (r.size) parts.push(`${r.size.width}×${r.size.height}`);
  if (r.aspectRatio) parts.push(r.aspectRatio);
  const seeds = [...new Set(result.images.map((i) => i.seed).filter((s) => s !== undefined))];
  if (seeds.length) parts.push(`seed ${seeds.join(', ')}`);
  else if (r.seed !== undefined) parts.push(`seed ${r.seed}`);
  // The notice is part of the stored text, so a restored turn still says what was withheld.
  return parts.join(' · ') + (notice ? `\n\n> ${notice}` : '');
}

/** Runs the turn to its end. Never throws: every failure becomes the turn's `chat/error`. */
export async function runImageTurn(a: ImageTurnArgs): Promise<PersistedTurn> {
  const clock = a.clock ?? (() => performance.now());
  const started = clock();
  let seq = 0;
  const { requestId } = a;
  const stats = (modelId: string) => ({ modelId, api: 'invoke' as const, totalLatencyMs: Math.max(0, Math.round(clock() - started)) });
  a.post({ method: 'chat/start', requestId, seq: seq++, conversationId: a.conversationId, modelId: a.modelId, api: 'invoke' });
  const fail = (error: WireError): PersistedTurn => {
    const s = stats(a.modelId);
    a.post({ method: 'chat/error', requestId, seq: seq++, error, stats: s });
    return { role: 'assistant', text: '', error, stats: s };
  };
  try {
    if (a.signal.aborted) return fail({ kind: 'cancelled', message: 'Stopped.', action: errorAction('none') });
    const req = await imageRequestFor(a);
    if (!('task' in req)) return fail(req);
    const result = await a.generate(req, a.signal);
    const traits = imageTraitsOf(result.target) ?? imageTraitsOf(a.modelId);
    const stored: StoredImage[] = [];
    const wire: WireImage[] = [];
    for (const img of result.images) {
      const id = await a.store.put(img.data, img.mime);
      const s: StoredImage = { id, mime: img.mime, ...(img.seed !== undefined ? { seed: img.seed } : {}) };
      stored.push(s);
      wire.push({ ...s, src: dataUri(img.data, img.mime) });
    }
    const notice = result.filtered ? filteredOutputMessage(traits?.label ?? a.modelId, result.filtered, result.images.length) : undefined;
    a.post({ method: 'chat/images', requestId, seq: seq++, images: wire, ...(notice ? { notice } : {}) });
    const text = summary(result, traits, notice);
    a.post({ method: 'chat/delta', requestId, seq: seq++, channel: 'text', text });
    const s = stats(result.target);
    a.post({ method: 'chat/end', requestId, seq: seq++, stopReason: 'end_turn', stats: s });
    return { role: 'assistant', text, images: stored, stats: s };
  } catch (e) {
    return fail(toWireError(classifyError(e, { cancelled: a.signal.aborted })));
  }
}
