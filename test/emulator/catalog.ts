// The emulator's model catalog, built from data/bedrock-model-apis.json (the project's per-model API
// support table) plus the facts the data file does not carry (profiles per region, limits, features).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STABILITY_TEXT_TO_IMAGE_ROWS } from './imageFamilies';

export const ACCOUNT_ID = '123456789012';

export type ApiName = 'invoke' | 'converse' | 'chatCompletions' | 'responses' | 'messages';

export type Family =
  | 'anthropic'
  | 'nova'
  | 'titanText'
  | 'llama'
  | 'mistral'
  | 'cohereChat'
  | 'jamba'
  | 'deepseekR1'
  | 'openaiChat'
  | 'titanEmbedV1'
  | 'titanEmbedV2'
  | 'titanMultimodal'
  | 'cohereEmbedV3'
  | 'cohereEmbedV4'
  | 'novaEmbed'
  | 'marengoEmbed'
  | 'rerank'
  | 'image'
  | 'video'
  | 'speech'
  | 'pegasus';

export interface CatalogModel {
  modelId: string;
  modelName: string;
  providerName: string;
  apis: Record<ApiName, boolean>;
  streaming: boolean;
  asyncInvoke: boolean;
  profileOnly: boolean;
  /** System-defined profile ids (all geos); which of them exist depends on the caller's region. */
  profileIds: string[];
  inputModalities: string[];
  outputModalities: string[];
  /** false = refuses document blocks; null = the data file does not say (accepted). */
  documentChat: boolean | null;
  customizations: string[];
  lifecycle: { status: 'ACTIVE' | 'LEGACY'; startOfLifeTime: string; legacyTime?: string; endOfLifeTime?: string };
  family: Family;
  /** True when the data file has no id for the model and the emulator derived one from its name. */
  synthesizedId: boolean;
  maxOutputTokens: number;
  features: { system: boolean; tools: boolean; streamingTools: boolean; cachePoint: boolean; countTokens: boolean; reasoning: boolean };
  /** The id bedrock-mantle lists and accepts: the runtime id without its version suffix (`-1:0`, `-v1:0`, `:0`). */
  mantleId: string;
  /** Mantle serves some models' OpenAI APIs under `/openai/v1`, the rest under `/v1`; the wrong one is refused. */
  mantlePrefix: MantlePrefix;
  /** Served only by bedrock-mantle: not in ListFoundationModels, unknown to the runtime. */
  mantleOnly: boolean;
}

export type MantlePrefix = '/v1' | '/openai/v1';

/** Served by bedrock-mantle at all (it lists only models with an OpenAI- or Anthropic-compatible API). */
export const onMantle = (m: CatalogModel): boolean => m.apis.chatCompletions || m.apis.responses || m.apis.messages;

export function mantleIdOf(modelId: string): string {
  return modelId.replace(/-v?\d+:\d+$/, '').replace(/:\d+$/, '');
}

interface DataRow {
  provider: string;
  name: string;
  modelId: string | null;
  apis: Record<ApiName, boolean | null>;
  streaming: boolean | null;
  asyncInvoke: boolean | null;
  inferenceProfileRequired: boolean | null;
  inferenceProfileIds: string[] | null;
  inputModalities: string[] | null;
  outputModalities: string[] | null;
  /** Takes document blocks ("Document chat" in AWS's Converse features table); absent = unknown. */
  documentChat?: boolean;
  notes?: string[];
}

/** A row whose notes name a second model id (Nova Reel v1:1 beside v1:0) stands for both. */
function withSecondIds(rows: DataRow[]): DataRow[] {
  return rows.flatMap((row) => {
    const second = (row.notes ?? []).map((n) => /second ID (\S+)/.exec(n)?.[1]).find(Boolean);
    return second ? [row, { ...row, modelId: second }] : [row];
  });
}

const DATA_FILE = join(import.meta.dirname, '..', '..', 'data', 'bedrock-model-apis.json');

const PROVIDER_NAMES: Record<string, string> = {
  AI21: 'AI21 Labs',
  Mistral: 'Mistral AI',
  Moonshot: 'Moonshot AI',
  Stability: 'Stability AI',
};
const PROVIDER_PREFIX: Record<string, string> = {
  Anthropic: 'anthropic',
  OpenAI: 'openai',
  xAI: 'xai',
  Moonshot: 'moonshotai',
};

