// What the router learned by trying: "this model rejects system prompts", "this route is not
// served", "use this profile". Persisted per region, shown in the explorer as the `learned` source,
// and consulted before the shipped table so a mistake is made once.
import type { ApiId } from './apiId';
import type { KeyValueStore } from './keyValueStore';
import { Emitter } from './emitter';

export interface LearnedApi {
  supported: boolean;
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
}

export type LearnedFacts = Record<string, LearnedModel>;

const VERSION = 1;
const key = (region: string) => `bedrock.learned.v${VERSION}.${region}`;

export class LearnedCapabilities {
  private readonly cache = new Map<string, LearnedFacts>();
  private readonly onDidChangeEmitter = new Emitter<{ region: string; modelId: string }>();
  readonly onDidChange = this.onDidChangeEmitter.event;

  constructor(private readonly store: KeyValueStore) {}

  all(region: string): LearnedFacts {
    let facts = this.cache.get(region);
    if (!facts) {
      facts = this.store.get<LearnedFacts>(key(region)) ?? {};
      this.cache.set(region, facts);
    }
    return facts;
  }

  get(region: string, modelId: string): LearnedModel | undefined {
    return this.all(region)[modelId];
  }

  /** Merge a new fact; persists and fires when anything changed. */
  learn(region: string, modelId: string, fact: Omit<LearnedModel, 'apis'> & { api?: [ApiId, boolean, string] }): void {
    const facts = this.all(region);
    const prev = facts[modelId] ?? {};
    const next: LearnedModel = { ...prev };
    const { api, ...flags } = fact;
    for (const [k, v] of Object.entries(flags)) if (v !== undefined) (next as Record<string, unknown>)[k] = v;
    if (api) next.apis = { ...prev.apis, [api[0]]: { supported: api[1], note: api[2], at: Date.now() } };
    if (JSON.stringify(prev) === JSON.stringify(next)) return;
    facts[modelId] = next;
    void this.store.update(key(region), facts);
    this.onDidChangeEmitter.fire({ region, modelId });
  }

  /** Forget everything learned in a region (a "reset" action in the explorer). */
  clear(region: string): void {
    this.cache.set(region, {});
    void this.store.update(key(region), undefined);
    this.onDidChangeEmitter.fire({ region, modelId: '*' });
  }
}
