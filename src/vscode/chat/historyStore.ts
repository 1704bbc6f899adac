// Stored conversations, in workspace storage through a tiny key-value interface (vscode.Memento
// satisfies it). One key per conversation plus an index, so listing never loads every transcript.
// Everything read back is checked: a record whose `v` we don't know, or that is malformed, is
// dropped rather than trusted.
import type { KeyValueStore } from '../../core/bedrock/keyValueStore';
import type { ConversationSummary, PersistedConversation, PersistedTurn } from '../../shared/protocol';
import { redactConversation } from './redactChat';

export const HISTORY_INDEX_KEY = 'bedrock.chat.history';
const CONVERSATION_KEY_PREFIX = 'bedrock.chat.conversation/';
/** Oldest conversations beyond this are deleted: workspace storage is not an archive. */
export const MAX_CONVERSATIONS = 200;

interface HistoryIndex {
  v: 1;
  /** Most recent first. */
  items: ConversationSummary[];
}

export class HistoryStore {
  constructor(private readonly kv: KeyValueStore) {}

  list(): ConversationSummary[] {
    return readIndex(this.kv.get(HISTORY_INDEX_KEY)).items;
  }

  get(id: string): PersistedConversation | undefined {
    return readConversation(this.kv.get(CONVERSATION_KEY_PREFIX + id));
  }

  async save(conv: PersistedConversation): Promise<void> {
    conv = redactConversation(conv);
    const summary: ConversationSummary = { id: conv.id, title: conv.title, updatedAt: conv.updatedAt, turnCount: conv.turns.length };
    const items = [summary, ...this.list().filter((s) => s.id !== conv.id)].sort((a, b) => b.updatedAt - a.updatedAt);
    const dropped = items.splice(MAX_CONVERSATIONS);
    await this.kv.update(CONVERSATION_KEY_PREFIX + conv.id, conv);
    for (const d of dropped) await this.kv.update(CONVERSATION_KEY_PREFIX + d.id, undefined);
    await this.kv.update(HISTORY_INDEX_KEY, { v: 1, items } satisfies HistoryIndex);
  }

  async delete(id: string): Promise<void> {
    await this.kv.update(CONVERSATION_KEY_PREFIX + id, undefined);
    await this.kv.update(HISTORY_INDEX_KEY, { v: 1, items: this.list().filter((s) => s.id !== id) } satisfies HistoryIndex);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readIndex(raw: unknown): HistoryIndex {
  if (!isRecord(raw) || raw.v !== 1 || !Array.isArray(raw.items)) return { v: 1, items: [] };
  const items = raw.items.filter(
    (s): s is ConversationSummary =>
      isRecord(s) && typeof s.id === 'string' && typeof s.title === 'string' && typeof s.updatedAt === 'number' && typeof s.turnCount === 'number',
  );
  return { v: 1, items };
}

/** A stored conversation in the current format, or undefined (unknown version or malformed). */
export function readConversation(raw: unknown): PersistedConversation | undefined {
  if (!isRecord(raw) || raw.v !== 1) return undefined;
  if (typeof raw.id !== 'string' || typeof raw.title !== 'string' || typeof raw.createdAt !== 'number' || typeof raw.updatedAt !== 'number') return undefined;
  if (!Array.isArray(raw.turns) || !raw.turns.every(isTurn)) return undefined;
  return raw as unknown as PersistedConversation;
}

function isTurn(t: unknown): t is PersistedTurn {
  return isRecord(t) && (t.role === 'user' || t.role === 'assistant') && typeof t.text === 'string' && (t.reasoning === undefined || Array.isArray(t.reasoning));
}