/** Geographic profile prefixes and the regions each spans. */
export const GEO_REGIONS: Record<string, string[]> = {
  us: ['us-east-1', 'us-east-2', 'us-west-2'],
  eu: ['eu-central-1', 'eu-west-1', 'eu-west-3', 'eu-north-1'],
  apac: ['ap-northeast-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-south-1'],
  jp: ['ap-northeast-1', 'ap-northeast-3'],
  au: ['ap-southeast-2', 'ap-southeast-4'],
  ca: ['ca-central-1', 'ca-west-1'],
  'us-gov': ['us-gov-west-1', 'us-gov-east-1'],
};
export const PROFILE_PREFIXES = ['us', 'eu', 'apac', 'jp', 'au', 'ca', 'us-gov', 'global'];

/** Profile prefixes callable from a region: its geos plus `global`. */
export function prefixesForRegion(region: string): string[] {
  const geos = Object.entries(GEO_REGIONS)
    .filter(([, regions]) => regions.includes(region))
    .map(([geo]) => geo);
  return [...geos, 'global'];
}

function familyOf(id: string): Family {
  if (id.startsWith('anthropic.')) return 'anthropic';
  if (id.includes('nova') && id.includes('embed')) return 'novaEmbed';
  if (/^amazon\.nova-(canvas)/.test(id) || id.includes('image-generator') || id.startsWith('stability.')) return 'image';
  if (id.startsWith('amazon.nova-reel')) return 'video';
  if (id.includes('sonic')) return 'speech';
  if (id.startsWith('amazon.nova')) return 'nova';
  if (id === 'amazon.titan-embed-text-v2:0') return 'titanEmbedV2';
  if (id === 'amazon.titan-embed-image-v1') return 'titanMultimodal';
  if (id.startsWith('amazon.titan-embed')) return 'titanEmbedV1';
  if (id.startsWith('amazon.titan')) return 'titanText';
  if (id.startsWith('meta.llama')) return 'llama';
  if (/^mistral\.(mistral-7b|mixtral|mistral-large-2402|mistral-small-2402)/.test(id)) return 'mistral';
  if (id.startsWith('cohere.command')) return 'cohereChat';
  if (id === 'cohere.embed-v4:0') return 'cohereEmbedV4';
  if (id.startsWith('cohere.embed')) return 'cohereEmbedV3';
  if (id.startsWith('cohere.rerank')) return 'rerank';
  if (id.startsWith('ai21.')) return 'jamba';
  if (id.startsWith('deepseek.r1')) return 'deepseekR1';
  if (id.startsWith('twelvelabs.marengo')) return 'marengoEmbed';
  if (id.startsWith('twelvelabs.pegasus')) return 'pegasus';
  return 'openaiChat';
}

function maxOutputFor(id: string, family: Family): number {
  if (family === 'anthropic') {
    if (id.includes('claude-3-haiku')) return 4096;
    if (id.includes('claude-3-5')) return 8192;
    if (id.includes('opus-4-1') || id.includes('opus-4-2')) return 32000;
    return 64000;
  }
  if (family === 'nova') return 10000;
  if (family === 'titanText') return 8192;
  if (family === 'llama') return 2048;
  if (family === 'cohereChat') return 4096;
  if (family === 'jamba') return 4096;
  if (family === 'deepseekR1') return 32768;
  return 8192;
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[:]/g, '')
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-|-$/g, '');
}

function synthesizeId(row: DataRow): string {
  const fromProfile = row.inferenceProfileIds?.[0];
  if (fromProfile) return fromProfile.slice(fromProfile.indexOf('.') + 1);
  const prefix = PROVIDER_PREFIX[row.provider] ?? row.provider.toLowerCase().replace(/[^a-z0-9]/g, '');
  return `${prefix}.${slug(row.name)}`;
}

function modality(m: string): string {
  return m.toUpperCase();
}

