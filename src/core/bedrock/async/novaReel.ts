// Nova Reel's StartAsyncInvoke input: text to video (6 s, optional first frame), multi-shot
// automated (one prompt, 12–120 s in 6-second shots) and multi-shot manual (a prompt per shot,
// each with an optional image). Checked here against the model's limits so the user hears what to
// change before a job is submitted. v1:0 makes 6-second videos only; v1:1 adds multi-shot.
import { imageSize } from '../adapters/mediaFormats';

export type ReelTask = 'TEXT_VIDEO' | 'MULTI_SHOT_AUTOMATED' | 'MULTI_SHOT_MANUAL';

/** What each Nova Reel version takes. Models not listed are offered text to video only. */
export const REEL_TASKS: Record<string, readonly ReelTask[]> = {
  'amazon.nova-reel-v1:0': ['TEXT_VIDEO'],
  'amazon.nova-reel-v1:1': ['TEXT_VIDEO', 'MULTI_SHOT_AUTOMATED', 'MULTI_SHOT_MANUAL'],
};

export function reelTasks(modelId: string): readonly ReelTask[] {
  return REEL_TASKS[modelId] ?? ['TEXT_VIDEO'];
}

export const REEL_LIMITS = {
  shotSeconds: 6,
  promptChars: 512,
  automatedPromptChars: 4000,
  minSeconds: 12,
  maxSeconds: 120,
  minShots: 2,
  maxShots: 20,
  maxSeed: 2_147_483_646,
  /** The only size Nova Reel renders, and the size a first-frame image must have. */
  dimension: '1280x720',
  fps: 24,
} as const;

export interface ReelImage {
  format: 'png' | 'jpeg';
  /** Raw bytes (sent base64) or an S3 URI. */
  bytes?: Uint8Array;
  s3Uri?: string;
}

export type ReelRequest =
  | { task: 'TEXT_VIDEO'; prompt: string; image?: ReelImage; seed?: number }
  | { task: 'MULTI_SHOT_AUTOMATED'; prompt: string; durationSeconds: number; seed?: number }
  | { task: 'MULTI_SHOT_MANUAL'; shots: Array<{ prompt: string; image?: ReelImage }>; seed?: number };

/** Thrown when a request breaks a limit; the message says which and what to do. */
export class ReelInputError extends Error {
  override readonly name = 'ReelInputError';
}

/** What is wrong with a prompt, or undefined. */
export function promptProblem(text: string, max: number): string | undefined {
  if (!text.trim()) return 'The prompt is empty: describe the video you want.';
  if (text.length > max) return `The prompt is ${text.length} characters; Nova Reel takes at most ${max}. Shorten it.`;
  return undefined;
}

/** What is wrong with a multi-shot duration, or undefined. */
export function durationProblem(seconds: number): string | undefined {
  const { minSeconds, maxSeconds, shotSeconds } = REEL_LIMITS;
  if (!Number.isInteger(seconds) || seconds < minSeconds || seconds > maxSeconds || seconds % shotSeconds) {
    return `A multi-shot video lasts ${minSeconds}–${maxSeconds} seconds in steps of ${shotSeconds}; ${seconds} is not one of them.`;
  }
  return undefined;
}

/** An image's format from its first bytes (PNG or JPEG), else undefined. */
export function sniffImageFormat(bytes: Uint8Array): 'png' | 'jpeg' | undefined {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return undefined;
}

/** What is wrong with a first-frame or shot image, or undefined. */
export function imageProblem(bytes: Uint8Array, what = 'first frame'): string | undefined {
  if (!sniffImageFormat(bytes)) return 'The image is neither a PNG nor a JPEG; Nova Reel takes those two.';
  const size = imageSize(bytes);
  if (!size) return `The image's size cannot be read from its header; Nova Reel's ${what} must be a 1280×720 PNG or JPEG.`;
  if (size.width !== 1280 || size.height !== 720) return `The image is ${size.width}×${size.height}; Nova Reel's ${what} must be 1280×720.`;
  return undefined;
}

/** What is wrong with a seed as typed (empty: none, the model chooses), or undefined. */
export function seedTextProblem(text: string): string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  if (!/^\d+$/.test(t) || Number(t) > REEL_LIMITS.maxSeed) return `The seed must be a whole number from 0 to ${REEL_LIMITS.maxSeed}; "${t.slice(0, 40)}" is not. Leave it empty to let Nova Reel choose.`;
  return undefined;
}

function imageBody(image: ReelImage): Record<string, unknown> {
  const source = image.s3Uri ? { s3Location: { uri: image.s3Uri } } : { bytes: Buffer.from(image.bytes ?? new Uint8Array()).toString('base64') };
  return { format: image.format, source };
}

function seedOf(seed: number | undefined): Record<string, unknown> {
  if (seed === undefined) return {};
  if (!Number.isInteger(seed) || seed < 0 || seed > REEL_LIMITS.maxSeed) throw new ReelInputError(`The seed must be a whole number from 0 to ${REEL_LIMITS.maxSeed}; ${seed} is not.`);
  return { seed };
}

/** The `modelInput` for the request; throws ReelInputError when it breaks a limit for the model. */
export function reelModelInput(modelId: string, req: ReelRequest): Record<string, unknown> {
  if (!reelTasks(modelId).includes(req.task)) throw new ReelInputError(`${modelId} makes 6-second videos only; multi-shot videos need amazon.nova-reel-v1:1.`);
  const check = (p: string | undefined) => {
    if (p) throw new ReelInputError(p);
  };
  const config = { fps: REEL_LIMITS.fps, dimension: REEL_LIMITS.dimension, ...seedOf(req.seed) };
  switch (req.task) {
    case 'TEXT_VIDEO':
      check(promptProblem(req.prompt, REEL_LIMITS.promptChars));
      if (req.image?.bytes) check(imageProblem(req.image.bytes));
      return {
        taskType: 'TEXT_VIDEO',
        textToVideoParams: { text: req.prompt, ...(req.image ? { images: [imageBody(req.image)] } : {}) },
        videoGenerationConfig: { durationSeconds: REEL_LIMITS.shotSeconds, ...config },
      };
    case 'MULTI_SHOT_AUTOMATED':
      check(promptProblem(req.prompt, REEL_LIMITS.automatedPromptChars));
      check(durationProblem(req.durationSeconds));
      return { taskType: 'MULTI_SHOT_AUTOMATED', multiShotAutomatedParams: { text: req.prompt }, videoGenerationConfig: { durationSeconds: req.durationSeconds, ...config } };
    case 'MULTI_SHOT_MANUAL': {
      const { minShots, maxShots } = REEL_LIMITS;
      if (req.shots.length < minShots || req.shots.length > maxShots) throw new ReelInputError(`A manual multi-shot video has ${minShots}–${maxShots} shots; this one has ${req.shots.length}.`);
      req.shots.forEach((s, i) => {
        const p = promptProblem(s.prompt, REEL_LIMITS.promptChars) ?? (s.image?.bytes ? imageProblem(s.image.bytes, 'shot images') : undefined);
        if (p) throw new ReelInputError(`Shot ${i + 1}: ${p}`);
      });
      return {
        taskType: 'MULTI_SHOT_MANUAL',
        multiShotManualParams: { shots: req.shots.map((s) => ({ text: s.prompt, ...(s.image ? { image: imageBody(s.image) } : {}) })) },
        videoGenerationConfig: config,
      };
    }
  }
}

/** The final video of a finished Nova Reel job. */
export const REEL_VIDEO_FILE = 'output.mp4';
