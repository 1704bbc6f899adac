// Every key the extension stores under, and the format version of what it stores there, in one
// place. A reader accepts its current version, migrates the older ones it lists, and drops anything
// else (with a warning) rather than guessing.

/** Format versions of the stored values; bump one when its shape changes and teach its reader the old one. */
export const STORAGE_VERSIONS = {
  catalog: 1,
  learned: 1,
  historyIndex: 1,
  conversation: 1,
  explorerFilter: 1,
  trustedEndpoints: 1,
  recentChatModels: 1,
  favouriteChatModels: 1,
  defaultSystemPrompt: 1,
} as const;

/** Global state: the last model list of a region and AWS profile (a cache; a fresh list replaces it). */
export const catalogKey = (region: string, profile: string | undefined) => `bedrock.catalog.v${STORAGE_VERSIONS.catalog}.${region}.${profile ?? 'default'}`;

/** Global state: what the router learned in a region. Values before `v` was stored are migrated. */
export const learnedKey = (region: string) => `bedrock.learned.v1.${region}`;

/** Workspace state: the list of stored conversations, most recent first. */
export const HISTORY_INDEX_KEY = 'bedrock.chat.history';

/** Workspace state: one key per conversation, this prefix plus its id. */
export const CONVERSATION_KEY_PREFIX = 'bedrock.chat.conversation/';

/** Global state: the explorer's filter. Values before `v` was stored are migrated. */
export const EXPLORER_FILTER_KEY = 'bedrock.explorer.filter';

/** Global state: origins outside AWS the user agreed to send credentials to. Values before `v` was stored are migrated. */
export const TRUSTED_ENDPOINTS_KEY = 'bedrock.trustedEndpoints';

/** Global state: the chat models the user picked or chatted with, most recent first (shared by the chat, Explain and Ask). */
export const RECENT_CHAT_MODELS_KEY = 'bedrock.chat.recentModels';

/** Global state: the chat models the user starred, listed first in the picker. */
export const FAVOURITE_CHAT_MODELS_KEY = 'bedrock.chat.favouriteModels';

/** Global state: the system prompt every new chat starts with (empty = none). */
export const DEFAULT_SYSTEM_PROMPT_KEY = 'bedrock.chat.defaultSystemPrompt';
