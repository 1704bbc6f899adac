// Stored conversations, in workspace storage through a tiny key-value interface (vscode.Memento
// satisfies it). One key per conversation plus an index, so listing never loads every transcript.
// Everything read back is checked field by field: a bad turn or summary is dropped and the rest
// kept. When the index is unreadable or lost entries, the list is rebuilt from the conversation
// records themselves, so the next save never writes an index that forgets good conversations, and
// a record the index could not vouch for is never deleted.
import type { KeyValueStore } from '../keyValueStore';
import { readStored, warnOnce } from '../schema';
import { CONVERSATION_KEY_PREFIX, HISTORY_INDEX_KEY, STORAGE_VERSIONS } from '../storageKeys';
import { historyIndexSchema, persistedConversationSchema, type HistoryIndex } from '../../shared/persistedRecords';
import type { ConversationSummary, PersistedConversation } from '../../shared/protocol';
import { redactConversation } from './redactChat';

export { HISTORY_INDEX_KEY };
/** Oldest conversations beyond this are deleted: workspace storage is not an archive. */
export const MAX_CONVERSATIONS = 200;

const summaryOf = (conv: PersistedConversation): ConversationSummary => ({ id: conv.id, title: conv.title, updatedAt: conv.updatedAt, turnCount: conv.turns.length });
const byRecent = (a: ConversationSummary, b: ConversationSummary) => b.updatedAt - a.updatedAt;

export class HistoryStore {
  private readonly warn: (message: string) => void;
  /** Conversations whose record was found unreadable: no longer listed, but never deleted by us. */
  private readonly unreadable = new Set<string>();

  /** `warn` hears, once each, what was unreadable and dropped. */
  constructor(
    private readonly kv: KeyValueStore,
    warn: (message: string) => void = () => undefined,
  ) {
    this.warn = warnOnce(warn);
  }

  list(): ConversationSummary[] {
    const raw = this.kv.get(HISTORY_INDEX_KEY);
    let lossy = false;
    const index =
      raw === undefined
        ? undefined
        : readStored(historyIndexSchema, raw, 'the chat history list', (message) => {
            lossy = true;
            this.warn(message);
          });
    const seen = new Set<string>(this.unreadable);
    const items = (index?.items ?? []).filter((s) => !seen.has(s.id) && seen.add(s.id));
    if (index && !lossy) return items;
    // Nothing trustworthy says which conversations exist: the records do.
    for (const key of this.kv.keys?.() ?? []) {
      if (!key.startsWith(CONVERSATION_KEY_PREFIX)) continue;
      const id = key.slice(CONVERSATION_KEY_PREFIX.length);
      if (seen.has(id)) continue;
      const conv = this.get(id);
      if (conv) items.push(summaryOf(conv));
    }
    return items.sort(byRecent);
  }

  get(id: string): PersistedConversation | undefined {
    const raw = this.kv.get(CONVERSATION_KEY_PREFIX + id);
    const conv = readConversation(raw, this.warn, id);
    if (raw !== undefined && !conv) this.unreadable.add(id);
    return conv;
  }

  async save(conv: PersistedConversation): Promise<void> {
    conv = redactConversation(conv);
    this.unreadable.delete(conv.id);
    const items = [summaryOf(conv), ...this.list().filter((s) => s.id !== conv.id)].sort(byRecent);
    const dropped = items.splice(MAX_CONVERSATIONS);
    await this.kv.update(CONVERSATION_KEY_PREFIX + conv.id, conv);
    for (const d of dropped) await this.kv.update(CONVERSATION_KEY_PREFIX + d.id, undefined);
    await this.kv.update(HISTORY_INDEX_KEY, { v: STORAGE_VERSIONS.historyIndex, items } satisfies HistoryIndex);
  }

  async delete(id: string): Promise<void> {
    this.unreadable.delete(id);
    const items = this.list().filter((s) => s.id !== id);
    await this.kv.update(CONVERSATION_KEY_PREFIX + id, undefined);
    await this.kv.update(HISTORY_INDEX_KEY, { v: STORAGE_VERSIONS.historyIndex, items } satisfies HistoryIndex);
  }
}

/**
 * A stored conversation in the current format with every unreadable part dropped, or undefined
 * (nothing stored, an unknown version, a bad required field, or stored under another id).
 */
export function readConversation(raw: unknown, warn: (message: string) => void = () => undefined, expectedId?: string): PersistedConversation | undefined {
  if (raw === undefined) return undefined;
  const name = expectedId === undefined ? 'a stored chat' : `the stored chat ${expectedId.length > 40 ? `${expectedId.slice(0, 40)}…` : expectedId}`;
  const conv = readStored(persistedConversationSchema, raw, name, warn);
  if (conv && expectedId !== undefined && conv.id !== expectedId) {
    warn(`Ignored ${name}: it holds a different conversation.`);
    return undefined;
  }
  return conv;
}
