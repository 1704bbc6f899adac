// Merges the service's lists, the shipped table and learned facts into one descriptor per model and
// per profile. Pure and SDK-free (the inputs are structural subsets of the SDK outputs), so it runs
// in the benchmark and in the explorer without loading the SDK.
import { API_IDS, type ApiId, type ApiSupport } from './apiId';
import type { LearnedFacts, LearnedModel } from '../routing/learnedCapabilities';
import type { Modality, ModelDescriptor, ProfileRef } from './modelDescriptor';
import { EMBED_LIMITS, embedFamilyOf } from './modelFamily';
import { mantleIdFromRuntimeId } from '../adapters/compatRoutes';
import type { MantleModelInfo } from './mantleModels';
import { readableModelName, rowNamedLike } from './modelNames';
import { modelIdFromArn, profilePrefix, regionFromArn } from './modelRef';
import type { ShippedModel } from './shippedModel';

export interface FoundationModelInfo {
  modelArn?: string;
  modelId?: string;
  modelName?: string;
  providerName?: string;
  inputModalities?: string[];
  outputModalities?: string[];
  responseStreamingSupported?: boolean;
  inferenceTypesSupported?: string[];
  modelLifecycle?: { status?: string };
}

export interface InferenceProfileInfo {
  inferenceProfileId?: string;
  inferenceProfileArn?: string;
  inferenceProfileName?: string;
  models?: { modelArn?: string }[];
  type?: string;
  status?: string;
}

export interface CatalogInputs {
  models: FoundationModelInfo[];
  profiles: InferenceProfileInfo[];
  shipped: readonly ShippedModel[];
  learned: LearnedFacts;
  /** bedrock-mantle's model list; absent when it was not read (no mantle in the region, or it failed). */
  mantle?: readonly MantleModelInfo[];
}

export class ShippedIndex {
  private readonly byId = new Map<string, ShippedModel>();
  private readonly byName = new Map<string, ShippedModel>();
  constructor(rows: readonly ShippedModel[]) {
    for (const r of rows) {
      if (r.id) this.byId.set(r.id, r);
      else this.unnamed.push(r);
      this.byName.set(nameKey(r.p, r.n), r);
    }
  }
  /** The rows known by name alone (no published id), for ids no listing names. */
  readonly unnamed: ShippedModel[] = [];
  find(modelId: string, provider?: string, name?: string): ShippedModel | undefined {
    return this.byId.get(modelId) ?? (provider && name ? this.byName.get(nameKey(provider, name)) : undefined);
  }
}

const nameKey = (provider: string, name: string) => `${provider.toLowerCase().replace(/\s+labs$/, '')}/${name.toLowerCase()}`;

const shippedIndexes = new WeakMap<readonly ShippedModel[], ShippedIndex>();
function indexOf(rows: readonly ShippedModel[]): ShippedIndex {
  let ix = shippedIndexes.get(rows);
  if (!ix) shippedIndexes.set(rows, (ix = new ShippedIndex(rows)));
  return ix;
}

function toModalities(list: string[] | undefined): Modality[] {
  return (list ?? []).map((m) => m.toUpperCase() as Modality);
}

function profileRef(p: InferenceProfileInfo): ProfileRef {
  const id = p.inferenceProfileId ?? '';
  const application = p.type === 'APPLICATION';
  const regions: string[] = [];
  for (const m of p.models ?? []) {
    const r = m.modelArn ? regionFromArn(m.modelArn) : undefined;
    if (r && !regions.includes(r)) regions.push(r);
  }
  return {
    id: application ? (p.inferenceProfileArn ?? id) : id,
    arn: p.inferenceProfileArn ?? '',
    name: p.inferenceProfileName ?? id,
    type: application ? 'APPLICATION' : 'SYSTEM_DEFINED',
    scope: application ? 'application' : profilePrefix(id) === 'global' ? 'global' : 'geo',
    regions,
  };
}

