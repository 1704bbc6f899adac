// A catalog as cached and as the explorer reads it: per region and account, versioned so an older
// cache shape is dropped rather than misread.
import type { ModelDescriptor } from './modelDescriptor';

export const CATALOG_SNAPSHOT_VERSION = 1;

export interface CatalogSnapshot {
  v: typeof CATALOG_SNAPSHOT_VERSION;
  region: string;
  /** Account id when known (from a profile ARN); '' otherwise. */
  account: string;
  /** ms since epoch of the successful refresh that produced it. */
  fetchedAt: number;
  descriptors: ModelDescriptor[];
}

export type CatalogState = 'empty' | 'cached' | 'refreshing' | 'fresh' | 'error';
