// What the extension knows about one model or inference profile. Capabilities are data here, so no
// feature has to guess from a model's name. Built by catalogBuild.ts; no AWS SDK types leak in, so
// the explorer can render a cached catalog without loading the SDK.
import { API_IDS, CHAT_APIS, type ApiId, type ApiSupport } from './apiId';
import { arrayOf, bool, describe, isPlainRecord, problem, within, nullable, num, object, oneOf, optional, str, type Validator } from '../../schema';

export type Modality = 'TEXT' | 'IMAGE' | 'EMBEDDING' | 'SPEECH' | 'VIDEO' | 'AUDIO';

export type DescriptorKind = 'model' | 'systemProfile' | 'applicationProfile';

export interface ProfileRef {
  id: string;
  arn: string;
  name: string;
  type: 'SYSTEM_DEFINED' | 'APPLICATION';
  /** `geo` = us./eu./apac./…, `global` = global., `application` = user-created. */
  scope: 'geo' | 'global' | 'application';
  /** Regions the profile routes to, from its model ARNs. */
  regions: string[];
}

export interface EmbedLimits {
  /** Longest text one call accepts, in characters. */
  maxChars: number;
  /** Longest text in tokens, when the model states one (used for a conservative char estimate). */
  maxTokens?: number;
  /** Texts per call (Cohere: 96; Titan: 1). */
  maxBatch: number;
  /** Output dimensions the model accepts; first is the default. */
  dimensions?: number[];
}

export interface ModelLimits {
  maxOutputTokens?: number;
  embed?: EmbedLimits;
}

export interface ModelDescriptor {
  /** Model id, system profile id, or application profile ARN — whatever the runtime accepts as modelId. */
  id: string;
  kind: DescriptorKind;
  arn?: string;
  name: string;
  provider: string;
  inputModalities: Modality[];
  outputModalities: Modality[];
  /**
   * Takes documents (PDF, CSV, DOCX…) in a prompt. The service does not say; the shipped table does,
   * from the "Document chat" column of AWS's Converse supported-models table. null = unknown.
   */
  documentInput?: boolean | null;
  /** The service's `responseStreamingSupported`, else the shipped table; null = unknown. */
  streaming: boolean | null;
  lifecycle: 'ACTIVE' | 'LEGACY' | 'UNKNOWN';
  legacy: boolean;
  /** true = callable by its bare id; false = needs a profile; null = unknown. */
  onDemand: boolean | null;
  profileOnly: boolean;
  /** For a model: the profiles in this region that contain it, regional geo before global. */
  profiles: ProfileRef[];
  /** For a profile: the foundation model it routes to (resolved with GetInferenceProfile for application profiles). */
  baseModelId?: string;
  apis: Record<ApiId, ApiSupport>;
  limits: ModelLimits;
  /** Listed by the service in this region (false = known only from the shipped table). */
  listed: boolean;
  /**
   * The id bedrock-mantle lists this model under (its ids carry no version suffix); null = mantle's
   * list was read and does not have it; absent = mantle's list is not known.
   */
  mantleId?: string | null;
  /** Listed by bedrock-mantle only: the runtime APIs do not know it. */
  mantleOnly?: boolean;
}

// ---------------------------------------------------------------------------------------------
// What a model is for: the one answer every picker, command and the explorer use
// ---------------------------------------------------------------------------------------------

export const OUTPUT_KINDS = ['text', 'embedding', 'image', 'video', 'speech'] as const;

/** What a model produces, as the explorer groups it (its icon, and the "Produces" filter). */
export type OutputKind = (typeof OUTPUT_KINDS)[number];

export function outputKindOf(d: Pick<ModelDescriptor, 'outputModalities'>): OutputKind {
  const out = d.outputModalities;
  if (out.includes('EMBEDDING')) return 'embedding';
  if (out.includes('VIDEO')) return 'video';
  if (out.includes('IMAGE') && !out.includes('TEXT')) return 'image';
  if (out.includes('SPEECH') || out.includes('AUDIO')) return 'speech';
  return 'text';
}

/**
 * Can this model or profile carry a chat turn: text in, text out, and a chat API not known to be
 * unsupported. Unknown support counts, because the router tries Converse first for a model nobody
 * has described yet.
 */
export function isChatModel(d: Pick<ModelDescriptor, 'inputModalities' | 'outputModalities' | 'apis'>): boolean {
  if (outputKindOf(d) !== 'text') return false;
  if (!d.inputModalities.includes('TEXT')) return false;
  return CHAT_APIS.some((api) => d.apis[api]?.supported !== false);
}

