// Which chat model a new chat, Explain or Ask uses when the user has not just picked one: the model
// they used last, else the `bedrock.chat.defaultModel` setting, else a current mid-size model from the
// catalog. Never the first alphabetically: that is an old or tiny model in every region's list.
import { STORAGE_VERSIONS } from '../../storageKeys';
import { readStoredModelIds } from '../../storedModelIds';
import { isChatModel, type ModelDescriptor } from './modelDescriptor';

/** How many recently used models the picker lists first. */
export const RECENT_MODELS_KEPT = 5;

export interface ChatModelCandidate {
  id: string;
  /** Display name, e.g. "Claude Sonnet 4". */
  label: string;
  provider?: string;
  legacy?: boolean;
}

/** The chat models and profiles in the catalog, as the default-model rule takes them. */
export function chatModelCandidates(descriptors: readonly ModelDescriptor[]): ChatModelCandidate[] {
  return descriptors.filter(isChatModel).map((d) => ({ id: d.id, label: d.name, provider: d.provider, legacy: d.legacy }));
}

export interface DefaultChatModelInput {
  /** Most recent first; ids no longer in the catalog are skipped. */
  recent?: readonly string[];
  /** The setting's value: honoured even when the catalog does not list it (an ARN, another region's profile). */
  configured?: string;
  models: readonly ChatModelCandidate[];
}

/**
 * Mid-size chat families, best first: capable enough to explain code well, fast and priced for all-day
 * use. Within a family the newest version wins. Matched against the id and the name, lower-cased.
 */
const MID_SIZE_FAMILIES: readonly RegExp[] = [
  /sonnet/,
  /nova[-\s]*2[-\s]*lite|nova[-\s]*pro/,
  /llama.*70b/,
  /mistral[-\s]*large|mistral[-\s]*medium/,
  /gpt-oss[-\s]*120b/,
  /command[-\s]*r[-\s]*(plus|\+)/,
  /haiku/,
  /nova[-\s]*lite/,
];

/** Returns the model id to use, or undefined when there is none to choose from. */
export function chooseDefaultChatModel(input: DefaultChatModelInput): string | undefined {
  const listed = new Set(input.models.map((m) => m.id));
  // Before the catalog has loaded, the user's own choices stand as they are.
  const known = (id: string) => listed.size === 0 || listed.has(id);
  const recent = input.recent?.find((id) => id && known(id));
  if (recent) return recent;
  const configured = input.configured?.trim();
  if (configured) return configured;
  return midSizeModel(input.models);
}

/** The newest model of the most preferred mid-size family; a current model of any kind when none matches. */
export function midSizeModel(models: readonly ChatModelCandidate[]): string | undefined {
  const current = models.filter((m) => !m.legacy);
  const pool = current.length ? current : models;
  let best: { model: ChatModelCandidate; family: number; version: number[] } | undefined;
  for (const model of pool) {
    const text = `${model.id} ${model.label}`.toLowerCase();
    const found = MID_SIZE_FAMILIES.findIndex((re) => re.test(text));
    const family = found < 0 ? MID_SIZE_FAMILIES.length : found;
    const candidate = { model, family, version: versionKey(model.id) };
    if (!best || compare(candidate, best) < 0) best = candidate;
  }
  return best?.model.id;
}

function compare(a: { model: ChatModelCandidate; family: number; version: number[] }, b: typeof a): number {
  if (a.family !== b.family) return a.family - b.family;
  const byVersion = compareVersions(b.version, a.version); // newer first
  if (byVersion !== 0) return byVersion;
  // A bare model id before the profiles that route to it; then a stable order.
  return a.model.id.length - b.model.id.length || a.model.id.localeCompare(b.model.id);
}

/**
 * Sorts ids by release: the version numbers in the name in order ("claude-sonnet-4-5" after
 * "claude-sonnet-4" after "claude-3-7-sonnet"; "llama3-3" after "llama3-1"), then an 8-digit release
 * date (20241022 after 20240620) for two releases of one version.
 */
export function versionKey(id: string): number[] {
  const date = id.match(/(?:^|\D)(20\d{6})(?:\D|$)/)?.[1];
  const name = id
    .replace(/^[a-z]+\.(?=[a-z]+\.)/, '') // a geo profile prefix (us., eu., apac., global.) says nothing of the version
    .replace(/(^|\D)20\d{6}(?=\D|$)/g, '$1')
    .replace(/-v\d+(:\d+)?$/, '');
  const numbers = (name.match(/\d+/g) ?? []).map(Number);
  return [...numbers, -1, date ? Number(date) : 0];
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** The stored recent list as far as it is readable: `{ v, ids }` with string ids; anything else is an empty list. */
export function readRecentModels(raw: unknown): string[] {
  return readStoredModelIds(raw, STORAGE_VERSIONS.recentChatModels, RECENT_MODELS_KEPT);
}

/** The value to store after `id` was used: it moves to the front, the list stays short. */
export function withRecentModel(recent: readonly string[], id: string): { v: number; ids: string[] } {
  return { v: STORAGE_VERSIONS.recentChatModels, ids: [id, ...recent.filter((r) => r !== id)].slice(0, RECENT_MODELS_KEPT) };
}
