// The history messages: listing, opening, deleting and starting conversations (webview → host),
// and the host's list and conversation to render. Part of the protocol; protocol.ts re-exports
// them and lists them in its unions.
import type { ConversationSummary, PersistedConversation } from './persistedShapes';

// Webview → host

/** Ask for the history list; the host answers with `history/list`. */
export interface HistoryListRequestMessage {
  method: 'history/list';
}

/** Open a stored conversation; the host answers with `history/load`. */
export interface HistoryOpenMessage {
  method: 'history/open';
  /** Conversation id. */
  conversationId: string;
}

/** Delete a stored conversation. */
export interface HistoryDeleteMessage {
  method: 'history/delete';
  /** Conversation id. */
  conversationId: string;
}

/** Start a new, empty conversation. */
export interface HistoryNewMessage {
  method: 'history/new';
  /** Id the webview chose for the new conversation. */
  conversationId: string;
}

// Host → webview

/** The history list, answering `history/list` or after a conversation changed. */
export interface HistoryListMessage {
  method: 'history/list';
  /** Stored conversations, most recent first. */
  conversations: ConversationSummary[];
}

/** Show this conversation (after `history/open`, or on restore after a reload). */
export interface HistoryLoadMessage {
  method: 'history/load';
  /** The conversation to render. */
  conversation: PersistedConversation;
}
