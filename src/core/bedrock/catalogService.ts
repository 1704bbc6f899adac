// The catalog as the UI uses it: the last good list for this region and identity is available at
// once from storage (no network, no SDK), a refresh runs in the background, and a failed refresh
// keeps the last good list and says why.
import { Disposable } from '../lifecycle';
import { loadAwsSdk } from '../loadAwsSdk';
import { buildDescriptors, shippedDescriptor, type FoundationModelInfo, type InferenceProfileInfo } from './catalogBuild';
import { CATALOG_SNAPSHOT_VERSION, type CatalogSnapshot, type CatalogState } from './catalogSnapshot';
import type { ClassifiedError } from './classifiedError';
import { classifyError } from './classifyError';
import type { BedrockConnection } from './connection';
import { Emitter } from './emitter';
import type { KeyValueStore } from './keyValueStore';
import type { LearnedCapabilities } from './learnedCapabilities';
import type { ModelDescriptor } from './modelDescriptor';
import type { ModelDirectory } from './modelDirectory';
import { SHIPPED_MODELS } from './shippedCapabilities.generated';

export interface CatalogLists {
  models: FoundationModelInfo[];
  profiles: InferenceProfileInfo[];
}

/** Lists everything the catalog is built from: every model, every page of every profile type. */
export async function fetchCatalogLists(connection: BedrockConnection, signal?: AbortSignal): Promise<CatalogLists> {
  const sdk = await loadAwsSdk();
  const client = await connection.control();
  const [modelsOut, profiles] = await Promise.all([
    client.send(new sdk.ListFoundationModelsCommand({}), { abortSignal: signal }),
    (async () => {
      const all: InferenceProfileInfo[] = [];
      for (const type of ['SYSTEM_DEFINED', 'APPLICATION'] as const) {
        for await (const page of sdk.paginateListInferenceProfiles({ client, pageSize: 1000 }, { typeEquals: type })) {
          all.push(...((page.inferenceProfileSummaries ?? []) as InferenceProfileInfo[]));
        }
      }
      return all;
    })(),
  ]);
  // Application profiles' summaries can lack their model list; ask for each one (field notes:
  // "resolve a profile's base model with GetInferenceProfile before looking up capabilities").
  await Promise.all(
    profiles
      .filter((p) => p.type === 'APPLICATION' && !p.models?.length && p.inferenceProfileArn)
      .map(async (p) => {
        const full = await client.send(new sdk.GetInferenceProfileCommand({ inferenceProfileIdentifier: p.inferenceProfileArn }), { abortSignal: signal });
        p.models = full.models;
      }),
  );
  return { models: (modelsOut.modelSummaries ?? []) as FoundationModelInfo[], profiles };
}

export type CatalogListFetcher = (signal?: AbortSignal) => Promise<CatalogLists>;

/** Storage key per region and identity (profile / key kind): one account's list never shows for another. */
function cacheKey(region: string, identity: string): string {
  return `bedrock.catalog.v${CATALOG_SNAPSHOT_VERSION}.${region}.${identity || 'default'}`;
}

function accountOf(profiles: InferenceProfileInfo[]): string {
  for (const p of profiles) {
    const m = /^arn:aws[\w-]*:bedrock:[^:]*:(\d{12}):/.exec(p.inferenceProfileArn ?? '');
    if (m) return m[1];
  }
  return '';
}

export class CatalogService extends Disposable implements ModelDirectory {
  private _snapshot: CatalogSnapshot | undefined;
  private _state: CatalogState = 'empty';
  private _lastError: ClassifiedError | undefined;
  private inFlight: Promise<void> | undefined;
  private byId = new Map<string, ModelDescriptor>();
  private region = '';
  private identity = '';
  private readonly onDidChangeEmitter = this._register(new Emitter<void>());
  readonly onDidChange = this.onDidChangeEmitter.event;

  constructor(
    private readonly cache: KeyValueStore,
    private readonly learned: LearnedCapabilities,
    private readonly fetchLists: CatalogListFetcher,
  ) {
    super();
    // What the router learns shows up in the explorer without a network refresh.
    this._register(learned.onDidChange(({ region }) => region === this.region && this.rebuildFromLearned()));
  }

  get snapshot(): CatalogSnapshot | undefined {
    return this._snapshot;
  }
  get state(): CatalogState {
    return this._state;
  }
  get lastError(): ClassifiedError | undefined {
    return this._lastError;
  }

  /** Switches to a region/identity and shows its cached list at once (synchronous: no I/O beyond storage). */
  useConnection(region: string, identity: string): void {
    if (region === this.region && identity === this.identity && this._snapshot) return;
    this.region = region;
    this.identity = identity;
    this.inFlight = undefined;
    const cached = this.cache.get<CatalogSnapshot>(cacheKey(region, identity));
    this.setSnapshot(cached?.v === CATALOG_SNAPSHOT_VERSION && cached.region === region ? cached : undefined);
    this._lastError = undefined;
    this._state = this._snapshot ? 'cached' : 'empty';
    this.onDidChangeEmitter.fire();
  }

  /** Refreshes from the service; concurrent calls share one request. Never rejects: see lastError. */
  refresh(): Promise<void> {
    this.inFlight ??= this.doRefresh().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async doRefresh(): Promise<void> {
    const region = this.region;
    const identity = this.identity;
    this._state = 'refreshing';
    this.onDidChangeEmitter.fire();
    try {
      const lists = await this.fetchLists();
      if (region !== this.region || identity !== this.identity) return; // switched meanwhile
      const snapshot: CatalogSnapshot = {
        v: CATALOG_SNAPSHOT_VERSION,
        region,
        account: accountOf(lists.profiles),
        fetchedAt: Date.now(),
        descriptors: buildDescriptors({ ...lists, shipped: SHIPPED_MODELS, learned: this.learned.all(region) }),
      };
      this.lastLists = lists;
      this.setSnapshot(snapshot);
      this._lastError = undefined;
      this._state = 'fresh';
      await this.cache.update(cacheKey(region, identity), snapshot);
    } catch (e) {
      if (region !== this.region || identity !== this.identity) return;
      this._lastError = classifyError(e);
      this._state = 'error';
    }
    this.onDidChangeEmitter.fire();
  }

  private lastLists: CatalogLists | undefined;

  private rebuildFromLearned(): void {
    if (!this._snapshot || !this.lastLists) return;
    this.setSnapshot({ ...this._snapshot, descriptors: buildDescriptors({ ...this.lastLists, shipped: SHIPPED_MODELS, learned: this.learned.all(this.region) }) });
    this.onDidChangeEmitter.fire();
  }

  private setSnapshot(s: CatalogSnapshot | undefined): void {
    this._snapshot = s;
    this.byId = new Map((s?.descriptors ?? []).flatMap((d) => (d.arn ? [[d.id, d], [d.arn, d]] : [[d.id, d]])));
  }

  describe(modelId: string): ModelDescriptor | undefined {
    const hit = this.byId.get(modelId);
    if (hit) return hit;
    const d = shippedDescriptor(modelId, SHIPPED_MODELS, this.learned.get(this.region, modelId));
    // Unknown to the service and to our table: the router still tries Converse first (field notes).
    return d;
  }
}
