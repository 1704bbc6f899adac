// What a route handler gets: the exchange, the request and the emulator's shared state.
import type { Catalog, CatalogModel } from './catalog';
import type { Exchange } from './exchange';
import type { ScenarioPlayer } from './scenario';
import type { AsyncJobStore } from './asyncInvoke';
import type { RecordedRequest } from './recordedRequest';

export interface EmulatorState {
  catalog: Catalog;
  seed: number;
  scenario: ScenarioPlayer;
  asyncJobs: AsyncJobStore;
}

export interface RouteCall {
  ex: Exchange;
  state: EmulatorState;
  record: RecordedRequest;
  route: string;
  /** Region from the SigV4 scope or short-term key (default us-east-1). */
  region: string;
  /** Decoded path label (model id, profile id, invocation ARN). */
  label?: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  rawBody: Buffer;
  /** Model the label resolved to (set before the handler runs, when resolution succeeded). */
  resolved?: ResolvedModel;
}

export interface ResolvedModel {
  model: CatalogModel;
  /** The profile id when called through a system or application profile. */
  profileId?: string;
  viaProfile: boolean;
}