// Regional geo profiles first (org policies often deny global.), then global, then application.
const SCOPE_ORDER = { geo: 0, global: 1, application: 2 } as const;
function byPreference(a: ProfileRef, b: ProfileRef): number {
  return SCOPE_ORDER[a.scope] - SCOPE_ORDER[b.scope] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * API support for one model: learned beats service beats shipped. The service's metadata speaks
 * only about streaming and embedding output; the rest comes from the table.
 */
export function mergeApis(
  shipped: ShippedModel | undefined,
  service: FoundationModelInfo | undefined,
  learned: LearnedModel | undefined,
): Record<ApiId, ApiSupport> {
  const apis = {} as Record<ApiId, ApiSupport>;
  const streaming = service?.responseStreamingSupported;
  const out = service?.outputModalities;
  for (const api of API_IDS) {
    let s: ApiSupport = { supported: shipped ? shipped.a[api] : null, source: 'shipped' };
    if (streaming === false && (api === 'converse-stream' || api === 'invoke-stream')) {
      s = { supported: false, source: 'service' };
    }
    if (out && api === 'embed') s = { supported: out.includes('EMBEDDING'), source: 'service' };
    if (out && !out.includes('TEXT') && (api === 'converse' || api === 'converse-stream')) {
      s = { supported: false, source: 'service' };
    }
    const l = learned?.apis?.[api];
    // A refusal by one host only (the other may serve it) says nothing about the API as a whole.
    if (l && !(l.endpoint && !l.supported)) s = { supported: l.supported, source: 'learned', note: l.note };
    apis[api] = s;
  }
  return apis;
}

function onDemandOf(m: FoundationModelInfo | undefined, shipped: ShippedModel | undefined): boolean | null {
  const types = m?.inferenceTypesSupported;
  if (types && types.length) return types.includes('ON_DEMAND');
  return shipped?.pr == null ? null : !shipped.pr;
}

export function modelDescriptor(
  m: FoundationModelInfo,
  shipped: ShippedModel | undefined,
  learned: LearnedModel | undefined,
  profiles: ProfileRef[],
): ModelDescriptor {
  const id = m.modelId ?? modelIdFromArn(m.modelArn ?? '');
  const onDemand = onDemandOf(m, shipped);
  const status = m.modelLifecycle?.status;
  const family = embedFamilyOf(id);
  return {
    id,
    kind: 'model',
    arn: m.modelArn,
    name: m.modelName ?? shipped?.n ?? id,
    provider: m.providerName ?? shipped?.p ?? id.split('.')[0],
    inputModalities: m.inputModalities ? toModalities(m.inputModalities) : (shipped?.in ?? []),
    outputModalities: m.outputModalities ? toModalities(m.outputModalities) : (shipped?.out ?? []),
    documentInput: shipped?.doc ?? null,
    streaming: m.responseStreamingSupported ?? shipped?.s ?? null,
    lifecycle: status === 'LEGACY' ? 'LEGACY' : status === 'ACTIVE' ? 'ACTIVE' : 'UNKNOWN',
    legacy: status === 'LEGACY',
    onDemand,
    profileOnly: onDemand === false,
    profiles,
    apis: mergeApis(shipped, m, learned),
    limits: { maxOutputTokens: learned?.maxTokens, embed: family ? EMBED_LIMITS[family] : undefined },
    listed: true,
  };
}

/** A descriptor from the shipped table alone, for ids the service did not list (or before it answered). */
export function shippedDescriptor(modelId: string, shipped: readonly ShippedModel[], learned?: LearnedModel): ModelDescriptor {
  const row = indexOf(shipped).find(modelId);
  const d = modelDescriptor({ modelId }, row, learned, []);
  d.listed = false;
  return d;
}

const RUNTIME_ONLY_APIS: readonly ApiId[] = ['converse', 'converse-stream', 'invoke', 'invoke-stream', 'embed', 'async-invoke', 'bidirectional'];

/**
 * Marks each runtime model with the id mantle lists it under (its own id, or that id without the
 * version suffix), and returns descriptors for the models only mantle lists.
 */
function mergeMantle(models: ModelDescriptor[], list: readonly MantleModelInfo[], shipped: ShippedIndex, learned: LearnedFacts): ModelDescriptor[] {
  const listed = new Set(list.map((m) => m.id));
  const claimed = new Set<string>();
  const providerByPrefix = new Map<string, string>();
  for (const d of models) {
    const short = mantleIdFromRuntimeId(d.id);
    const hit = listed.has(d.id) ? d.id : listed.has(short) ? short : undefined;
    d.mantleId = hit && !claimed.has(hit) ? hit : null;
    if (d.mantleId) claimed.add(d.mantleId);
    const prefix = d.id.slice(0, d.id.indexOf('.'));
    if (!providerByPrefix.has(prefix)) providerByPrefix.set(prefix, d.provider);
  }
  return list
    .filter((m) => !claimed.has(m.id))
    .map((m) => {
      // Mantle's list has ids only: the name comes from the shipped table, else from the id itself.
      const row = shipped.find(m.id) ?? rowNamedLike(m.id, shipped.unnamed);
      const provider = providerByPrefix.get(m.id.slice(0, m.id.indexOf('.'))) ?? row?.p ?? m.ownedBy;
      const d = modelDescriptor({ modelId: m.id, providerName: provider, modelName: row?.n ?? readableModelName(m.id) }, row, learned[m.id], []);
      // The runtime did not list it: its APIs are out; mantle's (chat, Responses, Messages) stay as known.
      for (const api of RUNTIME_ONLY_APIS) if (d.apis[api].source !== 'learned') d.apis[api] = { supported: false, source: 'service' };
      if (!d.inputModalities.length) d.inputModalities = ['TEXT'];
      if (!d.outputModalities.length) d.outputModalities = ['TEXT'];
      return { ...d, onDemand: true, profileOnly: false, mantleId: m.id, mantleOnly: true };
    });
}

/** One descriptor per listed model and per ACTIVE profile, models first, each list sorted by provider then name. */
export function buildDescriptors(inputs: CatalogInputs): ModelDescriptor[] {
  const shipped = indexOf(inputs.shipped);
  const refsByModel = new Map<string, ProfileRef[]>();
  const profileEntries: [ProfileRef, string | undefined][] = [];
  for (const p of inputs.profiles) {
    if (p.status && p.status !== 'ACTIVE') continue;
    const ref = profileRef(p);
    const seen = new Set<string>();
    for (const pm of p.models ?? []) {
      if (!pm.modelArn) continue;
      const mid = modelIdFromArn(pm.modelArn);
      if (seen.has(mid)) continue;
      seen.add(mid);
      let list = refsByModel.get(mid);
      if (!list) refsByModel.set(mid, (list = []));
      list.push(ref);
    }
    profileEntries.push([ref, p.models?.[0]?.modelArn ? modelIdFromArn(p.models[0].modelArn) : undefined]);
  }

  const modelsById = new Map<string, ModelDescriptor>();
  const models: ModelDescriptor[] = [];
  for (const m of inputs.models) {
    const id = m.modelId ?? modelIdFromArn(m.modelArn ?? '');
    if (!id || modelsById.has(id)) continue;
    const refs = refsByModel.get(id) ?? [];
    refs.sort(byPreference);
    const d = modelDescriptor(m, shipped.find(id, m.providerName, m.modelName), inputs.learned[id], refs);
    modelsById.set(id, d);
    models.push(d);
  }

  if (inputs.mantle) models.push(...mergeMantle(models, inputs.mantle, shipped, inputs.learned));

  const profiles: ModelDescriptor[] = [];
  for (const [ref, baseId] of profileEntries) {
    const base = baseId ? modelsById.get(baseId) : undefined;
    const learned = inputs.learned[ref.id];
    const baseShipped = baseId ? shipped.find(baseId) : undefined;
    profiles.push({
      ...(base ?? shippedDescriptor(baseId ?? ref.id, inputs.shipped)),
      id: ref.id,
      kind: ref.type === 'APPLICATION' ? 'applicationProfile' : 'systemProfile',
      arn: ref.arn,
      name: ref.name,
      onDemand: true,
      profileOnly: false,
      profiles: [],
      baseModelId: baseId,
      // Learned facts about the base model apply to its profiles, then profile-specific ones on top.
      apis: learned ? mergeApis(baseShipped, undefined, { ...inputs.learned[baseId ?? ''], ...learned }) : (base?.apis ?? mergeApis(baseShipped, undefined, baseId ? inputs.learned[baseId] : undefined)),
      listed: true,
    });
  }

  // Plain code-unit comparison: localeCompare costs ~10x and the explorer sorts again for display.
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const order = (a: ModelDescriptor, b: ModelDescriptor) => cmp(a.provider, b.provider) || cmp(a.name, b.name) || cmp(a.id, b.id);
  models.sort(order);
  profiles.sort(order);
  return [...models, ...profiles];
}

/** Descriptors grouped by provider for the explorer, provider names sorted. */
export function groupByProvider(descriptors: readonly ModelDescriptor[]): Map<string, ModelDescriptor[]> {
  const groups = new Map<string, ModelDescriptor[]>();
  for (const d of descriptors) {
    let g = groups.get(d.provider);
    if (!g) groups.set(d.provider, (g = []));
    g.push(d);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
