// The optional tuning fields of Stability's image services: which service takes which, under what
// name, with what range, step and default. The bodies (stabilityServiceBodies.ts) send only the
// fields a service's row lists here; the checks before a call and the Options step of the commands
// read the same rows, so a value is refused with the same words wherever it was typed. Negative
// prompt and seed are listed for the services that take them but travel as the request's own
// fields (`negativePrompt`, `seed`), which every image family shares; the rest are sent under their
// wire names, kept together in `StabilityServiceOptions`. No vscode here.
import { STABILITY_ASPECT_RATIOS } from './imageFamily';
import type { StabilityService } from './stabilityServices';

export const STABILITY_STYLE_PRESETS = [
  '3d-model', 'analog-film', 'anime', 'cinematic', 'comic-book', 'digital-art', 'enhance', 'fantasy-art', 'isometric',
  'line-art', 'low-poly', 'modeling-compound', 'neon-punk', 'origami', 'photographic', 'pixel-art', 'tile-texture',
] as const;
export const STABILITY_OUTPUT_FORMATS = ['png', 'jpeg', 'webp'] as const;
export const STABILITY_MAX_SEED = 4_294_967_294;
const PROMPT_MAX = 10_000;

/** The tuning fields sent under their own (snake_case) names. */
export interface StabilityServiceOptions {
  style_preset?: (typeof STABILITY_STYLE_PRESETS)[number];
  output_format?: (typeof STABILITY_OUTPUT_FORMATS)[number];
  grow_mask?: number;
  creativity?: number;
  control_strength?: number;
  fidelity?: number;
  aspect_ratio?: (typeof STABILITY_ASPECT_RATIOS)[number];
  composition_fidelity?: number;
  style_strength?: number;
  change_strength?: number;
}
export type TuningField = keyof StabilityServiceOptions;
/** Every optional field a service can list, by its wire name. */
export type OptionField = TuningField | 'negative_prompt' | 'seed';
/** Values as the Options step holds them, by wire name; absent means the service's default. */
export type OptionValues = Partial<Record<OptionField, string | number>>;

export interface OptionSpec {
  field: OptionField;
  label: string;
  /** What the field does, in a few words. */
  detail: string;
  kind: 'enum' | 'number' | 'text';
  values?: readonly string[];
  min?: number;
  max?: number;
  integer?: boolean;
  /** Fractions are taken to this step (0.01), so what is typed is what is sent. */
  step?: number;
  /** The service's default, when it has one to name. */
  defaultValue?: string | number;
  /** How the default reads when there is no value to name ("none", "random"). */
  defaultText?: string;
}

const negativePrompt: OptionSpec = { field: 'negative_prompt', label: 'Negative prompt', detail: 'What to keep out of the image', kind: 'text', max: PROMPT_MAX, defaultText: 'none' };
const seed: OptionSpec = { field: 'seed', label: 'Seed', detail: 'The same seed and inputs give the same image', kind: 'number', min: 0, max: STABILITY_MAX_SEED, integer: true, defaultText: 'random, reported with the result' };
const outputFormat: OptionSpec = { field: 'output_format', label: 'Output format', detail: 'The file type of the result', kind: 'enum', values: STABILITY_OUTPUT_FORMATS, defaultValue: 'png' };
const stylePreset: OptionSpec = { field: 'style_preset', label: 'Style preset', detail: 'Steers the result toward a style', kind: 'enum', values: STABILITY_STYLE_PRESETS, defaultText: 'none' };
const fraction = (field: TuningField, label: string, detail: string, min: number, max: number, defaultValue: number): OptionSpec => ({ field, label, detail, kind: 'number', min, max, step: 0.01, defaultValue });
const growMask = (defaultValue: number): OptionSpec => ({ field: 'grow_mask', label: 'Grow mask', detail: "Pixels the masked area grows by on every side, blending the edit's edge", kind: 'number', min: 0, max: 20, integer: true, defaultValue });
const controlStrength = fraction('control_strength', 'Control strength', 'How closely the result follows the input image', 0, 1, 0.7);
const aspectRatio: OptionSpec = { field: 'aspect_ratio', label: 'Aspect ratio', detail: 'The shape of the new image', kind: 'enum', values: STABILITY_ASPECT_RATIOS, defaultValue: '1:1' };

