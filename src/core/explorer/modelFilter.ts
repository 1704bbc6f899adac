// What the explorer shows: a filter the user builds, applied to descriptors. Pure, so it is unit
// tested and benchmarked without VS Code.
import type { ApiId } from '../bedrock/apiId';
import type { ModelDescriptor } from '../bedrock/modelDescriptor';

/** What a model produces, as the explorer groups it (its icon, and the "Produces" filter). */
export type OutputKind = 'text' | 'embedding' | 'image' | 'video' | 'speech';

export interface ModelFilter {
  text?: string;
  produces?: OutputKind;
  api?: ApiId;
  hideLegacy?: boolean;
}

export function outputKindOf(d: Pick<ModelDescriptor, 'outputModalities'>): OutputKind {
  const out = d.outputModalities;
  if (out.includes('EMBEDDING')) return 'embedding';
  if (out.includes('VIDEO')) return 'video';
  if (out.includes('IMAGE') && !out.includes('TEXT')) return 'image';
  if ((out.includes('SPEECH') || out.includes('AUDIO')) && !out.includes('TEXT')) return 'speech';
  if (out.includes('SPEECH') || out.includes('AUDIO')) return 'speech';
  return 'text';
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
