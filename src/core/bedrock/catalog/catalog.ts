// The model catalog: the last snapshot for this region and account is available at once (from the
// store, without loading the SDK); `refresh()` fetches ListFoundationModels, every page of
// ListInferenceProfiles and GetInferenceProfile for application profiles in the background and
// fires `onDidChange`. Also the router's ModelDirectory.
import { Disposable } from '../../lifecycle';
import { loadAwsSdk } from '../connection/loadAwsSdk';
import { buildDescriptors, shippedDescriptor, type FoundationModelInfo, type InferenceProfileInfo } from './catalogBuild';
import { CATALOG_SNAPSHOT_VERSION, readCatalogSnapshot, type CatalogSnapshot, type CatalogState } from './catalogSnapshot';
import type { ClassifiedError } from '../errors/classifiedError';
import { classifyError } from '../errors/classifyError';
import { hasEndpointOverride } from '../connection/endpointOverrides';
import type { BedrockConnection } from '../connection/connection';
import { Emitter } from '../../emitter';
import type { KeyValueStore } from '../../keyValueStore';
import type { LearnedCapabilities } from '../routing/learnedCapabilities';
import { listMantleModels, mantleAvailable, type MantleModelInfo } from './mantleModels';
import type { ModelDescriptor } from './modelDescriptor';
import type { ModelDirectory } from './modelDirectory';
import { parseModelRef } from './modelRef';
import { SHIPPED_MODELS } from './shippedCapabilities.generated';
import { warnOnce } from '../../schema';
import { catalogKey } from '../../storageKeys';

// Keyed by region and profile (the account is only known after a fetch; the snapshot records it).
// Not by auth kind: the API key arrives from SecretStorage after first paint and must not hide the cache.
const cacheKey = (c: BedrockConnection) => catalogKey(c.info.region, c.info.profile);

const MANTLE_LIST_TIMEOUT_MS = 20_000;

export interface CatalogChange {
  state: CatalogState;
  descriptors: readonly ModelDescriptor[];
  error?: ClassifiedError;
}

export class Catalog extends Disposable implements ModelDirectory {
  private snapshot: CatalogSnapshot | undefined;
  private byId = new Map<string, ModelDescriptor>();
  private raw: { models: FoundationModelInfo[]; profiles: InferenceProfileInfo[]; mantle?: MantleModelInfo[] } | undefined;
  private _mantleError: ClassifiedError | undefined;
  private _state: CatalogState = 'empty';
  private _error: ClassifiedError | undefined;
  private inflight: { version: number; region: string; done: Promise<void> } | undefined;
  private readonly onDidChangeEmitter = this._register(new Emitter<CatalogChange>());
  readonly onDidChange = this.onDidChangeEmitter.event;
  private readonly warn: (message: string) => void;

  /** `warn` hears, once each, what was dropped from an unreadable cache. */
  constructor(
    private readonly connection: BedrockConnection,
    private readonly storage: KeyValueStore,
    private readonly learned: LearnedCapabilities,
    warn: (message: string) => void = () => undefined,
  ) {
    super();
    this.warn = warnOnce(warn);
    this.loadCached();
    this._register(connection.onDidChange(() => this.loadCached()));
    // A learned fact changes badges and plans: rebuild from the last lists, no network.
    this._register(learned.onDidChange(({ region }) => region === this.region && this.rebuild()));
  }

  get region(): string {
    return this.connection.info.region;
  }
  get state(): CatalogState {
    return this._state;
  }
  get error(): ClassifiedError | undefined {
    return this._error;
  }
  get descriptors(): readonly ModelDescriptor[] {
    return this.snapshot?.descriptors ?? [];
  }
  /** Why bedrock-mantle's model list could not be read on the last refresh (the rest of the catalog still refreshed). */
  get mantleError(): ClassifiedError | undefined {
    return this._mantleError;
  }
  get fetchedAt(): number | undefined {
    return this.snapshot?.fetchedAt;
  }

  private loadCached(): void {
    const s = readCatalogSnapshot(this.storage.get(cacheKey(this.connection)), this.region, this.warn);
    this.raw = undefined;
    if (s) {
      this.setSnapshot(s);
      this.setState('cached');
    } else {
      this.snapshot = undefined;
      this.byId.clear();
      this.setState('empty');
    }
  }

  private setSnapshot(s: CatalogSnapshot): void {
    this.snapshot = s;
    this.byId = new Map();
    for (const d of s.descriptors) {
      this.byId.set(d.id, d);
      if (d.arn) this.byId.set(d.arn, d);
    }
  }

  private setState(state: CatalogState, error?: ClassifiedError): void {
    this._state = state;
    this._error = error;
    this.onDidChangeEmitter.fire({ state, descriptors: this.descriptors, error });
  }

