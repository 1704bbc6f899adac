// What the explorer shows: a filter the user builds, applied to descriptors. Pure, so it is unit
// tested and benchmarked without VS Code.
import { API_IDS, type ApiId } from '../bedrock/catalog/apiId';
import { OUTPUT_KINDS, outputKindOf, type ModelDescriptor, type OutputKind } from '../bedrock/catalog/modelDescriptor';
import { bool, isPlainRecord, object, oneOf, optional, readStored, str, type Validator } from '../schema';
import { STORAGE_VERSIONS } from '../storageKeys';

export interface ModelFilter {
  text?: string;
  produces?: OutputKind;
  api?: ApiId;
  hideLegacy?: boolean;
}

export function isFilterActive(f: ModelFilter): boolean {
  return !!(f.text?.trim() || f.produces || f.api || f.hideLegacy);
}

export function matchesFilter(d: ModelDescriptor, f: ModelFilter): boolean {
  if (f.hideLegacy && d.legacy) return false;
  if (f.produces && outputKindOf(d) !== f.produces) return false;
  if (f.api && d.apis[f.api]?.supported !== true) return false;
  const text = f.text?.trim().toLowerCase();
  if (text && !d.id.toLowerCase().includes(text) && !d.name.toLowerCase().includes(text) && !d.provider.toLowerCase().includes(text)) {
    return false;
  }
  return true;
}

/** One line for the view's description, so the active filter is always visible. */
export function describeFilter(f: ModelFilter, apiLabel: (api: ApiId) => string): string {
  const parts: string[] = [];
  if (f.text?.trim()) parts.push(`“${f.text.trim()}”`);
  if (f.produces) parts.push(`produces ${f.produces}`);
  if (f.api) parts.push(`supports ${apiLabel(f.api)}`);
  if (f.hideLegacy) parts.push('no legacy');
  return parts.length ? `Filter: ${parts.join(', ')}` : '';
}

/** The filter as stored: versioned, so a later shape can be told apart. */
export interface StoredModelFilter extends ModelFilter {
  v: typeof STORAGE_VERSIONS.explorerFilter;
}

const storedFilterSchema = object<StoredModelFilter>({
  v: oneOf([STORAGE_VERSIONS.explorerFilter]),
  text: optional(str({ max: 1000 })),
  produces: optional(oneOf(OUTPUT_KINDS)),
  api: optional(oneOf(API_IDS)),
  hideLegacy: optional(bool),
});

/** Before `v` was stored, the value was the filter itself. */
const migratingFilterSchema: Validator<StoredModelFilter> = (raw, issues) =>
  storedFilterSchema(isPlainRecord(raw) && !('v' in raw) ? { ...raw, v: STORAGE_VERSIONS.explorerFilter } : raw, issues);

/** The stored filter with every unreadable part left out (no filter at all when nothing is readable). */
export function readModelFilter(raw: unknown, warn: (message: string) => void): ModelFilter {
  if (raw === undefined) return {};
  const { v: _v, ...filter } = readStored(migratingFilterSchema, raw, 'the saved model filter', warn) ?? { v: STORAGE_VERSIONS.explorerFilter };
  return filter;
}

/** What to store for `f`: nothing when it filters nothing. */
export function storedModelFilter(f: ModelFilter): StoredModelFilter | undefined {
  return isFilterActive(f) ? { ...f, v: STORAGE_VERSIONS.explorerFilter } : undefined;
}

/** Above this many matches, opening every group would bury the list: groups stay as they were. */
const EXPAND_AT_MOST = 50;

/** Whether the filter narrowed the list enough that its provider groups should open by themselves. */
export function shouldExpandGroups(f: ModelFilter, matches: number): boolean {
  if (!isFilterActive(f) || matches === 0) return false;
  return !!f.text?.trim() || matches <= EXPAND_AT_MOST;
}
