// What the user keeps across chats besides the model: favourite models (listed first in the
// picker) and the system prompt new chats start with. Stored versioned in global state; a stored
// value that is not what this version wrote reads as "none" rather than as a guess.
import { STORAGE_VERSIONS } from '../storageKeys';
import { readStoredModelIds } from '../storedModelIds';

/** More favourites than anyone stars; a corrupt list cannot grow without bound. */
export const MAX_FAVOURITES = 100;
/** A saved default system prompt longer than this is not one the chat wrote. */
export const MAX_DEFAULT_SYSTEM_CHARS = 100_000;

export function readFavouriteModels(raw: unknown): string[] {
  return readStoredModelIds(raw, STORAGE_VERSIONS.favouriteChatModels, MAX_FAVOURITES);
}

/** The value to store after starring (`favourite`) or unstarring `id`; starred last = listed last. */
export function withFavouriteModel(favourites: readonly string[], id: string, favourite: boolean): { v: number; ids: string[] } {
  const rest = favourites.filter((f) => f !== id);
  return { v: STORAGE_VERSIONS.favouriteChatModels, ids: (favourite ? [...rest, id] : rest).slice(0, MAX_FAVOURITES) };
}

export function readDefaultSystemPrompt(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return '';
  const { v, text } = raw as { v?: unknown; text?: unknown };
  if (v !== STORAGE_VERSIONS.defaultSystemPrompt || typeof text !== 'string' || text.length > MAX_DEFAULT_SYSTEM_CHARS) return '';
  return text;
}

export function storedDefaultSystemPrompt(text: string): { v: number; text: string } {
  return { v: STORAGE_VERSIONS.defaultSystemPrompt, text: text.slice(0, MAX_DEFAULT_SYSTEM_CHARS) };
}