  private rebuild(): void {
    if (!this.raw || !this.snapshot) return;
    const descriptors = buildDescriptors({ ...this.raw, shipped: SHIPPED_MODELS, learned: this.learned.all(this.region) });
    this.setSnapshot({ ...this.snapshot, descriptors });
    void this.storage.update(cacheKey(this.connection), this.snapshot);
    this.setState(this._state);
  }

  /** Mantle's list, or why it could not be read; never rejects. */
  private async mantleModels(): Promise<{ models: MantleModelInfo[] } | { error?: ClassifiedError }> {
    if (!mantleAvailable(this.connection.info)) return {};
    try {
      // Bounded: a mantle host that never answers must not hold the whole refresh.
      return { models: await listMantleModels(this.connection, AbortSignal.timeout(MANTLE_LIST_TIMEOUT_MS)) };
    } catch (err) {
      return { error: classifyError(err, { auth: this.connection.info.auth, endpointOverride: hasEndpointOverride(this.connection.info) }) };
    }
  }

  describe(modelId: string): ModelDescriptor | undefined {
    const hit = this.byId.get(modelId);
    if (hit) return hit;
    const ref = parseModelRef(modelId);
    const bare = this.byId.get(ref.id);
    if (bare) return bare;
    if (ref.kind === 'model') return shippedDescriptor(ref.id, SHIPPED_MODELS, this.learned.get(this.region, ref.id));
    return undefined;
  }

  /** Fetches in the background; concurrent calls share one fetch. Never rejects: see `state`/`error`. */
  refresh(): Promise<void> {
    // A fetch started before a settings change answers for the old connection: don't join it.
    const version = this.connection.version;
    const region = this.region;
    if (!this.inflight || this.inflight.version !== version || this.inflight.region !== region) {
      const current = { version, region, done: Promise.resolve() };
      current.done = this.doRefresh().finally(() => {
        if (this.inflight === current) this.inflight = undefined;
      });
      this.inflight = current;
    }
    return this.inflight.done;
  }

  private async doRefresh(): Promise<void> {
    const region = this.region;
    const version = this.connection.version;
    this.setState('refreshing', undefined);
    try {
      const previousMantle = this.raw?.mantle;
      const mantleP = this.mantleModels();
      const [sdk, client] = await Promise.all([loadAwsSdk(), this.connection.control()]);
      const modelsP = client.send(new sdk.ListFoundationModelsCommand({}));
      modelsP.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
      const profiles: InferenceProfileInfo[] = [];
      for (const type of ['SYSTEM_DEFINED', 'APPLICATION'] as const) {
        let nextToken: string | undefined;
        do {
          const page = await client.send(new sdk.ListInferenceProfilesCommand({ maxResults: 1000, nextToken, typeEquals: type }));
          profiles.push(...(page.inferenceProfileSummaries ?? []));
          nextToken = page.nextToken;
        } while (nextToken);
      }
      // The list call may leave an application profile's base model out: GetInferenceProfile names it.
      await Promise.all(
        profiles.map(async (p, i) => {
          if (p.type !== 'APPLICATION' || p.models?.length) return;
          const full = await client.send(new sdk.GetInferenceProfileCommand({ inferenceProfileIdentifier: p.inferenceProfileArn ?? p.inferenceProfileId }));
          profiles[i] = { ...p, models: full.models };
        }),
      );
      const models = (await modelsP).modelSummaries ?? [];
      if (version !== this.connection.version || region !== this.region) return; // settings changed mid-fetch
      const mantleResult = await mantleP;
      if (version !== this.connection.version || region !== this.region) return;
      // Mantle's list failing (no mantle here, 403, outage) costs only its models: keep the last one read.
      const mantle = 'models' in mantleResult ? mantleResult.models : previousMantle;
      this._mantleError = 'error' in mantleResult ? mantleResult.error : undefined;
      this.raw = { models, profiles, mantle };
      const account = profiles.map((p) => parseModelRef(p.inferenceProfileArn ?? '').account).find(Boolean) ?? '';
      const descriptors = buildDescriptors({ models, profiles, mantle, shipped: SHIPPED_MODELS, learned: this.learned.all(region) });
      this.setSnapshot({ v: CATALOG_SNAPSHOT_VERSION, region, account, fetchedAt: Date.now(), descriptors });
      await this.storage.update(cacheKey(this.connection), this.snapshot);
      this.setState('fresh');
    } catch (err) {
      if (version !== this.connection.version) return;
      const c = classifyError(err, { auth: this.connection.info.auth, endpointOverride: hasEndpointOverride(this.connection.info) });
      if (c.kind === 'credentials') this.connection.resetCredentials();
      this.setState('error', c);
    }
  }
}
