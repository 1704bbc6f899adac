// Every message between the chat panel host and its webview, one discriminated union per direction,
// discriminated by `method` (`domain/verb`). Types only: the gate for webview messages is
// `webviewMessages.ts`, the readers of persisted state `persistedRecords.ts`
// (conversations) and `persistedReaders.ts` (webview state), the link policy
// `links.ts` — all plain data and pure functions, so both bundles can import them.
//
// Streams: every `chat/send` gets exactly one terminal message. A reply is
// `chat/start → (chat/delta | chat/route | chat/retry)* → chat/end | chat/error`; a request the
// host refuses before it starts (malformed, too long, no model, history unreadable) is a lone
// `chat/error` with seq 0. All carry the `requestId` the webview chose in `chat/send` and a `seq`
// that starts at 0 and grows by one per message, so the webview can drop stale or out-of-order
// posts (e.g. from a request it already cancelled).
import type { ApiId } from '../core/bedrock/catalog/apiId';
import type { StopReason } from '../core/bedrock/adapters/chatEvent';
import type { ErrorActionId, ErrorKind } from '../core/bedrock/errors/classifiedError';

// ---------------------------------------------------------------------------------------------
// Shared value shapes
// ---------------------------------------------------------------------------------------------

/** What the code-block buttons ask the host to do with a fenced code block. */
export type CodeAction = 'copy' | 'insert' | 'openInNewFile';

/** One entry of the model picker. */
export interface ModelOption {
  /** Model id, inference-profile id or ARN, exactly as the router accepts it. */
  id: string;
  /** Human label, e.g. "Claude Sonnet 4 (us profile)". */
  label: string;
  /** Provider name for grouping, e.g. "Anthropic". */
  provider?: string;
  /** True when the model accepts images in the prompt. */
  images?: boolean;
  /** Short capability labels shown next to the model in the picker (e.g. "Converse", "Stream"). */
  badges?: string[];
  /** Chat APIs the model is known to support, offered as per-turn overrides (empty = auto only). */
  apis?: ApiId[];
  /** The model's largest output, in tokens; the max-tokens field is clamped to it. */
  maxOutputTokens?: number;
}

/** Sampling parameters the user set for a conversation; absent = the model's default. */
export interface ChatParams {
  /** 0..1 (clamped further by the host to the model's range). */
  temperature?: number;
  /** Upper bound on reply tokens, clamped to the model's known limit. */
  maxTokens?: number;
  /** Nucleus sampling, 0..1. */
  topP?: number;
}

/** Figures for the per-turn line under a reply. Every figure is optional: not every API reports all. */
export interface TurnStats {
  /** Model or profile id that actually served the turn (after any fallback). */
  modelId: string;
  /** The Bedrock API that served the turn. */
  api: ApiId;
  /** Milliseconds from send to the first streamed token. */
  timeToFirstTokenMs?: number;
  /** Input tokens, as reported by the service. */
  inputTokens?: number;
  /** Output tokens, as reported by the service. */
  outputTokens?: number;
  /** Output tokens per second over the streaming part of the turn. */
  tokensPerSecond?: number;
  /** Milliseconds from send to the end of the stream. */
  totalLatencyMs?: number;
  /** Why the router left the first route for this one (fallback), when it did. */
  routeNote?: string;
}

/** A classified failure as the webview shows it: the router's message and one action button. */
export interface WireError {
  /** Which of the few failure kinds the UI distinguishes. */
  kind: ErrorKind;
  /** Plain-language message for the user. */
  message: string;
  /** The action button the error offers (`none` = no button). */
  action: { id: ErrorActionId; label: string };
  /** Service text for a "details" disclosure; never contains credentials. */
  detail?: string;
}

/** A reasoning block as kept in history: signed or redacted blocks must be sent back verbatim. */
export interface WireReasoning {
  /** Reasoning text (empty for redacted blocks). */
  text: string;
  /** The signature the API attached to the block, when signed. */
  signature?: string;
  /** Redacted reasoning bytes, base64: opaque, only ever sent back to the API. */
  redactedBase64?: string;
}

// ---------------------------------------------------------------------------------------------
// Persisted shapes (versioned: readers migrate or drop anything whose `v` they do not know)
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Webview → host
// ---------------------------------------------------------------------------------------------

/** The webview has loaded and listens; the host queues every post until it sees this. */
export interface WebviewReadyMessage {
  /** Message kind. */
  method: 'webview/ready';
}