const LEGACY = new Set(['amazon.titan-tg1-large', 'meta.llama3-8b-instruct-v1:0', 'meta.llama3-70b-instruct-v1:0', 'mistral.mistral-small-2402-v1:0', 'amazon.titan-embed-g1-text-02']);
const FINE_TUNABLE = new Set(['anthropic.claude-3-haiku-20240307-v1:0', 'meta.llama3-1-8b-instruct-v1:0', 'meta.llama3-1-70b-instruct-v1:0', 'amazon.titan-embed-text-v2:0']);
const DISTILLABLE = new Set(['amazon.nova-micro-v1:0', 'amazon.nova-lite-v1:0', 'amazon.nova-pro-v1:0']);

function defaultProfiles(id: string, family: Family, profileOnly: boolean, synthesized: boolean): string[] {
  const newerClaude = family === 'anthropic' && !/claude-3-(haiku|5)/.test(id);
  if (synthesized) return [`us.${id}`, `eu.${id}`, `global.${id}`];
  if (profileOnly) return newerClaude || id.startsWith('amazon.nova-2') ? [`us.${id}`, `eu.${id}`, `apac.${id}`, `global.${id}`] : [`us.${id}`, `eu.${id}`, `apac.${id}`];
  if (family === 'anthropic' || family === 'nova' || /^meta\.llama3-(1|3)/.test(id)) return [`us.${id}`, `eu.${id}`, `apac.${id}`];
  if (family === 'cohereEmbedV4') return [`us.${id}`, `eu.${id}`, `global.${id}`];
  return [];
}

function buildModel(row: DataRow): CatalogModel {
  const synthesizedId = !row.modelId;
  const modelId = row.modelId ?? synthesizeId(row);
  const family = familyOf(modelId);
  const apis = Object.fromEntries(Object.entries(row.apis).map(([k, v]) => [k, v === true])) as Record<ApiName, boolean>;
  const runtimeApi = apis.invoke || apis.converse;
  const profileOnly = row.inferenceProfileRequired === true || (synthesizedId && runtimeApi);
  const profileIds = row.inferenceProfileIds ?? (runtimeApi ? defaultProfiles(modelId, family, profileOnly, synthesizedId) : []);
  const embedding = ['titanEmbedV1', 'titanEmbedV2', 'titanMultimodal', 'cohereEmbedV3', 'cohereEmbedV4', 'novaEmbed', 'marengoEmbed'].includes(family);
  const inputModalities = (row.inputModalities ?? ['Text']).map(modality);
  const outputModalities = (row.outputModalities ?? [embedding ? 'Embedding' : 'Text']).map(modality);
  const legacy = LEGACY.has(modelId);
  const customizations = [...(FINE_TUNABLE.has(modelId) ? ['FINE_TUNING'] : []), ...(DISTILLABLE.has(modelId) ? ['FINE_TUNING', 'DISTILLATION'] : [])];
  const noSystem = /^(amazon\.titan-tg1|amazon\.titan-text|mistral\.mistral-7b|mistral\.mixtral)/.test(modelId);
  const noTools = noSystem || /^(meta\.llama3-(8b|70b)|deepseek\.r1|meta\.llama3-2-(1b|3b))/.test(modelId);
  const noStreamingTools = noTools || /^(meta\.llama|mistral\.mistral-(large|small)-2402|ai21\.|writer\.|deepseek\.)/.test(modelId);
  const compat = apis.chatCompletions || apis.responses || apis.messages;
  return {
    modelId,
    mantleId: mantleIdOf(modelId),
    // The frontier OpenAI models sit under /openai/v1 on mantle; gpt-oss and everyone else under /v1.
    mantlePrefix: modelId.startsWith('openai.') && !modelId.startsWith('openai.gpt-oss') ? '/openai/v1' : '/v1',
    mantleOnly: compat && !runtimeApi,
    modelName: row.name,
    providerName: PROVIDER_NAMES[row.provider] ?? row.provider,
    apis,
    streaming: row.streaming === true,
    asyncInvoke: row.asyncInvoke === true,
    profileOnly,
    profileIds,
    inputModalities,
    outputModalities,
    documentChat: row.documentChat ?? null,
    customizations,
    lifecycle: legacy
      ? { status: 'LEGACY', startOfLifeTime: '2024-04-01T00:00:00Z', legacyTime: '2025-10-01T00:00:00Z', endOfLifeTime: '2027-04-01T00:00:00Z' }
      : { status: 'ACTIVE', startOfLifeTime: '2024-10-22T00:00:00Z' },
    family,
    synthesizedId,
    maxOutputTokens: maxOutputFor(modelId, family),
    features: {
      system: !noSystem,
      tools: !noTools,
      streamingTools: !noStreamingTools,
      cachePoint: family === 'anthropic' || family === 'nova',
      countTokens: family === 'anthropic',
      reasoning: family === 'anthropic' || family === 'deepseekR1' || modelId.startsWith('amazon.nova-2') || modelId.startsWith('openai.') || modelId.includes('thinking'),
    },
  };
}