/**
 * Can this model or profile produce embeddings: its embed API is not known to be unsupported. The
 * service's metadata settles it for every listed model; unknown counts, as for chat, so a model
 * newer than the shipped table can still be chosen by id.
 */
export function isEmbeddingModel(d: Pick<ModelDescriptor, 'apis'>): boolean {
  return d.apis.embed?.supported !== false;
}

/** The embedding picker's rows: models only, one each; the router picks a profile when a model needs one. */
export function embeddingPickerModels(descriptors: readonly ModelDescriptor[]): ModelDescriptor[] {
  return descriptors.filter((d) => d.kind === 'model' && isEmbeddingModel(d));
}

// ---------------------------------------------------------------------------------------------
// Reading a descriptor back from the catalog cache
// ---------------------------------------------------------------------------------------------

/** Longest model id, profile ARN or name the cache holds; real ones are far shorter. */
const MAX_ID_CHARS = 2048;
const id = str({ min: 1, max: MAX_ID_CHARS });
const label = str({ max: MAX_ID_CHARS });
// The service names new modalities before this type does; any short upper-case word is kept.
const modalities = arrayOf(str({ min: 1, max: 40, pattern: /^[A-Z_]+$/ }), { max: 20 }) as Validator<Modality[]>;
const count = num({ min: 0, integer: true });

const SOURCES: ReadonlySet<unknown> = new Set<ApiSupport['source']>(['shipped', 'service', 'learned']);
const UNKNOWN: ApiSupport = { supported: null, source: 'shipped' };

const isApiSupport = (e: unknown): e is ApiSupport =>
  isPlainRecord(e) &&
  (e.supported === null || typeof e.supported === 'boolean') &&
  SOURCES.has(e.source) &&
  (e.note === undefined || (typeof e.note === 'string' && e.note.length <= 4000));

/**
 * Every API gets an answer; one missing or unreadable in the cache becomes "unknown" rather than
 * costing the model. Written out by hand: ten per descriptor make this the bulk of reading a cache.
 */
const apisSchema: Validator<Record<ApiId, ApiSupport>> = (raw, issues) => {
  if (!isPlainRecord(raw)) return problem(issues, `expected an object, got ${describe(raw)}`);
  let clean = true;
  for (const api of API_IDS) if (!isApiSupport(raw[api])) clean = false;
  if (clean) return raw as Record<ApiId, ApiSupport>;
  const out = {} as Record<ApiId, ApiSupport>;
  for (const api of API_IDS) {
    const e = raw[api];
    if (isApiSupport(e)) {
      out[api] = e;
    } else {
      if (e !== undefined) {
        problem(issues, 'not an API answer, read as unknown');
        within(issues, issues.length - 1, `.${api}`);
      }
      out[api] = { ...UNKNOWN };
    }
  }
  return out;
};

const profileRefSchema = object<ProfileRef>({
  id,
  arn: label,
  name: label,
  type: oneOf(['SYSTEM_DEFINED', 'APPLICATION']),
  scope: oneOf(['geo', 'global', 'application']),
  regions: arrayOf(str({ min: 1, max: 64 }), { max: 100 }),
});

const embedLimitsSchema = object<EmbedLimits>({
  maxChars: num({ min: 1, integer: true }),
  maxTokens: optional(num({ min: 1, integer: true })),
  maxBatch: num({ min: 1, integer: true }),
  dimensions: optional(arrayOf(num({ min: 1, integer: true }), { max: 100 })),
});

/** A descriptor as cached: a bad required field drops the descriptor, a bad optional one is left out. */
export const modelDescriptorSchema = object<ModelDescriptor>({
  id,
  kind: oneOf(['model', 'systemProfile', 'applicationProfile']),
  arn: optional(label),
  name: label,
  provider: label,
  inputModalities: modalities,
  outputModalities: modalities,
  documentInput: optional(nullable(bool)),
  streaming: nullable(bool),
  lifecycle: oneOf(['ACTIVE', 'LEGACY', 'UNKNOWN']),
  legacy: bool,
  onDemand: nullable(bool),
  profileOnly: bool,
  profiles: arrayOf(profileRefSchema, { max: 1000 }),
  baseModelId: optional(id),
  apis: apisSchema,
  limits: object<ModelLimits>({ maxOutputTokens: optional(count), embed: optional(embedLimitsSchema) }),
  listed: bool,
  mantleId: optional(nullable(id)),
  mantleOnly: optional(bool),
});
