// The models and history a chat surface shows: the model list (with the shared favourites and
// recent models), the stored conversations, and deleting one with its images. None of it needs
// vscode, and every read degrades to something the panel can still show instead of throwing, so
// ChatPanelHost only posts the results.
import type { ConversationSummary, HostToWebviewMessage, ModelOption, PersistedConversation } from '../../shared/protocol';
import { readStoredConversation } from '../../shared/persistedRecords';
import type { ChatBackend } from './chatBackend';
import type { HistoryStore } from './historyStore';
import { imageIdsOf, type ImageStore } from './imageTurn';

/** What the chat keeps across surfaces and sessions (ModelChoice in the extension). */
export interface ChatPreferences {
  /** The shared choice: last used, else the setting, else a mid-size default. */
  current(): string | undefined;
  recent(): string[];
  favourites(): string[];
  setFavourite(modelId: string, favourite: boolean): unknown;
  defaultSystem(): string;
  saveDefaultSystem(text: string): unknown;
  onDidChange(listener: (change: 'model' | 'favourites' | 'defaultSystem') => void): { dispose(): void };
}

/** Logs a problem (the host throttles by `kind`). */
export type ReadWarning = (kind: string, message: string) => void;

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The backend's chat models (or `previous` when it cannot list them) and the `models/list` message
 * for them, with the selection falling back to the backend's default, then the first model.
 */
export async function readModelsList(
  backend: Pick<ChatBackend, 'chatModels' | 'defaultModelId'>,
  previous: ModelOption[],
  selectedModelId: string | undefined,
  preferences: Pick<ChatPreferences, 'favourites' | 'recent'> | undefined,
  log?: { warn(message: string): void },
): Promise<{ models: ModelOption[]; message: HostToWebviewMessage }> {
  let models = previous;
  try {
    models = await backend.chatModels();
  } catch (e) {
    log?.warn(`chat panel: model list unavailable: ${describe(e)}`);
  }
  const selected = selectedModelId ?? backend.defaultModelId?.() ?? models[0]?.id;
  const message: HostToWebviewMessage = {
    method: 'models/list',
    models,
    ...(selected ? { selectedModelId: selected } : {}),
    ...(preferences ? { favourites: preferences.favourites(), recent: preferences.recent() } : {}),
  };
  return { models, message };
}

/** The stored list, or an empty one when the store cannot be read: the panel must still come up. */
export function readHistoryList(history: Pick<HistoryStore, 'list'>, warn: ReadWarning): ConversationSummary[] {
  try {
    return history.list();
  } catch (e) {
    warn('history list', `chat panel: the chat history could not be read: ${describe(e)}`);
    return [];
  }
}

/** A stored conversation as far as it can be read (see `readStoredConversation`), never a throw. */
export function readConversation(history: Pick<HistoryStore, 'get'>, id: string, warn: ReadWarning): PersistedConversation | undefined {
  try {
    return readStoredConversation(history.get(id));
  } catch (e) {
    warn('history get', `chat panel: a stored conversation could not be read: ${describe(e)}`);
    return undefined;
  }
}

/** Deletes a stored conversation; its images go with it (files in the extension's storage, named only by this conversation). */
export async function deleteConversation(history: Pick<HistoryStore, 'get' | 'delete'>, images: Pick<ImageStore, 'remove'> | undefined, id: string, warn: ReadWarning): Promise<void> {
  const imageIds = imageIdsOf(readConversation(history, id, warn));
  await history.delete(id);
  if (imageIds.length) await images?.remove?.(imageIds);
}