/** Each service's optional fields, in the order the Options step lists them. */
const SERVICE_OPTIONS: Record<StabilityService, readonly OptionSpec[]> = {
  removeBackground: [outputFormat],
  searchReplace: [negativePrompt, stylePreset, growMask(3), seed, outputFormat],
  searchRecolor: [negativePrompt, stylePreset, growMask(3), seed, outputFormat],
  controlStructure: [negativePrompt, stylePreset, controlStrength, seed, outputFormat],
  inpaint: [negativePrompt, stylePreset, growMask(5), seed, outputFormat],
  eraseObject: [growMask(5), seed, outputFormat],
  outpaint: [stylePreset, fraction('creativity', 'Creativity', 'How freely the new area is invented', 0.1, 1, 0.5), seed, outputFormat],
  fastUpscale: [outputFormat],
  conservativeUpscale: [negativePrompt, fraction('creativity', 'Creativity', 'How much detail the upscale may add', 0.2, 0.5, 0.35), seed, outputFormat],
  creativeUpscale: [negativePrompt, stylePreset, fraction('creativity', 'Creativity', 'How much the upscale may reimagine the image', 0.1, 0.5, 0.3), seed, outputFormat],
  controlSketch: [negativePrompt, stylePreset, controlStrength, seed, outputFormat],
  styleGuide: [negativePrompt, aspectRatio, stylePreset, fraction('fidelity', 'Fidelity', "How closely the result keeps the input's style", 0, 1, 0.5), seed, outputFormat],
  styleTransfer: [
    negativePrompt,
    fraction('style_strength', 'Style strength', "How strongly the style image's look is applied", 0, 1, 1),
    fraction('composition_fidelity', 'Composition fidelity', "How closely the content image's composition is kept", 0, 1, 0.9),
    fraction('change_strength', 'Change strength', 'How far the result may move from the content image', 0.1, 1, 0.9),
    seed,
    outputFormat,
  ],
};

export function serviceOptionSpecs(service: StabilityService): readonly OptionSpec[] {
  return SERVICE_OPTIONS[service];
}

const isTuningField = (f: OptionField): f is TuningField => f !== 'negative_prompt' && f !== 'seed';

/** The widest range each tuning field has on any service: what a stored or posted value may hold. */
export const TUNING_FIELD_LIMITS: Readonly<Record<TuningField, OptionSpec>> = (() => {
  const out: Partial<Record<TuningField, OptionSpec>> = {};
  for (const spec of Object.values(SERVICE_OPTIONS).flat()) {
    if (!isTuningField(spec.field)) continue;
    const had = out[spec.field];
    out[spec.field] = had && spec.kind === 'number' ? { ...had, min: Math.min(had.min!, spec.min!), max: Math.max(had.max!, spec.max!) } : spec;
  }
  return out as Record<TuningField, OptionSpec>;
})();

/** "a number from 0 to 1 in steps of 0.01", "a whole number from 0 to 20". */
export function optionRangeText(s: OptionSpec): string {
  return `${s.integer ? 'a whole number' : 'a number'} from ${s.min} to ${s.max}${s.step ? ` in steps of ${s.step}` : ''}`;
}

