// The persisted shapes: conversations as the host stores them, and the webview's own saved state.
// Versioned: readers (`persistedRecords.ts`, `persistedReaders.ts`) migrate or drop anything whose
// `v` they do not know. Types only.
import type { ApiId } from '../core/bedrock/catalog/apiId';
import type { StopReason } from '../core/bedrock/adapters/chatEvent';
import type { ChatContext, ChatParams, TurnStats, WireError, WireReasoning, WireToolCall } from './wireValues';
import type { ImageTurnOptions, StoredImage } from './imageProtocol';
import type { WireAttachment } from './attachments';
import type { StoredAudio } from './voiceProtocol';

/** One turn of a stored conversation. */
export interface PersistedTurn {
  /** Who spoke. */
  role: 'user' | 'assistant';
  /** The message text (markdown for assistant turns). */
  text: string;
  /** Reasoning blocks of an assistant turn, in order. */
  reasoning?: WireReasoning[];
  /** The per-turn figures of an assistant turn. */
  stats?: TurnStats;
  /** Why an assistant turn stopped. */
  stopReason?: StopReason;
  /** Set when the turn failed; `text` then holds the partial reply. */
  error?: WireError;
  /** An image turn's images (assistant turns). */
  images?: StoredImage[];
  /** The image options a user turn was sent with, so it can be sent again. */
  imageOptions?: ImageTurnOptions;
  /** A user turn from an editor command: `text` is the user's words, the code goes to the model from here. */
  context?: ChatContext;
  /** Tool calls of an assistant turn, in the order the model made them (a turn without agent steps). */
  tools?: WireToolCall[];
  /**
   * An agent reply's model steps that ended in tool calls, in order; the turn's own `text` and
   * `reasoning` are then the final answer (the step after the last tool results).
   */
  steps?: PersistedStep[];
  /** A voice turn's clip, by its hash: the user's recording or file, or the spoken reply. */
  audio?: StoredAudio;
  /** What a user turn attached, by reference (a workspace file or a content hash), never the bytes. */
  attachments?: WireAttachment[];
}

/** One model step of an agent reply: what the model said, then the tools it called (with their results). */
export interface PersistedStep {
  /** Text the model wrote before calling the tools. */
  text: string;
  /** Reasoning blocks of the step, in order (signed ones are sent back before the tool calls). */
  reasoning?: WireReasoning[];
  /** The calls the step made, each with its result once it has one. */
  tools: WireToolCall[];
}

/** A stored conversation, as the host keeps it in workspace storage. */
export interface PersistedConversation {
  /** Format version; bump and migrate when the shape changes. */
  v: 1;
  /** Stable id, chosen by whoever created the conversation. */
  id: string;
  /** Title for the history list (first user message, shortened). */
  title: string;
  /** Creation time, ms since the epoch. */
  createdAt: number;
  /** Last change, ms since the epoch. */
  updatedAt: number;
  /** Model or profile id the conversation last used. */
  modelId?: string;
  /** System prompt for every turn of the conversation. */
  system?: string;
  /** Sampling parameters for the conversation. */
  params?: ChatParams;
  /** API override (absent = the router picks). */
  api?: ApiId;
  /** Agent mode was on for the last message sent (the composer's toggle follows it). */
  agent?: boolean;
  /** The turns, oldest first. */
  turns: PersistedTurn[];
}

/** What the webview keeps with `vscode.setState`, so a hidden or reloaded panel comes back as it was. */
export interface PersistedWebviewState {
  /** Format version; readers drop state whose `v` they do not know. */
  v: 1;
  /** The conversation on screen, if any. */
  conversationId?: string;
  /** Unsent text in the input box. */
  draft: string;
  /** Model or profile id selected in the picker. */
  selectedModelId?: string;
  /** Scroll position of the transcript, in CSS pixels. */
  scrollTop?: number;
  /** Agent mode is on in this chat (the toggle in the composer). */
  agent?: boolean;
  /** Chips in the tray, not yet sent: references only (a workspace file or a stored copy's hash). */
  attachments?: WireAttachment[];
}

/** Summary line of one conversation in the history list. */
export interface ConversationSummary {
  /** Conversation id. */
  id: string;
  /** Title shown in the list. */
  title: string;
  /** Last change, ms since the epoch. */
  updatedAt: number;
  /** Number of turns, for the list's secondary text. */
  turnCount: number;
}