/** Send a user message; the reply streams back under `requestId`. */
export interface ChatSendMessage {
  /** Message kind. */
  method: 'chat/send';
  /** Id the webview chose for the reply stream; echoed on every stream message. */
  requestId: string;
  /** Conversation this turn belongs to; the host creates it if unknown. */
  conversationId: string;
  /** The user's text. */
  text: string;
  /** Model or profile id to use; the host falls back to its default when absent. */
  modelId?: string;
  /** When set, replace the conversation from this turn index on (edit-and-resend, regenerate). */
  replaceFromTurn?: number;
  /** System prompt for the conversation (kept with it). */
  system?: string;
  /** Sampling parameters; the host clamps them to the model's limits. */
  params?: ChatParams;
  /** Force this API for the turn instead of the router's choice. */
  api?: ApiId;
}

/** Stop the stream `requestId`: the host aborts the HTTP request. */
export interface ChatCancelMessage {
  /** Message kind. */
  method: 'chat/cancel';
  /** The stream to stop. */
  requestId: string;
}

/** The user pressed the action button of an inline error (retry, sign in, choose profile, …). */
export interface ErrorActionMessage {
  /** Message kind. */
  method: 'error/action';
  /** The failed stream whose error offered the action. */
  requestId: string;
  /** Which action. */
  actionId: ErrorActionId;
}

/** The user clicked a link in rendered output; the host opens it (http, https and mailto only). */
export interface LinkOpenMessage {
  /** Message kind. */
  method: 'link/open';
  /** Absolute URL; the host re-checks the scheme before opening. */
  href: string;
}

/** Copy a code block to the clipboard (the webview has no clipboard permission of its own). */
export interface CodeCopyMessage {
  /** Message kind. */
  method: 'code/copy';
  /** The code block's text. */
  code: string;
}

/** Insert a code block at the cursor of the active editor. */
export interface CodeInsertMessage {
  /** Message kind. */
  method: 'code/insert';
  /** The code block's text. */
  code: string;
  /** The fence's language tag, if any. */
  language?: string;
}

/** Open a code block in a new untitled editor. */
export interface CodeOpenInNewFileMessage {
  /** Message kind. */
  method: 'code/openInNewFile';
  /** The code block's text. */
  code: string;
  /** The fence's language tag, used to pick the editor language. */
  language?: string;
}

/** Ask for the model list; the host answers with `models/list`. */
export interface ModelsListRequestMessage {
  /** Message kind. */
  method: 'models/list';
}

/** The user picked a model or profile. */
export interface ModelsSelectMessage {
  /** Message kind. */
  method: 'models/select';
  /** Model or profile id. */
  modelId: string;
}

/** Ask for the history list; the host answers with `history/list`. */
export interface HistoryListRequestMessage {
  /** Message kind. */
  method: 'history/list';
}

/** Open a stored conversation; the host answers with `history/load`. */
export interface HistoryOpenMessage {
  /** Message kind. */
  method: 'history/open';
  /** Conversation id. */
  conversationId: string;
}

/** Delete a stored conversation. */
export interface HistoryDeleteMessage {
  /** Message kind. */
  method: 'history/delete';
  /** Conversation id. */
  conversationId: string;
}

/** Start a new, empty conversation. */
export interface HistoryNewMessage {
  /** Message kind. */
  method: 'history/new';
  /** Id the webview chose for the new conversation. */
  conversationId: string;
}

/** Escape in an idle composer: give the keyboard back to the editor the user was in. */
export interface EditorFocusMessage {
  /** Message kind. */
  method: 'editor/focus';
}

export type WebviewToHostMessage =
  | WebviewReadyMessage
  | ChatSendMessage
  | ChatCancelMessage
  | ErrorActionMessage
  | LinkOpenMessage
  | CodeCopyMessage
  | CodeInsertMessage
  | CodeOpenInNewFileMessage
  | ModelsListRequestMessage
  | ModelsSelectMessage
  | HistoryListRequestMessage
  | HistoryOpenMessage
  | HistoryDeleteMessage
  | HistoryNewMessage
  | EditorFocusMessage;

// ---------------------------------------------------------------------------------------------
// Host → webview
// ---------------------------------------------------------------------------------------------

