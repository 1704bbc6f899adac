// What the router needs from the catalog: a descriptor for any id the user may pass.
import type { ModelDescriptor } from './modelDescriptor';

export interface ModelDirectory {
  /** Descriptor for a model id, profile id or ARN; falls back to the shipped table; undefined if unknown. */
  describe(modelId: string): ModelDescriptor | undefined;
}