/** What is wrong with a value for this field, naming the field and what it takes; undefined when it is fine. */
export function optionValueProblem(spec: OptionSpec, value: unknown, shown: string = String(value)): string | undefined {
  const name = `${spec.label} (${spec.field})`;
  if (spec.kind === 'text') {
    if (typeof value !== 'string') return `${name} must be text.`;
    return value.length > (spec.max ?? PROMPT_MAX) ? `${name} has ${value.length} characters; at most ${spec.max ?? PROMPT_MAX}.` : undefined;
  }
  if (spec.kind === 'enum') return typeof value === 'string' && spec.values!.includes(value) ? undefined : `${name} must be one of ${spec.values!.join(', ')}; got "${shown}".`;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= spec.min! &&
    value <= spec.max! &&
    (!spec.integer || Number.isInteger(value)) &&
    (!spec.step || Math.abs(value / spec.step - Math.round(value / spec.step)) < 1e-9);
  return ok ? undefined : `${name} must be ${optionRangeText(spec)}; got ${shown}.`;
}

/** A typed value: empty is the service's default (`value` undefined), else the value or what is wrong with it. */
export function parseOptionInput(spec: OptionSpec, text: string): { value: string | number | undefined } | { problem: string } {
  const trimmed = text.trim();
  if (!trimmed) return { value: undefined };
  // Number('0x10') and Number('1e1') would pass as numbers; only plain decimals are taken.
  const value = spec.kind === 'number' ? (/^-?(\d+\.?\d*|\.\d+)$/.test(trimmed) ? Number(trimmed) : NaN) : spec.kind === 'text' ? text : trimmed;
  const problem = optionValueProblem(spec, value, trimmed);
  return problem ? { problem } : { value };
}

/** How a field's value reads in the Options list: the value, or the default named as such. */
export function optionValueText(spec: OptionSpec, value: string | number | undefined): string {
  if (value !== undefined && value !== '') return spec.kind === 'text' ? `"${String(value).length > 40 ? `${String(value).slice(0, 39)}…` : value}"` : String(value);
  return `default: ${spec.defaultValue ?? spec.defaultText ?? 'the service chooses'}`;
}

/** What a request's tuning fields would be refused for by this service (a field it does not take, a value out of range). */
export function serviceOptionsProblem(service: StabilityService, label: string, options: StabilityServiceOptions | undefined): string | undefined {
  if (!options) return undefined;
  const specs = SERVICE_OPTIONS[service];
  for (const [field, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const spec = specs.find((s) => s.field === field);
    if (!spec || !isTuningField(spec.field)) return `${label} does not take ${field}; it takes ${specs.map((s) => s.field).join(', ')}.`;
    const problem = optionValueProblem(spec, value);
    if (problem) return problem;
  }
  return undefined;
}

/** The tuning fields this service takes, as they go in its body; a field it does not take is left out. */
export function serviceOptionFields(service: StabilityService, options: StabilityServiceOptions | undefined): Partial<StabilityServiceOptions> {
  const out: Record<string, unknown> = {};
  for (const spec of SERVICE_OPTIONS[service]) {
    if (!isTuningField(spec.field)) continue;
    const value = options?.[spec.field];
    if (value !== undefined) out[spec.field] = value;
  }
  return out as Partial<StabilityServiceOptions>;
}

/** The Options step's values as a turn carries them: negative prompt and seed as the turn's own fields. */
export function turnFieldsOf(service: StabilityService, values: OptionValues): { negativePrompt?: string; seed?: number; serviceOptions?: StabilityServiceOptions } {
  const out: { negativePrompt?: string; seed?: number; serviceOptions?: StabilityServiceOptions } = {};
  const tuning: Record<string, string | number> = {};
  for (const spec of SERVICE_OPTIONS[service]) {
    const value = values[spec.field];
    if (value === undefined || optionValueProblem(spec, value)) continue;
    if (spec.field === 'negative_prompt') out.negativePrompt = String(value);
    else if (spec.field === 'seed') out.seed = Number(value);
    else tuning[spec.field] = value;
  }
  if (Object.keys(tuning).length) out.serviceOptions = tuning as StabilityServiceOptions;
  return out;
}
