// What each API can carry besides text (images, documents) and its limits, so the planner only
// plans routes that accept what is attached and a request over a limit is refused before it is
// sent, with a message naming the attachment and the limit.
//
// Sources of the numbers:
// - Converse: the bedrock-runtime service model (Message.content, ImageBlock, DocumentBlock): at most
//   20 images, each at most 3.75 MB and 8,000 x 8,000 px; at most 5 documents of 4.5 MB; a message
//   with a document also needs a text block.
// - InvokeModel: the request body is at most 25,000,000 bytes (service model); base64 makes each
//   attachment a third larger.
// - Anthropic bodies (InvokeModel and the Messages API): Anthropic's Messages documentation
//   allows 100 images of 5 MB and 8,000 px per request; documents are PDFs (base64) or plain text.
// - Nova bodies: the Nova request schema takes Converse's image and document blocks; Converse's
//   numbers apply.
// - Chat Completions and Responses: Bedrock publishes no numbers of its own for them, so Converse's
//   are used, which every Bedrock model accepts. Chat Completions has no document part; Responses
//   takes PDFs as `input_file`.
import type { ApiId } from '../catalog/apiId';
import type { ChatRequest, WantedFeatures } from '../adapters/chatRequest';
import { invokeFamilyOf, type InvokeFamily } from '../catalog/modelFamily';
import { DOCUMENT_FORMATS, TEXT_DOCUMENT_FORMATS, formatBytes, imageSize, type DocumentFormat } from '../adapters/mediaFormats';
import type { ModelDescriptor } from '../catalog/modelDescriptor';
import type { RoutePlan, RouteStep } from './routePlan';

export interface MediaLimits {
  maxImages: number;
  maxImageBytes: number;
  /** Longest side, in pixels. */
  maxImagePixels: number;
  maxDocuments: number;
  maxDocumentBytes: number;
  /** Whole request body, attachments base64-encoded (InvokeModel's limit). */
  maxBodyBytes?: number;
  /** A message with a document must also carry text (Converse). */
  documentNeedsText?: boolean;
}

export interface MediaSupport {
  /** The API as people call it, for messages. */
  label: string;
  images: boolean;
  documents: readonly DocumentFormat[];
  limits: MediaLimits;
}

export const CONVERSE_LIMITS: MediaLimits = {
  maxImages: 20,
  maxImageBytes: 3_750_000,
  maxImagePixels: 8000,
  maxDocuments: 5,
  maxDocumentBytes: 4_500_000,
  documentNeedsText: true,
};

const INVOKE_BODY_BYTES = 25_000_000;
const ANTHROPIC_LIMITS: MediaLimits = { maxImages: 100, maxImageBytes: 5_000_000, maxImagePixels: 8000, maxDocuments: 100, maxDocumentBytes: INVOKE_BODY_BYTES, maxBodyBytes: INVOKE_BODY_BYTES };
const ANTHROPIC_DOCUMENTS: readonly DocumentFormat[] = ['pdf', ...TEXT_DOCUMENT_FORMATS];

const NONE: Omit<MediaSupport, 'label'> = { images: false, documents: [], limits: CONVERSE_LIMITS };

