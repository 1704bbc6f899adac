// A catalog as cached and as the explorer reads it: per region and account, versioned so an older
// cache shape is dropped rather than misread.
import { arrayOf, num, object, oneOf, readStored, str } from '../../schema';
import { STORAGE_VERSIONS } from '../../storageKeys';
import { modelDescriptorSchema, type ModelDescriptor } from './modelDescriptor';

export const CATALOG_SNAPSHOT_VERSION = STORAGE_VERSIONS.catalog;

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

const snapshotSchema = object<CatalogSnapshot>({
  v: oneOf([CATALOG_SNAPSHOT_VERSION]),
  region: str({ min: 1, max: 64 }),
  account: str({ max: 64 }),
  fetchedAt: num({ min: 0 }),
  descriptors: arrayOf(modelDescriptorSchema, { max: 20_000 }),
});

/**
 * The cached snapshot for `region`, keeping every readable descriptor; undefined when nothing was
 * stored or the snapshot itself is unusable (the next refresh replaces it). Problems are reported
 * through `warn`, never thrown.
 */
export function readCatalogSnapshot(raw: unknown, region: string, warn: (message: string) => void): CatalogSnapshot | undefined {
  if (raw === undefined) return undefined;
  const s = readStored(snapshotSchema, raw, 'the cached model list', warn);
  return s?.region === region ? s : undefined;
}
