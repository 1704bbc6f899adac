// The model picker's list, as data: what matches the filter, in which sections and order.
// Favourites first, then models used lately, then every other model by provider; a model shows in
// one section only. Pure, so the ordering and the search are unit-tested without a DOM.
import type { ModelOption } from '../../src/shared/protocol';

export interface ModelSection {
  /** Heading shown above the section. */
  title: string;
  models: ModelOption[];
}

/** Lower-case words of a query; every word must appear in the name, provider or id. */
export function matchesQuery(m: ModelOption, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const hay = `${m.label} ${m.provider ?? ''} ${m.id}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/**
 * Models that only edit an image (remove its background, edit a part of it) are run from the
 * explorer's image commands, not picked for a conversation: the list leaves them out.
 */
export function isPickable(m: ModelOption): boolean {
  return !m.image || m.image.tasks.includes('textToImage');
}

export function modelSections(models: readonly ModelOption[], opts: { query: string; favourites: readonly string[]; recent: readonly string[] }): ModelSection[] {
  const matching = models.filter((m) => isPickable(m) && matchesQuery(m, opts.query));
  const byId = new Map(matching.map((m) => [m.id, m]));
  const taken = new Set<string>();
  const pick = (ids: readonly string[]) =>
    ids.flatMap((id) => {
      const m = byId.get(id);
      if (!m || taken.has(id)) return [];
      taken.add(id);
      return [m];
    });
  const sections: ModelSection[] = [];
  const favourites = pick(opts.favourites);
  if (favourites.length) sections.push({ title: 'Favourites', models: favourites });
  const recent = pick(opts.recent);
  if (recent.length) sections.push({ title: 'Recently used', models: recent });
  const byProvider = new Map<string, ModelOption[]>();
  for (const m of matching) {
    if (taken.has(m.id)) continue;
    const p = m.provider ?? 'Other';
    if (!byProvider.has(p)) byProvider.set(p, []);
    byProvider.get(p)!.push(m);
  }
  for (const [title, list] of byProvider) sections.push({ title, models: list });
  return sections;
}