/** A reply stream begins. */
export interface ChatStartMessage {
  /** Message kind. */
  method: 'chat/start';
  /** The id from `chat/send`. */
  requestId: string;
  /** Always 0: the first message of a stream. */
  seq: number;
  /** Conversation the reply belongs to. */
  conversationId: string;
  /** Model or profile id serving the turn. */
  modelId: string;
  /** API serving the turn. */
  api: ApiId;
}

/** A piece of the reply. */
export interface ChatDeltaMessage {
  /** Message kind. */
  method: 'chat/delta';
  /** The id from `chat/send`. */
  requestId: string;
  /** Previous seq + 1. */
  seq: number;
  /** `text` = reply markdown, `reasoning` = reasoning text for the collapsible block. */
  channel: 'text' | 'reasoning';
  /** The new characters, appended to what came before on the same channel. */
  text: string;
}

/** The router moved the turn to another route (fallback); the per-turn line changes. */
export interface ChatRouteMessage {
  /** Message kind. */
  method: 'chat/route';
  /** The id from `chat/send`. */
  requestId: string;
  /** Previous seq + 1. */
  seq: number;
  /** Model or profile id now serving the turn. */
  modelId: string;
  /** API now serving the turn. */
  api: ApiId;
  /** Why the previous route was left, for a one-line note. */
  reason?: string;
}

/** The service failed transiently and the request is being retried; the turn line says "retrying (2/3)…". */
export interface ChatRetryMessage {
  /** Message kind. */
  method: 'chat/retry';
  /** The id from `chat/send`. */
  requestId: string;
  /** Previous seq + 1. */
  seq: number;
  /** The attempt about to be made (2 = the first retry). */
  attempt: number;
  maxAttempts: number;
  /** What failed (exception name, HTTP status or network error). */
  reason: string;
  /** The wait before the attempt. */
  delayMs: number;
}

/** The reply finished normally. Terminal. */
export interface ChatEndMessage {
  /** Message kind. */
  method: 'chat/end';
  /** The id from `chat/send`. */
  requestId: string;
  /** Previous seq + 1. */
  seq: number;
  /** Why the model stopped. */
  stopReason: StopReason;
  /** Figures for the per-turn line. */
  stats: TurnStats;
}

/** The reply failed, was cancelled, or was refused before it started. Terminal; the partial reply stays on screen. */
export interface ChatErrorMessage {
  /** Message kind. */
  method: 'chat/error';
  /** The id from `chat/send`. */
  requestId: string;
  /** Previous seq + 1; 0 when the request was refused before its stream started. */
  seq: number;
  /** The classified error with its action. */
  error: WireError;
  /** Figures known so far, if any. */
  stats?: TurnStats;
}

/** The model list, answering `models/list` or after the catalog changed. */
export interface ModelsListMessage {
  /** Message kind. */
  method: 'models/list';
  /** Models and profiles the picker offers. */
  models: ModelOption[];
  /** Id selected by default. */
  selectedModelId?: string;
}

/** The history list, answering `history/list` or after a conversation changed. */
export interface HistoryListMessage {
  /** Message kind. */
  method: 'history/list';
  /** Stored conversations, most recent first. */
  conversations: ConversationSummary[];
}

/** Show this conversation (after `history/open`, or on restore after a reload). */
export interface HistoryLoadMessage {
  /** Message kind. */
  method: 'history/load';
  /** The conversation to render. */
  conversation: PersistedConversation;
}

/** Put text into the input box (e.g. from "Explain selection"); `send` submits it right away. */
export interface ChatPrefillMessage {
  /** Message kind. */
  method: 'chat/prefill';
  /** Text for the input box. */
  text: string;
  /** Submit immediately instead of waiting for the user. */
  send?: boolean;
  /** Model or profile to select first (e.g. the default chat model for "Explain Selection"). */
  modelId?: string;
}

export type HostToWebviewMessage =
  | ChatStartMessage
  | ChatDeltaMessage
  | ChatRouteMessage
  | ChatRetryMessage
  | ChatEndMessage
  | ChatErrorMessage
  | ModelsListMessage
  | HistoryListMessage
  | HistoryLoadMessage
  | ChatPrefillMessage;

/** The stream-lifecycle subset of host messages, all keyed by `requestId` + `seq`. */
export type ChatStreamMessage = ChatStartMessage | ChatDeltaMessage | ChatRouteMessage | ChatRetryMessage | ChatEndMessage | ChatErrorMessage;
