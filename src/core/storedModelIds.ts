// A stored list of model ids (recent models, favourites) as far as it is readable. The value is
// `{ v, ids }`; another version, a non-list or a non-string id reads as nothing rather than a guess.

/** Longer than any model id or ARN; a corrupt entry cannot carry a whole file. */
const MAX_ID_CHARS = 2048;

/** The readable, distinct ids of a `{ v, ids }` value written at `version`, at most `max` of them. */
export function readStoredModelIds(raw: unknown, version: number, max: number): string[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const { v, ids } = raw as { v?: unknown; ids?: unknown };
  if (v !== version || !Array.isArray(ids)) return [];
  const out: string[] = [];
  for (const id of ids) {
    if (typeof id === 'string' && id.trim() && id.length <= MAX_ID_CHARS && !out.includes(id)) out.push(id);
    if (out.length === max) break;
  }
  return out;
}
