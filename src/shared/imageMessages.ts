// Checks for the image parts of the protocol, used by the host's webview gate (field rules for its
// table) and by the reader of stored conversations: image options a webview sends or a stored turn
// kept, and the gallery's actions. Pure, like the rest of src/shared.
import { arrayOf, describe, hasOwn, isPlainRecord, num, object, oneOf, optional, problem, str, type Issues, type Validator } from '../core/schema';
import { IMAGE_ACTIONS, isImageId, type ImageAction, type ImageTurnOptions, type StoredImage } from './imageProtocol';
import { IMAGE_TASKS } from '../core/bedrock/images/imageFamily';
import { OUTPAINT_MAX_MARGIN } from '../core/bedrock/images/stabilityServices';
import { TUNING_FIELD_LIMITS, optionValueProblem, type OptionSpec, type StabilityServiceOptions } from '../core/bedrock/images/stabilityServiceOptions';
import type { FieldRule } from './protocolValidation';

/** The longest prompt any image model takes (Stability: 10,000 characters). */
const MAX_IMAGE_TEXT = 10_000;
/** More images than any model makes in one call, and than a stored turn holds. */
export const MAX_IMAGES_PER_TURN = 10;

const imageId: Validator<string> = (raw, issues) => (isImageId(raw) ? raw : str({ pattern: /^[A-Za-z0-9-]{1,64}$/ })(raw, issues));
const text = str({ max: MAX_IMAGE_TEXT });
const seed = num({ min: 0, max: 4_294_967_295, integer: true });

const margin = num({ min: 0, max: OUTPAINT_MAX_MARGIN, integer: true });

/** Stability's tuning fields: each known one within the widest range any service takes (the service's own range is checked before the call); no other key. */
const serviceOptions: Validator<StabilityServiceOptions> = (raw, issues) => {
  if (!isPlainRecord(raw)) return problem(issues, `expected an object, got ${describe(raw)}`);
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(raw)) {
    const spec = hasOwn(TUNING_FIELD_LIMITS, field) ? (TUNING_FIELD_LIMITS as Record<string, OptionSpec>)[field]! : undefined;
    if (!spec) return problem(issues, `${field} is not a tuning field of Stability's image services`);
    const wrong = optionValueProblem(spec, value);
    if (wrong) return problem(issues, wrong);
    out[field] = value;
  }
  return out as StabilityServiceOptions;
};

const OPTION_KEYS = ['task', 'negativePrompt', 'size', 'aspectRatio', 'count', 'seed', 'quality', 'style', 'sourceImageId', 'maskPrompt', 'maskImageId', 'styleImageId', 'outpaint', 'serviceOptions', 'captionOnly'] as const satisfies ReadonlyArray<keyof ImageTurnOptions>;

export const imageTurnOptionsSchema = object<ImageTurnOptions>({
  task: optional(oneOf(IMAGE_TASKS)),
  negativePrompt: optional(text),
  size: optional(str({ pattern: /^\d{2,5}x\d{2,5}$/ })),
  aspectRatio: optional(str({ pattern: /^\d{1,2}:\d{1,2}$/ })),
  count: optional(num({ min: 1, max: MAX_IMAGES_PER_TURN, integer: true })),
  seed: optional(seed),
  quality: optional(str({ pattern: /^[a-z_]{1,32}$/ })),
  style: optional(str({ pattern: /^[A-Z0-9_]{1,64}$/ })),
  sourceImageId: optional(imageId),
  maskPrompt: optional(text),
  maskImageId: optional(imageId),
  styleImageId: optional(imageId),
  outpaint: optional(object({ left: margin, right: margin, up: margin, down: margin })),
  serviceOptions: optional(serviceOptions),
  captionOnly: optional(oneOf([true, false])),
});

export const storedImageSchema = object<StoredImage>({
  id: imageId,
  mime: oneOf(['image/png', 'image/jpeg', 'image/webp']),
  seed: optional(seed),
});

export const storedImagesSchema = arrayOf(storedImageSchema, { max: MAX_IMAGES_PER_TURN });

/** The image options of a `chat/send`: a fresh copy of the known fields, or what was wrong. */
export const imageTurnOptionsRule: FieldRule<ImageTurnOptions> = (raw) => {
  if (!isPlainRecord(raw)) return { problem: 'the image options are not an object' };
  const issues: Issues = [];
  const out = imageTurnOptionsSchema(raw, issues);
  // `object` drops a bad optional field and records it; a request must be refused instead.
  if (!out || issues.length) return { problem: `the image options are not valid (${issues[0]?.path ? `${issues[0].path.replace(/^\./, '')}: ` : ''}${issues[0]?.what ?? 'unreadable'})` };
  if (out.task && out.task !== 'textToImage' && !out.sourceImageId) return { problem: 'the image options name a task that needs an input image, but no sourceImageId' };
  // Only the known fields: whatever else the webview put there is not passed on.
  const copy: Record<string, unknown> = {};
  for (const k of OPTION_KEYS) if (out[k] !== undefined) copy[k] = out[k];
  return { value: copy as ImageTurnOptions };
};

export const imageActionRule: FieldRule<ImageAction> = (v) =>
  typeof v === 'string' && (IMAGE_ACTIONS as readonly string[]).includes(v) ? { value: v as ImageAction } : { problem: 'action is not load, save or copy' };

export const imageIdRule: FieldRule<string> = (v) => (isImageId(v) ? { value: v } : { problem: 'imageId is not an image id' });