export interface SystemProfile {
  id: string;
  prefix: string;
  model: CatalogModel;
}

export class Catalog {
  readonly models: CatalogModel[];
  private readonly byId = new Map<string, CatalogModel>();
  private readonly byMantleId = new Map<string, CatalogModel>();
  private readonly profiles = new Map<string, SystemProfile>();

  constructor(rows: DataRow[] = [...(JSON.parse(readFileSync(DATA_FILE, 'utf8')) as DataRow[]), ...STABILITY_TEXT_TO_IMAGE_ROWS]) {
    this.models = [];
    for (const row of withSecondIds(rows)) {
      const m = buildModel(row);
      if (this.byId.has(m.modelId)) continue;
      this.models.push(m);
      this.byId.set(m.modelId, m);
      if (onMantle(m) && !this.byMantleId.has(m.mantleId)) this.byMantleId.set(m.mantleId, m);
      for (const pid of m.profileIds) {
        const prefix = pid.slice(0, pid.indexOf('.'));
        this.profiles.set(pid, { id: pid, prefix, model: m });
      }
    }
  }

  model(id: string): CatalogModel | undefined {
    return this.byId.get(id);
  }

  /** A model by the id bedrock-mantle knows it by (its own list; runtime ids and profiles are not there). */
  mantleModel(id: string): CatalogModel | undefined {
    const m = this.byMantleId.get(id);
    return m && onMantle(m) ? m : undefined;
  }

  /** A system profile if it exists in `region` (profiles of other geos are invalid identifiers there). */
  profile(id: string, region: string): SystemProfile | undefined {
    const p = this.profiles.get(id);
    if (!p || !prefixesForRegion(region).includes(p.prefix)) return undefined;
    return p;
  }

  profilesForRegion(region: string): SystemProfile[] {
    const prefixes = prefixesForRegion(region);
    return [...this.profiles.values()].filter((p) => prefixes.includes(p.prefix));
  }

  /** True when the id looks like a system profile id of any geo (used to tell "wrong geo" from "unknown"). */
  static isProfileShaped(id: string): boolean {
    const dot = id.indexOf('.');
    return dot > 0 && PROFILE_PREFIXES.includes(id.slice(0, dot)) && id.indexOf('.', dot + 1) > 0;
  }
}

/** Per-model patches, e.g. to flip a support flag in one test without touching the data file. */
export interface ModelOverride {
  apis?: Partial<Record<ApiName, boolean>>;
  streaming?: boolean;
  profileOnly?: boolean;
  maxOutputTokens?: number;
  inputModalities?: string[];
  documentChat?: boolean | null;
  features?: Partial<CatalogModel['features']>;
}

export function catalogWithOverrides(overrides: Record<string, ModelOverride>): Catalog {
  const c = new Catalog();
  for (const [id, o] of Object.entries(overrides)) {
    const m = c.model(id);
    if (!m) throw new UnknownModelError(id);
    Object.assign(m, { ...o, apis: { ...m.apis, ...o.apis }, features: { ...m.features, ...o.features } });
  }
  return c;
}

export class UnknownModelError extends Error {
  override name = 'UnknownModelError';
  constructor(id: string) {
    super(`no model ${id} in the catalog`);
  }
}

let shared: Catalog | undefined;
export function defaultCatalog(): Catalog {
  shared ??= new Catalog();
  return shared;
}