export function mediaSupportOf(api: ApiId, family: InvokeFamily | undefined): MediaSupport {
  switch (api) {
    case 'converse':
    case 'converse-stream':
      return { label: 'Converse', images: true, documents: DOCUMENT_FORMATS, limits: CONVERSE_LIMITS };
    case 'invoke':
    case 'invoke-stream':
      if (family === 'anthropic') return { label: 'InvokeModel (Anthropic body)', images: true, documents: ANTHROPIC_DOCUMENTS, limits: ANTHROPIC_LIMITS };
      if (family === 'nova') return { label: 'InvokeModel (Nova body)', images: true, documents: DOCUMENT_FORMATS, limits: { ...CONVERSE_LIMITS, maxBodyBytes: INVOKE_BODY_BYTES } };
      return { label: `InvokeModel${family ? ` (${family} body)` : ''}`, ...NONE };
    case 'messages':
      return { label: 'Anthropic Messages', images: true, documents: ANTHROPIC_DOCUMENTS, limits: ANTHROPIC_LIMITS };
    case 'chat-completions':
      return { label: 'Chat Completions', images: true, documents: [], limits: CONVERSE_LIMITS };
    case 'responses':
      return { label: 'Responses', images: true, documents: ['pdf'], limits: CONVERSE_LIMITS };
    default:
      return { label: api, ...NONE };
  }
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Why this API cannot carry what is attached, or undefined when it can. */
export function mediaRefusal(api: ApiId, family: InvokeFamily | undefined, features: WantedFeatures): string | undefined {
  const s = mediaSupportOf(api, family);
  if (features.images && !s.images) return `${s.label} takes no images`;
  const docs = features.documents ?? [];
  if (!docs.length) return undefined;
  if (!s.documents.length) return `${s.label} takes no documents`;
  const missing = docs.filter((f) => !s.documents.includes(f));
  if (missing.length) return `${s.label} takes no ${missing.map((f) => f.toUpperCase()).join(' or ')} documents`;
  return undefined;
}

/**
 * Why this model cannot take what is attached on any API, from its descriptor: images need IMAGE
 * among the input modalities the service (or the shipped table) lists; documents need a model
 * not known to refuse them. Unknown models are not refused: the router tries them.
 */
export function modelMediaRefusal(d: ModelDescriptor | undefined, features: WantedFeatures): string | undefined {
  if (!d) return undefined;
  const name = d.name || d.id;
  if (features.images && d.inputModalities.length && !d.inputModalities.includes('IMAGE')) {
    return `${name} does not accept images (its input is ${d.inputModalities.map((m) => m.toLowerCase()).join(', ')}). Remove the image, or pick a model that takes images (they are marked in the model picker).`;
  }
  if (features.documents?.length && d.documentInput === false) {
    return `${name} does not accept documents. Remove the document, or pick a model that takes documents, such as Claude or Nova Pro.`;
  }
  return undefined;
}

/** Why this request is over the step's limits (naming the attachment), or undefined when it fits. */
export function mediaLimitProblem(req: ChatRequest, step: RouteStep): string | undefined {
  const family = step.api === 'invoke' || step.api === 'invoke-stream' ? (invokeFamilyOf(step.target) ?? invokeFamilyOf(req.modelId)) : undefined;
  const s = mediaSupportOf(step.api, family);
  const l = s.limits;
  let images = 0;
  let documents = 0;
  let body = 0;
  for (const m of req.messages) {
    const hasText = m.content.some((p) => p.type === 'text' && p.text.trim());
    for (const p of m.content) {
      if (p.type === 'image') {
        images++;
        body += Math.ceil(p.data.byteLength / 3) * 4;
        if (p.data.byteLength > l.maxImageBytes) return `The image is ${formatBytes(p.data.byteLength)}; ${s.label} takes images up to ${formatBytes(l.maxImageBytes)}. Attach a smaller image.`;
        const size = imageSize(p.data);
        if (size && Math.max(size.width, size.height) > l.maxImagePixels) {
          return `The image is ${size.width.toLocaleString('en-US')} x ${size.height.toLocaleString('en-US')} px; ${s.label} takes images up to ${l.maxImagePixels.toLocaleString('en-US')} px on a side. Attach a smaller image.`;
        }
      } else if (p.type === 'document') {
        documents++;
        body += Math.ceil(p.data.byteLength / 3) * 4;
        if (p.data.byteLength > l.maxDocumentBytes) return `${p.name} is ${formatBytes(p.data.byteLength)}; ${s.label} takes documents up to ${formatBytes(l.maxDocumentBytes)}. Attach a smaller document.`;
        if (l.documentNeedsText && !hasText) return `${s.label} needs a message with ${p.name}: write what you want to know about it.`;
      } else if (p.type === 'text') body += p.text.length;
    }
  }
  if (images > l.maxImages) return `The conversation holds ${plural(images, 'image')}; ${s.label} takes at most ${l.maxImages} per request. Remove some, or start a new chat.`;
  if (documents > l.maxDocuments) return `The conversation holds ${plural(documents, 'document')}; ${s.label} takes at most ${l.maxDocuments} per request. Remove some, or start a new chat.`;
  if (l.maxBodyBytes && body > l.maxBodyBytes) return `The request would be ${formatBytes(body)}; ${s.label} takes at most ${formatBytes(l.maxBodyBytes)}. Remove an attachment, or start a new chat.`;
  return undefined;
}

/**
 * Drops the steps whose limits the request exceeds (each with a note). When none is left, the plan
 * is refused with the first step's problem: the route the router would have preferred.
 */
export function applyMediaLimits(plan: RoutePlan, req: ChatRequest): RoutePlan {
  if (!plan.request.features.images && !plan.request.features.documents?.length) return plan;
  const steps: RouteStep[] = [];
  const notes = [...plan.notes];
  let first: string | undefined;
  for (const step of plan.steps) {
    const problem = mediaLimitProblem(req, step);
    if (!problem) steps.push(step);
    else {
      first ??= problem;
      notes.push(`Skipped ${step.api} on ${step.endpoint}: ${problem}`);
    }
  }
  if (steps.length === plan.steps.length) return plan;
  return steps.length ? { ...plan, steps, notes } : { ...plan, steps, notes, refusal: first };
}
