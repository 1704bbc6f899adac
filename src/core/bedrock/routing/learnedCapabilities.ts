// What the router learned by trying: "this model rejects system prompts", "this route is not
// served", "use this profile". Persisted per region, shown in the explorer as the `learned` source,
// and consulted before the shipped table so a mistake is made once.
import { API_IDS, type ApiId, type EndpointId } from '../catalog/apiId';
import type { MantlePrefix } from './routePlan';
import type { KeyValueStore } from '../../keyValueStore';
import { Emitter } from '../../emitter';
import { bool, hasOwn, isPlainRecord, num, object, oneOf, optional, readStored, recordOf, str, warnOnce, type Validator } from '../../schema';
import { STORAGE_VERSIONS, learnedKey } from '../../storageKeys';

export interface LearnedApi {
  supported: boolean;
  note: string;
  at: number;
  /** Only this host refused the API (the other may still serve it); absent = every host. */
  endpoint?: EndpointId;
}

export interface LearnedNote {
  note: string;
  at: number;
}

export interface LearnedModel {
  apis?: Partial<Record<ApiId, LearnedApi>>;
  /** Rejects the `system` field: fold it into the first user turn. */
  noSystemPrompt?: boolean;
  /** Rejects tools while streaming: call non-streaming when tools are present. */
  noToolStreaming?: boolean;
  /** Needs an inference profile; the profile that worked. */
  profile?: string;
  /** Max output tokens the service stated in an error. */
  maxTokens?: number;
  /** Hosts that answered "The provided model identifier is invalid." for this id. */
  unknownTo?: Partial<Record<EndpointId, LearnedNote>>;
  /** bedrock-mantle path prefix that serves this model's OpenAI APIs. */
  mantlePrefix?: MantlePrefix;
}

export type LearnedFacts = Record<string, LearnedModel>;

/** What is stored per region. */
export interface LearnedStore {
  v: typeof STORAGE_VERSIONS.learned;
  models: LearnedFacts;
}

const ENDPOINTS = ['control', 'runtime', 'mantle'] as const satisfies readonly EndpointId[];

const learnedApiFields = object<LearnedApi>({
  supported: bool,
  note: str({ max: 4000 }),
  at: num({ min: 0 }),
  endpoint: optional(oneOf(ENDPOINTS)),
});
// A refusal by one host whose host is unreadable must not widen into a refusal everywhere: drop it.
const learnedApiSchema: Validator<LearnedApi> = (raw, issues) => {
  const api = learnedApiFields(raw, issues);
  return api && isPlainRecord(raw) && raw.endpoint !== undefined && api.endpoint === undefined ? undefined : api;
};

const learnedNoteSchema = object<LearnedNote>({ note: str({ max: 4000 }), at: num({ min: 0 }) });

/** One model's facts: each fact is checked on its own, so one bad fact costs only itself. */
export const learnedModelSchema = object<LearnedModel>({
  apis: optional(recordOf(learnedApiSchema, { key: oneOf(API_IDS) })),
  noSystemPrompt: optional(bool),
  noToolStreaming: optional(bool),
  profile: optional(str({ min: 1, max: 2048 })),
  maxTokens: optional(num({ min: 1, integer: true })),
  unknownTo: optional(recordOf(learnedNoteSchema, { key: oneOf(ENDPOINTS) })),
  mantlePrefix: optional(oneOf(['/v1', '/openai/v1'])),
});

const MODEL_ID = str({ min: 1, max: 2048 });
const factsSchema = recordOf(learnedModelSchema, { key: MODEL_ID }) as Validator<LearnedFacts>;
const storeSchema = object<LearnedStore>({ v: oneOf([STORAGE_VERSIONS.learned]), models: factsSchema });

/** Before `v` was stored, the value was the model map itself. */
const migratingStoreSchema: Validator<LearnedStore> = (raw, issues) =>
  isPlainRecord(raw) && !('v' in raw) ? storeSchema({ v: STORAGE_VERSIONS.learned, models: raw }, issues) : storeSchema(raw, issues);

// A model id that would change an object's prototype is never learned about.
const UNSAFE_IDS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export class LearnedCapabilities {
  private readonly cache = new Map<string, LearnedFacts>();
  /** Regions whose store a newer version wrote: learned facts stay in memory rather than overwrite it. */
  private readonly newerVersion = new Set<string>();
  private readonly onDidChangeEmitter = new Emitter<{ region: string; modelId: string }>();
  readonly onDidChange = this.onDidChangeEmitter.event;
  private readonly warn: (message: string) => void;

  /** `warn` hears, once each, which stored facts were unreadable and dropped. */
  constructor(
    private readonly store: KeyValueStore,
    warn: (message: string) => void = () => undefined,
  ) {
    this.warn = warnOnce(warn);
  }

  all(region: string): LearnedFacts {
    let facts = this.cache.get(region);
    if (!facts) {
      const raw = this.store.get(learnedKey(region));
      const what = `what was learned about models in ${region}`;
      if (isPlainRecord(raw) && typeof raw.v === 'number' && raw.v > STORAGE_VERSIONS.learned) {
        this.newerVersion.add(region);
        this.warn(`Ignored ${what}: a newer version of the extension wrote it (format ${raw.v}); it is left as it is.`);
      }
      facts = (raw === undefined || this.newerVersion.has(region) ? undefined : readStored(migratingStoreSchema, raw, what, this.warn)?.models) ?? {};
      this.cache.set(region, facts);
    }
    return facts;
  }

  get(region: string, modelId: string): LearnedModel | undefined {
    const facts = this.all(region);
    return hasOwn(facts, modelId) ? facts[modelId] : undefined;
  }

  /** Merge a new fact; persists and fires when anything changed. */
  learn(
    region: string,
    modelId: string,
    fact: Omit<LearnedModel, 'apis' | 'unknownTo'> & { api?: [ApiId, boolean, string, EndpointId?]; unknownTo?: [EndpointId, string] },
  ): void {
    if (UNSAFE_IDS.has(modelId)) return;
    const facts = this.all(region);
    const prev = this.get(region, modelId) ?? {};
    const next: LearnedModel = { ...prev };
    const { api, unknownTo, ...flags } = fact;
    for (const [k, v] of Object.entries(flags)) if (v !== undefined) (next as Record<string, unknown>)[k] = v;
    if (api) {
      const [id, supported, note, endpoint] = api;
      const before = prev.apis?.[id];
      // Refused by one host after being refused by the other: refused everywhere.
      const scope = supported || !endpoint || (before && !before.supported && before.endpoint !== endpoint) ? undefined : endpoint;
      next.apis = { ...prev.apis, [id]: { supported, note, at: Date.now(), ...(scope ? { endpoint: scope } : {}) } };
    }
    if (unknownTo) next.unknownTo = { ...prev.unknownTo, [unknownTo[0]]: { note: unknownTo[1], at: Date.now() } };
    if (JSON.stringify(prev) === JSON.stringify(next)) return;
    facts[modelId] = next;
    if (!this.newerVersion.has(region)) void this.store.update(learnedKey(region), { v: STORAGE_VERSIONS.learned, models: facts } satisfies LearnedStore);
    this.onDidChangeEmitter.fire({ region, modelId });
  }

  /** Forget everything learned in a region (a "reset" action in the explorer). */
  clear(region: string): void {
    this.newerVersion.delete(region);
    this.cache.set(region, {});
    void this.store.update(learnedKey(region), undefined);
    this.onDidChangeEmitter.fire({ region, modelId: '*' });
  }
}
